// The project configuration: found from the working directory upwards (a
// config file, or the "studio-script" key of package.json), located errors,
// paths relative to its folder, and command-line options over it.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ScriptLoadError } from '../../src/contract/diagnostics.js';
import { loadConfig } from '../../src/cli/config.js';
import { runCli } from './run-cli.js';

const CLI = resolve('dist/src/cli/main.js');
const GOOD = 'script Good\n\nstart: BEGIN -> greet\n\ngreet: ASSIGN {\n  Variable = greeting\n  Value = "Hello"\n} -> done\n\ndone: END\n';

function project(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'config-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(root, name, '..'), { recursive: true });
    writeFileSync(join(root, name), text);
  }
  return root;
}

async function problems(p: Promise<unknown>): Promise<{ code: string; message: string; line: number; col: number }[]> {
  try {
    await p;
  } catch (err) {
    if (err instanceof ScriptLoadError) return err.diagnostics.map((d) => ({ code: d.code, message: d.message, line: d.span.line, col: d.span.col }));
    throw err;
  }
  throw new Error('expected the configuration to be rejected');
}

describe('finding the configuration', () => {
  it('searches from the working directory upwards; paths are relative to the file', async () => {
    const root = project({ 'studio-script.config.yaml': 'scripts: scripts\ntenant: scripts/tenant.yaml\n', 'tests/deep/x.txt': '' });
    const found = await loadConfig({ cwd: join(root, 'tests', 'deep') });
    expect(found.file).toBe(join(root, 'studio-script.config.yaml'));
    expect(found.config).toEqual({ scripts: join(root, 'scripts'), tenant: join(root, 'scripts', 'tenant.yaml') });
  });

  it('reads the "studio-script" key of package.json, and a nearer file wins over a farther one', async () => {
    const root = project({
      'package.json': JSON.stringify({ name: 'x', 'studio-script': { scripts: 'flows', limits: { maxActions: 5000 } } }),
      'sub/studio-script.config.json': JSON.stringify({ scripts: 'here' }),
      'other/package.json': JSON.stringify({ name: 'no-key' }),
    });
    expect((await loadConfig({ cwd: root })).config).toEqual({ scripts: join(root, 'flows'), limits: { maxActions: 5000 } });
    expect((await loadConfig({ cwd: join(root, 'sub') })).config.scripts).toBe(join(root, 'sub', 'here'));
    // A package.json without the key does not stop the search.
    expect((await loadConfig({ cwd: join(root, 'other') })).file).toBe(join(root, 'package.json'));
  });

  it('loads a JavaScript module (defineConfig) and names a missing --config file', async () => {
    const root = project({ 'studio-script.config.mjs': 'export default { scripts: "s", test: { reporters: ["pretty", "junit"], outputFile: { junit: "reports/junit.xml" } } };\n' });
    const { config } = await loadConfig({ cwd: root });
    expect(config.test).toEqual({ reporters: ['pretty', 'junit'], outputFile: { junit: join(root, 'reports', 'junit.xml') } });
    expect(await problems(loadConfig({ cwd: root, file: 'nope.yaml' }))).toEqual([expect.objectContaining({ code: 'E-CONFIG-READ' })]);
  });

  it('rejects two configuration files in one folder, and reports mistakes at their line and column', async () => {
    const two = project({ 'studio-script.config.json': '{}', 'studio-script.config.yaml': '{}' });
    expect(await problems(loadConfig({ cwd: two }))).toEqual([expect.objectContaining({ code: 'E-CONFIG-AMBIGUOUS' })]);
    const bad = project({ 'studio-script.config.yaml': 'scripts: s\ntenent: t.yaml\ntest:\n  coverage: { threshold: 120 }\n  workers: many\n' });
    expect(await problems(loadConfig({ cwd: bad }))).toEqual([
      { code: 'E-CONFIG', message: 'unknown key "tenent"; did you mean "tenant"?', line: 2, col: 1 },
      { code: 'E-CONFIG', message: 'test.coverage.threshold must be <= 100', line: 4, col: 26 },
      { code: 'E-CONFIG', message: 'test.workers must be a whole number ≥ 1 or "auto"', line: 5, col: 12 },
    ]);
    const pkg = project({ 'package.json': '{\n  "name": "x",\n  "studio-script": { "scripts": 3 }\n}\n' });
    expect(await problems(loadConfig({ cwd: pkg }))).toEqual([{ code: 'E-CONFIG', message: 'scripts must be string', line: 3, col: 33 }]);
  });
});

