// One convention for every command: --color/--no-color and NO_COLOR /
// FORCE_COLOR, exactly one JSON document on stdout with --json (for results,
// bad input and usage errors alike), paths in JSON relative to the working
// directory, and output folders created as needed. A table over commands ×
// options, so a command added later is held to the same rules.
import { Command } from 'commander';
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { isAbsolute, join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { COMMANDS } from '../../src/cli/commands.js';
import { applyConventions } from '../../src/cli/output.js';
import { runCli } from './run-cli.js';

const root = mkdtempSync(join(tmpdir(), 'conventions-'));
const at = (...p: string[]): string => join(root, ...p);
const EXAMPLES = join(import.meta.dirname, '../../scripts-examples');

beforeAll(() => {
  mkdirSync(at('ok'));
  mkdirSync(at('bad'));
  writeFileSync(at('ok', 'Good.script'), 'script Good\n\nstart: BEGIN -> greet\n\ngreet: ASSIGN {\n  Variable = greeting\n  Value = "Hello"\n} -> done\n\ndone: END\n');
  writeFileSync(at('ok', 'good.test.yaml'), 'cases:\n  - name: greets\n    script: Good\n    expect:\n      status: completed\n');
  copyFileSync(join(EXAMPLES, 'tenant.yaml'), at('ok', 'tenant.yaml'));
  cpSync(join(EXAMPLES, 'outreach'), at('outreach'), { recursive: true });
  writeFileSync(at('bad', 'Bad.script'), 'script Bad\nstart: BEGIN ->\n');
  writeFileSync(at('bad', 'bad.test.yaml'), 'scripts: ../ok\ncases:\n  - name: wrong label\n    script: Good\n    expect:\n      visits: [nope]\n');
  writeFileSync(at('bad-tenant.yaml'), 'timeZone: Nowhere/City\n');
  writeFileSync(at('list.csv'), 'Id,Cell\nC1,3035550100\nC2,\n');
  writeFileSync(at('broken.csv'), 'Id,Cell\nC1,"3035550100\n');
  writeFileSync(at('pocs.csv'), 'Point of Contact,Name,Skill\n8005550100,Support line,2001\nnot-a-number,Bad,2001\n');
  copyFileSync(join(import.meta.dirname, '../import/fixtures/Billing.xml'), at('Export.xml'));
  writeFileSync(at('broken.xml'), '<ScriptContainer><Actions>');
  const cov = (n: number) => ({ scripts: { Good: { file: at('ok', 'Good.script'), actions: { start: n, greet: n, done: 0 }, branches: {} } } });
  writeFileSync(at('shard1.json'), JSON.stringify(cov(1)));
  writeFileSync(at('shard2.json'), JSON.stringify(cov(2)));
  writeFileSync(at('not-coverage.json'), '{"scripts": []}');
});

interface Row {
  /** The command as typed (`tenant check`). */
  name: string;
  /** An invocation that succeeds. */
  ok: () => string[];
  /** An invocation with bad input (diagnostics or a one-line problem, exit 2). */
  bad?: () => string[];
  /** Takes --json. */
  json: boolean;
  /** An invocation writing into `dir`, and the file it must create there. */
  output?: (dir: string) => { args: string[]; file: string };
}

const upload = (csv: string): string[] => ['lists', 'upload', csv, '--skill', '1234', '--source', 'SalesforceLeads', '--map', 'ExternalID=Id', '--map', 'Destinations=Cell', '--tenant', at('ok', 'tenant.yaml'), '--now', '2026-11-21T09:00:00Z'];

const pocs = (file: string): string[] => ['pocs', 'upload', file, '--tenant', at('ok', 'tenant.yaml')];

const TABLE: Row[] = [
  { name: 'run', ok: () => ['run', at('ok', 'Good.script'), '--now', '2026-11-21T09:00:00Z'], bad: () => ['run', at('bad', 'Bad.script')], json: true },
  { name: 'check', ok: () => ['check', at('ok')], bad: () => ['check', at('bad')], json: true },
  {
    name: 'graph',
    ok: () => ['graph', at('ok', 'Good.script')],
    bad: () => ['graph', at('bad', 'Bad.script')],
    json: true,
    output: (dir) => ({ args: ['graph', at('ok', 'Good.script'), '-o', join(dir, 'g.svg')], file: 'g.svg' }),
  },
  { name: 'fmt', ok: () => ['fmt', at('ok', 'Good.script')], bad: () => ['fmt', at('bad', 'Bad.script')], json: true },
  {
    name: 'test',
    ok: () => ['test', at('ok')],
    bad: () => ['test', at('bad')],
    json: true,
    output: (dir) => ({ args: ['test', at('ok'), '--reporter', 'junit', '-o', join(dir, 'junit.xml')], file: 'junit.xml' }),
  },
  {
    name: 'import',
    ok: () => ['import', at('Export.xml')],
    bad: () => ['import', at('broken.xml')],
    json: true,
    output: (dir) => ({ args: ['import', at('Export.xml'), '-o', join(dir, 'Export.script')], file: 'Export.script' }),
  },
  {
    name: 'export',
    ok: () => ['export', at('ok', 'Good.script'), '--format', 'xml'],
    bad: () => ['export', at('bad', 'Bad.script'), '--format', 'json'],
    json: true,
    output: (dir) => ({ args: ['export', at('ok', 'Good.script'), '--format', 'json', '-o', join(dir, 'Good.json')], file: 'Good.json' }),
  },
  { name: 'tenant check', ok: () => ['tenant', 'check', at('ok', 'tenant.yaml')], bad: () => ['tenant', 'check', at('bad-tenant.yaml')], json: true },
  { name: 'tenant show', ok: () => ['tenant', 'show', at('ok', 'tenant.yaml')], bad: () => ['tenant', 'show', at('bad-tenant.yaml')], json: true },
  { name: 'tenant schema', ok: () => ['tenant', 'schema'], json: false },
  { name: 'actions', ok: () => ['actions', 'ASSIGN'], bad: () => ['actions', 'ASIGN'], json: true },
  {
    name: 'init',
    ok: () => ['init', mkdtempSync(join(tmpdir(), 'init-'))],
    bad: () => ['init', at('list.csv')],
    json: true,
    output: (dir) => ({ args: ['init', dir], file: 'studio-script.config.yaml' }),
  },
  {
    name: 'coverage merge',
    ok: () => ['coverage', 'merge', at('shard*.json'), '--coverage-dir', at('merged')],
    bad: () => ['coverage', 'merge', at('not-coverage.json')],
    json: true,
    output: (dir) => ({ args: ['coverage', 'merge', at('shard1.json'), '--coverage-dir', dir], file: 'lcov.info' }),
  },
  {
    name: 'lists upload',
    ok: () => upload(at('list.csv')),
    bad: () => upload(at('broken.csv')),
    json: true,
    output: (dir) => ({ args: [...upload(at('list.csv')), '--rejected', join(dir, 'rejected.csv')], file: 'rejected.csv' }),
  },
  {
    name: 'outreach preview',
    ok: () => ['outreach', 'preview', '4100', '--tenant', at('outreach', 'tenant.yaml'), '--now', '2026-11-23T09:00:00Z'],
    bad: () => ['outreach', 'preview', '4100', '--tenant', at('bad-tenant.yaml')],
    json: true,
  },
  {
    name: 'pocs upload',
    ok: () => pocs(at('pocs.csv')),
    bad: () => pocs(at('broken.csv')),
    json: true,
    output: (dir) => ({ args: [...pocs(at('pocs.csv')), '--rejected', join(dir, 'rejected.csv')], file: 'rejected.csv' }),
  },
  {
    name: 'pocs download',
    ok: () => ['pocs', 'download', '--tenant', at('ok', 'tenant.yaml')],
    bad: () => ['pocs', 'download', '--tenant', at('bad-tenant.yaml')],
    json: true,
    output: (dir) => ({ args: ['pocs', 'download', '--tenant', at('ok', 'tenant.yaml'), '-o', join(dir, 'pocs.xlsx')], file: 'pocs.xlsx' }),
  },
];

const ANSI = /\x1b\[\d+m/;

/** Runs with environment variables set (and NO_COLOR / FORCE_COLOR otherwise unset). */
async function withEnv(env: Record<string, string>, args: string[]) {
  // CI turns colour on as picocolors does, so a CI machine must not leak into the cases.
  const saved = { NO_COLOR: process.env.NO_COLOR, FORCE_COLOR: process.env.FORCE_COLOR, CI: process.env.CI };
  delete process.env.NO_COLOR;
  delete process.env.FORCE_COLOR;
  delete process.env.CI;
  Object.assign(process.env, env);
  try {
    return await runCli(args);
  } finally {
    for (const [k, v] of Object.entries(saved)) if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
}

afterEach(() => {
  process.env.NO_COLOR = '1';
  delete process.env.FORCE_COLOR;
});

/** Every string in a JSON document that names an existing absolute path. */
function absolutePaths(doc: unknown): string[] {
  if (typeof doc === 'string') return isAbsolute(doc) && existsSync(doc) ? [doc] : [];
  if (Array.isArray(doc)) return doc.flatMap(absolutePaths);
  if (doc && typeof doc === 'object') return Object.values(doc).flatMap(absolutePaths);
  return [];
}

describe('every command', () => {
  it('takes --color and --no-color, including commands added later', async () => {
    const program = new Command('studio-script');
    for (const load of Object.values(COMMANDS)) (await load()).register(program);
    applyConventions(program);
    const leaves = (c: Command): Command[] => (c.commands.length ? c.commands.flatMap(leaves) : [c]);
    const names = leaves(program).map((c) => `${c.parent === program ? '' : `${c.parent!.name()} `}${c.name()}`);
    expect(names.sort()).toEqual(TABLE.map((r) => r.name).sort());
    for (const c of leaves(program)) {
      const flags = c.options.map((o) => o.long);
      expect(flags, c.name()).toEqual(expect.arrayContaining(['--color', '--no-color']));
    }
  });
});

describe.each(TABLE)('$name', (row) => {
  it('runs with --color and --no-color', async () => {
    expect((await runCli([...row.ok(), '--no-color'])).code).toBe(0);
    expect((await runCli([...row.ok(), '--color'])).code).toBe(0);
  });

  it.skipIf(!row.bad)('colours its problems when asked: --color, FORCE_COLOR; never with --no-color or NO_COLOR', async () => {
    const bad = row.bad!();
    const text = (r: { out: string; err: string }): string => r.out + r.err;
    const forced = await withEnv({ FORCE_COLOR: '1' }, bad);
    expect(forced.code).toBeGreaterThan(0);
    expect(text(forced)).toMatch(ANSI);
    expect(text(await withEnv({ NO_COLOR: '1' }, [...bad, '--color']))).toMatch(ANSI);
    expect(text(await withEnv({ NO_COLOR: '1' }, bad))).not.toMatch(ANSI);
    expect(text(await withEnv({ FORCE_COLOR: '1' }, [...bad, '--no-color']))).not.toMatch(ANSI);
    expect(text(await withEnv({ FORCE_COLOR: '0' }, bad))).not.toMatch(ANSI);
    // Not a terminal and nothing forced: plain (the in-process streams are not terminals).
    expect(text(await withEnv({}, bad))).toBe(text(await withEnv({ NO_COLOR: '1' }, bad)).replace(/\x1b\[\d+m/g, ''));
  });

  it.skipIf(!row.json)('prints exactly one JSON document with --json, for results, bad input and usage errors, paths relative', async () => {
    const cases = [row.ok(), ...(row.bad ? [row.bad()] : []), [...row.ok(), '--no-such-option'], [...row.ok().slice(0, row.name.split(' ').length), join(root, 'missing', 'nothing.script')]];
    for (const args of cases) {
      const r = await withEnv({ FORCE_COLOR: '1' }, [...args, '--json']);
      let doc: unknown;
      expect(() => (doc = JSON.parse(r.out)), `${args.join(' ')}\n${r.out}\n${r.err}`).not.toThrow();
      expect(r.out).not.toMatch(ANSI);
      expect(absolutePaths(doc), args.join(' ')).toEqual([]);
    }
  });

  it.skipIf(!row.output)('creates the folders of the files it writes', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'out-')), 'new', 'nested');
    const { args, file } = row.output!(dir);
    const r = await runCli(args);
    expect(r.code, r.err).toBe(0);
    expect(existsSync(join(dir, file))).toBe(true);
  });
});
