// WORKFLOWDATA (profile -> DDO named after it; Error branch) and CUSTOMEVENT
// (agent event; OnError without an agent or event name).
import { describe, expect, it } from 'vitest';
import { tenantFromData } from '../../../src/tenant/tenant.js';
import { CRM_TENANT } from '../../crm/fixtures.js';
import { fakeContact } from '../fake-context.js';

const contact = () => fakeContact(tenantFromData(CRM_TENANT).store);

describe('WORKFLOWDATA', () => {
  it('Default: a DDO named after the profile', async () => {
    const out = await contact().run('WORKFLOWDATA', { ProfileName: 'businesshours' });
    expect(out).toEqual({ branch: 'Default', vars: { BusinessHours: { open: '08:00', close: '17:00', holidays: ['2026-12-25'] } } });
  });

  it.each([
    ['BusinessHour', 'Unknown workflow data profile "BusinessHour"; did you mean "BusinessHours"?'],
    ['OldProfile', 'Workflow data profile "OldProfile" is deactivated'],
    ['', 'WORKFLOWDATA needs a ProfileName'],
  ])('Error for %j', async (ProfileName, message) => {
    expect(await contact().run('WORKFLOWDATA', { ProfileName })).toMatchObject({ branch: 'Error', error: message });
  });
});

describe('CUSTOMEVENT', () => {
  it('Default: records the event for the agent', async () => {
    const c = contact();
    const out = await c.run('CUSTOMEVENT', { TargetAgent: '1001', EventName: 'KustomerResult', Data: '{"customer":"c1"}' });
    expect(out.branch).toBe('Default');
    expect(c.effects).toEqual([{ kind: 'agentEvents', data: { event: 'CustomEvent', targetAgent: '1001', eventName: 'KustomerResult', data: '{"customer":"c1"}' } }]);
  });

  it('accepts an agent by e-mail', async () => {
    expect((await contact().run('CUSTOMEVENT', { TargetAgent: 'ANA@example.com', EventName: 'x' })).branch).toBe('Default');
  });

  it.each([
    [{ TargetAgent: '', EventName: 'x' }, 'needs a TargetAgent'],
    [{ TargetAgent: '1001', EventName: ' ' }, 'needs an EventName'],
    [{ TargetAgent: '9999', EventName: 'x' }, 'agent "9999" is not an agent of the tenant'],
  ])('OnError for %j', async (props, message) => {
    const c = contact();
    const out = await c.run('CUSTOMEVENT', props);
    expect(out.branch).toBe('OnError');
    expect(out.error).toContain(message);
    expect(c.effects).toEqual([]);
  });
});
