// The emulated Kustomer workflows against the tenant's CRM records: search by
// ANI, standard creates, custom search and update, enabled checks, payload
// forms and the token refresh wait of the first call of a virtual day.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { CrmState } from '../../src/tenant/crm/state.js';
import { runWorkflow, workflowInput, type WorkflowAnswer } from '../../src/tenant/crm/workflows.js';
import { tenantFromData } from '../../src/tenant/tenant.js';
import { CRM_TENANT } from './fixtures.js';

const NOW = DateTime.fromISO('2026-11-21T09:00:00', { zone: 'America/Denver' });

function setup() {
  const tenant = tenantFromData(CRM_TENANT);
  const crm = new CrmState(tenant.store);
  const call = (workflowId: string, payload?: unknown, opts: { ani?: string; now?: DateTime; configurationId?: string } = {}): WorkflowAnswer =>
    runWorkflow(crm, {
      configurationId: opts.configurationId ?? 'kustomer-prod',
      workflowId,
      payload: payload === undefined ? undefined : typeof payload === 'string' ? payload : JSON.stringify(payload),
      ani: opts.ani ?? '',
      now: opts.now ?? NOW,
      random: () => 0.5,
    });
  return { tenant, crm, call };
}

const ok = (a: WorkflowAnswer) => {
  if (!a.ok) throw new Error(`expected success, got: ${a.message}`);
  return a;
};
const failed = (a: WorkflowAnswer) => {
  if (a.ok) throw new Error('expected a failure');
  return a.message;
};

describe('SearchForANI', () => {
  it.each([
    ['+13035550100', 'c1'],
    ['3035550100', 'c1'],
    ['(303) 555-0100', 'c1'],
    ['17205550199', 'c1'],
    ['+1 303 555 0142', 'c2'],
  ])('matches the ANI %s against every phone of every customer (E.164)', (ani, id) => {
    const { call } = setup();
    const a = ok(call('search-ani', undefined, { ani }));
    expect(a.records.map((r) => r.id)).toEqual([id]);
    expect(a.entity).toBe('customers');
  });

  it('prefers workflowInput.phoneNumber over the ANI', () => {
    const { call } = setup();
    expect(ok(call('search-ani', { workflowInput: { phoneNumber: '303-555-0142' } }, { ani: '3035550100' })).records[0]!.id).toBe('c2');
  });

  it('returns no records for an unknown number', () => {
    const { call } = setup();
    expect(ok(call('search-ani', undefined, { ani: '+14155550000' })).records).toEqual([]);
  });

  it('fails without any number', () => {
    const { call } = setup();
    expect(failed(call('search-ani'))).toContain('SearchForANI needs a phone number');
  });
});

