// Compiles every grammar/<name>.ne with nearleyc into grammar/<name>.generated.ts
// (committed, and rebuilt by `npm install` through `prepare`), so no global
// tool is ever needed.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const grammarDir = join(root, 'grammar');
const nearleyc = join(dirname(createRequire(import.meta.url).resolve('nearley/package.json')), 'bin', 'nearleyc.js');

for (const file of readdirSync(grammarDir).filter((f) => f.endsWith('.ne'))) {
  const out = join(grammarDir, file.replace(/\.ne$/, '.generated.ts'));
  const ts = execFileSync(process.execPath, [nearleyc, join(grammarDir, file)], { encoding: 'utf8' });
  const header = `// @ts-nocheck\n// Generated from grammar/${file} by scripts/build-grammar.mjs. Do not edit.\n`;
  const text = header + ts;
  let previous = '';
  try {
    previous = readFileSync(out, 'utf8');
  } catch {}
  if (previous !== text) writeFileSync(out, text);
}
