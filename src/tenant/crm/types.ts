// The shapes of the tenant file's `crm:` section once validated: one CRM
// configuration per entry (Kustomer first; `type` leaves room for other CRMs),
// its enabled workflows, seed records, memorialization and dynamic data
// mappings, plus the workflow data profiles WORKFLOWDATA loads.

export const CRM_TYPES = ['Kustomer'] as const;
export type CrmType = (typeof CRM_TYPES)[number];

/** Kustomer regions: chosen when the configuration is created, never changed. */
export const REGIONS = ['AMERICAS', 'APAC', 'EMEA'] as const;
export type Region = (typeof REGIONS)[number];

export const WORKFLOW_KINDS = ['SearchForANI', 'CreateCustomer', 'CreateConversation', 'CreateKorder', 'CustomSearch', 'CustomUpdate'] as const;
export type WorkflowKind = (typeof WORKFLOW_KINDS)[number];

export const CHANNELS = ['Voice', 'Digital'] as const;
export type Channel = (typeof CHANNELS)[number];

export interface WorkflowConfig {
  id: string;
  kind: WorkflowKind;
  /** A listed workflow can be switched off; running it is then an error. */
  enabled: boolean;
  /** CustomSearch / CustomUpdate: the entity used when the payload names none. */
  entity?: string;
}

/** One mapped CRM field: where its value comes from. */
export type MemorializationSource = { kind: 'field'; field: string } | { kind: 'script'; variable: string };

export interface MemorializationMapping {
  name: string;
  channel: Channel;
  /** Record type written, as configured (`Conversation`); see entityKey(). */
  entity: string;
  /** CRM field -> source, in file order. */
  fields: { crmField: string; source: MemorializationSource }[];
}

export const DYNAMIC_FIELD_TYPES = ['text', 'number', 'date', 'boolean'] as const;
export type DynamicFieldType = (typeof DYNAMIC_FIELD_TYPES)[number];

export interface DynamicDataMapping {
  name: string;
  /** Record type -> fields shown to the agent (at most 5 text and 3 other per type). */
  entities: Record<string, { field: string; type: DynamicFieldType }[]>;
}

export interface CrmConfiguration {
  id: string;
  type: CrmType;
  region: Region;
  baseUrl: string;
  screenpopUrl: string;
  /** [min, max] seconds the first call of a virtual day waits for a new token. */
  tokenRefreshSeconds: [number, number];
  /** Name stamped on created records (Kustomer's system user). */
  systemUser: string;
  workflows: WorkflowConfig[];
  memorialization: MemorializationMapping[];
  dynamicData: DynamicDataMapping[];
  /** The credential (`apiKey`); never shown: effects, traces and messages mask it. */
  secrets: string[];
}

/** A CRM record as stored: JSON data with an `id`. */
export interface CrmRecord {
  id: string;
  [field: string]: unknown;
}

export interface WorkflowDataProfile {
  name: string;
  active: boolean;
  data: Record<string, unknown>;
}

/** `Customer`, `customers`, `Korder` -> the record collection key (`customers`, `korders`). */
export function entityKey(entity: string): string {
  const lower = entity.trim().toLowerCase();
  return lower.endsWith('s') ? lower : `${lower}s`;
}
