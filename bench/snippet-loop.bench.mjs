// Row snippet.loop (bench/README.md): `FOR i = 1 TO 1000000 { s = s + i % 7 }`
// in one snippet run; work = iterations; peer: the same loop in plain JS (the
// arithmetic only, no variable table).
import { DateTime } from 'luxon';
import { compileSnippet } from '../dist/src/snippet/index.js';
import { median } from './measure.mjs';

const WORK = 1_000_000;
const ROUNDS = 7;

export default async function () {
  const now = DateTime.fromISO('2026-11-21T09:30:00Z');
  const env = {
    vars: { get: () => undefined, getGlobal: () => undefined },
    clock: { now: () => now, zone: 'UTC' },
    random: () => 0.5,
    http: { request: () => Promise.reject(new Error('no network')), requestSync: () => { throw new Error('no network'); } },
    limits: { maxLoopIterations: WORK, maxArrayElements: 63_000_000, maxObjectBytes: 32768, maxResponseBytes: 32768 },
    maxStringSize: 2048,
  };
  const code = ['s = 0', `FOR i = 1 TO ${WORK}`, '{', '  s = s + i % 7', '}'].join('\n');
  const compiled = compileSnippet(code, { file: 'bench', span: { file: 'bench', line: 1, col: 1, offset: 0 } });
  if (!compiled.ok) throw new Error(compiled.diagnostics[0].message);
  let result;
  const ours = await median(() => {
    result = compiled.value.run(env);
  }, ROUNDS);
  if (result.error) throw new Error(result.error.message);
  let sink = 0;
  // The loop alone: no variable table (spec/performance.md: a peer does only the work itself).
  const js = await median(() => {
    let s = 0;
    for (let i = 1; i <= WORK; i++) s = s + (i % 7);
    sink += s;
  }, ROUNDS);
  if (sink === 42) console.log('');
  return { name: 'snippet.loop', work: WORK, unit: 'iterations', seconds: ours, peers: { js }, iterationsPerSecond: Math.round(WORK / ours) };
}
