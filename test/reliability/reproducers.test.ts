// Every reproducer of the hardening review, through the command line: each
// once ended in "internal error", a hang, a leak or an echo of a file it
// should not show; each now ends in a located diagnostic (exit 2) or a
// clean result. docs/reliability.md lists the promise each one keeps.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { displayPath } from '../../src/cli/output.js';
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
    expect(r.err).toContain(`${displayPath(join(dir, 'l.csv'))}:3:4: error E-LIST-CSV quote inside an unquoted cell`);
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
    expect(r1.err).toContain(`${displayPath(join(dir, 'stubs.yaml'))}:2:20: error E-TEST-STUB "ftp://x.example/a" is not an http:// or https:// URL`);
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
    expect(r.err).toContain(`${displayPath(join(dir, 'e.xml'))}:1:1: error E-IMPORT-FORMAT not a Studio export: the file is empty`);
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
    expect(r2.err).toContain('not a Studio export: it starts with neither < nor {');
    for (const r of [r1, r2]) expect(r.out + r.err).not.toContain('SECRET-LINE');
  });
});

describe('state files fail safe', () => {
  async function stateFile(dir: string): Promise<string> {
    const db = join(dir, 'state.db');
    const r = await cli(['run', join(dir, 'Hello.script'), '--tenant', join(dir, 'tenant.yaml'), '--state', db]);
    expect(r.code).toBe(0);
    return db;
  }
  const project = () => folder({ 'Hello.script': HELLO.replace('HelloWorld', 'Hello'), 'tenant.yaml': TENANT });

  it('a truncated, zeroed or foreign file is refused with the reason, its bytes never shown, nothing changed', async () => {
    const dir = project();
    const bytes = readFileSync(await stateFile(dir));
    const variants: Record<string, Uint8Array> = {
      'truncated.db': bytes.subarray(0, 5000),
      'zeroed.db': Buffer.concat([bytes.subarray(0, 8192), Buffer.alloc(4096), bytes.subarray(12288)]),
      'header.db': Buffer.concat([Buffer.alloc(100), bytes.subarray(100)]),
      'text.db': Buffer.from('just some text\n'),
    };
    for (const [name, content] of Object.entries(variants)) {
      writeFileSync(join(dir, name), content);
      for (const args of [['tenant', 'show', '--state', join(dir, name)], ['run', join(dir, 'Hello.script'), '--tenant', join(dir, 'tenant.yaml'), '--state', join(dir, name)]]) {
        const r = await cli(args);
        expectCleanAnswer(r);
        expect(r.code, `${name}: ${r.err}`).toBe(2);
        expect(r.err).toMatch(new RegExp(`${name}:1:1: error E-TENANT-STATE cannot open state file: (damaged|a truncated SQLite file|not a SQLite database)`));
        expect(r.err.split('\n').filter((l) => l.trim() !== '').length).toBe(1);
      }
      expect(readFileSync(join(dir, name))).toEqual(Buffer.from(content));
    }
  });

  it('a row the store cannot decode is named by table and key', async () => {
    const dir = project();
    const db = await stateFile(dir);
    const { default: Database } = await import('better-sqlite3');
    const raw = new Database(db);
    raw.prepare("INSERT INTO prospects (skill_no, external_id, source_name, destinations, time_zone, fields, status, created_at_ms, updated_at_ms, queue_seq, queued_at_ms) VALUES (1234, 'P9', 'S', '[oops', 'UTC', '{}', 'queued', 1, 1, 1, 1)").run();
    raw.close();
    const r = await cli(['tenant', 'show', '--state', db]);
    expectCleanAnswer(r);
    expect(r.code).toBe(2);
    expect(r.err).toContain("damaged: prospects row (skill 1234, external id 'P9') holds values studio-script cannot read");
  });

  it('a SQLite file of another program is refused and left unchanged', async () => {
    const dir = project();
    const other = join(dir, 'other.db');
    const { default: Database } = await import('better-sqlite3');
    const raw = new Database(other);
    raw.exec('CREATE TABLE notes (body TEXT)');
    raw.close();
    const before = readFileSync(other);
    const r = await cli(['run', join(dir, 'Hello.script'), '--state', other]);
    expect(r.code).toBe(2);
    expect(r.err).toContain('a SQLite database of something else (tables notes), not a studio-script state file; it was not changed');
    expect(readFileSync(other)).toEqual(before);
  });

  it('tenant show opens the state read-only, so a run holding the file does not block it', async () => {
    const dir = project();
    const db = await stateFile(dir);
    const { default: Database } = await import('better-sqlite3');
    const writer = new Database(db);
    writer.exec('BEGIN IMMEDIATE');
    writer.prepare("INSERT INTO meta (key, value) VALUES ('x', 'y')").run();
    try {
      const r = await cli(['tenant', 'show', '--state', db]);
      expectCleanAnswer(r);
      expect(r.code).toBe(0);
      expect(r.out).toContain('business unit 4600123');
    } finally {
      writer.exec('ROLLBACK');
      writer.close();
    }
  });
});

