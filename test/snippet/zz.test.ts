import { test } from 'vitest';
import { writeFileSync } from 'node:fs';
import { compileSnippet } from '../../src/snippet/index.js';
import { makeEnv } from './env.js';
test('x', () => {
  const o = { file: 'f', span: { file: 'f', line: 1, col: 1, offset: 0 } };
  const out: string[] = [];
  for (const n of [1000, 5000, 20000]) {
    for (const code of ['x = ' + Array(n).fill('1').join(' + '), 'x = ' + '('.repeat(n) + '1' + ')'.repeat(n), 'x = ' + '-'.repeat(n) + '1', 'x = ' + Array(n).fill('2').join(' ^ ')]) {
      const t = performance.now();
      try { const r = compileSnippet(code, o); const res = r.ok ? r.value.run(makeEnv()) : null; out.push(`R ${n} ${code.slice(0, 12)} ${r.ok ? (res!.error?.message ?? res!.assignments.get('x')) : r.diagnostics[0]!.message} ${(performance.now() - t).toFixed(0)} ms`); }
      catch (e) { out.push(`R ${n} ${code.slice(0, 12)} THROWS ${String(e).slice(0, 100)}`); }
      writeFileSync('/tmp/zz.out', out.join('\n'));
    }
  }
}, 300000);
