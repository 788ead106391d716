// The built command end to end (run `npm run build` first; skipped otherwise).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const CLI = resolve('dist/src/cli/main.js');
const cli = (args: string[], input?: string) => spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', input });

describe.skipIf(!existsSync(CLI))('studio-script (built)', () => {
  it('checks the examples with exit 0', () => {
    const r = cli(['check', 'scripts-examples']);
    expect(r.stderr).toMatch(/0 errors/);
    expect(r.status).toBe(0);
  });

  it('formats stdin to stdout for editors', () => {
    const r = cli(['fmt', '-'], 'script X\nstart:BEGIN->e\ne:END');
    expect(r).toMatchObject({ status: 0, stdout: 'script X\n\nstart: BEGIN -> e\n\ne: END\n' });
    const bad = cli(['fmt', '-'], 'script X\nstart:BEGIN->');
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('<stdin>:2:14: error E-PARSE-EOF unexpected end of file: expected a label');
  });

  it('keeps Ajv and Graphviz off the check path (start-up stays fast)', () => {
    const probe = `
      const { checkPaths } = await import('./dist/src/graph/folder.js');
      await checkPaths(['scripts-examples']);
      const { createRequire } = await import('node:module');
      const loaded = Object.keys(createRequire(import.meta.url).cache);
      console.log(JSON.stringify(loaded.filter((f) => /[\\/](ajv|@hpcc-js)[\\/]/.test(f))));`;
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', probe], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout)).toEqual([]);
  });

  it('never prints a stack trace for bad input', () => {
    for (const args of [['check', '/no/such/dir'], ['graph', '/no/such.script'], ['graph', 'scripts-examples/HelloWorld.script', '-f', 'gif'], ['fmt']]) {
      const r = cli(args);
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stderr).not.toMatch(/\n\s+at |internal error/);
    }
  });
});
