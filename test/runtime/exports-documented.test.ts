// Every public export of the package is documented in docs/runtime.md ("Every export").
import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';

test('each name exported by src/index.ts appears in the export table of docs/runtime.md', () => {
  const index = readFileSync('src/index.ts', 'utf8');
  const names = [...index.matchAll(/^export (?:type )?\{([^}]*)\}/gm)].flatMap((m) => m[1]!.split(',').map((n) => n.trim()).filter(Boolean));
  expect(names.length).toBeGreaterThan(40);
  const docs = readFileSync('docs/runtime.md', 'utf8');
  const table = docs.slice(docs.indexOf('### Every export'), docs.indexOf('## Semantics the specs leave open'));
  const missing = names.filter((n) => !new RegExp(`\`[^\`]*\\b${n}\\b[^\`]*\``).test(table));
  expect(missing).toEqual([]);
});
