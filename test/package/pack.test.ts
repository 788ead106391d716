// The published package on its own: `npm pack`, installed into an empty
// folder as a user would, then the README's first steps — `init`, the
// scaffolded project's `npm test`, `test --watch` and the HTML report there,
// the shipped examples, the embedding API
// with strict type checking, and `studio-script/testing` + `studio-script/vitest`.
//
// Kept within CI's budget by installing from the npm cache first (the
// repository's own `npm install` filled it) with install scripts off, then
// reusing this checkout's built better-sqlite3 module instead of building it
// again. Needs the built package (`npm run build`); skipped otherwise.
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { COLORS } from '../../src/graph/render/look.js';
import { watching } from '../cli/watching.js';

const ROOT = resolve(import.meta.dirname, '..', '..');
const built = existsSync(join(ROOT, 'dist', 'src', 'cli', 'main.js'));
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const SLOW = 600_000;

describe.skipIf(!built)('the packed package in an empty folder', () => {
  const home = mkdtempSync(join(tmpdir(), 'pack-'));
  const app = join(home, 'app');
  const run = (cmd: string, args: string[], cwd = app) => spawnSync(cmd, args, { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', npm_config_audit: 'false', npm_config_fund: 'false' } });
  const bin = (args: string[], cwd = app) => run(process.execPath, [join(app, 'node_modules', 'studio-script', 'dist', 'src', 'cli', 'main.js'), ...args], cwd);

  beforeAll(() => {
    execFileSync(npm, ['pack', '--ignore-scripts', '--pack-destination', home], { cwd: ROOT, stdio: 'ignore' });
    const tarball = join(home, readdirSync(home).find((f) => f.endsWith('.tgz'))!);
    cpSync(join(ROOT, 'test', 'package', 'app'), app, { recursive: true });
    const install = run(npm, ['install', '--prefer-offline', '--ignore-scripts', '--no-package-lock', tarball, 'vitest@4.1.12', 'typescript@5.9.3', '@types/node@20.19.43']);
    if (install.status !== 0) throw new Error(`npm install failed:\n${install.stderr}`);
    // The native module, built once by this checkout's install, instead of a second build.
    const native = join(ROOT, 'node_modules', 'better-sqlite3', 'build');
    const target = join(app, 'node_modules', 'better-sqlite3');
    if (existsSync(native) && existsSync(target)) cpSync(native, join(target, 'build'), { recursive: true });
  }, SLOW);

  it('init scaffolds a project whose npm test passes', () => {
    const r = bin(['init', 'flows']);
    expect(r.status, r.stderr).toBe(0);
    // The scaffold's package.json asks for studio-script; here it is the one installed above.
    cpSync(join(app, 'node_modules'), join(app, 'flows', 'node_modules'), { recursive: true, verbatimSymlinks: true });
    const t = run(npm, ['test'], join(app, 'flows'));
    expect(t.status, t.stdout + t.stderr).toBe(0);
    expect(t.stdout).toContain('2 passed (2)');
  }, SLOW);

  it('in the scaffolded project, test --watch reruns on a save and the HTML report draws the graph with coverage', async () => {
    const flows = join(app, 'flows');
    const cli = join(app, 'node_modules', 'studio-script', 'dist', 'src', 'cli', 'main.js');
    const w = watching(cli, ['test', '--watch'], flows);
    try {
      expect(await w.nextRun()).toContain('[test --watch] ok; waiting for changes');
      const script = join(flows, 'scripts', 'Greeting.script');
      writeFileSync(script, readFileSync(script, 'utf8').replace('Value = "Hello, {name}!"', 'Value = "Hi, {name}!"'));
      const rerun = await w.nextRun();
      expect(rerun).toContain('changed: scripts/Greeting.script');
      expect(rerun).toContain('[test --watch] exit 1; waiting for changes');
    } finally {
      expect(await w.stop()).toBe(0);
    }
    const html = bin(['test', '--reporter', 'html', '-o', 'report/index.html'], flows);
    expect(html.status, html.stdout + html.stderr).toBe(1);
    const page = readFileSync(join(flows, 'report', 'index.html'), 'utf8');
    // One file with nothing to fetch, a graph of Greeting with visited (green) and missed (red) marks.
    expect(page).not.toMatch(/<link\b|<script\s+src|(src|href)="https?:/i);
    expect(page).toMatch(/<svg[\s\S]*Greeting/);
    expect(page).toContain(COLORS.visited);
    expect(page).toContain(COLORS.missed);
  }, SLOW);

  it('runs the README commands on the shipped examples', () => {
    const ex = 'node_modules/studio-script/scripts-examples';
    const hello = bin(['run', `${ex}/HelloWorld.script`, '--var', 'name=Ada', '--now', '2026-01-05T09:00:00Z']);
    expect(hello.stdout).toMatch(/^HelloWorld: completed after \d+ actions/);
    const brain = bin(['run', `${ex}/CreateProspectsBrain.script`, '--until', '8h', '--now', '2026-11-21T09:00:00-07:00', '--state', 'day.db']);
    expect(brain.status, brain.stderr).toBe(0);
    expect(brain.stdout).toContain('CreateProspectsBrain: stopped after');
    expect(bin(['tenant', 'show', '--state', 'day.db']).status).toBe(0);
    expect(bin(['check', ex]).stderr).toMatch(/0 errors/);
    const tests = bin(['test', ex, '--coverage']);
    expect(tests.status, tests.stdout + tests.stderr).toBe(0);
    expect(bin(['graph', `${ex}/CreateProspectsBrain.script`, '--coverage', 'coverage/coverage.json', '-o', 'out/brain.svg']).status).toBe(0);
  }, SLOW);

  it('type-checks the embedding API strictly, without skipLibCheck, with no extra @types', () => {
    const r = run(process.execPath, [join(app, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.json']);
    expect(r.stdout + r.stderr).toBe('');
    expect(r.status).toBe(0);
  }, SLOW);

  it('runs vitest with studio-script/testing and studio-script/vitest', () => {
    const r = run(process.execPath, [join(app, 'node_modules', 'vitest', 'vitest.mjs'), 'run']);
    expect(r.status, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toMatch(/Tests\s+2 passed/);
  }, SLOW);
});
