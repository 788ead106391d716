// SQLite state files (truncated, zeroed pages, bit flips, overwritten and
// appended bytes) through `tenant show --state` and `run --state`, and
// SNIPPET code compiled and run with a small loop budget.
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { capDiagnostics } from '../../src/cli/io.js';
import { compileSnippet } from '../../src/snippet/index.js';
import { cli, type CliOutcome } from '../reliability/cli.js';
import { makeEnv } from '../snippet/env.js';
import { example, exampleProject, SMALL_TENANT } from './fixtures.js';
import { fuzzLoader, textMutations } from './harness.js';

const project = exampleProject({ 'tenant.yaml': SMALL_TENANT });
const seedDb = join(project, 'seed.db');
const made = await cli(['run', join(project, 'HelloWorld.script'), '--tenant', join(project, 'tenant.yaml'), '--state', seedDb]);
if (made.code !== 0) throw new Error(`could not make the seed state file: ${made.err}`);
const { readFileSync } = await import('node:fs');
const seed = new Uint8Array(readFileSync(seedDb));
let n = 0;

fuzzLoader({
  id: 'state-db',
  ext: '.db',
  seeds: [seed],
  run: async (bytes) => {
    const file = join(project, 'fuzz.db');
    for (const f of [file, `${file}-wal`, `${file}-shm`]) rmSync(f, { force: true });
    writeFileSync(file, bytes);
    // Alternately only read it, and run a script against it (which writes).
    return ++n % 2 ? cli(['tenant', 'show', '--state', file]) : cli(['run', join(project, 'HelloWorld.script'), '--state', file, '--max-actions', '100']);
  },
  runs: { mutated: 150 },
});

const origin = { file: 'fuzz.script', span: { file: 'fuzz.script', line: 1, col: 1, offset: 0 } };
const SNIPPETS = [
  'DYNAMIC d\nd.list[3].name = "x"\nFOR i = 1 TO 5 {\n  d.list.append(i)\n}\nj = d.asjson()\nk = getvalue(d, "list[3].name")',
  'x = "1|2|3"\nFOREACH e IN x {\n  e = e * 2\n}\ny = x[5]\nIF y = "" {\n  TRACE "empty"\n} ELSE {\n  TRACE y\n}',
  'FUNCTION f(a) {\n  RETURN a + 1\n}\nSWITCH f(2) {\n  CASE 3 { r = "three" }\n  DEFAULT { r = "other" }\n}\nt = replace("aaa", "a", "bb")\nn = "12.5e1" + 1',
];

/** Compiles and runs snippet code with a 2,000-iteration loop budget: exit 2 for a compile error, 1 for a run-time error, 0 otherwise. */
function runSnippet(code: string): CliOutcome {
  try {
    const compiled = compileSnippet(code, origin);
    if (!compiled.ok) {
      // Shown as the command line shows a file's diagnostics: the first hundred, then how many more.
      const { shown, more } = capDiagnostics(compiled.diagnostics);
      const lines = shown.map((d) => `fuzz.script:${d.span.line}:${d.span.col}: error ${d.code} ${d.message}`);
      return { code: 2, out: '', err: [...lines, ...(more > 0 ? [`… and ${more} more`] : [])].join('\n') };
    }
    const result = compiled.value.run(makeEnv({ maxLoopIterations: 2000, maxStringSize: 32768 }));
    return { code: result.error ? 1 : 0, out: '', err: result.error?.message ?? '' };
  } catch (err) {
    return { code: 1, out: '', err: '', crash: err };
  }
}

fuzzLoader({
  id: 'snippet',
  ext: '.snippet',
  seeds: SNIPPETS,
  mutations: textMutations(['DYNAMIC d', 'd.a.b[2] = 1', 'WHILE 1 {', 'FOR i = 1 TO 99999 {', 'REPEAT 9 {', '}', '{', '$"', '#"2026-01-01"', 'asjson()', 'parsejson("[[[[")', 'FUNCTION g() { RETURN g() }', 'g()', '\n', 'BREAK', 'RETURN', 'global:x = ']),
  generated: fc.array(fc.constantFrom('x = 1', 'DYNAMIC d', 'd.a[2].b = x', 'x = x + "1"', 'FOR i = 1 TO 3 {', '}', 'IF x > 1 {', 'TRACE x', 'y = d.asjson()', 'z = split(x, "1")', 'd.l.append(d)', 'WHILE x < 9 {', 'x = x + 1'), { maxLength: 12 }).map((lines) => lines.join('\n')),
  run: runSnippet,
  runs: { mutated: 300, generated: 150 },
});
