// Row run.subscripts (no target in bench/README.md; it measures the
// immer transitions of docs/runtime.md "How it works"): a LOOP that does
// nothing but call an empty subscript — LOOP, RUNSUB, BEGIN with one
// parameter, RETURN — 50,000 calls, 200,000 actions, trace off. Each call
// pushes a frame and each RETURN pops it through immer; everything else is
// the hand-written hot path. Medians over rounds after a warm-up.
import { builtinRegistry } from '../dist/src/actions/registry.js';
import { loadScriptText } from '../dist/src/graph/load.js';
import { createRuntime } from '../dist/src/runtime/runtime.js';

const CALLS = 50_000;
const ROUNDS = 7;

const MAIN = `script Main
start: BEGIN -> loop
loop: LOOP { Repeat = ${CALLS}  CounterName = i }
  Repeat -> call
  Finished -> done
call: RUNSUB { ScriptName = "Sub"  Parameters = [i]  ReturnVariable = got } -> loop
done: END
`;
const SUB = `script Sub
start: BEGIN { Parameters = [n] } -> back
back: RETURN { ReturnValue = "{n}" }
`;

function scripts() {
  const registry = builtinRegistry();
  const map = new Map();
  for (const [key, text] of [['main', MAIN], ['sub', SUB]]) {
    const { script, diagnostics } = loadScriptText(text, `${key}.script`, { registry });
    if (!script) throw new Error(diagnostics.map((d) => d.message).join('\n'));
    map.set(key, script);
  }
  return { folder: '.', scripts: map, registry };
}

async function runOnce(set) {
  const result = await createRuntime({ scripts: set, now: '2026-11-21T09:00:00Z', limits: { maxActions: 10 * CALLS } }).run('Main');
  if (result.status !== 'completed') throw new Error(`bench run ended ${result.status}: ${result.lastError}`);
  return result.steps;
}

export default async function () {
  const set = scripts();
  await runOnce(set); // warm-up
  const times = [];
  let steps = 0;
  for (let r = 0; r < ROUNDS; r++) {
    globalThis.gc?.();
    const t = process.hrtime.bigint();
    steps = await runOnce(set);
    times.push(Number(process.hrtime.bigint() - t) / 1e9);
  }
  times.sort((a, b) => a - b);
  return { name: 'run.subscripts', work: steps, unit: 'actions', seconds: times[Math.floor(times.length / 2)], peers: {} };
}
