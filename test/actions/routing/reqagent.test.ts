import { describe, expect, it } from 'vitest';
import { tenantFromData } from '../../../src/tenant/tenant.js';
import { fakeContact } from '../fake-context.js';

const store = () =>
  tenantFromData({
    timeZone: 'America/Denver',
    skills: [
      { id: 6061, name: 'Support', initialPriority: 3, acceleration: 2, maxPriority: 40 },
      { id: 6057, name: 'Sales' },
      { id: 6000, name: 'Closed', active: false },
    ],
    agents: [{ id: 1001, email: 'ana@example.com', name: 'Ana Silva', skills: [6061], availableAfterSeconds: 3600 }],
  }).store;

async function reqagent(props: Record<string, unknown>, skillNo?: number) {
  const contact = fakeContact(store(), { now: '2026-12-07T09:00:00', ...(skillNo !== undefined ? { skillNo } : {}) });
  const outcome = await contact.run('REQAGENT', props);
  return { outcome, contact, entry: contact.routing.entries()[0] };
}

describe('REQAGENT', () => {
  it('queues the contact on the skill and goes on through Default at once', async () => {
    const { outcome, contact } = await reqagent({ Skill: '6061' });
    expect(outcome).toEqual({ branch: 'Default', outputs: undefined });
    expect(contact.elapsed()).toBe(0);
    expect(contact.routing.entry('500001')).toMatchObject({ skill: 6061, phase: 'queued', agentId: null });
  });

  it.each([
    ['the skill’s priority settings by default', { Skill: 'Support' }, { initialPriority: 3, acceleration: 2, maxPriority: 40 }],
    ['Studio’s spelling DefaultfromSkill', { Skill: 'Support', PriorityManagement: 'DefaultfromSkill', InitialPriority: 9 }, { initialPriority: 3 }],
    ['REQAGENT’s defaults for a skill without settings', { Skill: 'Sales' }, { initialPriority: 0, acceleration: 1, maxPriority: 1000 }],
    ['Custom priority', { Skill: 'Sales', PriorityManagement: 'Custom', InitialPriority: 7, Acceleration: 0.5, MaxPriority: 9 }, { initialPriority: 7, acceleration: 0.5, maxPriority: 9 }],
    ['a target agent and a proficiency window', { Skill: '6061', TargetAgent: '1001', HighProficiency: 2, LowProficiency: 5 }, { targetAgent: 1001, highProficiency: 2, lowProficiency: 5 }],
  ])('%s', async (_name, props, expected) => {
    const { contact } = await reqagent(props);
    const model = (contact.routing as unknown as { model: { contact(id: string): { request: object } } }).model;
    expect(model.contact('500001')!.request).toMatchObject(expected);
  });

  it('Default is the contact’s own skill', async () => {
    expect((await reqagent({}, 6057)).entry).toMatchObject({ skill: 6057 });
    expect((await reqagent({ Skill: 'default' }, 6061)).entry).toMatchObject({ skill: 6061 });
  });

  it('a second request changes the skill and keeps the time in queue', async () => {
    const contact = fakeContact(store(), { now: '2026-12-07T09:00:00' });
    await contact.run('REQAGENT', { Skill: 'Support' });
    await contact.run('WAIT', { Seconds: 40 });
    await contact.run('REQAGENT', { Skill: 'Sales' });
    expect(contact.routing.entries()).toEqual([expect.objectContaining({ skill: 6057, queuedMs: Date.parse('2026-12-07T16:00:00Z') })]);
    expect(contact.routing.queueStats(6057)).toEqual({ queued: 1, longestWaitSeconds: 40 });
  });

  it('a custom screen pop is recorded', async () => {
    const { contact } = await reqagent({ Skill: 'Support', ScreenPopSource: 'Custom', ScreenPopURL: 'https://crm.example.com/c/1' });
    expect(contact.effects).toEqual([{ kind: 'screenPop', data: { url: 'https://crm.example.com/c/1', skill: 6061 } }]);
  });

  const errors: [string, Record<string, unknown>, number | undefined, RegExp][] = [
    ['Default without a contact skill', {}, undefined, /Skill is Default and the contact has no skill/],
    ['unknown skill', { Skill: 'Billing' }, undefined, /skill Billing does not exist/],
    ['inactive skill', { Skill: '6000' }, undefined, /skill 6000 is not active/],
    ['unknown target agent', { Skill: '6061', TargetAgent: '42' }, undefined, /TargetAgent 42 is not an agent/],
    ['proficiency window reversed', { Skill: '6061', HighProficiency: 9, LowProficiency: 3 }, undefined, /HighProficiency \(9\) must not be worse than LowProficiency \(3\)/],
  ];
  it.each(errors)('sets _ERR and takes Default without queueing: %s', async (_name, props, skillNo, message) => {
    const { outcome, entry } = await reqagent(props, skillNo);
    expect(outcome).toMatchObject({ branch: 'Default', error: expect.stringMatching(message) });
    expect(entry).toBeUndefined();
  });
});
