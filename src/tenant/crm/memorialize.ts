// Data memorialization: when an interaction ends, the mapping AGENT WORKFLOW
// CONFIGURATION chose writes CXone data (ACD or digital fields, and for voice
// the ScreenPop-flagged script variables) to the CRM record of the contact.
// When the contact ended first, status, disposition, notes and tags are not
// written (Kustomer seed page); every other mapped value still is.
import type { ActionContext } from '../../contract/action.js';
import type { RunEndContext } from '../../contract/run-end.js';
import { digitalContact } from '../digital/contacts.js';
import { isDdo, type Value } from '../../contract/value.js';
import { fromPlain, toPlain } from '../values.js';
import { AGENT_OUTCOME_FIELDS } from './fields.js';
import { CrmState, redactSecrets } from './state.js';
import { entityKey, type CrmConfiguration, type CrmRecord, type MemorializationMapping } from './types.js';
import { setMember } from '../../snippet/json.js';

/** contactData keys the CRM actions share with this module. */
export const CONTACT_KEYS = {
  /** What AGENT WORKFLOW CONFIGURATION chose: { configurationId, dataMemorialization, … }. */
  agentWorkflow: 'crm.agentWorkflow',
  /** The last record of each type a workflow returned or wrote: { [configId]: { [entity]: id } }. */
  records: 'crm.records',
  /** Virtual time (ISO) the first CRM action of the run executed: Start Time when the runtime gives none. */
  firstSeen: 'crm.firstSeen',
  /** When a digital contact was memorialized (at its transfer or close). */
  memorialized: 'crm.memorialized',
} as const;

/** Runs the chosen mapping at the end of a run (AGENT WORKFLOW CONFIGURATION's onRunEnd). */
export function memorializeAtRunEnd(end: RunEndContext): void {
  // END stops a digital script, not its contact: a digital contact is memorialized when transferred or closed.
  if (digitalContact(end.tenant, end.run.contactId)) return;
  memorialize(end);
}

/**
 * Memorialization of a digital contact, when it is transferred (REQAGENT
 * DIGITAL) or closed (UPDATE DIGITAL CONTACT STATUS Closed), once per contact.
 * The run goes on, so what the mapping reads is taken from it now.
 */
export function memorializeDigitalContact(ctx: ActionContext): void {
  if (ctx.getContactData(CONTACT_KEYS.memorialized) !== undefined) return;
  const chosen = ctx.getContactData(CONTACT_KEYS.agentWorkflow);
  if (!isDdo(chosen)) return;
  const crm = new CrmState(ctx.tenant);
  const config = crm.configuration(typeof chosen.configurationId === 'string' ? chosen.configurationId : '');
  const name = typeof chosen.dataMemorialization === 'string' ? chosen.dataMemorialization.toLowerCase() : '';
  const mapping = config?.memorialization.find((m) => m.name.toLowerCase() === name);
  if (!mapping) return;
  const variables: Record<string, Value> = {};
  for (const { source } of mapping.fields) {
    const v = source.kind === 'script' ? ctx.getVar(source.variable) : undefined;
    if (source.kind === 'script' && v !== undefined) variables[source.variable] = v;
  }
  ctx.setContactData(CONTACT_KEYS.memorialized, ctx.clock.now().toISO()!);
  // Contact data is read field by field (the mapping's CXone fields, the records its workflows returned).
  const contactData = new Proxy({} as Record<string, Value>, { get: (_, key) => (typeof key === 'string' ? ctx.getContactData(key) : undefined) });
  memorialize({ run: ctx.run, tenant: ctx.tenant, clock: ctx.clock, endedBy: 'script', status: 'completed', variables, screenPop: [], contactData, effect: (kind, data) => ctx.effect(kind, data) });
}

function memorialize(end: RunEndContext): void {
  const chosen = end.contactData[CONTACT_KEYS.agentWorkflow];
  if (!isDdo(chosen)) return;
  const configId = typeof chosen.configurationId === 'string' ? chosen.configurationId : '';
  const mappingName = typeof chosen.dataMemorialization === 'string' ? chosen.dataMemorialization : '';
  if (!configId || !mappingName) return;
  // A contact still in progress (stopped), or stranded by the script (stuck, failed), has not ended.
  if (end.endedBy !== 'contact' && end.status !== 'completed') return;
  const crm = new CrmState(end.tenant);
  const config = crm.configuration(configId);
  const mapping = config?.memorialization.find((m) => m.name.toLowerCase() === mappingName.toLowerCase());
  if (!config || !mapping) return;
  end.tenant.transaction(() => {
    const data = writeMapping(crm, config, mapping, end);
    end.effect('crm', fromPlain(redactSecrets(data, crm.secrets())));
  });
}