describe('standard creates', () => {
  it('CreateCustomer stores standard fields, stamps the system user and returns the record', () => {
    const { call, crm } = setup();
    const a = ok(call('create-customer', { workflowInput: { name: 'Alan Turing', Phones: ['+13035550177'] } }));
    expect(a.records).toEqual([
      { id: 'customer-3', name: 'Alan Turing', phones: ['+13035550177'], createdAt: '2026-11-21T09:00:00.000-07:00', createdBy: 'CXone system user' },
    ]);
    expect(a.written).toEqual([{ entity: 'customers', id: 'customer-3', created: true }]);
    expect(crm.records('kustomer-prod', 'customers').get('customer-3')).toMatchObject({ name: 'Alan Turing' });
    expect(ok(call('search-ani', undefined, { ani: '3035550177' })).records[0]!.id).toBe('customer-3');
  });

  it('CreateCustomer refuses non-standard fields, naming them', () => {
    const { call, crm } = setup();
    const msg = failed(call('create-customer', { workflowInput: { name: 'X', tier: 'gold', nmae: 'typo' } }));
    expect(msg).toContain('CreateCustomer accepts standard fields only: "tier", "nmae" are not standard');
    expect(crm.records('kustomer-prod', 'customers').count()).toBe(2);
  });

  it('CreateCustomer turns a single phone or e-mail into a list', () => {
    const { call } = setup();
    expect(ok(call('create-customer', { workflowInput: { name: 'Solo', phones: '3035550123', emails: 'solo@example.com' } })).records[0]).toMatchObject({
      phones: ['3035550123'],
      emails: ['solo@example.com'],
    });
  });

  it('CreateCustomer needs at least one field', () => {
    const { call } = setup();
    expect(failed(call('create-customer', { workflowInput: {} }))).toContain('at least one standard field');
  });

  it('CreateConversation links an existing customer', () => {
    const { call } = setup();
    const a = ok(call('create-conversation', { workflowInput: { customer: 'c1', name: 'Inbound call', channel: 'voice' } }));
    expect(a.records[0]).toMatchObject({ id: 'conversation-2', customer: 'c1', name: 'Inbound call' });
    expect(failed(call('create-conversation', { workflowInput: { customer: 'nobody' } }))).toContain('customer "nobody" does not exist');
    expect(failed(call('create-conversation', { workflowInput: { name: 'no customer' } }))).toContain('needs workflowInput.customer');
  });

  it('CreateKorder creates an order for a customer', () => {
    const { call } = setup();
    const a = ok(call('create-korder', { workflowInput: { customer: 'c2', orderNumber: 'A-1', total: 12.5 } }));
    expect(a.entity).toBe('korders');
    expect(a.records[0]).toMatchObject({ id: 'korder-1', customer: 'c2', orderNumber: 'A-1', total: 12.5 });
    expect(failed(call('create-korder', { workflowInput: { customer: 'c2', sku: 'x' } }))).toContain('"sku" is not standard');
  });
});

describe('CustomSearch and CustomUpdate', () => {
  it('finds records of any entity by field values (text case-insensitive), with a limit', () => {
    const { call } = setup();
    const a = ok(call('search-leads', { workflowInput: { entity: 'leads', where: { status: 'NEW' }, limit: 50 } }));
    expect(a.records.map((r) => r.id)).toEqual(['L1', 'L3']);
    expect(ok(call('search-leads', { workflowInput: { where: { Status: ['new', 'Dialing'] }, limit: 2 } })).records.map((r) => r.id)).toEqual(['L1', 'L2']);
    expect(ok(call('search-leads', { workflowInput: { entity: 'customers', where: { tier: 'gold' } } })).records.map((r) => r.id)).toEqual(['c1']);
  });

  it('refuses a bad where or limit', () => {
    const { call } = setup();
    expect(failed(call('search-leads', { workflowInput: { where: 'Status=New' } }))).toContain('where must be an object');
    expect(failed(call('search-leads', { workflowInput: { limit: 0 } }))).toContain('limit must be a whole number');
  });

  it('updates records by id and creates the others', () => {
    const { call, crm } = setup();
    const a = ok(call('update-leads', { workflowInput: { entity: 'leads', records: [{ id: 'L1', Status: 'Dialing' }, { Status: 'New', Phone: '3035550114' }] } }));
    expect(a.written).toEqual([
      { entity: 'leads', id: 'L1', created: false },
      { entity: 'leads', id: 'lead-4', created: true },
    ]);
    expect(crm.records('kustomer-prod', 'leads').get('L1')).toMatchObject({ Status: 'Dialing', Phone: '3035550111', updatedAt: expect.any(String) });
    expect(ok(call('search-leads', { workflowInput: { where: { Status: 'New' } } })).records.map((r) => r.id)).toEqual(['L3', 'lead-4']);
  });

  it('needs an entity and a list of records', () => {
    const { call } = setup();
    expect(failed(call('update-leads', { workflowInput: { records: [] } }))).toContain('CustomUpdate needs workflowInput.entity');
    expect(failed(call('update-leads', { workflowInput: { entity: 'leads', records: ['x'] } }))).toContain('a list of records');
  });
});

