// Snapshot / resume equality and deterministic traces (runtime.md "A run").
import { describe, expect, test } from 'vitest';
import type { BackgroundProcess, ProcessServices } from '../../src/contract/process.js';
import { StateError } from '../../src/contract/state-check.js';
import { createRuntime } from '../../src/runtime/runtime.js';
import type { TraceEvent } from '../../src/runtime/result.js';
import { brainRuntime } from './brain-fixture.js';
import { NOW, scriptSet } from './helpers.js';

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

  test('a redacted variable stays masked in text that embeds it after the pause, as before it', async () => {
    const scripts = scriptSet([
      'script Main\nstart: BEGIN -> wait\nwait: WAIT { Seconds = 5 } -> build\nbuild: ASSIGN { Variable = url  Value = "https://x.example/?q={token}" } -> done\ndone: END\n',
    ]);
    const options = { scripts, now: NOW, redact: ['token'] };
    const run = { vars: { token: 's3cr3t-tok' }, keepTrace: true };
    const whole = await createRuntime(options).run('Main', run);
    expect(whole.variables.url).toBe('https://x.example/?q=***');
    const first = createRuntime(options);
    const part1 = await first.run('Main', { ...run, maxSteps: 2 });
    const part2 = await createRuntime({ ...options, resume: JSON.parse(JSON.stringify(first.snapshot())) }).run('Main', { keepTrace: true });
    const { trace: t2, ...rest2 } = part2;
    const { trace: t0, ...rest0 } = whole;
    expect(rest2).toEqual(rest0);
    expect([...part1.trace!, ...t2!]).toEqual(t0);
    expect(JSON.stringify(t2)).not.toContain('s3cr3t-tok');
  });

  test('a FOR counting down in fractions is resumed where it was', async () => {
    const scripts = scriptSet(['script Count\nstart: BEGIN -> f\nf: FOR { CounterName = i  FromValue = 1  ToValue = -1  Step = 0.25 }\n  Repeat -> w\n  Finished -> e\nw: WAIT { Seconds = 1 } -> f\ne: END\n']);
    const whole = await createRuntime({ scripts, now: NOW }).run('Count');
    const first = createRuntime({ scripts, now: NOW });
    await first.run('Count', { maxSteps: 8 });
    const snapshot = JSON.parse(JSON.stringify(first.snapshot()));
    expect(snapshot.runs[0].state.frames[0].loops.f).toBe(0.25);
    expect(await createRuntime({ scripts, resume: snapshot }).run('Count')).toEqual(whole);
  });

  test('a snapshot of another version is refused with a message', () => {
    expect(() => fresh({ version: 99, runs: [], nowMs: 0, zone: 'UTC' })).toThrow(/version 99/);
  });
});

describe("a background process's own state", () => {
  /** Counts its ticks in memory (every 10 s) and records each as an effect of the entry run (none at 50 s: the run ends first). */
  class Ticker implements BackgroundProcess {
    readonly name = 'ticker';
    private services: ProcessServices | undefined;
    private ticks = 0;
    private nextMs = 0;
    constructor(private readonly fail?: 'located' | 'plain') {}
    attach(services: ProcessServices): void {
      this.services = services;
      this.nextMs = services.clock.now().toMillis() + 10_000;
    }
    nextDueMs(): number {
      return this.nextMs;
    }
    runDue(nowMs: number): void {
      this.services!.effect!('agentEvents', { tick: ++this.ticks });
      this.nextMs = nowMs + 10_000;
    }
    saveState(): unknown {
      return { ticks: this.ticks, nextMs: this.nextMs };
    }
    restoreState(state: unknown): void {
      if (this.fail === 'located') throw new StateError('ticks', 'must be a whole number');
      if (this.fail === 'plain') throw new Error('cannot read it');
      ({ ticks: this.ticks, nextMs: this.nextMs } = state as { ticks: number; nextMs: number });
    }
  }
  const scripts = scriptSet(['script Wait\nstart: BEGIN -> w\nw: WAIT { Seconds = 25 } -> again\nagain: WAIT { Seconds = 25 } -> e\ne: END\n']);
  const ticker = (resume?: unknown, fail?: 'located' | 'plain') =>
    createRuntime({ scripts, now: NOW, background: [new Ticker(fail)], ...(resume ? { resume: resume as never } : {}) });

  test('is kept in the snapshot under its name and taken back on resume', async () => {
    const whole = await ticker().run('Wait');
    expect(whole.effects.agentEvents).toEqual([1, 2, 3, 4].map((tick) => ({ tick })));
    const first = ticker();
    await first.run('Wait', { maxSteps: 2 });
    const snapshot = JSON.parse(JSON.stringify(first.snapshot()));
    expect(snapshot.processes.ticker).toEqual({ ticks: 2, nextMs: Date.parse(NOW) + 30_000 });
    expect(await ticker(snapshot).run('Wait')).toEqual(whole);
  });

  test('a part the process refuses, one missing and one no process takes are refused, named', async () => {
    const first = ticker();
    await first.run('Wait', { maxSteps: 2 });
    const snapshot = JSON.parse(JSON.stringify(first.snapshot()));
    expect(() => ticker(snapshot, 'located')).toThrow('Invalid snapshot: processes.ticker.ticks must be a whole number');
    expect(() => ticker(snapshot, 'plain')).toThrow('Invalid snapshot: processes.ticker: cannot read it');
    expect(() => ticker({ ...snapshot, processes: { routing: snapshot.processes.routing } })).toThrow('Invalid snapshot: processes.ticker is missing');
    const other = { ...snapshot, processes: { ...snapshot.processes, dialer: {} } };
    expect(() => ticker(other)).toThrow('Invalid snapshot: processes.dialer is the state of a background process this runtime does not have');
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
