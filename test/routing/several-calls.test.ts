// Several calls at once on one tenant and one virtual clock (RunOptions.calls):
// each caller runs the script in its own run, they share the agents and the
// queues, so priority, acceleration, "the longest waiting goes first" and the
// GETQUEUE counts show through real scripts.
import { describe, expect, it } from 'vitest';
import { tenantFromData } from '../../src/tenant/tenant.js';
import { createRuntime, RuntimeOptionError } from '../../src/runtime/runtime.js';
import type { RunResult } from '../../src/runtime/result.js';
import { scriptSet } from '../runtime/helpers.js';
import { heard } from '../phone/helpers.js';

const QUEUE = `script Main
type Phone
start: BEGIN -> queue
queue: REQAGENT { Skill = 6061  PriorityManagement = Custom  InitialPriority = "{prio}"  Acceleration = "{accel}" } -> count
count: GETQUEUE { Skills = 6061 } -> announce
announce: PLAY { Sequence = "\\"%{numberqueued} waiting\\"" } -> music
music: MUSIC { MusicFile = "hold.wav"  SecondstoPlay = 15 } -> count
answered: ONANSWER -> who
who: SNIPPET { ASSIGN agent = AGENTID }
`;

const tenant = (agents: Record<string, unknown>[]) =>
  tenantFromData({ timeZone: 'UTC', skills: [{ id: 6061, name: 'Support' }], agents, audioFiles: [{ file: 'hold.wav', seconds: 60 }] });

const agent = (id: number, extra: Record<string, unknown> = {}) => ({ id, email: `a${id}@example.com`, name: `Agent ${id}`, skills: [6061], ringSeconds: 2, talkSeconds: 30, ...extra });

/** The agent lines of a call's transcript: `seconds text`, seconds from that call's start. */
const agentLines = (r: RunResult): string[] => heard(r).filter((l) => / agent /.test(l));

async function calls(agents: Record<string, unknown>[], vars: Record<string, number>[], at: number[]) {
  const runtime = createRuntime({ scripts: scriptSet([QUEUE]), tenant: tenant(agents), now: '2026-11-21T09:00:00Z' });
  const [first, ...rest] = vars;
  return runtime.run('Main', {
    vars: first!,
    contact: { ani: '3035550100' },
    calls: rest.map((v, i) => ({ at: at[i + 1]!, vars: v, contact: { ani: `30355501${String(i + 1).padStart(2, '0')}` } })),
  });
}