describe('__proto__, constructor and prototype are ordinary data', () => {
  it('round-trip as members through --json and --trace-json', async () => {
    const script = `script Proto
start: BEGIN -> s
s: SNIPPET {
  DYNAMIC d = $"\\{\\"__proto__\\": \\{\\"x\\": 1}, \\"constructor\\": 2, \\"prototype\\": 3}"
  d.inner.__proto__ = "p"
} -> done
done: END
`;
    const dir = folder({ 'Proto.script': script });
    const r = await cli(['run', join(dir, 'Proto.script'), '--json']);
    expectCleanAnswer(r);
    const result = JSON.parse(r.out) as { variables: Record<string, unknown> };
    const d = result.variables.d as Record<string, unknown>;
    expect(Object.keys(d)).toEqual(['__proto__', 'constructor', 'prototype', 'inner']);
    expect(Object.getPrototypeOf(d)).toBe(Object.prototype);
    expect(JSON.stringify(d)).toBe('{"__proto__":{"x":1},"constructor":2,"prototype":3,"inner":{"__proto__":"p"}}');
    const traced = await cli(['run', join(dir, 'Proto.script'), '--trace-json']);
    expect(traced.err).toContain('"__proto__":{"x":1}');
  });

  it('are variables like any other: set by ASSIGN, a snippet, --var and --vars, read back, shown', async () => {
    const script = `script ProtoVars
start: BEGIN -> a
a: ASSIGN { Variable = __proto__  Value = "pp" } -> b
b: ASSIGN { Variable = seen  Value = "{__proto__}|{constructor}|{toString}|{hasOwnProperty}" } -> c
c: SNIPPET {
  prototype = "sp"
  valueOf = 3
} -> done
done: END
`;
    const dir = folder({ 'ProtoVars.script': script, 'v.json': '{"__proto__": {"k": 1}, "hasOwnProperty": "h"}' });
    const r = await cli(['run', join(dir, 'ProtoVars.script'), '--json', '--var', 'constructor=4', '--vars', join(dir, 'v.json')]);
    expectCleanAnswer(r);
    const result = JSON.parse(r.out) as { variables: Record<string, unknown> };
    expect(Object.getPrototypeOf(result.variables)).toBe(Object.prototype);
    expect(result.variables).toMatchObject({ constructor: 4, hasownproperty: 'h', seen: 'pp|4||h', prototype: 'sp', valueof: 3 });
    expect(Object.hasOwn(result.variables, '__proto__') && result.variables['__proto__']).toBe('pp');
    const traced = await cli(['run', join(dir, 'ProtoVars.script'), '--trace-json', '--vars', join(dir, 'v.json')]);
    expect(traced.err).toContain('"type":"run.start","script":"ProtoVars","vars":{"__proto__":{"k":1},"hasownproperty":"h"}');
    expect(traced.err).toContain('"type":"var.set","name":"__proto__","scope":"local","old":{"k":1},"value":"pp"}');
  });
});

