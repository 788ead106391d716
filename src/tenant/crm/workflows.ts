// The emulated Kustomer workflows WORKFLOW EXECUTE runs: search by ANI, the
// standard creates (standard fields only), and the custom search / update the
// Personal Connection fixture pulls leads with. They read and write CRM records
// in the tenant store; the caller turns the answer into outputs and effects.
import type { DateTime } from 'luxon';
import { didYouMean } from '../../contract/diagnostics.js';
import { isDdo, type Value } from '../../contract/value.js';
import { describeShape, toPlain } from '../values.js';
import { CREATED_ENTITY, STANDARD_FIELDS } from './fields.js';
import { fieldIndex, fieldKey, PHONE_INDEX, phoneKey } from './indexes.js';
import type { CrmState } from './state.js';
import { entityKey, type CrmConfiguration, type CrmRecord, type WorkflowConfig, type WorkflowKind } from './types.js';

export interface WorkflowRequest {
  configurationId: string;
  workflowId: string;
  /** WORKFLOW EXECUTE's Payload: JSON text or a DDO, the input under `workflowInput`. */
  payload: Value | undefined;
  /** The contact's ANI (SearchForANI's default number). */
  ani: string;
  now: DateTime;
  random: () => number;
}

/** A record the workflow created or changed. */
export interface WrittenRecord {
  entity: string;
  id: string;
  created: boolean;
}

export type WorkflowAnswer =
  | {
      ok: true;
      config: CrmConfiguration;
      workflow: WorkflowConfig;
      input: Record<string, unknown>;
      records: CrmRecord[];
      /** Record type of `records`. */
      entity: string;
      written: WrittenRecord[];
      /** Virtual seconds spent waiting for a new token (0 after the first call of the day). */
      waitedSeconds: number;
    }
  | { ok: false; message: string; waitedSeconds: number; config?: CrmConfiguration; workflow?: WorkflowConfig };

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);

/** Standard fields that hold lists. */
export const LIST_FIELDS = ['phones', 'emails', 'tags', 'urls', 'assignedUsers', 'assignedTeams', 'images'];

/** Custom searches return at most this many records unless the payload says otherwise. */
export const DEFAULT_SEARCH_LIMIT = 100;

