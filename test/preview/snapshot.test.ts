// Preview campaigns in snapshots: a morning of offers, decisions, dials,
// requeues and recycles (snapshot-fixture.ts), paused after any step, saved as
// JSON and resumed in a new runtime on the tenant as the pause left it, ends
// exactly as the uninterrupted run does — results, trace, and the offers the
// tenant keeps. A damaged preview part is refused naming where; a version-2
// snapshot (no preview part) still resumes, its dialer starting a new cycle.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { RunResult } from '../../src/runtime/result.js';
import { RuntimeOptionError } from '../../src/runtime/runtime.js';
import type { Snapshot } from '../../src/runtime/state.js';
import { previewOffers } from '../../src/tenant/preview/records.js';
import type { PreviewState } from '../../src/tenant/preview/saved-state.js';
import type { Tenant } from '../../src/tenant/tenant.js';
import { RUN, runtime, tenant } from './snapshot-fixture.js';

const PART = 'preview:Collections';
const wholeTenant = tenant();
const whole = await runtime(wholeTenant).run('Shift', { ...RUN, keepTrace: true });
const wholeOffers = previewOffers(wholeTenant.store);
const totalSteps = whole.steps + whole.spawned!.reduce((n, r) => n + r.steps, 0);

/** Pauses after `n` steps; the snapshot as a new process would read it, and the tenant as the pause left it. */
async function pausedAt(n: number, t = tenant()): Promise<{ part1: RunResult; snapshot: Snapshot; t: Tenant }> {
  const first = runtime(t);
  const part1 = await first.run('Shift', { ...RUN, keepTrace: true, maxSteps: n });
  return { part1, snapshot: JSON.parse(JSON.stringify(first.snapshot())) as Snapshot, t };
}

function expectSame(parts: RunResult[], t: Tenant): void {
  const last = parts[parts.length - 1]!;
  const { trace: tn, ...restN } = last;
  const { trace: t0, ...rest0 } = whole;
  expect(restN).toEqual(rest0);
  expect(parts.flatMap((p) => p.trace!)).toEqual(t0);
  expect(previewOffers(t.store)).toEqual(wholeOffers);
  expect(tn).toBeDefined();
}

/** Resumes in a new runtime and checks the result, the trace and the tenant's offers against the uninterrupted run. */
async function expectSameAsWhole(n: number): Promise<Snapshot> {
  const { part1, snapshot, t } = await pausedAt(n);
  const part2 = await runtime(t, snapshot).run('Shift', { ...RUN, keepTrace: true });
  expectSame([part1, part2], t);
  return snapshot;
}

const previewOf = (s: Snapshot) => s.processes![PART] as PreviewState;

describe('the uninterrupted run', () => {
  it('goes through every part of the preview state', () => {
    const offers = wholeOffers.map((o) => `${o.cycle} ${o.agentId} ${o.externalId} ${o.decision}${o.dialed ? ` ${o.dialed}` : ''}`);
    expect(offers).toEqual([
      '1 1001 R-1 accept answered',
      '1 1002 R-2 reject',
      '1 1002 R-10 accept answered',
      '1 1002 R-3 reject',
      '1 1002 R-5 accept answered',
      '1 1001 R-8 timeout',
      '1 1001 R-8 accept answered',
      '1 1002 R-9 reject',
      '1 1001 R-9 skip',
      '1 1001 R-3 accept answered',
      '1 1001 N-1 timeout',
      '1 1002 N-2 accept busy',
      '1 1001 N-1 accept answered',
      '2 1001 R-9 skip',
      '2 1002 R-2 reject',
      '2 1003 R-4 accept answered',
      '2 1003 N-3 timeout',
      '2 1003 N-3 accept answered',
      '3 1001 R-9 accept answered',
      '3 1002 R-2 accept answered',
    ]);
    expect(whole.status).toBe('completed');
    expect(whole.spawned!.map((s) => s.status)).toEqual(Array(20).fill('completed'));
  });
});

