// Queues and agents in snapshots: callers waiting on a skill, agents who log
// in, ring, talk, wrap up and go off shift, a caller who gives up and a
// callback — paused after any step, saved as JSON and resumed in a new
// runtime on a freshly loaded tenant, the runs end exactly as the
// uninterrupted run does, trace included. A version-1 snapshot (no routing
// part) still resumes, with routing started afresh; a damaged routing part is
// refused naming where.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RuntimeOptionError } from '../../src/runtime/runtime.js';
import type { RunResult } from '../../src/runtime/result.js';
import type { Snapshot } from '../../src/runtime/state.js';
import type { RoutingState } from '../../src/tenant/routing/saved-state.js';
import { heard } from '../phone/helpers.js';
import { RUN, runtime } from './snapshot-fixture.js';

const whole = await runtime().run('Main', { ...RUN, keepTrace: true });
const totalSteps = whole.steps + whole.calls!.reduce((n, r) => n + r.steps, 0);

/** Pauses after `n` steps; the snapshot as a new process would read it. */
async function pausedAt(n: number): Promise<{ part1: RunResult; snapshot: Snapshot }> {
  const first = runtime();
  const part1 = await first.run('Main', { ...RUN, keepTrace: true, maxSteps: n });
  return { part1, snapshot: JSON.parse(JSON.stringify(first.snapshot())) as Snapshot };
}

/** Resumes in a new runtime on a new tenant and checks the result and the trace against the uninterrupted run. */
async function expectSameAsWhole(n: number): Promise<Snapshot> {
  const { part1, snapshot } = await pausedAt(n);
  const part2 = await runtime(snapshot).run('Main', { ...RUN, keepTrace: true });
  const { trace: t2, ...rest2 } = part2;
  const { trace: t0, ...rest0 } = whole;
  expect(rest2).toEqual(rest0);
  expect([...part1.trace!, ...t2!]).toEqual(t0);
  return snapshot;
}

const routingOf = (s: Snapshot) => s.processes!.routing as RoutingState;

describe('the uninterrupted run', () => {
  it('uses every part of the routing state', () => {
    const lines = [whole, ...whole.calls!].map((r) => heard(r).filter((l) => / agent | caller hung up/.test(l)));
    // Seconds from each call's start. Ben takes the first caller, then the callback (it ranks first) and the
    // second caller; Ana logs in at 30 s and takes the priority-5 caller, wrapping up 10 s after each call.
    // Ben's shift ends at 90 s in a call; the caller who gives up leaves the queue; the last caller waits for
    // Ben's shift to start again at 180 s (answered at 184 s: 74 s after it came in at 110 s).
    expect(lines).toEqual([
      ['4 agent agent Ben Okafor (1002) answered for Support', '29 agent agent hung up'],
      ['57 agent agent Ben Okafor (1002) answered for Support', '82 agent agent hung up'],
      [],
      ['12 agent agent Ana Silva (1001) answered for Support', '52 agent agent hung up'],
      ['51 agent agent Ben Okafor (1002) answered for Support', '76 agent agent hung up'],
      ['24 agent agent Ana Silva (1001) answered for Support', '64 agent agent hung up'],
      ['36 agent agent Ana Silva (1001) answered for Support', '76 agent agent hung up'],
      ['30 caller hung up'],
      ['74 agent agent Ben Okafor (1002) answered for Support', '99 agent agent hung up'],
    ]);
    expect(whole.calls![1]!.effects.calls).toEqual([
      expect.objectContaining({ action: 'QUEUECALLBACK', callback: '100000003-cb1' }),
      expect.objectContaining({ callback: '100000003-cb1', dialedBy: 'agent', agentId: 1002, result: 'answered', at: '2026-12-07T09:00:38.000Z' }),
    ]);
    expect([whole, ...whole.calls!].map((r) => r.status)).toEqual(Array(9).fill('completed'));
  });
});

