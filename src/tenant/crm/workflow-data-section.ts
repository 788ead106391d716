// The `workflowDataProfiles:` section of the tenant file: named key-value
// profiles that WORKFLOWDATA loads into a DDO named after the profile. An
// inactive profile is declared but refuses to load (WORKFLOWDATA's Error branch).
import { diagnostic, type Diagnostic } from '../../contract/diagnostics.js';
import { defineSection } from '../section.js';
import type { TenantStore } from '../../contract/tenant-store.js';
import { CrmState } from './state.js';
import type { Locate, Path } from './validate.js';
import { IDENTIFIER } from '../../contract/variables.js';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);

export const workflowDataSchema = {
  type: 'array',
  description: 'Workflow data profiles loaded by WORKFLOWDATA.',
  items: {
    type: 'object',
    required: ['name', 'data'],
    additionalProperties: false,
    properties: {
      name: { type: 'string', pattern: IDENTIFIER.source, description: 'Also the name of the DDO the script receives.' },
      active: { type: 'boolean' },
      data: { type: 'object', description: 'Keys and values of the profile.' },
    },
  },
} as const;

export function validateWorkflowData(value: unknown, locate: Locate, base: Path = ['workflowDataProfiles']): Diagnostic[] {
  const out: Diagnostic[] = [];
  const err = (message: string, path: Path) => out.push(diagnostic('E-TENANT-WORKFLOWDATA', message, locate(path)));
  if (!Array.isArray(value)) {
    err('workflowDataProfiles must be a list of { name, data, active? }', base);
    return out;
  }
  const seen = new Set<string>();
  value.forEach((p, i) => {
    const at = [...base, i];
    if (!isObj(p)) return err('a workflow data profile must be a mapping { name, data, active? }', at);
    for (const k of Object.keys(p)) if (!['name', 'active', 'data'].includes(k)) err(`unknown profile key "${k}" (expected name, data, active)`, [...at, k]);
    if (typeof p.name !== 'string' || !IDENTIFIER.test(p.name))
      err('a profile name must be a variable name (a letter or _, then letters, digits, _ or $): the script receives a DDO of that name', [...at, 'name']);
    else if (seen.has(p.name.toLowerCase())) err(`profile "${p.name}" is declared twice`, [...at, 'name']);
    else seen.add(p.name.toLowerCase());
    if (p.active !== undefined && typeof p.active !== 'boolean') err('active must be true or false', [...at, 'active']);
    if (!isObj(p.data)) err('data must be a mapping of keys to values', [...at, 'data']);
  });
  return out;
}

export function loadWorkflowData(store: TenantStore, value: unknown): void {
  if (!Array.isArray(value)) return;
  const crm = new CrmState(store);
  store.transaction(() => {
    for (const p of value as Obj[]) crm.putProfile({ name: String(p.name), active: p.active !== false, data: p.data as Obj });
  });
}

export const workflowDataSection = defineSection<unknown>({
  key: 'workflowDataProfiles',
  description: 'Workflow data profiles (name, data, active) that WORKFLOWDATA loads.',
  schema: workflowDataSchema as unknown as Record<string, unknown>,
  validate: (doc, locate) => (doc.data.workflowDataProfiles === undefined ? [] : validateWorkflowData(doc.data.workflowDataProfiles, locate)),
  load: (store, data) => loadWorkflowData(store, data),
});
