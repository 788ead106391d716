// Snapshots handed to createRuntime({ resume }) under fuzzing: a damaged
// snapshot is refused with a RuntimeOptionError naming where it is wrong; one
// that passes resumes and runs to a result within a step budget.
import { createRuntime, RuntimeOptionError } from '../../src/runtime/runtime.js';
import type { CliOutcome } from '../reliability/cli.js';
import { NOW, scriptSet } from '../runtime/helpers.js';
import { fuzzLoader, jsonMutations } from './harness.js';

const brain = `script Brain
start: BEGIN { Parameters = [limit] } -> init
init: SNIPPET {
  DYNAMIC state
  state.started = now
  state.list[2] = "x"
  count = 0
} -> spawn
spawn: SPAWN { ScriptName = "Helper"  Parameters = ["x"] } -> loop
loop: LOOP { Repeat = 3  CounterName = round }
  Repeat -> work
  Finished -> done
work: RUNSUB { ScriptName = "Worker"  Parameters = [round]  ReturnVariable = got } -> nap
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
w: WAIT { Seconds = 70 } -> done
done: END
`;
const scripts = scriptSet([brain, worker, helper]);

async function snapshotAfter(steps: number): Promise<string> {
  const runtime = createRuntime({ scripts, now: NOW, seed: 7 });
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
