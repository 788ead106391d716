// `studio-script test` as CI runs it: the built command, its exit codes, the
// junit file, coverage files, and the same report with or without worker threads.
import { beforeAll, describe, expect, it } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import parseLcov from 'lcov-parse';
import { XMLValidator } from 'fast-xml-parser';

const root = join(import.meta.dirname, '..', '..');
const cli = join(root, 'dist', 'src', 'cli', 'main.js');
const fixtures = join(import.meta.dirname, 'fixtures');

/** Builds when the compiled runner is missing or older than its sources (worker threads need compiled code). */
beforeAll(() => {
  const built = join(root, 'dist', 'src', 'testing', 'worker.js');
  const sources = [join(root, 'src', 'testing'), join(root, 'src', 'testing', 'reporters'), join(root, 'src', 'cli')].flatMap((d) =>
    readdirSync(d).filter((f) => f.endsWith('.ts')).map((f) => join(d, f)),
  );
  const stale = !existsSync(built) || sources.some((f) => statSync(f).mtimeMs > statSync(built).mtimeMs);
  // Type errors elsewhere in the tree do not stop tsc from emitting.
  if (stale) spawnSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { cwd: root, stdio: 'ignore' });
}, 180_000);

function run(args: string[]): { code: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [cli, 'test', ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

// Each test starts one or more whole processes; a busy CI machine needs the margin.
const SLOW = 90_000;

describe('studio-script test', () => {
  it('exits 0 when every case passes and writes coverage files', () => {
    const dir = mkdtempSync(join(tmpdir(), 'studio-script-cov-'));
    const r = run([join(fixtures, 'project'), '--coverage', '--coverage-dir', dir]);
    expect(r.stderr).toBe('');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('Tests: 9 passed (9)');
    expect(r.stdout).toMatch(/All scripts\s+100\.0% \(18\/18\)\s+95\.0% \(19\/20\)/);
    const report = JSON.parse(readFileSync(join(dir, 'coverage.json'), 'utf8'));
    expect(report.scripts.Main.branches.low).toEqual({ True: 4, False: 2 });
    expect(report.scripts.Main.file).toBe(relative(root, join(fixtures, 'project', 'Main.script')));
    parseLcov(readFileSync(join(dir, 'lcov.info'), 'utf8'), (err, files) => {
      expect(err).toBeNull();
      expect(files!.map((f) => f.file).sort()).toEqual(['Main.script', 'Poller.script', 'Sub.script'].map((f) => join('test/testing/fixtures/project', f)));
    });
  }, SLOW);

  it('exits 1 when a case fails, and below a coverage threshold', () => {
    const failing = run([join(fixtures, 'failing')]);
    expect(failing.code, failing.stderr).toBe(1);
    expect(failing.stdout).toContain('>    3  Main.low  ← first divergence');
    const threshold = run([join(fixtures, 'project'), '--coverage-threshold', '99', '--coverage-dir', mkdtempSync(join(tmpdir(), 'c-'))]);
    expect(threshold.code, threshold.stdout).toBe(1);
    expect(threshold.stderr).toBe('studio-script: branch coverage 95% below the threshold of 99%\n');
  }, SLOW);

  it('exits 2 with located diagnostics for invalid files, and for bad options', () => {
    const r = run([join(fixtures, 'invalid')]);
    expect(r.code, r.stderr).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('invalid/invalid.test.yaml:5:13: error E-TEST-SCRIPT no script named "Mian"');
    expect(r.stderr).toContain('5 |     script: Mian\n  |             ^^^^');
    expect(r.stderr).not.toMatch(/\n\s+at .*\.js:\d+/);
    const json = run([join(fixtures, 'invalid'), '--json']);
    expect(json.code).toBe(2);
    expect(JSON.parse(json.stdout).diagnostics[0]).toEqual({
      file: 'test/testing/fixtures/invalid/invalid.test.yaml',
      line: 5,
      col: 13,
      severity: 'error',
      code: 'E-TEST-SCRIPT',
      message: expect.stringContaining('no script named "Mian"'),
    });
    expect(run([join(fixtures, 'project'), '--reporter', 'tap'])).toMatchObject({ code: 2, stderr: 'studio-script: unknown reporter "tap" (expected pretty, junit, json, html)\n' });
    expect(run(['no/such/folder']).code).toBe(2);
    // A folder that is missing is created; a path through a file cannot be.
    const through = join(fixtures, 'project', 'Main.script', 'report.xml');
    expect(run([join(fixtures, 'project'), '--reporter', 'junit', '-o', through])).toMatchObject({
      code: 2,
      stderr: `studio-script: cannot write ${through}: a part of the path is a file\n`,
    });
  }, SLOW);

  it('--force-errors exits 1 on the planted unhandled error paths and writes junit', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'junit-')), 'report.xml');
    const r = run([join(fixtures, 'planted'), '--force-errors', '--reporter', 'junit', '-o', out]);
    expect(r.code, r.stderr).toBe(1);
    // The terminal still gets the readable report.
    expect(r.stdout).toContain('Forced errors: 3 run(s), 2 unhandled error path(s)');
    const xml = readFileSync(out, 'utf8');
    expect(XMLValidator.validate(xml)).toBe(true);
    expect(xml).toContain('<testsuite name="force-errors" tests="2" failures="2"');
    expect(run([join(fixtures, 'planted')]).code).toBe(0);
  }, SLOW);

  it('--reporter html writes one page (to test-report/index.html unless -o says where) and still prints the readable report', () => {
    const cwd = mkdtempSync(join(tmpdir(), 'html-'));
    const r = spawnSync(process.execPath, [cli, 'test', join(fixtures, 'failing'), '--reporter', 'html'], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    expect(r.status, r.stderr).toBe(1);
    expect(r.stdout).toContain('✗ expects the wrong path');
    expect(r.stdout).toContain(`HTML report written to ${join('test-report', 'index.html')}\n`);
    const html = readFileSync(join(cwd, 'test-report', 'index.html'), 'utf8');
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain('<article class="case failed"');
    // Coverage is drawn on the graphs without --coverage, but no coverage files are written.
    expect(html).toContain('class="coverage"');
    expect(existsSync(join(cwd, 'coverage'))).toBe(false);
    const out = join(cwd, 'deep', 'er', 'report.html');
    expect(run([join(fixtures, 'project'), '--reporter', 'html', '-o', out]).code).toBe(0);
    expect(readFileSync(out, 'utf8')).toContain('<article class="case passed"');
  }, SLOW);

  it('reports the same with worker threads as without', () => {
    const args = [join(fixtures, 'project'), join(fixtures, 'planted'), join(fixtures, 'failing'), '--force-errors', '--reporter', 'json'];
    const strip = (text: string): string => JSON.stringify(JSON.parse(text), (k, v) => (k === 'ms' ? undefined : v));
    const single = run([...args, '--workers', '1']);
    const threads = run([...args, '--workers', '3']);
    expect(threads.stderr).toBe(single.stderr);
    expect(threads.code).toBe(single.code);
    expect(strip(threads.stdout)).toBe(strip(single.stdout));
    expect(JSON.parse(single.stdout).summary).toMatchObject({ passed: 11, failed: 1, total: 12 });
  }, SLOW);

  it('prints help', () => {
    expect(execFileSync(process.execPath, [cli, 'test', '--help'], { encoding: 'utf8' })).toContain('--force-errors');
  });
});

describe('examples/vitest', () => {
  it('the example test file users copy passes against the built package', () => {
    const r = spawnSync('npx', ['vitest', 'run', '--root', 'examples/vitest'], { cwd: root, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    expect(r.stdout + r.stderr).toMatch(/Tests\s+3 passed \(3\)/);
    expect(r.status).toBe(0);
  }, 120_000);
});
