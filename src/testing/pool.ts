// Runs units on worker threads when there are many, else in this thread.
// Results come back in unit order whatever the scheduling, so reports and
// coverage never depend on which worker finished first.
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Unit, UnitExecutor, UnitResult } from './executor.js';

export interface PoolOptions {
  /** Threads running cases, this one included: a number (1 = this thread only), or 'auto'. */
  workers?: number | 'auto';
}

/** Worker threads need the compiled module; from TypeScript sources everything runs in this thread. */
const WORKER_URL = new URL('./worker.js', import.meta.url);
export const workersAvailable = (): boolean => WORKER_URL.protocol === 'file:' && existsSync(fileURLToPath(WORKER_URL));

/** Below this much estimated remaining work, starting worker threads (each loads the scripts again) costs more than it saves. */
const WORKER_WORTH_MS = 3000;

/**
 * Worker threads to start besides this one, which runs units too. Automatic
 * mode uses one thread per CPU (at most 8, and one per 4 units), never more
 * threads than CPUs: on a 2-CPU CI runner that is this thread plus one worker.
 */
export function workerCount(units: number, opt: PoolOptions['workers'] = 'auto'): number {
  if (!workersAvailable()) return 0;
  if (opt === 'auto') return units > 8 ? Math.max(0, Math.min(availableParallelism(), 8, Math.ceil(units / 4)) - 1) : 0;
  return Math.max(0, Math.min(opt, units) - 1);
}

export async function runUnits(units: readonly Unit[], local: UnitExecutor, opts: PoolOptions = {}): Promise<UnitResult[]> {
  const auto = (opts.workers ?? 'auto') === 'auto';
  const n = workerCount(units.length, opts.workers);
  const results: UnitResult[] = [];
  // Automatic mode measures the first units in this thread and moves the rest
  // to workers only when what is left would take long enough to pay for them.
  const started = performance.now();
  while (results.length < units.length && (n === 0 || (auto && results.length < 8))) {
    results.push(await local.run(units[results.length]!));
  }
  if (results.length === units.length) return results;
  const perUnit = results.length > 0 ? (performance.now() - started) / results.length : Infinity;
  const rest = units.slice(results.length);
  if (auto && perUnit * rest.length < WORKER_WORTH_MS) {
    for (const u of rest) results.push(await local.run(u));
    return results;
  }
  return [...results, ...(await withWorkers(rest, Math.min(n, rest.length - 1), local))];
}

/**
 * Runs `units` on `n` worker threads and this thread, all taking the next
 * unit from one queue; each result lands at its unit's index.
 */
async function withWorkers(units: readonly Unit[], n: number, local: UnitExecutor): Promise<UnitResult[]> {
  const results = new Array<UnitResult>(units.length);
  let next = 0;
  const workers = Array.from({ length: n }, () => new Worker(WORKER_URL, { workerData: { defaults: local.defaults } }));
  const here = async (): Promise<void> => {
    while (next < units.length) {
      const id = next++;
      results[id] = await local.run(units[id]!);
      // Let waiting worker messages in, so no worker idles while this thread runs a unit after another.
      await new Promise((r) => setImmediate(r));
    }
  };
  try {
    await Promise.all([
      here(),
      ...workers.map(
        (w) =>
          new Promise<void>((resolve, reject) => {
            const send = (): void => {
              if (next >= units.length) return resolve();
              const id = next++;
              w.postMessage({ id, unit: units[id] });
            };
            w.on('message', (msg: { id: number; result?: UnitResult; error?: string }) => {
              if (msg.error !== undefined) return reject(new Error(msg.error));
              results[msg.id] = msg.result!;
              send();
            });
            w.on('error', reject);
            w.on('exit', (code) => (next < units.length || code !== 0 ? reject(new Error(`test worker exited with code ${code}`)) : undefined));
            send();
          }),
      ),
    ]);
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  return results;
}
