// The `crm:` section of the tenant file: its JSON Schema (published with the
// tenant schema), its rule checks (validate.ts) and how a validated section is
// loaded into the store. Seed records are loaded when a configuration is first
// created; with a persistent state file later loads keep the records runs wrote
// and refuse a region change (Kustomer fixes the region at creation).
import { dirname, resolve } from 'node:path';
import { diagnostic, type Diagnostic } from '../../contract/diagnostics.js';
import type { BulkLoad, TenantStore } from '../../contract/tenant-store.js';
import { DataFileError, readDataRows } from '../data-file.js';
import { normalizePhone } from '../phones.js';
import { defineSection, type SectionLoadInfo } from '../section.js';
import { FIELDS_BY_CHANNEL, SCRIPT_PREFIX } from './fields.js';
import { CrmState } from './state.js';
import {
  CHANNELS,
  CRM_TYPES,
  DYNAMIC_FIELD_TYPES,
  REGIONS,
  WORKFLOW_KINDS,
  entityKey,
  type Channel,
  type CrmConfiguration,
  type CrmRecord,
  type DynamicDataMapping,
  type DynamicFieldType,
  type MemorializationMapping,
  type WorkflowConfig,
  type WorkflowKind,
} from './types.js';
import { validateCrm } from './validate.js';
import { phonesOf } from './indexes.js';
import { LIST_FIELDS } from './workflows.js';

export { validateCrm };

export const DEFAULT_TOKEN_REFRESH: [number, number] = [9, 15];
export const DEFAULT_SYSTEM_USER = 'CXone system user';

const text = { type: 'string', minLength: 1 } as const;

/** JSON Schema of `crm:` (the shape; validate.ts checks the rules a schema cannot say). */
export const crmSchema = {
  type: 'array',
  description: 'CRM configurations (Agent Integrations): Kustomer first.',
  items: {
    type: 'object',
    required: ['id', 'type', 'region', 'baseUrl', 'screenpopUrl'],
    additionalProperties: false,
    properties: {
      id: { ...text, description: 'The ConfigurationId scripts use.' },
      type: { enum: [...CRM_TYPES] },
      region: { enum: [...REGIONS], description: 'Fixed once the configuration is created.' },
      description: { type: 'string' },
      baseUrl: { ...text, description: 'https://[orgname].api.kustomerapp.com' },
      screenpopUrl: { ...text, description: 'https://[orgname].kustomerapp.com/app/customers' },
      tokenRefreshSeconds: {
        description: 'Seconds the first workflow call of a virtual day waits for a new token: a number or [min, max].',
        anyOf: [{ type: 'number', minimum: 0 }, { type: 'array', items: { type: 'number', minimum: 0 }, minItems: 2, maxItems: 2 }],
        'x-message': 'must be a number of seconds or [min, max]',
      },
      apiKey: { type: 'string', description: 'Credential; never shown in traces, results or messages.' },
      systemUser: { type: 'string', description: 'Name stamped on records the workflows create.' },
      workflows: {
        type: 'array',
        items: {
          type: 'object',
          required: ['id', 'kind'],
          additionalProperties: false,
          properties: { id: text, kind: { enum: [...WORKFLOW_KINDS] }, enabled: { type: 'boolean' }, entity: text },
        },
      },
      records: {
        type: 'object',
        description: 'Seed records by record type (customers, conversations, korders, or a custom type): a list, or { file } naming a CSV, JSON Lines or JSON data file.',
        additionalProperties: {
          anyOf: [
            { type: 'array', items: { type: 'object' } },
            { type: 'object', required: ['file'], additionalProperties: false, properties: { file: { type: 'string', minLength: 1, description: 'A .csv (header row), .jsonl / .ndjson or .json file of records, relative to the tenant file.' } } },
          ],
          'x-message': 'must be a list of records or { file: <data file> }',
        },
      },
      memorialization: {
        type: 'array',
        items: {
          type: 'object',
          required: ['name', 'channel', 'entity', 'fields'],
          additionalProperties: false,
          properties: {
            name: text,
            channel: { enum: [...CHANNELS] },
            entity: text,
            description: { type: 'string' },
            fields: { type: 'object', additionalProperties: { type: 'string' }, description: 'CRM field -> CXone data field or "script:<variable>".' },
          },
        },
      },
      dynamicData: {
        type: 'array',
        items: {
          type: 'object',
          required: ['name', 'entity', 'fields'],
          additionalProperties: false,
          properties: {
            name: text,
            entity: text,
            description: { type: 'string' },
            fields: {
              type: 'array',
              items: {
                anyOf: [
                  text,
                  { type: 'object', required: ['field'], additionalProperties: false, properties: { field: text, type: { enum: [...DYNAMIC_FIELD_TYPES] } } },
                ],
              },
            },
          },
        },
      },
    },
  },
} as const;