describe('options over configuration', () => {
  const root = project({
    'studio-script.config.yaml': 'scripts: flows\nnow: 2026-03-02T08:00:00Z\nuntil: 1h\nlimits: { maxActions: 2 }\ntest:\n  include: ["tests/*.test.yaml"]\n  reporters: [pretty, junit]\n  outputFile: { junit: reports/junit.xml }\n',
    'flows/Good.script': GOOD,
    'tests/good.test.yaml': 'cases:\n  - name: greets\n    script: Good\n    maxActions: 10\n    expect: { status: completed }\n  - name: the configured limit\n    script: Good\n    expect: { status: failed }\n',
  });
  const cfg = join(root, 'studio-script.config.yaml');

  it('run: a script by name from the scripts folder, the configured clock and limits, each overridden by its option', async () => {
    const limited = JSON.parse((await runCli(['run', 'Good', '--config', cfg, '--json'])).out);
    expect(limited).toMatchObject({ status: 'failed', startedAt: '2026-03-02T08:00:00.000Z' });
    expect(limited.lastError ?? limited.warnings.join(' ')).toMatch(/maxActions/);
    const r = await runCli(['run', 'Good', '--config', cfg, '--json', '--max-actions', '100', '--now', '2026-05-01T10:00:00Z']);
    expect(JSON.parse(r.out)).toMatchObject({ status: 'completed', startedAt: '2026-05-01T10:00:00.000Z' });
  });

  it('test: the configured files, defaults for cases, reporters and their files', async () => {
    const r = await runCli(['test', '--config', cfg]);
    expect(r.code, r.out + r.err).toBe(0);
    expect(r.out).toContain('2 passed (2)');
    expect(readFileSync(join(root, 'reports', 'junit.xml'), 'utf8')).toContain('<testcase name="the configured limit"');
    // --reporter replaces the configured list.
    const j = await runCli(['test', '--config', cfg, '--reporter', 'json']);
    expect(JSON.parse(j.out).summary).toMatchObject({ passed: 2 });
  });

  it('a broken configuration is exit 2 with located diagnostics, also as JSON', async () => {
    const bad = project({ 'studio-script.config.yaml': 'scripts: [a]\n' });
    const r = await runCli(['check', '--config', join(bad, 'studio-script.config.yaml')]);
    expect(r.code).toBe(2);
    expect(r.err).toContain('studio-script.config.yaml:1:10: error E-CONFIG scripts must be string');
    const j = await runCli(['check', '--config', join(bad, 'studio-script.config.yaml'), '--json']);
    expect(JSON.parse(j.out).diagnostics[0]).toMatchObject({ code: 'E-CONFIG', line: 1, col: 10 });
  });
});

describe.skipIf(!((): boolean => { try { return readFileSync(CLI).length > 0; } catch { return false; } })())('the built command in a project folder', () => {
  const root = project({
    'package.json': JSON.stringify({ name: 'flows', 'studio-script': { scripts: 'scripts' } }),
    'scripts/Good.script': GOOD,
    'scripts/Other.script': GOOD.replace('script Good', 'script Other'),
    'scripts/nested/Bad.script': 'script Bad\nstart: BEGIN ->\n',
    'docs/readme.txt': '',
  });
  const cli = (args: string[], input?: string) => spawnSync(process.execPath, [CLI, ...args], { cwd: join(root, 'docs'), encoding: 'utf8', input, env: { ...process.env, NO_COLOR: '1' } });

  it('check without paths checks the configured folder; globs are expanded by the tool; - reads stdin', () => {
    const all = cli(['check']);
    expect(all.status).toBe(2);
    expect(all.stderr).toContain('../scripts/nested/Bad.script:2:16: error E-PARSE-EOF');
    const glob = cli(['check', '../scripts/*.script']);
    expect(glob.stderr).toBe('checked 2 scripts: 0 errors, 0 warnings\n');
    expect(glob.status).toBe(0);
    expect(cli(['check', '../scripts/*.nothing']).stderr).toBe('studio-script: no files match ../scripts/*.nothing\n');
    const stdin = cli(['check', '-'], 'script S\nstart: BEGIN -> e\ne: END { Foo = 1 }\n');
    expect(stdin.stderr).toContain("<stdin>:3:10: error E-SCHEMA-UNKNOWN-PROP END has no property 'Foo'");
    expect(stdin.status).toBe(2);
  });

  it('run - runs a script from stdin with the configured scripts folder beside it', () => {
    const caller = 'script Caller\n\nstart: BEGIN -> call\n\ncall: RUNSUB {\n  ScriptName = "Good"\n} -> done\n\ndone: END\n';
    const sub = GOOD.replace('-> done\n\ndone: END', '-> back\n\nback: RETURN');
    writeFileSync(join(root, 'scripts', 'Good.script'), sub);
    const r = cli(['run', '-', '--json', '--now', '2026-01-05T09:00:00Z'], caller);
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout)).toMatchObject({ status: 'completed', script: 'Caller', path: ['Caller.start', 'Caller.call', 'Good.start', 'Good.greet', 'Good.back', 'Caller.done'] });
    writeFileSync(join(root, 'scripts', 'Good.script'), GOOD);
  });
});