describe('a run resumed from a snapshot routes as the uninterrupted run', () => {
  it('after every third step', async () => {
    const phases = new Set<string>();
    for (let n = 1; n < totalSteps; n += 3) {
      const routing = routingOf(await expectSameAsWhole(n));
      for (const c of routing.contacts) phases.add(`contact ${c.phase}${c.request.callback ? ' callback' : ''}`);
      for (const a of routing.agents) phases.add(`agent ${a.phase}`);
    }
    // The pauses saw every kind of routing state.
    expect([...phases].sort()).toEqual(
      ['agent idle', 'agent ringing', 'agent talking', 'agent wrapUp', 'contact queued', 'contact queued callback', 'contact ringing', 'contact talking', 'contact ringing callback', 'contact talking callback'].sort(),
    );
  });

  it('after any step (property)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: totalSteps - 1 }), async (n) => {
        await expectSameAsWhole(n);
      }),
      { numRuns: 15, seed: 6061 },
    );
  });

  it('twice in a row', async () => {
    const { part1, snapshot } = await pausedAt(17);
    const second = runtime(snapshot);
    const part2 = await second.run('Main', { ...RUN, keepTrace: true, maxSteps: 40 });
    const part3 = await runtime(JSON.parse(JSON.stringify(second.snapshot()))).run('Main', { ...RUN, keepTrace: true });
    const { trace: t3, ...rest3 } = part3;
    const { trace: t0, ...rest0 } = whole;
    expect(rest3).toEqual(rest0);
    expect([...part1.trace!, ...part2.trace!, ...t3!]).toEqual(t0);
  });

  it('the snapshot holds the queue in order, with enqueue times, and the agents with their timers', async () => {
    // 10 s in: Ben talks to the first caller until 29 s; the second caller and the callback wait; Ana is not in yet.
    const { part1, snapshot } = await pausedAt(20);
    expect(part1.status).toBe('stopped');
    expect(snapshot.version).toBe(3);
    const at = (ms: number) => new Date(ms).toISOString().slice(11, 19);
    expect(at(snapshot.nowMs)).toBe('09:00:10');
    const r = routingOf(snapshot);
    expect([at(r.startMs), at(r.lastMs), r.seq]).toEqual(['09:00:00', '09:00:10', 3]);
    expect(r.contacts.map((c) => [c.request.contactId, c.seq, c.phase, at(c.queuedMs), c.agentId, c.phaseEndsMs === null ? null : at(c.phaseEndsMs)])).toEqual([
      ['100000001', 1, 'talking', '09:00:00', 1002, '09:00:29'],
      ['100000002', 2, 'queued', '09:00:05', null, null],
      ['100000003-cb1', 3, 'queued', '09:00:10', null, null],
    ]);
    expect(r.contacts[2]!.request).toMatchObject({ callback: { phone: '3035550102', callerId: '', delaySeconds: 5 }, acceleration: 0 });
    expect(r.contacts[1]!.request).toMatchObject({ initialPriority: 0, acceleration: 2, maxPriority: 1000, highProficiency: 1, lowProficiency: 20, targetAgent: null });
    expect(r.agents.map((a) => [a.id, a.phase, a.contactId, a.phaseEndsMs === null ? null : at(a.phaseEndsMs), at(a.idleSinceMs), a.handled])).toEqual([
      [1001, 'idle', null, null, '09:00:00', 0],
      [1002, 'talking', '100000001', '09:00:29', '09:00:00', 0],
    ]);
  });
});

describe('snapshot versions', () => {
  it('a version-1 snapshot (no routing part) still resumes; its routing starts afresh at the snapshot time', async () => {
    const { snapshot } = await pausedAt(20);
    const { processes: _, ...v1 } = { ...snapshot, version: 1 as const };
    const r = await runtime(v1).run('Main', { ...RUN, maxSteps: 2000 });
    // The queue is empty again: the first caller's agent never hangs up, the ones waiting are never answered.
    expect(heard(r).filter((l) => / agent /.test(l))).toEqual(['4 agent agent Ben Okafor (1002) answered for Support']);
    expect(r.calls![0]!.variables.agent).toBeUndefined();
  });

  it('an unknown version is refused, naming the versions read', () => {
    expect(() => runtime({ version: 4, runs: [], nowMs: 0, zone: 'UTC' })).toThrow('Invalid snapshot: version 4 (expected 1, 2 or 3)');
  });
});