type Obj = Record<string, unknown>;

/** A validated configuration entry, normalised. */
export function parseConfiguration(raw: Obj): { config: CrmConfiguration; records: Record<string, CrmRecord[]>; files: { entity: string; file: string }[] } {
  const refresh = raw.tokenRefreshSeconds;
  const tokenRefreshSeconds: [number, number] =
    typeof refresh === 'number' ? [refresh, refresh] : Array.isArray(refresh) ? [Number(refresh[0]), Number(refresh[1])] : DEFAULT_TOKEN_REFRESH;
  const workflows: WorkflowConfig[] = ((raw.workflows as Obj[] | undefined) ?? []).map((w) => ({
    id: String(w.id),
    kind: w.kind as WorkflowKind,
    enabled: w.enabled !== false,
    ...(typeof w.entity === 'string' ? { entity: w.entity } : {}),
  }));
  const memorialization: MemorializationMapping[] = ((raw.memorialization as Obj[] | undefined) ?? []).map((m) => {
    const channel = m.channel as Channel;
    return {
      name: String(m.name),
      channel,
      entity: String(m.entity),
      fields: Object.entries(m.fields as Record<string, string>).map(([crmField, source]) => ({
        crmField,
        source: source.toLowerCase().startsWith(SCRIPT_PREFIX)
          ? { kind: 'script' as const, variable: source.slice(SCRIPT_PREFIX.length).trim() }
          : { kind: 'field' as const, field: FIELDS_BY_CHANNEL[channel].find((f) => f.toLowerCase() === source.toLowerCase()) ?? source },
      })),
    };
  });
  const dynamicData: DynamicDataMapping[] = [];
  for (const m of (raw.dynamicData as Obj[] | undefined) ?? []) {
    const name = String(m.name);
    let mapping = dynamicData.find((d) => d.name.toLowerCase() === name.toLowerCase());
    if (!mapping) dynamicData.push((mapping = { name, entities: {} }));
    const fields = (m.fields as unknown[]).map((f) =>
      typeof f === 'string' ? { field: f, type: 'text' as DynamicFieldType } : { field: String((f as Obj).field), type: ((f as Obj).type ?? 'text') as DynamicFieldType },
    );
    const key = entityKey(String(m.entity));
    mapping.entities[key] = [...(mapping.entities[key] ?? []), ...fields];
  }
  const records: Record<string, CrmRecord[]> = {};
  const files: { entity: string; file: string }[] = [];
  for (const [entity, list] of Object.entries((raw.records as Record<string, Obj[] | { file: string }> | undefined) ?? {})) {
    if (!Array.isArray(list)) files.push({ entity, file: list.file });
    else records[entityKey(entity)] = list.map((r) => ({ ...r, id: r.id === undefined ? '' : String(r.id) }));
  }
  return {
    config: {
      id: String(raw.id),
      type: raw.type as CrmConfiguration['type'],
      region: raw.region as CrmConfiguration['region'],
      baseUrl: String(raw.baseUrl),
      screenpopUrl: String(raw.screenpopUrl),
      tokenRefreshSeconds,
      systemUser: typeof raw.systemUser === 'string' ? raw.systemUser : DEFAULT_SYSTEM_USER,
      workflows,
      memorialization,
      dynamicData,
      secrets: typeof raw.apiKey === 'string' && raw.apiKey !== '' ? [raw.apiKey] : [],
    },
    records,
    files,
  };
}