describe('a run resumed from a snapshot offers as the uninterrupted run', () => {
  it('after every third step', async () => {
    const seen = new Set<string>();
    // And the first pause at which the list changed since the dialer last looked (accounts added at 09:15:30, looked at on 09:16).
    let changed = 1;
    while (!previewOf((await pausedAt(changed)).snapshot).listChanged) changed++;
    for (const n of [changed, ...Array.from({ length: Math.ceil((totalSteps - 1) / 3) }, (_, i) => 1 + 3 * i)]) {
      const p = previewOf(await expectSameAsWhole(n));
      seen.add(`cycle ${Math.min(p.cycle, 2)}`);
      if (p.knownCount < 0) seen.add('not looked yet');
      if (p.listChanged) seen.add('list changed');
      if (p.recycleOffers) seen.add('recycle offers');
      if (p.shared.length > 0) seen.add('shared waiting');
      if (p.done.length > 0) seen.add('done');
      for (const a of p.agents) {
        if (a.pending) seen.add(`pending ${a.pending.decision}`);
        if (a.freeAtMs === null) seen.add('never free');
        if (a.own.length > 0) seen.add('own waiting');
        if (a.rejected.length > 0) seen.add('rejected');
      }
    }
    // The pauses saw every kind of preview state.
    expect([...seen].sort()).toEqual(
      ['cycle 1', 'cycle 2', 'list changed', 'recycle offers', 'shared waiting', 'done', 'pending accept', 'pending reject', 'pending timeout', 'pending skip', 'never free', 'own waiting', 'rejected'].sort(),
    );
  });

  it('after any step (property)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: totalSteps - 1 }), async (n) => {
        await expectSameAsWhole(n);
      }),
      { numRuns: 12, seed: 1300 },
    );
  });

  it('twice in a row', async () => {
    const { part1, snapshot, t } = await pausedAt(23);
    const second = runtime(t, snapshot);
    const part2 = await second.run('Shift', { ...RUN, keepTrace: true, maxSteps: 41 });
    const part3 = await runtime(t, JSON.parse(JSON.stringify(second.snapshot()))).run('Shift', { ...RUN, keepTrace: true });
    expectSame([part1, part2, part3], t);
  });

  it('with the tenant in a state file, closed and opened again between the two', async () => {
    const state = join(mkdtempSync(join(tmpdir(), 'preview-snap-')), 'tenant.db');
    for (const n of [17, 52]) {
      const { part1, snapshot, t } = await pausedAt(n, tenant({ state: `${state}.${n}` }));
      t.close();
      const again = tenant({ state: `${state}.${n}` });
      try {
        const part2 = await runtime(again, snapshot).run('Shift', { ...RUN, keepTrace: true });
        expectSame([part1, part2], again);
      } finally {
        again.close();
      }
    }
  });

  it('the snapshot holds the cycle: records to offer, pending offers, agents free or off shift', async () => {
    // 09:00:00 Denver: Ana looks at R-1 (she accepts it at 09:00:05), Ben at R-2 (he rejects it at 09:00:02); Cy's shift starts at 09:20; Dee is logged out.
    const { snapshot } = await pausedAt(4);
    expect(snapshot.version).toBe(3);
    const p = previewOf(snapshot);
    const at = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString().slice(11, 19));
    expect([p.cycle, at(p.startMs), at(p.nextRecycleMs), p.knownCount]).toEqual([1, '16:00:00', '16:20:00', 10]);
    expect(p.shared).toEqual(['R-3', 'R-5', 'R-9']);
    expect(p.seen).toEqual(['R-1', 'R-2', 'R-3', 'R-4', 'R-5', 'R-6', 'R-7', 'R-8', 'R-9', 'R-10']);
    expect(p.agents.map((a) => [a.id, a.own, at(a.freeAtMs), a.offers, a.pending && [a.pending.externalId, a.pending.decision, at(a.pending.decidesAtMs)]])).toEqual([
      [1001, ['R-8'], '16:00:00', 1, ['R-1', 'accept', '16:00:05']],
      [1002, ['R-10'], '16:00:00', 1, ['R-2', 'reject', '16:00:02']],
      [1003, ['R-4'], '16:20:00', 0, null],
      [1004, ['R-6'], null, 0, null],
    ]);
    expect(p.agents[0]!.pending!.contactId).toBe(whole.spawned![0]!.contactId);
  });
});

