// The brain-like script set that snapshot tests pause, snapshot and resume: a
// subscript, a spawned run, waits, DDOs (with an array member), dates, loops,
// randomness and TRACE. Shared by the resume tests and the snapshot fuzz property.
import { createRuntime, type Runtime } from '../../src/runtime/runtime.js';
import { NOW, scriptSet } from './helpers.js';

const brain = `script Brain
start: BEGIN { Parameters = [limit] } -> init
init: SNIPPET {
  DYNAMIC state
  state.started = now
  state.rolls = ""
  state.list[2] = "x"
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

/** Brain (the entry, one variable `limit`), Worker and Helper. */
export const brainScripts = (): ReturnType<typeof scriptSet> => scriptSet([brain, worker, helper]);

/** A runtime over the brain scripts at NOW with seed 7, resuming `resume` when given. */
export function brainRuntime(resume?: unknown): Runtime {
  return createRuntime({ scripts: brainScripts(), now: NOW, seed: 7, ...(resume !== undefined ? { resume: resume as never } : {}) });
}
