// Data memorialization through AGENT WORKFLOW CONFIGURATION's run-end hook:
// the script ending (END), the contact ending first (no status, disposition,
// notes or tags), runs that have not ended (stopped, stuck), ScreenPop-flagged
// variables only, digital mappings, and a record created when the run has none.
import { describe, expect, it } from 'vitest';
import { CrmState } from '../../../src/tenant/crm/state.js';
import { tenantFromData } from '../../../src/tenant/tenant.js';
import { CRM_TENANT } from '../../crm/fixtures.js';
import { fakeContact } from '../fake-context.js';

async function answeredCall(opts: { search?: boolean; mapping?: string; mediaType?: 'Phone' | 'Chat' } = {}) {
  const tenant = tenantFromData(CRM_TENANT);
  const c = fakeContact(tenant.store, { ani: '3035550100', skillNo: 2000, mediaType: opts.mediaType ?? 'Phone' });
  if (opts.search !== false) {
    await c.run('WORKFLOW EXECUTE', { ConfigurationId: 'kustomer-prod', WorkflowId: 'search-ani' });
    await c.run('WORKFLOW EXECUTE', { ConfigurationId: 'kustomer-prod', WorkflowId: 'create-conversation', Payload: { workflowInput: { customer: 'c1', name: 'Inbound call' } } });
  }
  const out = await c.run('AGENT WORKFLOW CONFIGURATION', { ConfigurationId: 'kustomer-prod', DataMemorialization: opts.mapping ?? 'voice-default' });
  expect(out.branch).toBe('Default');
  const records = (entity: string) => new CrmState(tenant.store).records('kustomer-prod', entity);
  return { c, records };
}

const memorialized = (c: Awaited<ReturnType<typeof answeredCall>>['c']) => c.effects.filter((e) => e.kind === 'crm' && (e.data as { op: string }).op === 'memorialize');

describe('data memorialization', () => {
  it('writes ACD fields and ScreenPop variables to the run\'s conversation when the script ends', async () => {
    const { c, records } = await answeredCall();
    c.contactData.set('Disposition Name', 'Resolved');
    c.end({ variables: { callreason: 'billing', internal: 'x' }, screenPop: ['callreason'] });
    const [effect] = memorialized(c);
    expect(effect!.data).toEqual({
      op: 'memorialize',
      configurationId: 'kustomer-prod',
      mapping: 'voice-default',
      channel: 'Voice',
      entity: 'conversations',
      recordId: 'conversation-2',
      created: false,
      endedBy: 'script',
      fields: {
        Caller: '3035550100',
        Contact: '500001',
        Started: '2026-11-21T09:00:00.000-07:00',
        Ended: '2026-11-21T09:00:12.000-07:00',
        Skill: 'Inbound_Support',
        Outcome: 'Resolved',
        CustomerName: 'Ada Lovelace',
        Reason: 'billing',
      },
      skipped: {
        Note: 'Disposition Notes has no value in this run',
        Secret: 'variable internal is not flagged ScreenPop (set ScreenPop = true on its ASSIGN)',
      },
    });
    expect(records('conversations').get('conversation-2')).toMatchObject({ customer: 'c1', name: 'Inbound call', Caller: '3035550100', Reason: 'billing', Outcome: 'Resolved' });
  });

  it('leaves out status, disposition, notes and tags when the contact ended first', async () => {
    const { c, records } = await answeredCall();
    c.contactData.set('Disposition Name', 'Resolved');
    c.contactData.set('Disposition Notes', 'called back');
    c.end({ endedBy: 'contact', status: 'completed', variables: { callreason: 'billing' }, screenPop: ['callreason'] });
    const data = memorialized(c)[0]!.data as { fields: Record<string, unknown>; skipped: Record<string, string>; endedBy: string };
    expect(data.endedBy).toBe('contact');
    expect(data.fields).toMatchObject({ Caller: '3035550100', Reason: 'billing' });
    expect(data.fields).not.toHaveProperty('Outcome');
    expect(data.skipped).toMatchObject({
      Outcome: 'Disposition Name is not memorialized when the contact ends the interaction first',
      Note: 'Disposition Notes is not memorialized when the contact ends the interaction first',
    });
    expect(records('conversations').get('conversation-2')).not.toHaveProperty('Outcome');
  });

  it.each(['stopped', 'stuck', 'failed'] as const)('writes nothing while a %s run has not ended the contact', async (status) => {
    const { c } = await answeredCall();
    c.end({ status });
    expect(memorialized(c)).toEqual([]);
  });

  it('still writes when the contact hangs up during a run that was stopped', async () => {
    const { c } = await answeredCall();
    c.end({ status: 'stopped', endedBy: 'contact' });
    expect(memorialized(c)).toHaveLength(1);
  });

  it('creates the record when the run found none', async () => {
    const { c, records } = await answeredCall({ search: false });
    c.end({});
    const data = memorialized(c)[0]!.data as { recordId: string; created: boolean; skipped: Record<string, string> };
    expect(data).toMatchObject({ recordId: 'conversation-2', created: true });
    expect(data.skipped.CustomerName).toBe('Customer Name has no value in this run');
    expect(records('conversations').get('conversation-2')).toMatchObject({ Caller: '3035550100', createdBy: 'CXone system user' });
  });

  it('runs a digital mapping when a chat ends', async () => {
    const { c } = await answeredCall({ mapping: 'chat-default', mediaType: 'Chat' });
    c.contactData.set('Channel Type', 'Chat');
    c.end({});
    expect(memorialized(c)[0]!.data).toMatchObject({ channel: 'Digital', fields: { Channel: 'Chat', Contact: '500001' } });
  });

  it('does nothing when no mapping was chosen', async () => {
    const tenant = tenantFromData(CRM_TENANT);
    const c = fakeContact(tenant.store);
    await c.run('AGENT WORKFLOW CONFIGURATION', { ConfigurationId: 'kustomer-prod' });
    c.end({});
    expect(c.effects.filter((e) => e.kind === 'crm')).toEqual([]);
  });
});
