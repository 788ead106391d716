import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import type { QueueRequest } from '../../src/contract/routing.js';
import { RoutingModel, type RoutingEvent } from '../../src/tenant/routing/model.js';
import type { AgentRoutingRecord } from '../../src/tenant/routing/records.js';
import { toRoutingRecord, type AgentInput } from '../../src/tenant/sections/agents.js';

const ZONE = 'America/Denver';
/** Monday 2026-12-07 08:30 in Denver. */
const START = DateTime.fromISO('2026-12-07T08:30', { zone: ZONE }).toMillis();
const agent = (id: number, over: Partial<AgentInput> = {}): AgentRoutingRecord =>
  toRoutingRecord({ id, email: `a${id}@example.com`, name: `Agent ${id}`, skills: [6061], ringSeconds: 2, talkSeconds: 60, ...over });
const call = (contactId: string, over: Partial<QueueRequest> = {}): QueueRequest => ({
  contactId,
  skill: 6061,
  initialPriority: 0,
  acceleration: 1,
  maxPriority: 1000,
  ...over,
});

type Arrival = { at: number; request: QueueRequest } | { at: number; drop: string };

/** Drives the model like the scheduler does; events as `seconds-after-start type contact agent`. */
function simulate(model: RoutingModel, arrivals: Arrival[], untilSeconds = 3600): string[] {
  const pending = [...arrivals].sort((a, b) => a.at - b.at);
  const out: string[] = [];
  const show = (e: RoutingEvent) =>
    `${(e.atMs - START) / 1000} ${e.type} ${e.contactId} ${e.type === 'answered' ? e.agent.id : e.agentId}`;
  for (let guard = 0; guard < 10_000; guard++) {
    const due = model.nextDueMs();
    const next = pending[0] ? START + pending[0].at * 1000 : null;
    if (due === null && next === null) break;
    if (next !== null && (due === null || next <= due)) {
      const a = pending.shift()!;
      if (next > START + untilSeconds * 1000) break;
      if ('request' in a) model.enqueue(a.request, next);
      else model.drop(a.drop, next);
      continue;
    }
    if (due! > START + untilSeconds * 1000) break;
    out.push(...model.advance(due!).map(show));
  }
  return out;
}

const fresh = (agents: AgentRoutingRecord[]) => new RoutingModel(agents, { zone: ZONE, startMs: START });