describe('several calls on one tenant and clock', () => {
  it('the agent takes the highest priority first, then the one waiting longest', async () => {
    // A at 0 s and B at 10 s with priority 0, C at 20 s with 5: when the agent logs in at 60 s, C goes first, then A, then B.
    const r = await calls([agent(1001, { availableAfterSeconds: 60 })], [{ prio: 0, accel: 1 }, { prio: 0, accel: 1 }, { prio: 5, accel: 1 }], [0, 10, 20]);
    const [b, c] = r.calls!;
    expect([r, b!, c!].map((x) => x.contact!.contactId)).toEqual(['100000001', '100000002', '100000003']);
    expect(agentLines(c!)).toEqual(['42 agent agent Agent 1001 (1001) answered for Support', '72 agent agent hung up']);
    expect(agentLines(r)).toEqual(['94 agent agent Agent 1001 (1001) answered for Support', '124 agent agent hung up']);
    expect(agentLines(b!)).toEqual(['116 agent agent Agent 1001 (1001) answered for Support', '146 agent agent hung up']);
    expect([r, b!, c!].map((x) => x.status)).toEqual(['completed', 'completed', 'completed']);
    // GETQUEUE counts every caller in the queue: B hears 2 when it arrives, C hears 3.
    expect(heard(b!)[1]).toBe('0 ivr "2 waiting"');
    expect(heard(c!)[1]).toBe('0 ivr "3 waiting"');
    expect(heard(r).filter((l) => l.includes('waiting'))).toEqual(['0 ivr "1 waiting"', '15.8 ivr "2 waiting"', '31.6 ivr "3 waiting"', '47.4 ivr "3 waiting"', '63.2 ivr "2 waiting"', '79 ivr "2 waiting"']);
    expect(r.variables.agent).toBe('1001');
  });

  it('acceleration lets a later caller overtake', async () => {
    // At 60 s, A (0 + 1/min × 1 min) has 1, B (0 + 10/min × 0.5 min) has 5.
    const r = await calls([agent(1001, { availableAfterSeconds: 60 })], [{ prio: 0, accel: 1 }, { prio: 0, accel: 10 }], [0, 30]);
    expect(agentLines(r.calls![0]!)[0]).toBe('32 agent agent Agent 1001 (1001) answered for Support');
    expect(agentLines(r)[0]).toBe('94 agent agent Agent 1001 (1001) answered for Support');
  });

  it('each call has its own caller: one who hangs up in the queue leaves it for the others', async () => {
    const runtime = createRuntime({ scripts: scriptSet([QUEUE]), tenant: tenant([agent(1001, { availableAfterSeconds: 120 })]), now: '2026-11-21T09:00:00Z' });
    const r = await runtime.run('Main', {
      vars: { prio: 0, accel: 1 },
      contact: { caller: 'hangup at 40s' },
      calls: [{ at: '20s', vars: { prio: 0, accel: 1 }, contact: { ani: '3035550102', caller: 'silent' } }],
    });
    expect(r.contact).toMatchObject({ status: 'released', releasedBy: 'caller' });
    expect(r.endedAt).toBe('2026-11-21T09:00:40.000Z');
    const b = r.calls![0]!;
    expect(b.startedAt).toBe('2026-11-21T09:00:20.000Z');
    expect(b.contact).toMatchObject({ ani: '3035550102', releasedBy: 'agent' });
    // B hears 2 waiting while A is queued, 1 after A hung up; the agent then takes B.
    expect(heard(b).filter((l) => l.includes('waiting'))).toEqual(['0 ivr "2 waiting"', '15.8 ivr "2 waiting"', '31.6 ivr "1 waiting"', '47.4 ivr "1 waiting"', '63.2 ivr "1 waiting"', '79 ivr "1 waiting"', '94.8 ivr "1 waiting"']);
    expect(agentLines(b)[0]).toBe('102 agent agent Agent 1001 (1001) answered for Support');
  });

  it('a call started later is paused and resumed with the run (snapshot)', async () => {
    const opts = { tenant: tenant([agent(1001, { availableAfterSeconds: 60 })]), now: '2026-11-21T09:00:00Z' };
    const first = createRuntime({ scripts: scriptSet([QUEUE]), ...opts });
    const runOpts = { vars: { prio: 0, accel: 1 }, calls: [{ at: 30, vars: { prio: 9, accel: 1 } }] };
    // Paused after BEGIN, before anything is queued (test/routing/snapshot.test.ts pauses with callers in the queue).
    const paused = await first.run('Main', { ...runOpts, maxSteps: 1 });
    expect(paused.status).toBe('stopped');
    const snap = JSON.parse(JSON.stringify(first.snapshot()));
    expect(snap.calls).toEqual(['100000002']);
    const second = createRuntime({ scripts: scriptSet([QUEUE]), ...opts, resume: snap });
    const r = await second.run('Main', runOpts);
    expect(agentLines(r.calls![0]!)[0]).toBe('32 agent agent Agent 1001 (1001) answered for Support');
    expect(agentLines(r)[0]).toBe('94 agent agent Agent 1001 (1001) answered for Support');
  });

  it('refuses a bad call before anything starts, naming it', async () => {
    const runtime = createRuntime({ scripts: scriptSet([QUEUE, 'script Plain\nstart: BEGIN -> e\ne: END\n']), now: '2026-11-21T09:00:00Z' });
    const refused = async (calls: unknown[]): Promise<string> => {
      const err = await runtime.run('Main', { calls: calls as never }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(RuntimeOptionError);
      return (err as Error).message;
    };
    expect(await refused([{ script: 'Nope' }])).toMatch(/^calls\[0\]: .*Nope/);
    expect(await refused([{}, { at: 'soon' }])).toContain('calls[1].at: Invalid until "soon"');
    expect(await refused([{ at: '2026-11-21T08:00:00Z' }])).toContain("calls[0].at 2026-11-21T08:00:00Z is before the run's start");
    expect(await refused([{ script: 'Plain', contact: { caller: 'press 1' } }])).toContain('calls[0]: A caller needs a phone script');
    expect(await refused([{ contact: { caller: 'presss 1' } }])).toContain('calls[0]: Invalid caller');
    expect(await refused([{ vars: [1] }])).toBe('calls[0].vars must be an object of name: value');
    expect(await refused(['x'])).toContain('calls[0] must be an object');
  });
});
