// Snapshot / resume equality and deterministic traces (runtime.md "A run").
import { describe, expect, test } from 'vitest';
import type { TraceEvent } from '../../src/runtime/result.js';
import { createRuntime } from '../../src/runtime/runtime.js';
import { NOW, scriptSet } from './helpers.js';

// A brain-like script: a subscript, a spawned run, waits, DDOs, dates, loops and randomness.
const brain = `script Brain
start: BEGIN { Parameters = [limit] } -> init
init: SNIPPET {
  DYNAMIC state
  state.started = now
  state.rolls = ""
  count = 0
} -> spawn
spawn: SPAWN { ScriptName = "Helper"  Parameters = ["x"] } -> loop
loop: LOOP { Repeat = 4  CounterName = round }
  Repeat -> work
  Finished -> done
work: RUNSUB { ScriptName = "Worker"  Parameters = [round]  ReturnVariable = got } -> roll
roll: SNIPPET {
  r = random(100)
  state.rolls = "{state.rolls}{r},"
  count = count + got
} -> nap
nap: WAIT { Seconds = 45 } -> loop
done: END
`;
const worker = `script Worker
start: BEGIN { Parameters = [n] } -> w
w: WAIT { Seconds = 5 } -> r
r: RETURN { ReturnValue = "{n}" }
`;
const helper = `script Helper
start: BEGIN -> w
w: WAIT { Seconds = 70 } -> t
t: SNIPPET {
  TRACE "helper done"
} -> done
done: END
`;

function fresh(resume?: unknown) {
  const scripts = scriptSet([brain, worker, helper]);
  return createRuntime({ scripts, now: NOW, seed: 7, ...(resume ? { resume: resume as never } : {}) });
}

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
