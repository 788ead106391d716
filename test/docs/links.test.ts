// Every relative link of README.md and the docs/ and bench/ pages leads to a
// file of the repository, and every `#anchor` to a heading of that page (as
// GitHub names headings), so a moved file or a renamed section shows up here.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { codeBlocks } from './markdown-examples.js';

const ROOT = resolve(import.meta.dirname, '../..');

function pages(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? pages(join(dir, e.name)) : e.name.endsWith('.md') ? [join(dir, e.name)] : [],
  );
}
const PAGES = ['README.md', ...pages('docs'), ...pages('bench'), ...pages('examples')];

/** GitHub's anchor of a heading: lower case, punctuation dropped, spaces to hyphens. */
export const slug = (heading: string): string =>
  heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');

function anchorsOf(file: string): Set<string> {
  const text = readFileSync(file, 'utf8');
  const inCode = new Set(codeBlocks(text).flatMap((b) => b.lines.map((_, i) => b.line + 1 + i)));
  const seen = new Map<string, number>();
  const out = new Set<string>();
  text.split('\n').forEach((l, i) => {
    const m = /^#{1,6}\s+(.*)$/.exec(l);
    if (!m || inCode.has(i + 1)) return;
    const base = slug(m[1]!);
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    out.add(n === 0 ? base : `${base}-${n}`);
  });
  return out;
}

/** Links outside code: `[text](target)`. */
function linksOf(text: string): { line: number; target: string }[] {
  const inCode = new Set(codeBlocks(text).flatMap((b) => [b.line, ...b.lines.map((_, i) => b.line + 1 + i), b.line + b.lines.length + 1]));
  return text.split('\n').flatMap((l, i) =>
    inCode.has(i + 1) ? [] : [...l.replace(/`[^`]*`/g, '').matchAll(/\]\(([^)\s]+)\)/g)].map((m) => ({ line: i + 1, target: m[1]! })),
  );
}

describe('links in the documentation', () => {
  it.each(PAGES)('%s: every relative link and anchor resolves', (page) => {
    const broken: string[] = [];
    for (const { line, target } of linksOf(readFileSync(join(ROOT, page), 'utf8'))) {
      if (/^[a-z]+:/i.test(target)) continue; // https:, mailto:
      const [path, anchor] = target.split('#') as [string, string | undefined];
      const file = path === '' ? join(ROOT, page) : resolve(ROOT, dirname(page), decodeURIComponent(path));
      if (!existsSync(file)) {
        broken.push(`${page}:${line}: ${target} (no file ${relative(ROOT, file)})`);
        continue;
      }
      if (anchor && !statSync(file).isDirectory() && file.endsWith('.md') && !anchorsOf(file).has(anchor)) {
        broken.push(`${page}:${line}: ${target} (no heading #${anchor} in ${relative(ROOT, file)})`);
      }
    }
    expect(broken).toEqual([]);
  });

  it('names headings as GitHub does', () => {
    expect(slug('`runtime.run(script, options?): Promise<RunResult>`')).toBe('runtimerunscript-options-promiserunresult');
    expect(slug('Finding unhandled error paths: `--force-errors`')).toBe('finding-unhandled-error-paths---force-errors');
  });
});
