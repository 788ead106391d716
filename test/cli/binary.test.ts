// The built command end to end (run `npm run build` first; skipped otherwise).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';

const CLI = resolve('dist/src/cli/main.js');
const cli = (args: string[], input?: string) => spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', input });

describe.skipIf(!existsSync(CLI))('studio-script (built)', () => {
  it.skipIf(process.platform === 'win32')('is executable, as `npx studio-script` in a clone of the repository runs it directly', () => {
    expect(statSync(CLI).mode & 0o111).toBe(0o111);
    const r = spawnSync(CLI, ['--version'], { encoding: 'utf8' });
    expect(r).toMatchObject({ status: 0, stdout: expect.stringMatching(/^\d+\.\d+\.\d+/) });
  });

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

  it('loads no run-time library for check, and imports no CommonJS package (start-up stays close to a bare node)', () => {
    // Every way a module gets in is recorded: ESM imports (a resolve hook),
    // require() and require(esm) (require.cache), and Node built-ins however
    // they are reached (process.moduleLoadList). See src/deps.ts.
    const dir = mkdtempSync(join(tmpdir(), 'check-path-'));
    const script = join(dir, 'Start.script');
    writeFileSync(script, 'script Start\n\nstart: BEGIN -> greet\n\ngreet: ASSIGN {\n  Variable = greeting\n  Value = "Hello {name}"\n} -> done\n\ndone: END\n');
    const hooks = 'let port; export function initialize(d) { port = d.port; } export async function resolve(s, c, next) { const r = await next(s, c); port.postMessage(r.url); return r; }';
    const probe = `
      import { createRequire, register } from 'node:module';
      import { writeSync } from 'node:fs';
      import { MessageChannel, receiveMessageOnPort } from 'node:worker_threads';
      const { port1, port2 } = new MessageChannel();
      register('data:text/javascript,' + encodeURIComponent(${JSON.stringify(hooks)}), { data: { port: port2 }, transferList: [port2] });
      process.on('exit', () => {
        const imported = [];
        for (let m; (m = receiveMessageOnPort(port1)); ) imported.push(m.message);
        const required = Object.keys(createRequire(import.meta.url).cache);
        const builtins = process.moduleLoadList.filter((n) => n.startsWith('NativeModule ')).map((n) => 'node:' + n.slice(13));
        writeSync(1, JSON.stringify({ imported, required, builtins }));
      });
      process.argv = [process.execPath, 'studio-script', 'check', ${JSON.stringify(script)}, 'scripts-examples'];
      await import(${JSON.stringify(pathToFileURL(CLI).href)});`;
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', probe], { encoding: 'utf8' });
    expect(r.stderr).toMatch(/^checked \d+ scripts: 0 errors/);
    const { imported, required, builtins } = JSON.parse(r.stdout) as Record<'imported' | 'required' | 'builtins', string[]>;
    expect(imported.some((f) => f.endsWith('/dist/src/cli/check.js'))).toBe(true);
    // Named by package (or built-in, or dist file) so a failure names the culprit.
    const heavy = /[\\/]node_modules[\\/](ajv|@hpcc-js[\\/][^\\/]+|luxon|fast-xml-parser|libphonenumber-js|yaml|better-sqlite3|csv-parse|immer)[\\/]|[\\/]dist[\\/](src[\\/]http[\\/]real|src[\\/]runtime[\\/]runtime)\.js$|^(node:https?)$/;
    const offenders = new Set([...imported, ...required, ...builtins].flatMap((f) => heavy.exec(f)?.slice(1).filter(Boolean) ?? []));
    expect([...offenders]).toEqual([]);
    // commander, moo and nearley are required: imported, each of their files would go through the ESM loader.
    expect(imported.filter((f) => f.includes('/node_modules/'))).toEqual([]);
  });

  it('never prints a stack trace for bad input', () => {
    for (const args of [['check', '/no/such/dir'], ['graph', '/no/such.script'], ['graph', 'scripts-examples/HelloWorld.script', '-f', 'gif'], ['fmt']]) {
      const r = cli(args);
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stderr).not.toMatch(/\n\s+at |internal error/);
    }
  });
});