describe('configuration checks', () => {
  it('names an unknown configuration or workflow, with a suggestion', () => {
    const { call } = setup();
    expect(failed(call('search-ani', undefined, { configurationId: 'kustomer-prd' }))).toBe('Unknown CRM configuration "kustomer-prd"; did you mean "kustomer-prod"?');
    expect(failed(call('serch-ani'))).toBe('Workflow "serch-ani" is not configured in CRM configuration "kustomer-prod"; did you mean "search-ani"?');
  });

  it('refuses a workflow that is not enabled', () => {
    const { call } = setup();
    expect(failed(call('old-search', undefined, { ani: '3035550100' }))).toBe('Workflow "old-search" is not enabled in CRM configuration "kustomer-prod"');
  });
});

describe('payloads', () => {
  it('reads workflowInput from JSON text or a DDO, and accepts an empty payload', () => {
    expect(workflowInput('{"workflowInput":{"a":1}}')).toEqual({ ok: true, input: { a: 1 } });
    expect(workflowInput({ workflowInput: { a: 1 } })).toEqual({ ok: true, input: { a: 1 } });
    expect(workflowInput({ WorkflowInput: '{"a":2}' })).toEqual({ ok: true, input: { a: 2 } });
    expect(workflowInput('')).toEqual({ ok: true, input: {} });
    expect(workflowInput('{}')).toEqual({ ok: true, input: {} });
  });

  it.each([
    ['{"workflowInput": ', 'Payload is not JSON'],
    ['[1,2]', 'must be a JSON object'],
    ['{"phoneNumber":"1"}', 'Payload has no workflowInput member (it has phoneNumber)'],
    ['{"workflowInput": 5}', 'workflowInput must be an object'],
  ])('refuses %s', (payload, message) => {
    const r = workflowInput(payload);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.message).toContain(message);
  });

  it('a payload error does not reach the CRM (no token refresh)', () => {
    const { call } = setup();
    expect(call('search-ani', 'not json').waitedSeconds).toBe(0);
  });
});

describe('token refresh', () => {
  it('waits 9–15 s on the first call of each virtual day (BU zone), then not again that day', () => {
    const { call } = setup();
    expect(call('search-ani', undefined, { ani: '3035550100' }).waitedSeconds).toBe(12);
    expect(call('search-ani', undefined, { ani: '3035550100', now: NOW.plus({ hours: 14 }) }).waitedSeconds).toBe(0);
    // 2026-11-22 00:30 in Denver is a new day.
    expect(call('search-ani', undefined, { ani: '3035550100', now: NOW.plus({ hours: 15, minutes: 30 }) }).waitedSeconds).toBe(12);
  });

  it('also counts calls that the CRM refuses', () => {
    const { call } = setup();
    expect(call('create-customer', { workflowInput: { bogus: 1 } }).waitedSeconds).toBe(12);
    expect(call('search-ani', undefined, { ani: '3035550100' }).waitedSeconds).toBe(0);
  });
});

describe('persistence', () => {
  it('keeps records between invocations with a state file and refuses a region change', async () => {
    const state = join(mkdtempSync(join(tmpdir(), 'crm-state-')), 'state.db');
    const first = tenantFromData(CRM_TENANT, { state });
    const crm = new CrmState(first.store);
    runWorkflow(crm, { configurationId: 'kustomer-prod', workflowId: 'create-customer', payload: '{"workflowInput":{"name":"Persisted"}}', ani: '', now: NOW, random: () => 0 });
    first.close();

    const second = tenantFromData(CRM_TENANT, { state });
    const names = new CrmState(second.store).records('kustomer-prod', 'customers').all().map((c) => c.name);
    expect(names).toEqual(['Ada Lovelace', 'Grace Hopper', 'Persisted']);
    second.close();

    const moved = { ...CRM_TENANT, crm: [{ ...CRM_TENANT.crm[0]!, region: 'EMEA' }] };
    expect(() => tenantFromData(moved, { state })).toThrow(/was created in region AMERICAS; a region cannot change \(found EMEA\)/);
  });
});
