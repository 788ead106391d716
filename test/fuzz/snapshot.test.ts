// Snapshots handed to createRuntime({ resume }) under fuzzing: a damaged
// snapshot is refused with a RuntimeOptionError naming where it is wrong; one
// that passes resumes and runs to a result within a step budget.
import { createRuntime, RuntimeOptionError } from '../../src/runtime/runtime.js';
import type { CliOutcome } from '../reliability/cli.js';
import { NOW } from '../runtime/helpers.js';
import { brainRuntime, brainScripts } from '../runtime/brain-fixture.js';
import { fuzzLoader, jsonMutations } from './harness.js';

const scripts = brainScripts();

async function snapshotAfter(steps: number): Promise<string> {
  const runtime = brainRuntime();
  await runtime.run('Brain', { vars: { limit: 3 }, maxSteps: steps });
  return JSON.stringify(runtime.snapshot());
}
const seeds = await Promise.all([1, 4, 9].map(snapshotAfter));

/** Resumes the snapshot for at most 200 more steps: exit 2 when refused, 0 when it ran. */
async function resume(text: string): Promise<CliOutcome> {
  let snapshot: unknown;
  try {
    snapshot = JSON.parse(text);
  } catch {
    return { code: 2, out: '', err: 'studio-script: not JSON' };
  }
  try {
    const runtime = createRuntime({ scripts, now: NOW, resume: snapshot as never });
    const result = await runtime.run('Brain', { maxSteps: 200 });
    return { code: 0, out: result.status, err: '' };
  } catch (err) {
    if (err instanceof RuntimeOptionError) return { code: 2, out: '', err: `studio-script: ${err.message}` };
    return { code: 1, out: '', err: '', crash: err };
  }
}

fuzzLoader({
  id: 'snapshot',
  ext: '.json',
  seeds,
  mutations: jsonMutations(),
  run: resume,
  runs: { mutated: 300 },
});
