// PULLAGENT: the free agent routing would choose rings for the contact at once,
// ahead of the queue (OnAgentFound), or OnNoAgentFound; through the action's
// step context and through a call on the virtual clock.
import { describe, expect, it } from 'vitest';
import { tenantFromData } from '../../src/tenant/tenant.js';
import { fakeContact } from '../actions/fake-context.js';
import { call, heard, labels } from '../phone/helpers.js';

const AGENTS = [
  { id: 1001, email: 'ana@example.com', name: 'Ana Silva', skills: [{ skill: 6061, proficiency: 3 }], ringSeconds: 2, talkSeconds: 60 },
  { id: 1002, email: 'bo@example.com', name: 'Bo Li', skills: [{ skill: 6061, proficiency: 1 }, 6057], ringSeconds: 2, talkSeconds: 60 },
  { id: 1003, email: 'cy@example.com', name: 'Cy Ray', skills: [6057], availableAfterSeconds: 3600 },
];

const tenant = (agents: Record<string, unknown>[] = AGENTS) =>
  tenantFromData({
    timeZone: 'UTC',
    skills: [{ id: 6061, name: 'Support' }, { id: 6057, name: 'Sales' }, { id: 6000, name: 'Closed', active: false }],
    agents,
  });

async function pull(props: Record<string, unknown>, opts: { skillNo?: number; agents?: Record<string, unknown>[] } = {}) {
  const contact = fakeContact(tenant(opts.agents).store, { now: '2026-12-07T09:00:00', ...(opts.skillNo !== undefined ? { skillNo: opts.skillNo } : {}) });
  const outcome = await contact.run('PULLAGENT', props);
  return { outcome, contact, entry: contact.routing.entries()[0] };
}

describe('PULLAGENT', () => {
  it('pulls the free agent with the best proficiency: the agent rings for the contact at once', async () => {
    const { outcome, contact, entry } = await pull({ Skill: 'Support' });
    expect(outcome).toMatchObject({ branch: 'OnAgentFound' });
    expect(contact.elapsed()).toBe(0);
    expect(entry).toMatchObject({ contactId: '500001', skill: 6061, phase: 'ringing', agentId: 1002 });
  });

  it.each([
    ['Default is the contact’s skill', {}, 6057, 1002],
    ['a skill by number', { Skill: '6057' }, undefined, 1002],
  ])('%s', async (_n, props, skillNo, agent) => {
    const { outcome, entry } = await pull(props, skillNo !== undefined ? { skillNo } : {});
    expect(outcome).toMatchObject({ branch: 'OnAgentFound' });
    expect(entry).toMatchObject({ agentId: agent });
  });

  it('no free agent on shift with the skill: OnNoAgentFound, nothing queued', async () => {
    const offShift = [{ id: 1003, email: 'cy@example.com', name: 'Cy Ray', skills: [6057], availableAfterSeconds: 3600 }];
    const { outcome, entry } = await pull({ Skill: 'Sales' }, { agents: offShift });
    expect(outcome).toMatchObject({ branch: 'OnNoAgentFound' });
    expect(entry).toBeUndefined();
  });

  it('an agent pulled is not free for the next pull', async () => {
    const contact = fakeContact(tenant([AGENTS[0]!]).store, { now: '2026-12-07T09:00:00' });
    expect(await contact.run('PULLAGENT', { Skill: 'Support' })).toMatchObject({ branch: 'OnAgentFound' });
    expect(contact.routing.agentCounts(6061)).toEqual({ loggedIn: 1, available: 0, working: 1 });
    const other = contact.routing.pull({ contactId: '500002', skill: 6061, initialPriority: 0, acceleration: 1, maxPriority: 1000 });
    expect(other).toBeNull();
  });

  it('goes ahead of contacts already waiting on the skill', async () => {
    const contact = fakeContact(tenant([{ ...AGENTS[0]!, availableAfterSeconds: 60 }]).store, { now: '2026-12-07T09:00:00' });
    contact.routing.enqueue({ contactId: 'waiting', skill: 6061, initialPriority: 100, acceleration: 0, maxPriority: 100 });
    await contact.run('WAIT', { Seconds: 60 });
    expect(await contact.run('PULLAGENT', { Skill: 'Support' })).toMatchObject({ branch: 'OnAgentFound' });
    expect(contact.routing.entry('500001')).toMatchObject({ phase: 'ringing', agentId: 1001 });
    expect(contact.routing.entry('waiting')).toMatchObject({ phase: 'queued' });
  });

  const errors: [string, Record<string, unknown>, number | undefined, RegExp][] = [
    ['Default without a contact skill', {}, undefined, /PULLAGENT: Skill is Default and the contact has no skill/],
    ['unknown skill', { Skill: 'Billing' }, undefined, /PULLAGENT: skill Billing does not exist/],
    ['inactive skill', { Skill: '6000' }, undefined, /PULLAGENT: skill 6000 is not active/],
  ];
  it.each(errors)('OnError with _ERR, nobody pulled: %s', async (_n, props, skillNo, message) => {
    const { outcome, entry } = await pull(props, skillNo !== undefined ? { skillNo } : {});
    expect(outcome).toMatchObject({ branch: 'OnError', error: expect.stringMatching(message) });
    expect(entry).toBeUndefined();
  });

  it('a contact already with an agent: OnError', async () => {
    const contact = fakeContact(tenant().store, { now: '2026-12-07T09:00:00' });
    await contact.run('PULLAGENT', { Skill: 'Support' });
    expect(await contact.run('PULLAGENT', { Skill: 'Support' })).toMatchObject({ branch: 'OnError', error: 'PULLAGENT: the contact is already with an agent' });
  });
});

describe('PULLAGENT on a call', () => {
  const script = `script Main
type Phone
start: BEGIN -> pull
pull: PULLAGENT { Skill = "Support" } -> bye
  OnAgentFound -> hold
  OnNoAgentFound -> sorry
hold: MUSIC { MusicFile = "Carefree Days.wav" SecondstoPlay = 30 }
sorry: PLAY { Sequence = "\\"%Nobody is free\\"" } -> bye
bye: HANGUP
answered: ONANSWER -> note
note: SNIPPET { ASSIGN who = "{FIRST} {LAST} for {SKLNAME}" }
`;

  it('the pulled agent answers after the ring time, talks and hangs up; then the agent is free again', async () => {
    const r = await call(script, '', { runtime: { tenant: tenant() } });
    expect(labels(r)).toEqual(['start', 'pull', 'hold', 'answered', 'note']);
    expect(r.variables.who).toBe('Bo Li for Support');
    expect(heard(r)).toEqual([
      '0 system queued for Support',
      '0 system agent 1002 pulled from Support',
      '0 ivr Carefree Days.wav (cut: event)',
      '2 agent agent Bo Li (1002) answered for Support',
      '62 agent agent hung up',
    ]);
    expect(r.contact).toMatchObject({ status: 'released', releasedBy: 'agent' });
  });

  it('no agent free: OnNoAgentFound, the call stays in the IVR', async () => {
    const r = await call(script, '', { runtime: { tenant: tenant([AGENTS[2]!]) } });
    expect(labels(r)).toEqual(['start', 'pull', 'sorry', 'bye']);
  });
});
