import { describe, expect, it } from 'vitest';
import { tenantFromData } from '../../../src/tenant/tenant.js';
import { fakeContact } from '../fake-context.js';

const request = (contactId: string, skill: number, over: Record<string, unknown> = {}) => ({ contactId, skill, initialPriority: 0, acceleration: 1, maxPriority: 1000, ...over });

function setup() {
  const store = tenantFromData({
    timeZone: 'America/Denver',
    skills: [{ id: 6061, name: 'Support' }, { id: 6057, name: 'Sales' }],
    agents: [
      { id: 1, email: 'a@example.com', name: 'A', skills: [6057] },
      { id: 2, email: 'b@example.com', name: 'B', skills: [6061], loggedIn: false },
      { id: 3, email: 'c@example.com', name: 'C', skills: [6061], availableAfterSeconds: 600 },
    ],
  }).store;
  return fakeContact(store, { now: '2026-12-07T09:00:00' });
}

describe('GETQUEUE and GETSKILLINFO see queued contacts', () => {
  it('counts callers and callbacks waiting on a skill, the longest wait, and proficiency bounds', async () => {
    const contact = setup();
    contact.routing.enqueue(request('c1', 6061));
    contact.routing.enqueue(request('c2', 6061, { highProficiency: 10, lowProficiency: 20 }));
    contact.routing.enqueue(request('cb', 6061, { callback: { phone: '+13035550100', callerId: '' } }));
    await contact.run('WAIT', { Seconds: 95 });
    expect((await contact.run('GETQUEUE', { Skills: 'Support' })).outputs).toEqual({ NumberQueued: 3, LongestWait: 95 });
    expect((await contact.run('GETQUEUE', { Skills: 'Support', HighProficiency: 1, LowProficiency: 5 })).outputs).toEqual({ NumberQueued: 2, LongestWait: 95 });
    expect((await contact.run('GETQUEUE', { Skills: '6057' })).outputs).toEqual({ NumberQueued: 0, LongestWait: 0 });
  });

  it('reports the skill’s agents and queue', async () => {
    const contact = setup();
    contact.routing.enqueue(request('c1', 6061));
    contact.routing.enqueue(request('c2', 6057));
    contact.routing.runDue(contact.now().toMillis()); // agent 1 takes c2
    await contact.run('WAIT', { Seconds: 30 });
    const results = (await contact.run('GETSKILLINFO', { SkillList: 'Support,Sales' })).outputs!.Results as Record<string, unknown>[];
    expect(results.map((r) => [r.SkillName, r.QueueCount, r.LongestWait, r.AgentsLoggedIn, r.AgentsAvailable, r.AgentsWorking])).toEqual([
      ['Support', 1, 30, 0, 0, 0],
      ['Sales', 0, 0, 1, 0, 1],
    ]);
  });
});