describe('a damaged routing part is refused, naming where', async () => {
  const { snapshot } = await pausedAt(20);
  const refused = (edit: (s: Snapshot & { processes: Record<string, unknown> }, r: RoutingState) => void): string => {
    const s = JSON.parse(JSON.stringify(snapshot)) as Snapshot & { processes: Record<string, unknown> };
    edit(s, s.processes.routing as RoutingState);
    try {
      runtime(s);
    } catch (err) {
      expect(err).toBeInstanceOf(RuntimeOptionError);
      return (err as Error).message;
    }
    throw new Error('the snapshot was accepted');
  };
  const cases: [string, (s: Snapshot & { processes: Record<string, unknown> }, r: RoutingState) => void, string][] = [
    ['no processes', (s) => delete (s as Partial<Snapshot>).processes, 'Invalid snapshot: processes must be an object'],
    ['no routing part', (s) => delete s.processes.routing, 'Invalid snapshot: processes.routing is missing (the state of the routing process)'],
    ['a process this runtime lacks', (s) => (s.processes.dialer = {}), 'Invalid snapshot: processes.dialer is the state of a background process this runtime does not have'],
    ['routing is a list', (s) => (s.processes.routing = []), 'Invalid snapshot: processes.routing must be an object'],
    ['a time that is text', (_, r) => ((r.contacts[1]! as { queuedMs: unknown }).queuedMs = 'soon'), 'Invalid snapshot: processes.routing.contacts[1].queuedMs must be a time in epoch milliseconds'],
    ['an unknown phase', (_, r) => ((r.agents[0]! as { phase: string }).phase = 'lunch'), 'Invalid snapshot: processes.routing.agents[0].phase must be one of idle, ringing, talking, wrapUp'],
    ['a proficiency out of range', (_, r) => (r.contacts[2]!.request.lowProficiency = 21), 'Invalid snapshot: processes.routing.contacts[2].request.lowProficiency must be a whole number from 1 to 20'],
    ['an agent the tenant lacks', (_, r) => (r.agents[0]!.id = 9999), 'Invalid snapshot: processes.routing.agents[0].id names agent 9999, which the tenant does not have'],
    ['two states of one agent', (_, r) => (r.agents[0]!.id = 1002), 'Invalid snapshot: processes.routing.agents[1].id repeats agent 1002'],
    ['a talking agent whose contact waits', (_, r) => (r.contacts[0]!.phase = 'queued'), 'Invalid snapshot: processes.routing.contacts[0].agentId must be null for a queued contact'],
    [
      'a contact ringing with an idle agent',
      (_, r) => Object.assign(r.contacts[1]!, { phase: 'ringing', agentId: 1001, phaseEndsMs: r.contacts[0]!.phaseEndsMs }),
      'Invalid snapshot: processes.routing.contacts[1].agentId names agent 1001, whose state in agents is not ringing for this contact',
    ],
    ['a contact twice', (_, r) => (r.contacts[2]!.request.contactId = '100000002'), 'Invalid snapshot: processes.routing.contacts[2].request.contactId repeats contact id "100000002"'],
    ['a sequence number ahead of the last', (_, r) => (r.contacts[1]!.seq = r.seq + 1), `Invalid snapshot: processes.routing.contacts[1].seq must be a whole number from 1 to`],
  ];
  it.each(cases)('%s', (_, edit, message) => {
    expect(refused(edit)).toContain(message);
  });

  // The calls' own part (snapshot-call-check.ts) is checked the same way.
  type Run = { state: Record<string, any>; log: Record<string, any> };
  const calls: [string, (run: Run) => void, string][] = [
    ['events that are not a list', (r) => (r.state.contact.events.queue = {}), 'Invalid snapshot: runs[1].state.contact.events.queue must be a list'],
    ['an event of an unknown type', (r) => (r.state.contact.events.queue = [{ atMs: 0, seq: 0, event: { type: 'ring' } }]), 'runs[1].state.contact.events.queue[0].event.type must be one of'],
    ['a stretch of an action the script lacks', (r) => (r.state.contact.pending.action.label = 'nowhere'), 'Invalid snapshot: runs[1].state.contact.pending.action.label names action "nowhere", which script main does not have'],
    ['a call status unknown', (r) => (r.state.contact.call.status = 'parked'), 'Invalid snapshot: runs[1].state.contact.call.status must be one of ivr, queued'],
    ['a transcript line without time', (r) => delete r.log.transcript[0].atMs, 'Invalid snapshot: runs[1].log.transcript[0].atMs must be a time in epoch milliseconds'],
  ];
  it.each(calls)('a call part: %s', (_, edit, message) => {
    expect(refused((s) => edit(s.runs[1] as unknown as Run))).toContain(message);
  });
});
