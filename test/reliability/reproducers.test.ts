// Every reproducer of the hardening review, through the command line: each
// once ended in "internal error", a hang, a leak or an echo of a file it
// should not show; each now ends in a located diagnostic (exit 2) or a
// clean result. docs/reliability.md lists the promise each one keeps.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, expectCleanAnswer, folder } from './cli.js';

const EXAMPLES = join(import.meta.dirname, '../../scripts-examples');
const HELLO = readFileSync(join(EXAMPLES, 'HelloWorld.script'), 'utf8');
const TENANT = readFileSync(join(EXAMPLES, 'tenant.yaml'), 'utf8');
const UPLOAD = ['--skill', '1234', '--source', 'X', '--map', 'ExternalID=id', '--map', 'Destinations=mobile'];

describe('bad input gets a located diagnostic, never an internal error', () => {
  it('CSV: a stray quote inside an unquoted cell (O"Brien) is located at the quote', async () => {
    const dir = folder({ 'tenant.yaml': TENANT, 'l.csv': 'id,mobile\n1,5551230000\n2,O"Brien\n' });
    const r = await cli(['lists', 'upload', join(dir, 'l.csv'), '--tenant', join(dir, 'tenant.yaml'), ...UPLOAD]);
    expectCleanAnswer(r);
    expect(r.code).toBe(2);
    expect(r.err).toContain(`${join(dir, 'l.csv')}:3:4: error E-LIST-CSV quote inside an unquoted cell`);
  });

  it('--var and --vars values nested 3,000 deep are refused with the limit named', async () => {
    const deep = '['.repeat(3000) + ']'.repeat(3000);
    const dir = folder({ 'Hello.script': HELLO.replace('HelloWorld', 'Hello'), 'v.json': `{"x":${deep}}` });
    const r1 = await cli(['run', join(dir, 'Hello.script'), '--var', `x=${deep}`]);
    expectCleanAnswer(r1);
    expect(r1.code).toBe(2);
    expect(r1.err).toContain('--var x: the value nests more than 100 levels deep');
    const r2 = await cli(['run', join(dir, 'Hello.script'), '--vars', join(dir, 'v.json')]);
    expectCleanAnswer(r2);
    expect(r2.code).toBe(2);
    expect(r2.err).toContain(`${join(dir, 'v.json')}:1:106: --vars: x nests more than 100 levels deep`);
  });

  it('a .script with a 12 MB string literal loads (the lexer scans strings without backtracking)', async () => {
    const big = `script Big\ntype Generic\nstart: BEGIN -> a\na: ASSIGN { Variable = x\n Value = "${'a'.repeat(12_000_000)}" } -> e\ne: END\n`;
    const dir = folder({ 'Big.script': big });
    const r = await cli(['check', join(dir, 'Big.script')]);
    expectCleanAnswer(r);
    expect(r.code).toBe(0);
  });

  it('an HTTP stub URL that is not http(s) is a located diagnostic in --stubs and in a test file', async () => {
    const stub = '  - match: { http: "GET ftp://x.example/a" }\n    status: 200\n';
    const dir = folder({
      'Hello.script': HELLO.replace('HelloWorld', 'Hello'),
      'stubs.yaml': `stubs:\n${stub}`,
      'h.test.yaml': `cases:\n  - name: a\n    script: Hello\n    stubs:\n${stub.replace(/^/gm, '    ')}`,
    });
    const r1 = await cli(['run', join(dir, 'Hello.script'), '--stubs', join(dir, 'stubs.yaml')]);
    expectCleanAnswer(r1);
    expect(r1.code).toBe(2);
    expect(r1.err).toContain(`${join(dir, 'stubs.yaml')}:2:20: error E-TEST-STUB "ftp://x.example/a" is not an http:// or https:// URL`);
    const r2 = await cli(['test', '--workers', '1', join(dir, 'h.test.yaml')]);
    expectCleanAnswer(r2);
    expect(r2.code).toBe(2);
    expect(r2.err).toMatch(/h\.test\.yaml:5:24: error E-TEST-STUB "ftp:\/\/x\.example\/a" is not an http/);
  });

  it('an empty XML file is located at line 1, column 1', async () => {
    const dir = folder({ 'e.xml': '' });
    const r = await cli(['import', join(dir, 'e.xml')]);
    expectCleanAnswer(r);
    expect(r.code).toBe(2);
    expect(r.err).toContain(`${join(dir, 'e.xml')}:1:1: error E-IMPORT-XML empty file`);
  });

  it('46,000 unclosed [ in a tenant file print at most 100 diagnostics, then "… and N more"', async () => {
    const dir = folder({ 't.yaml': '[\n'.repeat(46_000) });
    const r = await cli(['tenant', 'check', join(dir, 't.yaml')]);
    expectCleanAnswer(r);
    expect(r.code).toBe(2);
    expect(r.err.match(/: error /g)!.length).toBeLessThanOrEqual(100);
    expect(r.err).toMatch(/… and [\d,]+ more\n/);
    const json = await cli(['tenant', 'check', '--json', join(dir, 't.yaml')]);
    const parsed = JSON.parse(json.out) as { diagnostics: unknown[]; more: number };
    expect(parsed.diagnostics.length).toBe(100);
    expect(parsed.more).toBeGreaterThan(0);
  });
});

describe('files of another kind are never echoed', () => {
  it('--vars and import name a file that is not JSON or XML without quoting it', async () => {
    const secret = 'root:x:0:0:SECRET-LINE:/root:/bin/bash\n';
    const dir = folder({ 'Hello.script': HELLO.replace('HelloWorld', 'Hello'), passwd: secret });
    const r1 = await cli(['run', join(dir, 'Hello.script'), '--vars', join(dir, 'passwd')]);
    expect(r1.code).toBe(2);
    expect(r1.err).toContain('--vars needs a JSON object');
    const r2 = await cli(['import', join(dir, 'passwd')]);
    expect(r2.code).toBe(2);
    expect(r2.err).toContain('not an XML file');
    for (const r of [r1, r2]) expect(r.out + r.err).not.toContain('SECRET-LINE');
  });
});