export function runWorkflow(crm: CrmState, req: WorkflowRequest): WorkflowAnswer {
  const config = crm.configuration(req.configurationId);
  if (!config) {
    const known = crm.configurations().map((c) => c.id);
    const hint = didYouMean(req.configurationId, known);
    return fail(
      `Unknown CRM configuration "${req.configurationId}"${hint ? `; did you mean "${hint}"?` : known.length ? ` (known: ${known.join(', ')})` : ' (the tenant declares no crm configurations)'}`,
    );
  }
  const workflow = config.workflows.find((w) => w.id.toLowerCase() === req.workflowId.toLowerCase());
  if (!workflow) {
    const hint = didYouMean(req.workflowId, config.workflows.map((w) => w.id));
    return fail(`Workflow "${req.workflowId}" is not configured in CRM configuration "${config.id}"${hint ? `; did you mean "${hint}"?` : ''}`, { config });
  }
  if (!workflow.enabled) return fail(`Workflow "${workflow.id}" is not enabled in CRM configuration "${config.id}"`, { config, workflow });
  const parsed = workflowInput(req.payload);
  if (!parsed.ok) return fail(parsed.message, { config, workflow });
  const waitedSeconds = refreshToken(crm, config, req);
  const input = parsed.input;
  const done = (entity: string, records: CrmRecord[], written: WrittenRecord[] = []): WorkflowAnswer => ({
    ok: true, config, workflow, input, records, entity, written, waitedSeconds,
  });
  const error = (message: string): WorkflowAnswer => ({ ok: false, message, waitedSeconds, config, workflow });
  const kind: WorkflowKind = workflow.kind;
  switch (kind) {
    case 'SearchForANI': {
      const raw = firstText(input, ['phoneNumber', 'phone', 'ani']) ?? req.ani;
      if (!raw.trim()) return error('SearchForANI needs a phone number: the contact has no ANI and the payload has no workflowInput.phoneNumber');
      // An index by normalised phone: a search reads only the customers it finds.
      return done('customers', crm.records(config.id, 'customers').findBy(PHONE_INDEX, phoneKey(raw)));
    }
    case 'CreateCustomer':
    case 'CreateConversation':
    case 'CreateKorder': {
      const entity = CREATED_ENTITY[kind]!;
      const fields = standardFields(kind, input);
      if (typeof fields === 'string') return error(fields);
      // Kustomer's list fields take lists; a snippet that set one value (`phones[1] = ani`) gives a scalar.
      for (const list of LIST_FIELDS) if (typeof fields[list] === 'string' || typeof fields[list] === 'number') fields[list] = [fields[list]];
      if (kind !== 'CreateCustomer') {
        const customer = fields.customer;
        if (typeof customer !== 'string' && typeof customer !== 'number') return error(`${kind} needs workflowInput.customer: the id of an existing customer`);
        if (!crm.records(config.id, 'customers').get(String(customer))) return error(`${kind}: customer "${customer}" does not exist in CRM configuration "${config.id}"`);
        fields.customer = String(customer);
      } else if (Object.keys(fields).length === 0) return error('CreateCustomer needs at least one standard field (for example name or phones)');
      const id = crm.newId(config.id, entity);
      const record: CrmRecord = { id, ...fields, createdAt: req.now.toISO(), createdBy: config.systemUser };
      crm.records(config.id, entity).put(id, record);
      return done(entity, [record], [{ entity, id, created: true }]);
    }
    case 'CustomSearch': {
      const entity = entityOf(input, workflow);
      if (!entity) return error('CustomSearch needs workflowInput.entity (the record type to search, e.g. "leads")');
      const where = input.where ?? {};
      if (!isObj(where)) return error(`CustomSearch: workflowInput.where must be an object of field values (got ${describeShape(where as Value)})`);
      const limit = input.limit ?? DEFAULT_SEARCH_LIMIT;
      if (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 1) return error('CustomSearch: workflowInput.limit must be a whole number ≥ 1');
      // One `where` member with a plain value picks the records from its field index; the others are checked on those.
      const coll = crm.records(config.id, entity);
      const indexed = Object.entries(where).find(([, want]) => fieldKey(want) !== undefined);
      const filter = (r: CrmRecord) => matches(r, where);
      const records = indexed ? coll.findBy(fieldIndex(indexed[0]), fieldKey(indexed[1])!, { limit, filter }) : coll.find(filter, limit);
      return done(entityKey(entity), records);
    }
    case 'CustomUpdate': {
      const entity = entityOf(input, workflow);
      if (!entity) return error('CustomUpdate needs workflowInput.entity (the record type to change, e.g. "leads")');
      const list = input.records;
      if (!Array.isArray(list) || list.some((r) => !isObj(r))) return error('CustomUpdate needs workflowInput.records: a list of records ({ "id": …, fields… })');
      const coll = crm.records(config.id, entity);
      const out: CrmRecord[] = [];
      const written: WrittenRecord[] = [];
      const stamp = req.now.toISO();
      for (const rec of list as Obj[]) {
        const given = rec.id === undefined || rec.id === null || rec.id === '' ? undefined : String(rec.id);
        const existing = given === undefined ? undefined : coll.get(given);
        const id = given ?? crm.newId(config.id, entity);
        const next: CrmRecord = existing
          ? { ...existing, ...rec, id, updatedAt: stamp }
          : { ...rec, id, createdAt: stamp, createdBy: config.systemUser };
        coll.put(id, next);
        out.push(next);
        written.push({ entity: entityKey(entity), id, created: !existing });
      }
      return done(entityKey(entity), out, written);
    }
  }

  function fail(message: string, extra: { config?: CrmConfiguration; workflow?: WorkflowConfig } = {}): WorkflowAnswer {
    return { ok: false, message, waitedSeconds: 0, ...extra };
  }
}

