// Worker-thread entry of the test runner: runs the units the main thread sends,
// one at a time, and posts each result back with its id.
import { parentPort, workerData } from 'node:worker_threads';
import { UnitExecutor, type Unit } from './executor.js';
import type { TestFileDefaults } from './load.js';

const executor = new UnitExecutor(undefined, (workerData as { defaults?: TestFileDefaults } | undefined)?.defaults ?? {});

parentPort?.on('message', (msg: { id: number; unit: Unit }) => {
  executor.run(msg.unit).then(
    (result) => parentPort!.postMessage({ id: msg.id, result }),
    (err: unknown) => parentPort!.postMessage({ id: msg.id, error: err instanceof Error ? err.message : String(err) }),
  );
});
