// Row parse.lines (bench/README.md): parse + validate a generated
// 10,000-line script (syntax tree, action graph, every load-time check) against
// JSON.parse of the same graph as JSON; work = lines. Row load.lines adds what
// loading also does: compiling every property and SNIPPET with the snippet
// compiler (the full loadScriptText).
import { builtinRegistry } from '../dist/src/actions/registry.js';
import { buildGraph } from '../dist/src/graph/build.js';
import { loadScriptText } from '../dist/src/graph/load.js';
import { validateGraph } from '../dist/src/graph/validate.js';
import { parseScriptText } from '../dist/src/parse/parse.js';
import { generateScript } from './generate-script.mjs';
import { median } from './measure.mjs';

const LINES = 10_000;
const ROUNDS = 15;
const WARMUP = 5;

export default async function () {
  const text = generateScript(LINES);
  const lines = text.split('\n').length;
  const first = loadScriptText(text, 'Generated.script');
  if (!first.script) throw new Error(`the generated script does not load: ${first.diagnostics[0]?.message}`);
  const registry = builtinRegistry();
  const json = JSON.stringify(first.script.graph);
  let sink = 0;
  const checked = await median(() => {
    const { ast, diagnostics, brokenLabels } = parseScriptText(text, 'Generated.script');
    const built = buildGraph(ast, registry);
    sink += diagnostics.length + built.diagnostics.length + validateGraph(built.graph, built.definitions, { brokenLabels }).length + built.graph.actions.length;
  }, ROUNDS, WARMUP);
  const loaded = await median(() => (sink += loadScriptText(text, 'Generated.script').script.graph.actions.length), ROUNDS, WARMUP);
  const peer = await median(() => (sink += JSON.parse(json).actions.length), ROUNDS, WARMUP);
  if (sink === 0) throw new Error('nothing was loaded');
  return [
    { name: 'parse.lines', work: lines, unit: 'lines', seconds: checked, peers: { json: peer } },
    { name: 'load.lines', work: lines, unit: 'lines', seconds: loaded, peers: { json: peer, 'parse.lines': checked } },
  ];
}
