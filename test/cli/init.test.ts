// `studio-script init`: the starter project works as it is (its tests pass,
// its scripts check), keeps what exists, and merges into a package.json.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { runCli } from './run-cli.js';

describe('studio-script init', () => {
  it('scaffolds a project whose tests pass and whose scripts check', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'init-')), 'flows');
    const r = await runCli(['init', dir]);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain('Next: cd ');
    const config = join(dir, 'studio-script.config.yaml');
    const check = await runCli(['check', '--config', config]);
    expect(check.err).toContain('checked 1 script: 0 errors, 0 warnings');
    const test = await runCli(['test', '--config', config, '--coverage', '--coverage-dir', join(dir, 'coverage')]);
    expect(test.code, test.out + test.err).toBe(0);
    expect(test.out).toContain('2 passed (2)');
    expect(test.out).toMatch(/Greeting\s+100\.0% \(7\/7\)\s+100\.0% \(7\/7\)/);
    const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    expect(pkg.scripts).toMatchObject({ test: 'studio-script test', check: 'studio-script check' });
    expect(pkg.devDependencies['studio-script']).toMatch(/^\^\d+\.\d+\.\d+/);
    expect(pkg.allowScripts).toEqual({ 'better-sqlite3': true });
    const workflow = parse(readFileSync(join(dir, '.github', 'workflows', 'studio-script.yml'), 'utf8'));
    const runs = workflow.jobs.test.steps.map((s: { run?: string }) => s.run).filter(Boolean).join('\n');
    expect(runs).toContain('--reporter junit -o reports/junit.xml --coverage');
    expect(JSON.stringify(workflow)).toContain('coverage/lcov.info');
  });

  it('keeps existing files and package.json entries, and adds what is missing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'init-'));
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'mine', scripts: { test: 'vitest', lint: 'eslint .' }, allowScripts: { 'better-sqlite3': false, esbuild: true } }));
    writeFileSync(join(dir, '.gitignore'), 'dist/\n');
    const r = await runCli(['init', dir, '--json']);
    const { created, kept } = JSON.parse(r.out);
    expect(kept).toEqual([expect.stringMatching(/\.gitignore$/)]);
    expect(created).toEqual(expect.arrayContaining([expect.stringMatching(/package\.json$/), expect.stringMatching(/Greeting\.script$/)]));
    const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    expect(pkg.scripts).toMatchObject({ test: 'vitest', lint: 'eslint .', check: 'studio-script check' });
    expect(pkg.allowScripts).toEqual({ 'better-sqlite3': false, esbuild: true });
    expect(readFileSync(join(dir, '.gitignore'), 'utf8')).toBe('dist/\n');
    expect((await runCli(['init', dir, '--force'])).out).toMatch(/created .*\.gitignore/);
  });
});