/** The object under `workflowInput` of a payload given as JSON text or a DDO. */
export function workflowInput(payload: Value | undefined): { ok: true; input: Obj } | { ok: false; message: string } {
  let parsed: unknown;
  if (payload === undefined || payload === null || (typeof payload === 'string' && payload.trim() === '')) return { ok: true, input: {} };
  if (typeof payload === 'string') {
    try {
      parsed = JSON.parse(payload);
    } catch (e) {
      const shown = payload.length > 60 ? `${payload.slice(0, 60)}…` : payload;
      return { ok: false, message: `Payload is not JSON (${(e as Error).message}): ${shown}` };
    }
  } else if (isDdo(payload)) parsed = toPlain(payload);
  else return { ok: false, message: `Payload must be JSON text or a DDO with a workflowInput member (got ${describeShape(payload)})` };
  if (!isObj(parsed)) return { ok: false, message: `Payload must be a JSON object with a workflowInput member (got ${Array.isArray(parsed) ? 'an array' : typeof parsed})` };
  const key = Object.keys(parsed).find((k) => k.toLowerCase() === 'workflowinput');
  if (key === undefined) {
    if (Object.keys(parsed).length === 0) return { ok: true, input: {} };
    return { ok: false, message: `Payload has no workflowInput member (it has ${Object.keys(parsed).join(', ')}); wrap the workflow's fields in { "workflowInput": { … } }` };
  }
  let input = parsed[key];
  if (typeof input === 'string') {
    try {
      input = JSON.parse(input);
    } catch {
      return { ok: false, message: 'workflowInput is text that is not JSON; it must be an object' };
    }
  }
  if (!isObj(input)) return { ok: false, message: 'workflowInput must be an object of workflow fields' };
  return { ok: true, input };
}

/** The first call of a virtual day (BU zone) waits for a new token: seconds waited. */
function refreshToken(crm: CrmState, config: CrmConfiguration, req: WorkflowRequest): number {
  const day = req.now.setZone(crm.store.timeZone).toISODate() ?? '';
  if (crm.tokenDay(config.id) === day) return 0;
  crm.setTokenDay(config.id, day);
  const [min, max] = config.tokenRefreshSeconds;
  if (max <= min) return min;
  return Number.isInteger(min) && Number.isInteger(max) ? min + Math.floor(req.random() * (max - min + 1)) : min + req.random() * (max - min);
}

/** Only the standard fields of the workflow (matched case-insensitively, stored in their canonical spelling). */
function standardFields(kind: WorkflowKind, input: Obj): Obj | string {
  const allowed = STANDARD_FIELDS[kind]!;
  const out: Obj = {};
  const wrong: string[] = [];
  for (const [k, v] of Object.entries(input)) {
    const canonical = allowed.find((f) => f.toLowerCase() === k.toLowerCase());
    if (canonical) out[canonical] = v;
    else wrong.push(k);
  }
  if (wrong.length === 0) return out;
  const hint = didYouMean(wrong[0]!, allowed);
  return `${kind} accepts standard fields only: ${wrong.map((w) => `"${w}"`).join(', ')} ${wrong.length === 1 ? 'is' : 'are'} not standard${hint ? ` (did you mean "${hint}"?)` : ''}; standard fields: ${allowed.join(', ')}`;
}

function entityOf(input: Obj, workflow: WorkflowConfig): string | undefined {
  const e = input.entity ?? workflow.entity;
  return typeof e === 'string' && e.trim() !== '' ? e.trim() : undefined;
}

function firstText(input: Obj, names: string[]): string | undefined {
  for (const [k, v] of Object.entries(input)) {
    if (!names.some((n) => n.toLowerCase() === k.toLowerCase())) continue;
    if (typeof v === 'string' || typeof v === 'number') return String(v);
  }
  return undefined;
}

/** A record matches when every `where` member equals its field (text case-insensitively; an array means any of). */
function matches(rec: CrmRecord, where: Obj): boolean {
  for (const [k, want] of Object.entries(where)) {
    const field = Object.keys(rec).find((f) => f.toLowerCase() === k.toLowerCase());
    const have = field === undefined ? undefined : rec[field];
    const options = Array.isArray(want) ? want : [want];
    if (!options.some((w) => same(have, w))) return false;
  }
  return true;
}

function same(a: unknown, b: unknown): boolean {
  if (a === undefined || a === null) return b === null || b === '';
  if (isObj(a) || Array.isArray(a)) return JSON.stringify(a) === JSON.stringify(b);
  return String(a).toLowerCase() === String(b).toLowerCase();
}
