// Writes docs/actions/ (the action reference) from the compiled action
// definitions: `npm run docs:actions` compiles and runs this. Pages that no
// family produces any more are removed. test/actions/reference.test.ts fails
// while the committed pages differ from what this writes.
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { referencePages } = await import(join(root, 'dist', 'src', 'actions', 'reference-markdown.js'));
const folder = join(root, 'docs', 'actions');
mkdirSync(folder, { recursive: true });
const pages = referencePages();
let changed = 0;
for (const [name, text] of pages) {
  let previous = '';
  try {
    previous = readFileSync(join(folder, name), 'utf8');
  } catch {}
  if (previous !== text) {
    writeFileSync(join(folder, name), text);
    changed++;
  }
}
for (const name of readdirSync(folder))
  if (name.endsWith('.md') && !pages.has(name)) {
    rmSync(join(folder, name));
    changed++;
  }
console.log(`docs:actions: ${pages.size} pages in docs/actions, ${changed} changed`);
