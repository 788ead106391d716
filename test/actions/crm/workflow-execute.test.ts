// WORKFLOW EXECUTE: each branch, the WorkflowResult shape, the crm effect of
// every call (payload sent, records written), the token refresh on the virtual
// clock, and credentials masked.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tenantFromData } from '../../../src/tenant/tenant.js';
import { SqliteTenantStore } from '../../../src/tenant/sqlite-store.js';
import { CrmState } from '../../../src/tenant/crm/state.js';
import type { TenantStore } from '../../../src/contract/tenant-store.js';
import { CRM_TENANT } from '../../crm/fixtures.js';
import { fakeContact } from '../fake-context.js';

const contact = (ani = '3035550100') => fakeContact(tenantFromData(CRM_TENANT).store, { ani });

describe('WORKFLOW EXECUTE', () => {
  it('Default: returns { records, count, workflowId } and records the call', async () => {
    const c = contact();
    const out = await c.run('WORKFLOW EXECUTE', { ConfigurationId: 'kustomer-prod', WorkflowId: 'search-ani', Payload: '{"workflowInput":{"phoneNumber":"3035550100"}}' });
    expect(out.branch).toBe('Default');
    expect(out.outputs!.WorkflowResult).toMatchObject({ count: 1, workflowId: 'search-ani', records: [{ id: 'c1', name: 'Ada Lovelace' }] });
    expect(c.effects).toEqual([
      {
        kind: 'crm',
        data: {
          op: 'workflow',
          configurationId: 'kustomer-prod',
          workflowId: 'search-ani',
          kind: 'SearchForANI',
          tokenRefreshSeconds: 12,
          payload: { workflowInput: { phoneNumber: '3035550100' } },
          entity: 'customers',
          count: 1,
          recordIds: ['c1'],
        },
      },
    ]);
  });

  it('waits the token refresh on the virtual clock only for the first call of the day', async () => {
    const c = contact();
    await c.run('WORKFLOW EXECUTE', { ConfigurationId: 'kustomer-prod', WorkflowId: 'search-ani' });
    expect(c.elapsed()).toBe(12);
    await c.run('WORKFLOW EXECUTE', { ConfigurationId: 'kustomer-prod', WorkflowId: 'search-ani' });
    expect(c.elapsed()).toBe(12);
  });

  it('Default with an empty result when nobody has the ANI', async () => {
    const out = await contact('4155550000').run('WORKFLOW EXECUTE', { ConfigurationId: 'kustomer-prod', WorkflowId: 'search-ani' });
    expect(out).toMatchObject({ branch: 'Default', outputs: { WorkflowResult: { records: [], count: 0, workflowId: 'search-ani' } } });
  });

  it('accepts the payload as a DDO', async () => {
    const c = contact();
    const out = await c.run('WORKFLOW EXECUTE', { ConfigurationId: 'kustomer-prod', WorkflowId: 'create-customer', Payload: { workflowInput: { name: 'Alan Turing', phones: ['3035550177'] } } });
    expect(out.outputs!.WorkflowResult).toMatchObject({ count: 1, records: [{ id: 'customer-3', name: 'Alan Turing' }] });
    expect(c.effects[0]!.data).toMatchObject({ written: [{ entity: 'customers', id: 'customer-3', created: true, record: { name: 'Alan Turing', createdBy: 'CXone system user' } }] });
  });

  it.each([
    [{ ConfigurationId: 'nope', WorkflowId: 'search-ani' }, 'Unknown CRM configuration "nope"'],
    [{ ConfigurationId: 'kustomer-prod', WorkflowId: 'nope' }, 'Workflow "nope" is not configured'],
    [{ ConfigurationId: 'kustomer-prod', WorkflowId: 'old-search' }, 'is not enabled'],
    [{ ConfigurationId: 'kustomer-prod', WorkflowId: 'search-ani', Payload: '{oops' }, 'Payload is not JSON'],
    [{ ConfigurationId: 'kustomer-prod', WorkflowId: 'create-customer', Payload: '{"workflowInput":{"tier":"gold"}}' }, 'accepts standard fields only'],
  ])('OnError for %j', async (props, message) => {
    const c = contact();
    const out = await c.run('WORKFLOW EXECUTE', props);
    expect(out.branch).toBe('OnError');
    expect(out.error).toContain(message);
    expect(out.outputs?.WorkflowResult).toBeUndefined();
    // Failed calls are recorded too.
    expect(c.effects).toEqual([{ kind: 'crm', data: expect.objectContaining({ op: 'workflow', error: expect.stringContaining(message) }) }]);
  });

  it('never shows the configuration credential', async () => {
    const c = contact();
    const out = await c.run('WORKFLOW EXECUTE', { ConfigurationId: 'kustomer-prod', WorkflowId: 'create-customer', Payload: { workflowInput: { name: 'key kst-SECRET-1234567890' } } });
    expect(JSON.stringify([out, c.effects])).not.toContain('kst-SECRET');
    expect(JSON.stringify(out)).toContain('key ***');
  });

  it('remembers the record for memorialization and the agent screen pop', async () => {
    const c = contact();
    await c.run('WORKFLOW EXECUTE', { ConfigurationId: 'kustomer-prod', WorkflowId: 'search-ani' });
    expect(c.contactData.get('crm.records')).toEqual({ 'kustomer-prod': { customers: 'c1' } });
  });

  // Configurations, entity lists and token days are kept between calls while the store says they did not change.
  const changesBetweenCalls = async (store: TenantStore, other: TenantStore) => {
    const c = fakeContact(store, { ani: '3035550100' });
    const call = (workflow: string) => c.run('WORKFLOW EXECUTE', { ConfigurationId: 'kustomer-prod', WorkflowId: workflow });
    expect((await call('search-ani')).branch).toBe('Default');
    expect(c.elapsed()).toBe(12);
    const crm = new CrmState(other);
    const config = crm.configuration('kustomer-prod')!;
    crm.putConfiguration({ ...config, workflows: config.workflows.map((w) => (w.id === 'search-ani' ? { ...w, enabled: false } : w)) });
    expect((await call('search-ani')).error).toContain('is not enabled');
    crm.putConfiguration(config);
    expect((await call('search-ani')).branch).toBe('Default');
    expect(c.elapsed()).toBe(12);
    // A forgotten token day: the next call waits for a new token again.
    other.collection('crm.tokens').delete('kustomer-prod');
    expect((await call('search-ani')).branch).toBe('Default');
    expect(c.elapsed()).toBe(24);
    // A record type written by the other side is listed at once.
    crm.records('kustomer-prod', 'tickets').put('t1', { id: 't1' });
    expect(new CrmState(store).entities('kustomer-prod')).toContain('tickets');
  };

  it('sees configurations and token days changed between calls, in memory', async () => {
    const store = tenantFromData(CRM_TENANT).store;
    await changesBetweenCalls(store, store);
  });

  it('sees configurations and token days changed between calls by another connection to the state file', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'crm-changes-')), 'state.db');
    const store = tenantFromData(CRM_TENANT, { state: file }).store;
    const other = new SqliteTenantStore(file, store.timeZone, store.businessUnit);
    try {
      await changesBetweenCalls(store, other);
    } finally {
      other.close();
      store.close();
    }
  });
});