function writeMapping(crm: CrmState, config: CrmConfiguration, mapping: MemorializationMapping, end: RunEndContext): Record<string, unknown> {
  const fields: Record<string, unknown> = {};
  const skipped: Record<string, string> = {};
  for (const { crmField, source } of mapping.fields) {
    if (source.kind === 'script') {
      const value = end.variables[source.variable];
      if (mapping.channel === 'Voice' && !end.screenPop.includes(source.variable))
        skipped[crmField] = `variable ${source.variable} is not flagged ScreenPop (set ScreenPop = true on its ASSIGN)`;
      else if (value === undefined) skipped[crmField] = `variable ${source.variable} is not set`;
      else fields[crmField] = toPlain(value);
      continue;
    }
    if (end.endedBy === 'contact' && AGENT_OUTCOME_FIELDS.has(source.field)) {
      skipped[crmField] = `${source.field} is not memorialized when the contact ends the interaction first`;
      continue;
    }
    const value = fieldValue(source.field, mapping, crm, config, end);
    if (value === undefined) skipped[crmField] = `${source.field} has no value in this run`;
    else fields[crmField] = value;
  }
  const entity = entityKey(mapping.entity);
  const coll = crm.records(config.id, entity);
  const known = lastRecords(end.contactData, config.id);
  let id = known[entity];
  let created = false;
  let record: CrmRecord | undefined = id === undefined ? undefined : coll.get(id);
  if (!record) {
    // Emulator decision: with no record of that type in this run, memorialization creates one
    // (a conversation is linked to the customer the run found or created, when there is one).
    id = crm.newId(config.id, entity);
    created = true;
    record = { id, ...(known.customers !== undefined && entity !== 'customers' ? { customer: known.customers } : {}), createdAt: end.clock.now().toISO(), createdBy: config.systemUser };
  }
  coll.put(id!, { ...record, ...fields, updatedAt: end.clock.now().toISO() });
  // Member order puts what a reader wants first (one-line traces shorten effects).
  return {
    op: 'memorialize',
    recordId: id,
    fields,
    ...(Object.keys(skipped).length ? { skipped } : {}),
    mapping: mapping.name,
    entity,
    created,
    endedBy: end.endedBy,
    channel: mapping.channel,
    configurationId: config.id,
  };
}

/** The value of one CXone data field at the end of the run; undefined when the emulated run has none. */
function fieldValue(field: string, mapping: MemorializationMapping, crm: CrmState, config: CrmConfiguration, end: RunEndContext): unknown {
  const given = end.contactData[field];
  if (given !== undefined) return toPlain(given);
  const run = end.run;
  const skill = run.skillNo === null ? undefined : end.tenant.skill(run.skillNo);
  const agentId = textOf(end.variables.agentid) ?? textOf(end.contactData.agentId);
  const agent = agentId === undefined ? undefined : end.tenant.agents().find((a) => String(a.id) === agentId);
  const voice = mapping.channel === 'Voice';
  switch (field) {
    case 'ANI':
      return run.ani || undefined;
    case 'DNIS':
      return run.dnis || undefined;
    case 'Contact ID':
    case 'Interaction ID':
      return run.contactId;
    case 'Master Contact ID':
      return run.masterId;
    case 'Skill ID':
      return run.skillNo ?? undefined;
    case 'Skill Name':
      return skill?.name;
    case 'Direction':
      return skill?.direction ?? 'Inbound';
    case 'Media Type':
    case 'Contact Type':
    case 'Event Type':
      return voice ? 'Voice' : 'Digital';
    case 'Start Time':
      return startOf(end);
    case 'End Time':
      return end.clock.now().toISO();
    case 'Final State':
      return true;
    case 'Agent ID':
      return agentId;
    case 'Agent Name':
    case 'To':
      return agent?.name;
    case 'Customer Name':
    case 'From': {
      const customerId = lastRecords(end.contactData, config.id).customers;
      const customer = customerId === undefined ? undefined : crm.records(config.id, 'customers').get(customerId);
      return typeof customer?.name === 'string' ? customer.name : undefined;
    }
    default:
      return undefined;
  }
}

function startOf(end: RunEndContext): string | undefined {
  const started = end.startedAt;
  if (started) return started.toISO() ?? undefined;
  return textOf(end.contactData[CONTACT_KEYS.firstSeen]);
}

/** The last record id of each type this run's workflows returned or wrote, for one configuration. */
export function lastRecords(contactData: Readonly<Record<string, Value>>, configId: string): Record<string, string> {
  const all = contactData[CONTACT_KEYS.records];
  const mine = isDdo(all) ? all[configId.toLowerCase()] : undefined;
  const out: Record<string, string> = {};
  if (isDdo(mine)) for (const [k, v] of Object.entries(mine)) if (typeof v === 'string') setMember(out, k, v);
  return out;
}

const textOf = (v: Value | undefined): string | undefined =>
  typeof v === 'string' && v !== '' ? v : typeof v === 'number' ? String(v) : undefined;
