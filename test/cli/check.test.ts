import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { displayPath } from '../../src/cli/output.js';
import { runCli } from './run-cli.js';

const EXAMPLES = join(import.meta.dirname, '../../scripts-examples');

function file(name: string, text: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'check-'));
  writeFileSync(join(dir, name), text);
  return join(dir, name);
}

describe('studio-script check', () => {
  it('exits 0 for the examples', async () => {
    const r = await runCli(['check', EXAMPLES]);
    expect(r.err).toMatch(/checked \d+ scripts?: 0 errors/);
    expect(r.code).toBe(0);
  });

  it('exits 0 with warnings only, and prints them located with a caret', async () => {
    const f = file('W.script', 'script W\nstart: BEGIN -> e\ne: END\nlost: END\n');
    const r = await runCli(['check', f]);
    expect(r.code).toBe(0);
    expect(r.err).toContain(`${displayPath(f)}:4:1: warning W-UNREACHABLE action 'lost' (END) is never reached from BEGIN\n4 | lost: END\n  | ^^^^`);
  });

  it('exits 2 and prints every error with file:line:col', async () => {
    const f = file('E.script', 'script E\nstart: BEGIN -> nowhere\nx: ASIGN\n');
    const r = await runCli(['check', f]);
    expect(r.code).toBe(2);
    expect(r.err).toContain(`${displayPath(f)}:2:17: error E-GRAPH-UNKNOWN-TARGET`);
    expect(r.err).toContain(`${displayPath(f)}:3:4: warning W-OPAQUE-ACTION unknown action type 'ASIGN' (did you mean ASSIGN?)`);
    expect(r.err).not.toMatch(/\n\s+at /);
  });

  it('shows control characters of a binary file as dots in the excerpt, so the terminal is not garbled', async () => {
    const f = file('B.script', 'script B\nx: END \u0000\u001b[2J\u0007');
    const r = await runCli(['check', f]);
    expect(r.code).toBe(2);
    expect(r.err).toContain(`${displayPath(f)}:2:8: error E-PARSE-ENCODING`);
    expect(r.err).toContain('2 | x: END \u00b7\u00b7[2J\u00b7\n');
    expect(r.err).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f]/);
  });

  it('shows a window of a very long line around the column, with the caret under it', async () => {
    const f = file('L.script', `script L\nstart: BEGIN { Parameters = [${'a, '.repeat(80)}1] } -> e\ne: END\n`);
    const r = await runCli(['check', f]);
    expect(r.code).toBe(2);
    const [, source, caret] = r.err.split('\n');
    expect(source!.length).toBeLessThan(130);
    expect(source).toMatch(/^2 \| …a, a, .*a, 1\] } -> e$/);
    expect(source!.charAt(caret!.indexOf('^'))).toBe('1');
  });

  it('prints diagnostics as JSON with --json', async () => {
    const f = file('J.script', 'script J\nstart: BEGIN -> e\ne: END { Foo = 1 }\n');
    const r = await runCli(['check', '--json', f]);
    expect(r.code).toBe(2);
    expect(JSON.parse(r.out)).toEqual({
      diagnostics: [{ file: displayPath(f), line: 3, col: 10, severity: 'error', code: 'E-SCHEMA-UNKNOWN-PROP', message: "END has no property 'Foo'; END has no properties" }],
    });
    expect(r.err).toBe('');
  });

  it('reports a truncated file as unexpected end of file', async () => {
    const f = file('T.script', 'script T\nstart: BEGIN {\n  Parameters = [a,');
    const r = await runCli(['check', '--json', f]);
    const [d] = (JSON.parse(r.out) as { diagnostics: { code: string; line: number; message: string }[] }).diagnostics;
    expect(d).toMatchObject({ code: 'E-PARSE-EOF', line: 3, message: 'unexpected end of file: expected a value' });
  });

  it('checks tenant files given with --tenant', async () => {
    expect((await runCli(['check', EXAMPLES, '--tenant', join(EXAMPLES, 'tenant.yaml')])).code).toBe(0);
    const bad = file('tenant.yaml', 'timeZone: [not, a, zone]\n');
    const r = await runCli(['check', EXAMPLES, '--tenant', bad, '--json']);
    expect(r.code).toBe(2);
    expect((JSON.parse(r.out) as { diagnostics: { file: string }[] }).diagnostics.map((d) => d.file)).toContain(displayPath(bad));
  });

  it('exits 2 for a path that does not exist', async () => {
    const r = await runCli(['check', '/no/such.script']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('cannot read /no/such.script: no such file or folder');
  });
});
