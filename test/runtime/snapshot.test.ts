// Snapshot / resume equality and deterministic traces (runtime.md "A run").
import { describe, expect, test } from 'vitest';
import type { TraceEvent } from '../../src/runtime/result.js';
import { brainRuntime } from './brain-fixture.js';

const fresh = brainRuntime;

async function uninterrupted() {
  const runtime = fresh();
  return runtime.run('Brain', { vars: { limit: 3 }, keepTrace: true });
}

describe('snapshot and resume', () => {
  test.each([1, 5, 9, 14, 20])('pausing after %i steps, snapshotting through JSON and resuming gives the same result and trace', async (n) => {
    const whole = await uninterrupted();
    const first = fresh();
    const part1 = await first.run('Brain', { vars: { limit: 3 }, keepTrace: true, maxSteps: n });
    expect(part1.status).toBe('stopped');
    const snapshot = JSON.parse(JSON.stringify(first.snapshot()));
    const second = fresh(snapshot);
    const part2 = await second.run('Brain', { keepTrace: true });
    const { trace: t1, ...rest1 } = part2;
    const { trace: t0, ...rest0 } = whole;
    expect(rest1).toEqual(rest0);
    expect([...part1.trace!, ...t1!]).toEqual(t0);
  });

  test('a resumed runtime refuses to start another script before the resumed run ends', async () => {
    const first = fresh();
    await first.run('Brain', { maxSteps: 3 });
    const second = fresh(JSON.parse(JSON.stringify(first.snapshot())));
    await expect(second.run('Worker')).rejects.toThrow(/continues Brain/);
  });

  test('a snapshot of another version is refused with a message', () => {
    expect(() => fresh({ version: 99, runs: [], nowMs: 0, zone: 'UTC' })).toThrow(/version 99/);
  });
});

describe('determinism', () => {
  test('equal inputs and seed give equal traces', async () => {
    const a = await uninterrupted();
    const b = await uninterrupted();
    expect(a.trace!.length).toBeGreaterThan(40);
    expect(b).toEqual(a);
  });

  test('subscribers receive the same events as the kept trace', async () => {
    const runtime = fresh();
    const seen: TraceEvent[] = [];
    const enters: string[] = [];
    const off = runtime.on('*', (e) => seen.push(e));
    runtime.on('action.enter', (e) => enters.push(`${e.script}.${e.label}`));
    const r = await runtime.run('Brain', { vars: { limit: 3 }, keepTrace: true });
    off();
    expect(seen).toEqual(r.trace);
    expect(enters.filter((w) => w.startsWith('Brain.'))).toEqual(r.path.filter((w) => w.startsWith('Brain.')));
  });
});