/** Raised when a stored configuration would change region. */
export class CrmRegionChangeError extends Error {
  override name = 'CrmRegionChangeError';
  /** Where in the `crm:` section the refused value sits, so the diagnostic points at it. */
  constructor(
    message: string,
    readonly path: (string | number)[],
  ) {
    super(message);
  }
}

/**
 * Loads a validated `crm:` section into the store. Seed records go in only
 * when the configuration is new to the store; records in data files are
 * queued on `info` and streamed in after the sections load.
 */
export function loadCrm(store: TenantStore, value: unknown, info?: SectionLoadInfo): void {
  if (!Array.isArray(value)) return;
  const crm = new CrmState(store);
  store.transaction(() => {
    for (const [index, raw] of (value as Obj[]).entries()) {
      const { config, records, files } = parseConfiguration(raw);
      const existing = crm.configuration(config.id);
      if (existing && existing.region !== config.region)
        throw new CrmRegionChangeError(
          `CRM configuration "${config.id}" was created in region ${existing.region}; a region cannot change (found ${config.region}). Create a new configuration for ${config.region} instead.`,
          [index, 'region'],
        );
      crm.putConfiguration(config);
      if (existing) continue;
      for (const [entity, list] of Object.entries(records)) {
        const coll = crm.records(config.id, entity);
        for (const rec of list) {
          const id = rec.id || crm.newId(config.id, entity);
          coll.put(id, { ...rec, id });
        }
      }
      for (const { entity, file } of files) {
        const path = ['crm', index, 'records', entity, 'file'];
        if (!info) throw new Error(`records.${entity} names a data file (${file}); open the tenant with loadTenant`);
        info.dataFile({ path, file: resolve(info.dir, file), load: (s, bulk) => loadRecordFile(s, bulk, config.id, entity, resolve(info.dir, file)) });
      }
    }
  });
}

/** Data-file warnings shown per file before the rest are summed up. */
const MAX_FILE_WARNINGS = 20;

/** Streams a data file's records into a record type of a configuration. */
async function loadRecordFile(store: TenantStore, bulk: BulkLoad, configId: string, entity: string, file: string): Promise<Diagnostic[]> {
  const crm = new CrmState(store);
  const collection = crm.recordsCollection(configId, entity);
  const customers = entityKey(entity) === 'customers';
  const warnings: Diagnostic[] = [];
  let more = 0;
  for await (const { record, line } of readDataRows(file, { listColumns: LIST_FIELDS })) {
    const given = record.id;
    if (given !== undefined && typeof given !== 'string' && typeof given !== 'number')
      throw new DataFileError([diagnostic('E-TENANT-DATA', 'a record id must be text or a number', { file, line, col: 1 })]);
    const id = given === undefined || given === '' ? crm.newId(configId, entity) : String(given);
    bulk.put(collection, id, { ...record, id });
    if (!customers) continue;
    for (const phone of phonesOf(record as CrmRecord)) {
      if (normalizePhone(phone)) continue;
      if (warnings.length < MAX_FILE_WARNINGS)
        warnings.push(diagnostic('W-TENANT-CRM-PHONE', `customer "${id}": "${phone}" is not a valid phone number; SearchForANI can only match it digit for digit`, { file, line, col: 1 }, 'warning'));
      else more++;
    }
  }
  if (more > 0) warnings.push(diagnostic('W-TENANT-CRM-PHONE', `… and ${more} more customer phone number(s) that are not valid`, { file, line: 1, col: 1 }, 'warning'));
  return warnings;
}

/** The section as the tenant loader's section list expects it. */
export const crmSection = defineSection<unknown>({
  key: 'crm',
  description: 'CRM configurations (Kustomer): region, URLs, workflows, seed records, memorialization and dynamic data mappings.',
  schema: crmSchema as unknown as Record<string, unknown>,
  validate: (doc, locate) => (doc.data.crm === undefined ? [] : validateCrm(doc.data.crm, locate, ['crm'], dirname(resolve(doc.file)))),
  load: (store, data, info) => loadCrm(store, data, info),
});
