// The project configuration's folder is the project for test files too: a
// test file may name scripts or a tenant anywhere under the folder of the
// configuration the command runs with, even above the test file's nearest
// package.json (a monorepo's shared scripts), and still nothing outside it.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../cli/run-cli.js';

const HELLO = 'script Hello\nstart: BEGIN -> done\ndone: END\n';
const top = mkdtempSync(join(tmpdir(), 'config-root-'));
afterAll(() => rmSync(top, { recursive: true, force: true }));

function files(root: string, entries: Record<string, string>): void {
  for (const [name, text] of Object.entries(entries)) {
    mkdirSync(dirname(join(root, name)), { recursive: true });
    writeFileSync(join(root, name), text);
  }
}

describe('test files inside the configuration folder', () => {
  const repo = join(top, 'repo');
  files(repo, {
    'studio-script.config.json': '{}\n',
    'shared/Hello.script': HELLO,
    'packages/app/package.json': '{ "name": "app" }\n',
    'packages/app/tests/h.test.yaml': 'scripts: ../../../shared\ncases:\n  - name: a\n    script: Hello\n    expect: { status: completed }\n',
    'packages/app/tests/out.test.yaml': 'scripts: ../../../../elsewhere\ncases:\n  - name: a\n    script: Hello\n',
  });
  files(top, { 'elsewhere/Hello.script': HELLO });
  const testFile = (name: string): string => join(repo, 'packages', 'app', 'tests', name);

  it('may name scripts above their package.json, inside the configuration folder', async () => {
    const r = await runCli(['test', '--workers', '1', '--config', join(repo, 'studio-script.config.json'), testFile('h.test.yaml')]);
    expect(r.err).not.toContain('E-TEST-PATH');
    expect(r.code).toBe(0);
  });

  it('without that configuration, the same path is outside the project', async () => {
    const r = await runCli(['test', '--workers', '1', testFile('h.test.yaml')]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/E-TEST-PATH scripts folder .* is outside the project/);
  });

  it('with it, a path outside the configuration folder is still refused', async () => {
    const r = await runCli(['test', '--workers', '1', '--config', join(repo, 'studio-script.config.json'), testFile('out.test.yaml')]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/E-TEST-PATH scripts folder .* is outside the project/);
  });
});
