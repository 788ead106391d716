// better-sqlite3 is optional: without it every command but --state works, and
// --state says what to install instead of crashing.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const CLI = resolve('dist/src/cli/main.js');

describe.skipIf(!existsSync(CLI))('without better-sqlite3', () => {
  // A preload that makes the package unresolvable, as after a failed optional install.
  const dir = mkdtempSync(join(tmpdir(), 'no-sqlite-'));
  const hide = join(dir, 'hide-sqlite.cjs');
  writeFileSync(
    hide,
    "const M = require('module'); const orig = M._resolveFilename; M._resolveFilename = function (req, ...rest) { if (req === 'better-sqlite3') { const e = new Error(\"Cannot find module 'better-sqlite3'\"); e.code = 'MODULE_NOT_FOUND'; throw e; } return orig.call(this, req, ...rest); };\n",
  );
  const cli = (args: string[]) => spawnSync(process.execPath, ['--require', hide, CLI, ...args], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });

  it('runs scripts with the tenant in memory', () => {
    const r = cli(['run', 'scripts-examples/HelloWorld.script', '--var', 'name=Ada', '--now', '2026-01-05T09:00:00Z']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });

  it('names the fix when --state needs it, in one line, exit 2', () => {
    const r = cli(['run', 'scripts-examples/HelloWorld.script', '--state', join(dir, 'day.db'), '--now', '2026-01-05T09:00:00Z']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/day\.db:1:1: error E-TENANT-STATE cannot open state file: state files \(--state\) need the optional package better-sqlite3, which is not installed\. Install it with "npm install better-sqlite3"/);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('is an optional dependency, and the published types need neither its types nor luxon\'s dev install', () => {
    const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
    expect(pkg.optionalDependencies['better-sqlite3']).toBeDefined();
    expect(pkg.dependencies['better-sqlite3']).toBeUndefined();
    expect(pkg.dependencies['@types/luxon']).toBeDefined();
    const store = readFileSync('dist/src/tenant/sqlite-store.d.ts', 'utf8');
    expect(store).not.toContain('better-sqlite3');
  });
});