describe('a test file reaches only its project', () => {
  it("tenant: ../../../../etc/passwd is refused before it is read, and nothing of it is shown", async () => {
    const dir = folder({ 'project/Hello.script': HELLO.replace('HelloWorld', 'Hello'), 'project/package.json': '{}', 'secret.txt': 'SECRET-LINE: 1\n' });
    const test = `tenant: ../secret.txt\ncases:\n  - name: a\n    script: Hello\n`;
    writeFileSync(join(dir, 'project', 'h.test.yaml'), test);
    writeFileSync(join(dir, 'project', 'p.test.yaml'), test.replace('../secret.txt', '../../../../../../../../etc/passwd'));
    for (const f of ['h.test.yaml', 'p.test.yaml']) {
      const r = await cli(['test', '--workers', '1', join(dir, 'project', f)]);
      expectCleanAnswer(r);
      expect(r.code).toBe(2);
      expect(r.err).toMatch(/E-TEST-PATH tenant file .* is outside the project/);
      expect(r.out + r.err).not.toMatch(/SECRET-LINE|root:/);
    }
  });

  it('a folder beside the test file inside the same project (package.json above) is fine', async () => {
    const dir = folder({ 'package.json': '{}', 'scripts/Hello.script': HELLO.replace('HelloWorld', 'Hello'), 'tests/h.test.yaml': 'scripts: ../scripts\ncases:\n  - name: a\n    script: Hello\n    expect: { status: completed }\n' });
    const r = await cli(['test', '--workers', '1', join(dir, 'tests', 'h.test.yaml')]);
    expectCleanAnswer(r);
    expect(r.code).toBe(0);
  });
});

describe('the last-resort handler stays in place', () => {
  it('an error no command turned into an exit code is one line, exit 1, no stack (and fuzzed inputs never get here)', async () => {
    const { reportCrash } = await import('../../src/cli/io.js');
    const { resetOutput } = await import('../../src/cli/output.js');
    resetOutput();
    let err = '';
    const saved = process.exitCode;
    const spy = (await import('vitest')).vi.spyOn(process.stderr, 'write').mockImplementation((s) => ((err += String(s)), true));
    try {
      reportCrash(new TypeError('boom'));
      expect(process.exitCode).toBe(1);
    } finally {
      spy.mockRestore();
      process.exitCode = saved;
    }
    expect(err).toBe('studio-script: internal error: boom\n(set STUDIO_SCRIPT_DEBUG=1 for details and please report it)\n');
  });
});

describe('budgets hold across spawned runs', () => {
  it('a key that is a mapping (`? ? ? … name`, 400 deep) is refused at the key, at once and without a warning', async () => {
    const keys = '? '.repeat(400);
    const dir = folder({
      't.yaml': TENANT.replace(/^  - id: 1234\n    name:/m, `  - id: 1234\n    ${keys}name:`),
      'h.test.yaml': `cases:\n  - name: a\n    script: Hello\n    ? [b, c]\n    : 1\n`,
    });
    const line = TENANT.slice(0, TENANT.search(/^  - id: 1234$/m)).split('\n').length + 1;
    const r = await cli(['tenant', 'check', join(dir, 't.yaml')]);
    expectCleanAnswer(r);
    expect(r.code).toBe(2);
    expect(r.err).toContain(`${displayPath(join(dir, 't.yaml'))}:${line}:7: error E-TENANT-SYNTAX a key cannot be a mapping or a list`);
    expect(r.err).not.toContain('Warning');
    const t = await cli(['test', '--workers', '1', join(dir, 'h.test.yaml')]);
    expectCleanAnswer(t);
    expect(t.code).toBe(2);
    expect(t.err).toMatch(/h\.test\.yaml:4:7: error E-TEST-YAML a key cannot be a mapping or a list/);
  });

  it('a chain of runs that each SPAWN the next and wait ends at the shared action limit', async () => {
    // Each run takes 3 actions, so no single run ever reaches a limit of its own.
    const chain = 'script Chain\ntype Generic\nstart: BEGIN -> pause\npause: WAIT { Seconds = 60 } -> next\nnext: SPAWN { ScriptName = "Chain" } -> done\ndone: END\n';
    const dir = folder({ 'Chain.script': chain });
    const r = await cli(['run', join(dir, 'Chain.script'), '--max-actions', '300', '--json']);
    expectCleanAnswer(r);
    expect(r.code).toBe(1);
    const result = JSON.parse(r.out) as { status: string; steps: number; spawned: { status: string; steps: number; lastError: string }[] };
    expect(result.status).toBe('completed');
    const steps = result.steps + result.spawned.reduce((n, s) => n + s.steps, 0);
    expect(steps).toBe(300);
    const stopped = result.spawned.filter((s) => s.status === 'failed');
    expect(stopped).toHaveLength(1);
    expect(stopped[0]!.lastError).toContain('Action limit reached: 300 actions in this run and the runs spawned with it');
    expect(stopped[0]!.lastError).toContain('raise it: --limit maxActions=N (run, test)');
  });
});
