// Row snippet.expr (bench/README.md): `x = a + b * 2 > 10 & c = "x"`
// compiled once and run 1,000,000 times, against jsonata evaluating the same
// expression and a plain JS closure, medians over rounds in the same process.
import jsonata from 'jsonata';
import { DateTime } from 'luxon';
import { compileSnippet } from '../dist/src/snippet/index.js';
import { median } from './measure.mjs';

const WORK = 1_000_000;
const ROUNDS = 5;

function env(vars) {
  const now = DateTime.fromISO('2026-11-21T09:30:00Z');
  return {
    vars: { get: (n) => vars.get(n), getGlobal: () => undefined },
    clock: { now: () => now, zone: 'UTC' },
    random: () => 0.5,
    http: { request: () => Promise.reject(new Error('no network')), requestSync: () => { throw new Error('no network'); } },
    limits: { maxLoopIterations: 1_000_000, maxArrayElements: 63_000_000, maxObjectBytes: 32768, maxResponseBytes: 32768 },
    maxStringSize: 2048,
  };
}

export default async function () {
  const vars = new Map([['a', 3], ['b', 4], ['c', 'x']]);
  const e = env(vars);
  const compiled = compileSnippet('x = a + b * 2 > 10 & c = "x"', { file: 'bench', span: { file: 'bench', line: 1, col: 1, offset: 0 } });
  if (!compiled.ok) throw new Error(compiled.diagnostics[0].message);
  const snippet = compiled.value;
  let sink = 0;
  const ours = await median(() => {
    for (let i = 0; i < WORK; i++) sink += snippet.run(e).assignments.get('x');
  }, ROUNDS);

  const plain = { a: 3, b: 4, c: 'x' };
  const closure = (v, out) => out.set('x', v.a + v.b * 2 > 10 && v.c === 'x' ? 1 : 0);
  const js = await median(() => {
    for (let i = 0; i < WORK; i++) {
      const out = new Map();
      closure(plain, out);
      sink += out.get('x');
    }
  }, ROUNDS);

  // jsonata evaluates asynchronously; every evaluation is awaited, as a user of it would.
  const expr = jsonata('$x := (a + b * 2 > 10 and c = "x") ? 1 : 0');
  const jn = await median(
    async () => {
      for (let i = 0; i < WORK; i++) sink += await expr.evaluate(plain);
    },
    3,
    async () => {
      for (let i = 0; i < WORK / 10; i++) sink += await expr.evaluate(plain);
    },
  );

  // All three compute the same answer (x = 1 for a = 3, b = 4, c = "x").
  const answers = [snippet.run(e).assignments.get('x'), await expr.evaluate(plain), (() => { const m = new Map(); closure(plain, m); return m.get('x'); })()];
  if (answers.some((x) => x !== 1)) throw new Error(`the peers disagree: ${answers.join(', ')}`);
  if (sink === 42) console.log('');
  return { name: 'snippet.expr', work: WORK, unit: 'evaluations', seconds: ours, peers: { jsonata: jn, 'js-closure': js } };
}
