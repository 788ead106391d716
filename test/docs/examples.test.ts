// Every command example of README.md and docs/*.md runs as written, in a copy
// of the files it names, with the exit code the page implies; where the page
// shows the output, the command prints it (an excerpt: `outputMismatch` in
// markdown-examples.ts says how `…` is read).
// A new example fails here until it has a row in EXAMPLES: how to run it, or
// why it cannot run.
import { spawn } from 'node:child_process';
import { closeSync, cpSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { EXAMPLES, type ExampleRow } from './examples-table.js';
import { commandExamples, outputMismatch, shellWords, type CommandExample } from './markdown-examples.js';

const ROOT = resolve(import.meta.dirname, '../..');
const CLI = join(ROOT, 'dist/src/cli/main.js');
const PAGES = ['README.md', ...readdirSync(join(ROOT, 'docs')).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`)];

const examples: CommandExample[] = PAGES.flatMap((p) => commandExamples(p, readFileSync(join(ROOT, p), 'utf8')));

/** The row of an example: same page and command, the nth time the page writes it. */
function rowOf(e: CommandExample): ExampleRow | undefined {
  const nth = examples.filter((o) => o.page === e.page && o.command === e.command && o.line <= e.line).length;
  return EXAMPLES.find((r) => r.page === e.page && r.command === e.command && (r.nth ?? 1) === nth);
}

// One folder per page and scene, so a page's commands see each other's files (coverage, state).
const folders = new Map<string, string>();
const made: string[] = [];
function folderFor(page: string, row: ExampleRow): string {
  const key = `${page}\0${JSON.stringify(row.scene)}`;
  let dir = folders.get(key);
  if (!dir) {
    const top = mkdtempSync(join(tmpdir(), 'docs-example-'));
    made.push(top);
    dir = join(top, 'project');
    if (row.scene === 'examples') cpSync(join(ROOT, 'scripts-examples'), join(dir, 'scripts-examples'), { recursive: true });
    else if ('from' in row.scene) cpSync(join(ROOT, row.scene.from), dir, { recursive: true });
    else {
      mkdirSync(dir);
      for (const f of row.scene.copy) cpSync(join(ROOT, f), join(dir, basename(f)));
    }
    folders.set(key, dir);
  }
  return dir;
}
afterAll(() => {
  for (const d of made) rmSync(d, { recursive: true, force: true });
});

/**
 * Runs the built command line as a shell would (a `> file` redirect included),
 * stdout and stderr into one file so their lines keep the order a terminal shows.
 */
function run(command: string, cwd: string): Promise<{ code: number; output: string }> {
  const words = shellWords(command).slice(1);
  const redirect = words.indexOf('>');
  const args = redirect < 0 ? words : words.slice(0, redirect);
  const log = join(cwd, '..', `output-${process.hrtime.bigint()}.txt`);
  const out = openSync(log, 'w');
  const toFile = redirect >= 0 ? openSync(join(cwd, words[redirect + 1]!), 'w') : out;
  // Plain text as on a terminal without colour, whatever the machine running the suite sets.
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1' };
  delete env.FORCE_COLOR;
  delete env.CI;
  const child = spawn(process.execPath, [CLI, ...args], { cwd, env, stdio: ['ignore', toFile, out] });
  return new Promise((done, fail) => {
    child.on('error', fail);
    child.on('close', (code) => {
      closeSync(out);
      if (toFile !== out) closeSync(toFile);
      done({ code: code ?? -1, output: readFileSync(log, 'utf8') });
    });
  });
}

// Pages repeat some commands (the brain's day, the Kustomer run); one that
// depends on no earlier command's files runs once for all of them.
const outputs = new Map<string, Promise<{ code: number; output: string }>>();
function runOnce(command: string, cwd: string, row: ExampleRow): Promise<{ code: number; output: string }> {
  if (row.before || /--state|--coverage|>/.test(command)) return run(command, cwd);
  const key = `${JSON.stringify(row.scene)} ${command}`;
  if (!outputs.has(key)) outputs.set(key, run(command, cwd));
  return outputs.get(key)!;
}

describe('command examples in README.md and docs/', () => {
  it('each has a row saying how it runs (test/docs/examples-table.ts)', () => {
    const missing = examples.filter((e) => !rowOf(e)).map((e) => `${e.page}:${e.line}: ${e.command}`);
    expect(missing, 'add a row: the scene it runs in, or skip with the reason').toEqual([]);
  });

  it('has no row for an example the pages no longer have', () => {
    const stale = EXAMPLES.filter((r) => !examples.some((e) => rowOf(e) === r)).map((r) => `${r.page}: ${r.command}`);
    expect(stale).toEqual([]);
  });

  for (const page of PAGES) {
    const own = examples.filter((e) => e.page === page && rowOf(e) && !rowOf(e)!.skip);
    if (own.length === 0) continue;
    describe(page, () => {
      for (const e of own) {
        const row = rowOf(e)!;
        // Commands of a page run in order: one builds on another's files.
        it(`line ${e.line}: ${e.command}`, { timeout: 300_000 }, async () => {
          const cwd = folderFor(page, row);
          row.before?.(cwd);
          const r = await runOnce(e.command, cwd, row);
          expect(r.code, r.output).toBe(row.exit ?? 0);
          if (e.shown && !row.outputNotCompared) {
            const shown = row.shownIsFile ? readFileSync(join(cwd, row.shownIsFile), 'utf8') : r.output;
            const mismatch = outputMismatch(e.shown, shown);
            expect(mismatch, `${page}:${e.line}: ${mismatch}\n--- real output ---\n${shown}`).toBeUndefined();
          }
        });
      }
    });
  }

  it('a page may show an excerpt: `…` stands for any lines, a line ending in `…` for its start, durations are not compared', () => {
    const out = 'a\nb\nc 12 ms\nd\n';
    expect(outputMismatch(['b', 'c 310 ms'], out)).toBeUndefined();
    expect(outputMismatch(['a', '…', 'd'], out)).toBeUndefined();
    expect(outputMismatch(['a', 'c 1 ms'], out)).toMatch(/another order or apart/);
    expect(outputMismatch(['x'], out)).toMatch(/has no line\nx/);
    expect(outputMismatch(['c …', 'd'], out)).toBeUndefined();
  });
});
