// Rows run.actions, run.actions.traced and run.actions.vars50 (bench/README.md):
// a loop of ASSIGN / IF / CASE actions run by the engine, 1,000,000 actions,
// trace off and then with the full trace kept, against a plain JS loop doing
// the same assignments; then the same loop with fifty more variables in its
// frame, as real scripts have, against the loop with two. Medians over rounds
// after a warm-up, in one process.
import { builtinRegistry } from '../dist/src/actions/registry.js';
import { loadScriptText } from '../dist/src/graph/load.js';
import { createRuntime } from '../dist/src/runtime/runtime.js';
import { interleaved } from './measure.mjs';

const WORK = 1_000_000;
const ACTIONS_PER_ROUND = 4;
const ROUNDS = 7;

/** The loop: ASSIGN / IF / CASE / ASSIGN, `rounds` times (four actions a round). Also the peer of ivr.calls and run through the CLI by run-trace-cli.bench.mjs. */
export const loopScript = (rounds) => `script Bench
start: BEGIN -> inc
inc: ASSIGN { Variable = i  Value = "i + 1"  Type = Numeric } -> check
check: IF { Expression = "i <= ${rounds}" }
  True -> kind
  False -> done
kind: CASE { Variable = "i % 3" }
  0 -> tag
  1 -> tag
  Default -> tag
tag: ASSIGN { Variable = last  Value = "{i}" } -> inc
done: END
`;

/** How many more variables run.actions.vars50's frame holds. */
const EXTRA_VARS = 50;

/** The loop with `extra` more variables in its frame, set by one SNIPPET before it. */
const withVars = (text, extra) =>
  text.replace('start: BEGIN -> inc', `start: BEGIN -> init\ninit: SNIPPET {\n${Array.from({ length: extra }, (_, i) => `  v${i} = ${i}`).join('\n')}\n} -> inc`);

const SCRIPT = loopScript(WORK / ACTIONS_PER_ROUND);

function scripts(text = SCRIPT) {
  const registry = builtinRegistry();
  const { script, diagnostics } = loadScriptText(text, 'Bench.script', { registry });
  if (!script) throw new Error(diagnostics.map((d) => d.message).join('\n'));
  return { folder: '.', scripts: new Map([['bench', script]]), registry };
}

async function runOnce(set, keepTrace) {
  const runtime = createRuntime({ scripts: set, now: '2026-11-21T09:00:00Z', limits: { maxActions: WORK + 10 } });
  const result = await runtime.run('Bench', { keepTrace });
  if (result.status !== 'completed' || result.steps < WORK) throw new Error(`bench run ended ${result.status} after ${result.steps}: ${result.lastError}`);
  return result;
}

export default async function () {
  const set = scripts();
  let sink = 0;
  // The same work in plain JS: a variable table, the increment, the test, the branch on i % 3, the text copy, the path.
  const plainJs = () => {
    const vars = { i: 0, last: '' };
    const path = [];
    for (;;) {
      vars.i = vars.i + 1;
      path.push('Bench.inc');
      path.push('Bench.check');
      if (!(vars.i <= WORK / ACTIONS_PER_ROUND)) break;
      const k = vars.i % 3;
      path.push('Bench.kind');
      vars.last = String(k === 0 || k === 1 ? vars.i : vars.i);
      path.push('Bench.tag');
    }
    sink += path.length;
  };
  let untracedPeak = 0;
  const [untraced, js] = await interleaved(
    [
      async () => {
        await runOnce(set, false);
        untracedPeak = Math.max(untracedPeak, process.memoryUsage().rss / 2 ** 20);
      },
      plainJs,
    ],
    ROUNDS,
  );
  let peak = 0;
  const [traced, untracedAgain] = await interleaved(
    [
      async () => {
        await runOnce(set, true);
        peak = Math.max(peak, process.memoryUsage().rss / 2 ** 20);
      },
      () => runOnce(set, false),
    ],
    3,
  );
  const many = scripts(withVars(SCRIPT, EXTRA_VARS));
  const [withMany, withTwo] = await interleaved([() => runOnce(many, false), () => runOnce(set, false)], 3);
  if (sink < 0) console.log(sink);

  return [
    { name: 'run.actions', work: WORK, unit: 'actions', seconds: untraced, peers: { js }, peakRssMB: Math.round(untracedPeak) },
    { name: 'run.actions.traced', work: WORK, unit: 'actions', seconds: traced, peers: { untraced: untracedAgain }, peakRssMB: Math.round(peak) },
    { name: 'run.actions.vars50', work: WORK, unit: 'actions', seconds: withMany, peers: { 'two variables': withTwo } },
  ];
}