describe('snapshot versions', () => {
  it('a version-2 snapshot (no preview part) still resumes: the dialer starts a new cycle at the snapshot time', async () => {
    const { snapshot, t } = await pausedAt(4);
    const { [PART]: _, ...processes } = snapshot.processes!;
    const r = await runtime(t, { ...snapshot, version: 2, processes }).run('Shift', { ...RUN, maxSteps: 5000 });
    expect(r.status).toBe('completed');
    // The offers pending at the pause are never decided; their contacts wait for nothing and end stopped.
    expect(r.spawned!.slice(0, 2).map((s) => s.status)).toEqual(['stopped', 'stopped']);
    expect(previewOffers(t.store).map((o) => o.cycle)).not.toContain(1);
  });

  it('a version-3 snapshot without the preview part is refused, naming it', async () => {
    const { snapshot, t } = await pausedAt(4);
    const { [PART]: _, ...processes } = snapshot.processes!;
    expect(() => runtime(t, { ...snapshot, processes })).toThrow(`Invalid snapshot: processes.${PART} is missing (the state of the ${PART} process)`);
  });
});

describe('a damaged preview part is refused, naming where', async () => {
  const { snapshot, t } = await pausedAt(4);
  const refused = (edit: (p: PreviewState & Record<string, unknown>) => void): string => {
    const s = JSON.parse(JSON.stringify(snapshot)) as Snapshot;
    edit(s.processes![PART] as PreviewState & Record<string, unknown>);
    try {
      runtime(t, s);
    } catch (err) {
      expect(err).toBeInstanceOf(RuntimeOptionError);
      return (err as Error).message;
    }
    throw new Error('the snapshot was accepted');
  };
  const at = `Invalid snapshot: processes.${PART}`;
  const cases: [string, (p: PreviewState & Record<string, unknown>) => void, string][] = [
    ['a cycle that is text', (p) => ((p as Record<string, unknown>).cycle = 'one'), `${at}.cycle must be a whole number from 0 to`],
    ['a time that is not one', (p) => ((p as Record<string, unknown>).lookedAtMs = 'now'), `${at}.lookedAtMs must be a time in epoch milliseconds`],
    ['an unknown decision', (p) => ((p.agents[0]!.pending as unknown as Record<string, unknown>).decision = 'maybe'), `${at}.agents[0].pending.decision must be one of accept, skip, reject, timeout`],
    ['a decision before its offer', (p) => (p.agents[0]!.pending!.decidesAtMs = p.agents[0]!.pending!.offeredAtMs - 1), `${at}.agents[0].pending.decidesAtMs must not be before offeredAtMs`],
    ['an agent outside the queue', (p) => (p.agents[3]!.id = 1005), `${at}.agents[3].id names agent 1005, who is not in the campaign's queue in the tenant`],
    ['an agent missing', (p) => p.agents.pop(), `${at}.agents lacks agent 1004 of the campaign's queue`],
    ['agents out of order', (p) => p.agents.reverse(), `${at}.agents[1].id must come after agent 1004`],
    ['a record twice', (p) => p.shared.push('R-3'), `${at}.shared[3] repeats record "R-3"`],
    ['a record the cycle has not seen', (p) => p.agents[0]!.own.push('X-1'), `${at}.agents[0].own[1] names record "X-1", which this cycle has not seen`],
    ['a flag that is not one', (p) => ((p as Record<string, unknown>).listChanged = 'yes'), `${at}.listChanged must be true or false`],
  ];
  it.each(cases)('%s', (_, edit, message) => {
    expect(refused(edit)).toContain(message);
  });
});