describe('RoutingModel', () => {
  it('routes a caller to a free agent after the ring time and releases it after the talk time', () => {
    const m = fresh([agent(1)]);
    expect(simulate(m, [{ at: 0, request: call('c1') }])).toEqual(['0 routed c1 1', '2 answered c1 1', '62 agentHungUp c1 1']);
    expect(m.agentPhases()).toEqual([{ id: 1, phase: 'idle', contactId: null, handled: 1 }]);
    expect(m.nextDueMs()).toBeNull();
  });

  it('serves several callers with several agents in order, with after-call work', () => {
    const m = fresh([agent(1, { talkSeconds: 10, ringSeconds: 1, wrapUpSeconds: 5 }), agent(2, { talkSeconds: 30, ringSeconds: 1 })]);
    const events = simulate(m, [0, 1, 2, 3].map((i) => ({ at: i, request: call(`c${i}`) })));
    expect(events).toEqual([
      '0 routed c0 1',
      '1 answered c0 1',
      '1 routed c1 2',
      '2 answered c1 2',
      '11 agentHungUp c0 1',
      // Agent 1 wraps up for 5 s before taking c2.
      '16 routed c2 1',
      '17 answered c2 1',
      '27 agentHungUp c2 1',
      '32 agentHungUp c1 2',
      // Both free at 32 s (idle equally long): the lower id takes it.
      '32 routed c3 1',
      '33 answered c3 1',
      '43 agentHungUp c3 1',
    ]);
  });

  it('is deterministic: equal inputs give equal timelines', () => {
    const run = () =>
      simulate(
        fresh([agent(3, { talkSeconds: 17 }), agent(1, { talkSeconds: 23 }), agent(2, { talkSeconds: 11 })]),
        Array.from({ length: 12 }, (_, i) => ({ at: i % 4, request: call(`c${i}`, { initialPriority: i % 3 }) })),
      );
    expect(run()).toEqual(run());
    expect(run().filter((e) => e.includes('answered'))).toHaveLength(12);
  });

  it('serves the highest priority first, then the longest waiting', () => {
    const m = fresh([agent(1, { talkSeconds: 60 })]);
    const events = simulate(m, [
      { at: 0, request: call('busy') },
      { at: 1, request: call('early') },
      { at: 30, request: call('urgent', { initialPriority: 5 }) },
      { at: 31, request: call('late') },
    ]);
    // At 62 s: early ≈ 1.02, urgent ≈ 5.5, late ≈ 0.5.
    expect(events.filter((e) => e.includes('routed'))).toEqual(['0 routed busy 1', '62 routed urgent 1', '124 routed early 1', '186 routed late 1']);
  });

  it('acceleration lets a waiting caller overtake, and the cap makes them equal again', () => {
    const m = fresh([agent(1, { talkSeconds: 120 })]);
    const events = simulate(m, [
      { at: 0, request: call('busy') },
      { at: 1, request: call('fast', { initialPriority: 0, acceleration: 10 }) },
      { at: 2, request: call('steady', { initialPriority: 5, acceleration: 0 }) },
    ]);
    // At 122 s fast has 20 points, steady 5.
    expect(events.filter((e) => e.includes('routed'))[1]).toBe('122 routed fast 1');
    const capped = fresh([agent(1, { talkSeconds: 120 })]);
    const order = simulate(capped, [
      { at: 0, request: call('busy') },
      { at: 1, request: call('first', { initialPriority: 0, acceleration: 10, maxPriority: 5 }) },
      { at: 2, request: call('second', { initialPriority: 5, acceleration: 0, maxPriority: 5 }) },
    ]);
    // Both at the cap: the one queued first goes first.
    expect(order.filter((e) => e.includes('routed'))[1]).toBe('122 routed first 1');
  });

  it('gives a contact to the agent with the best proficiency, then the one idle longest', () => {
    const m = fresh([agent(1, { skills: [{ skill: 6061, proficiency: 5 }] }), agent(2, { skills: [{ skill: 6061, proficiency: 2 }] })]);
    expect(simulate(m, [{ at: 0, request: call('c1') }])[0]).toBe('0 routed c1 2');
    const tie = fresh([agent(1, { talkSeconds: 10 }), agent(2, { talkSeconds: 10 })]);
    // c1 goes to agent 1 (lower id); when c2 arrives agent 2 has been idle longer than agent 1 will have been.
    const events = simulate(tie, [
      { at: 0, request: call('c1') },
      { at: 20, request: call('c2') },
      { at: 40, request: call('c3') },
    ]);
    expect(events.filter((e) => e.includes('routed'))).toEqual(['0 routed c1 1', '20 routed c2 2', '40 routed c3 1']);
  });

  it('respects the proficiency window and the target agent', () => {
    const m = fresh([agent(1, { skills: [{ skill: 6061, proficiency: 15 }] }), agent(2, { skills: [{ skill: 6061, proficiency: 3 }], talkSeconds: 30 })]);
    const events = simulate(m, [
      { at: 0, request: call('busy2', { targetAgent: 2 }) },
      { at: 1, request: call('picky', { highProficiency: 1, lowProficiency: 10 }) },
      { at: 2, request: call('any') },
    ]);
    expect(events.filter((e) => e.includes('routed'))).toEqual(['0 routed busy2 2', '2 routed any 1', '32 routed picky 2']);
  });

  it('waits for agents that start later: a schedule and "available after N seconds"', () => {
    const scheduled = fresh([agent(1, { schedule: { Monday: { open: '09:00', close: '17:00' } } })]);
    expect(scheduled.enqueue(call('c1'), START).phase).toBe('queued');
    expect(scheduled.nextDueMs()).toBe(DateTime.fromISO('2026-12-07T09:00', { zone: ZONE }).toMillis());
    expect(simulate(scheduled, [])[0]).toBe('1800 routed c1 1');

    const later = fresh([agent(1, { availableAfterSeconds: 45 })]);
    expect(simulate(later, [{ at: 5, request: call('c1') }])[0]).toBe('45 routed c1 1');

    const out = fresh([agent(1, { loggedIn: false })]);
    out.enqueue(call('c1'), START);
    expect(out.nextDueMs()).toBeNull();
    expect(out.queueStats(6061, START + 10_000)).toEqual({ queued: 1, longestWaitSeconds: 10 });
  });

  it('an agent whose shift ends finishes the call but takes no new one', () => {
    const m = fresh([agent(1, { schedule: { Monday: { open: '08:00', close: '08:31' } }, talkSeconds: 120 })]);
    const events = simulate(m, [
      { at: 0, request: call('c1') },
      { at: 10, request: call('c2') },
    ]);
    expect(events).toEqual(['0 routed c1 1', '2 answered c1 1', '122 agentHungUp c1 1']);
    expect(m.contact('c2')?.phase).toBe('queued');
    // Next Monday's shift picks c2 up a week later.
    expect(m.nextDueMs()).toBe(DateTime.fromISO('2026-12-14T08:00', { zone: ZONE }).toMillis());
  });

  it('a caller who hangs up leaves the queue; while ringing the agent is free at once, after talking it wraps up', () => {
    const m = fresh([agent(1, { wrapUpSeconds: 30, ringSeconds: 5, talkSeconds: 60 })]);
    const events = simulate(m, [
      { at: 0, request: call('c1') },
      { at: 1, request: call('c2') },
      { at: 2, request: call('c3') },
      { at: 3, drop: 'c1' }, // while ringing
      { at: 4, drop: 'c3' }, // while queued
      { at: 20, drop: 'c2' }, // while talking
      { at: 21, request: call('c4') },
    ]);
    expect(events).toEqual(['0 routed c1 1', '3 routed c2 1', '8 answered c2 1', '50 routed c4 1', '55 answered c4 1', '115 agentHungUp c4 1']);
    // c1 never talked (no after-call work, c2 routed at once); c2 talked, so c4 waits out the 30 s wrap-up.
    expect(m.agentPhases()[0]).toMatchObject({ phase: 'idle', handled: 2 });
  });

  it('callbacks rank above live callers; a commitment waits for its time', () => {
    const m = fresh([agent(1, { talkSeconds: 10 })]);
    const events = simulate(m, [
      { at: 0, request: call('busy') },
      { at: 1, request: call('live', { initialPriority: 900 }) },
      { at: 2, request: call('cb', { callback: { phone: '+13035550100', callerId: '8005550100' } }) },
      { at: 3, request: call('later', { callback: { phone: '+13035550101', callerId: '' }, notBeforeMs: START + 100_000 }) },
    ]);
    expect(events.filter((e) => e.includes('routed'))).toEqual(['0 routed busy 1', '12 routed cb 1', '24 routed live 1', '100 routed later 1']);
  });

  it('a caller turned into a callback keeps its time in queue under the new id, and ranks first', () => {
    const m = fresh([agent(1, { availableAfterSeconds: 600 })]);
    m.enqueue(call('first'), START);
    m.enqueue(call('second', { initialPriority: 500 }), START + 10_000);
    expect(m.toCallback('first', 'first-cb1', { phone: '+13035550100', callerId: '' }, START + 20_000)).toMatchObject({ queuedMs: START });
    expect(m.toCallback('nobody', 'x', { phone: '+13035550100', callerId: '' }, START + 20_000)).toBeUndefined();
    expect(m.contact('first')).toBeUndefined();
    expect(m.queueStats(6061, START + 30_000)).toEqual({ queued: 2, longestWaitSeconds: 30 });
    expect(simulate(m, []).filter((e) => e.includes('routed'))).toEqual(['600 routed first-cb1 1', '662 routed second 1']);
  });

  it('counts the queue, the longest wait and a caller’s position', () => {
    const m = fresh([agent(1, { loggedIn: false }), agent(2, { skills: [6057] })]);
    m.enqueue(call('a'), START);
    m.enqueue(call('b', { initialPriority: 3 }), START + 5_000);
    m.enqueue(call('c', { highProficiency: 12, lowProficiency: 20 }), START + 6_000);
    m.enqueue(call('other', { skill: 6057 }), START + 7_000);
    const now = START + 65_000;
    expect(m.queueStats(6061, now)).toEqual({ queued: 3, longestWaitSeconds: 65 });
    expect(m.queueStats(6061, now, 1, 10)).toEqual({ queued: 2, longestWaitSeconds: 65 });
    expect([m.position('b', now), m.position('a', now), m.position('c', now)]).toEqual([1, 2, 3]);
    expect(m.agentCounts(6061, now)).toEqual({ loggedIn: 0, available: 0, working: 0 });
    m.advance(now);
    expect(m.contact('other')?.phase).toBe('ringing');
    expect(m.position('other', now)).toBeNull();
    expect(m.agentCounts(6057, now)).toEqual({ loggedIn: 1, available: 0, working: 1 });
  });

  it('a second request changes the skill and keeps the time in queue', () => {
    const m = fresh([agent(1, { skills: [6057], availableAfterSeconds: 100 })]);
    m.enqueue(call('c1'), START);
    m.enqueue(call('c1', { skill: 6057 }), START + 40_000);
    expect(m.contact('c1')).toMatchObject({ queuedMs: START, request: { skill: 6057 } });
    expect(simulate(m, [])[0]).toBe('100 routed c1 1');
  });

  it('survives a snapshot round trip', () => {
    const agents = [agent(1, { talkSeconds: 30 }), agent(2, { talkSeconds: 45 })];
    const a = fresh(agents);
    const arrivals = [0, 1, 2, 3].map((i) => ({ at: i, request: call(`c${i}`) }));
    simulate(a, arrivals, 10);
    const b = fresh(agents);
    b.restore(JSON.parse(JSON.stringify(a.snapshot())));
    expect(simulate(b, [])).toEqual(simulate(a, []));
  });
});
