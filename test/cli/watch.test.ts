// `test --watch` and `check --watch` as a user runs them: the command runs,
// waits, and a saved file makes it run again (`test`: only the cases the file
// affects). Driven by file events: each step waits for the command to say it
// is waiting again, with a generous bound, never for a fixed time.
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { WATCH_BOUND_MS, watching, type Watching } from './watching.js';

const CLI = resolve('dist/src/cli/main.js');
const EXAMPLES = resolve('scripts-examples');
const BOUND_MS = WATCH_BOUND_MS;

const made: string[] = [];
const running: Watching[] = [];
afterEach(async () => {
  for (const w of running.splice(0)) if (w.child.exitCode === null) await w.stop();
  for (const d of made.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A project with two test folders: hello/ (HelloWorld) and routing/ (CaseRouting). */
function project(): string {
  const dir = mkdtempSync(join(tmpdir(), 'watch-'));
  made.push(dir);
  writeFileSync(join(dir, 'package.json'), '{ "name": "watched", "private": true }\n');
  for (const [folder, name] of [['hello', 'HelloWorld'], ['routing', 'CaseRouting']] as const) {
    mkdirSync(join(dir, folder));
    for (const ext of ['.script', '.test.yaml']) cpSync(join(EXAMPLES, name + ext), join(dir, folder, name + ext));
  }
  return dir;
}

const edit = (file: string, from: string, to: string): void => {
  const text = readFileSync(file, 'utf8');
  expect(text).toContain(from);
  writeFileSync(file, text.replace(from, to));
};

describe('test --watch', () => {
  it('runs everything, then on each save only the cases of the test files the saved file affects, until Ctrl-C', { timeout: 5 * BOUND_MS }, async () => {
    const dir = project();
    const w = watching(CLI, ['test', '--watch'], dir);
    running.push(w);

    const first = await w.nextRun();
    expect(first).toContain('hello/HelloWorld.test.yaml');
    expect(first).toContain('routing/CaseRouting.test.yaml');
    expect(first).toContain('[test --watch] ok; waiting for changes');

    // A script: the test files whose scripts folder holds it run again.
    edit(join(dir, 'hello', 'HelloWorld.script'), 'Value = "Hello, {name}!"', 'Value = "Hi, {name}!"');
    const second = await w.nextRun();
    expect(second).toContain('changed: hello/HelloWorld.script');
    expect(second).toContain('hello/HelloWorld.test.yaml');
    expect(second).not.toContain('CaseRouting');
    expect(second).toContain('expected greeting = "Hello, Ada!"');
    expect(second).toContain('[test --watch] exit 1; waiting for changes');

    // A test file: its own cases run again.
    edit(join(dir, 'routing', 'CaseRouting.test.yaml'), 'variables: { skill: 1001 }', 'variables: { skill: 1002 }');
    const third = await w.nextRun();
    expect(third).toContain('changed: routing/CaseRouting.test.yaml');
    expect(third).not.toContain('HelloWorld');
    expect(third).toContain('[test --watch] exit 1; waiting for changes');

    // Fixing both: each change reruns its file, and the last run is green again.
    edit(join(dir, 'routing', 'CaseRouting.test.yaml'), 'variables: { skill: 1002 }', 'variables: { skill: 1001 }');
    expect(await w.nextRun()).toContain('[test --watch] ok; waiting for changes');
    edit(join(dir, 'hello', 'HelloWorld.script'), 'Value = "Hi, {name}!"', 'Value = "Hello, {name}!"');
    expect(await w.nextRun()).toContain('[test --watch] ok; waiting for changes');

    expect(await w.stop()).toBe(0);
  });
});

describe('check --watch', () => {
  it('checks again when a script is saved, with the new diagnostics', { timeout: 4 * BOUND_MS }, async () => {
    const dir = project();
    const w = watching(CLI, ['check', 'hello', '--watch'], dir);
    running.push(w);
    expect(await w.nextRun()).toContain('[check --watch] ok; waiting for changes');

    edit(join(dir, 'hello', 'HelloWorld.script'), 'Variable = greeting', 'Variable = greeting\n  Valeu = "x"');
    const broken = await w.nextRun();
    expect(broken).toContain('changed: hello/HelloWorld.script');
    expect(broken).toContain('E-SCHEMA-UNKNOWN-PROP');
    expect(broken).toContain('[check --watch] exit 2; waiting for changes');

    edit(join(dir, 'hello', 'HelloWorld.script'), '\n  Valeu = "x"', '');
    expect(await w.nextRun()).toContain('[check --watch] ok; waiting for changes');
    expect(await w.stop()).toBe(0);
  });
});
