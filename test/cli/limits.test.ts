// Run limits are set by the same names everywhere: `--limit NAME=N` on `run`
// and `test`, `limits:` in the configuration file, in test files and in test
// cases, and the `limits` option of runScript. The command line wins, then the
// case, the file, the configuration, the default. Wrong names and values are
// located errors; limit messages say how to raise them.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ScriptLoadError } from '../../src/contract/diagnostics.js';
import { runScript } from '../../src/testing/index.js';
import { folder } from '../reliability/cli.js';
import { runCli } from './run-cli.js';

// Spin loops in a SNIPPET until the loop limit stops it ("(N per snippet execution)" in the error); Walk takes 4 actions.
const FIXTURES = join(import.meta.dirname, 'fixtures', 'limits');
const SPIN = readFileSync(join(FIXTURES, 'Spin.script'), 'utf8');
const WALK = readFileSync(join(FIXTURES, 'Walk.script'), 'utf8');

/** The loop limit each case ran with, from the JSON report. */
function loopLimits(out: string): Record<string, number> {
  const report = JSON.parse(out) as { cases: { name: string; run?: { lastError?: string } }[] };
  return Object.fromEntries(report.cases.map((c) => [c.name, Number(/\((\d+) per snippet execution\)/.exec(c.run?.lastError ?? '')?.[1])]));
}

describe('precedence: command line > case > file > configuration > default', () => {
  const root = folder({
    'studio-script.config.yaml': 'scripts: flows\nlimits: { maxLoopIterations: 10 }\n',
    'flows/Spin.script': SPIN,
    'tests/file.test.yaml':
      'limits: { maxLoopIterations: 20 }\ncases:\n  - name: file\n    script: Spin\n  - name: case\n    script: Spin\n    limits: { maxLoopIterations: 30 }\n',
    'tests/config.test.yaml': 'cases:\n  - name: config\n    script: Spin\n',
  });
  const cfg = join(root, 'studio-script.config.yaml');
  const tests = join(root, 'tests');

  it('test: each case runs with the nearest setting', async () => {
    const r = await runCli(['test', tests, '--config', cfg, '--reporter', 'json']);
    expect(r.code, r.err).toBe(0);
    expect(loopLimits(r.out)).toEqual({ config: 10, file: 20, case: 30 });
  });

  it('test --limit is over every case, file and configuration', async () => {
    const r = await runCli(['test', tests, '--config', cfg, '--reporter', 'json', '--limit', 'maxLoopIterations=40']);
    expect(loopLimits(r.out)).toEqual({ config: 40, file: 40, case: 40 });
  });

  it('test --max-actions is short for --limit maxActions=N; without any setting the default applies', async () => {
    const bare = folder({ 'Walk.script': WALK, 'walk.test.yaml': 'cases:\n  - name: walks\n    script: Walk\n    expect: { status: completed }\n' });
    const r = await runCli(['test', bare, '--reporter', 'json', '--max-actions', '2']);
    // --max-actions is short for --limit maxActions=N, for test as for run.
    expect(JSON.parse(r.out).cases[0].run.lastError).toContain('Action limit reached: 2 actions');
    expect((await runCli(['test', bare])).code).toBe(0);
  });

  it('run: --limit over the configuration', async () => {
    const configured = JSON.parse((await runCli(['run', 'Spin', '--config', cfg, '--json'])).out);
    expect(configured.lastError).toContain('(10 per snippet execution)');
    const given = JSON.parse((await runCli(['run', 'Spin', '--config', cfg, '--json', '--limit', 'maxLoopIterations=15'])).out);
    expect(given.lastError).toContain('(15 per snippet execution)');
  });

  it('maxActions: --max-actions, --limit maxActions and a case’s maxActions are the same setting', async () => {
    const dir = folder({ 'Walk.script': WALK });
    for (const args of [['--max-actions', '2'], ['--limit', 'maxActions=2'], ['--max-actions', '2', '--limit', 'maxActions=2']]) {
      const r = await runCli(['run', join(dir, 'Walk.script'), ...args]);
      expect(r.code, args.join(' ')).toBe(1);
      expect(r.out).toContain('Action limit reached: 2 actions');
    }
    const both = await runCli(['run', join(dir, 'Walk.script'), '--max-actions', '2', '--limit', 'maxActions=3']);
    expect(both.code).toBe(2);
    expect(both.err).toContain('--max-actions 2 and --limit maxActions=3 disagree');
  });

  it('runScript: limits (and maxActions) as in a test case', async () => {
    // A folder inside the project: runScript confines its scripts folder like a test file's.
    const dir = FIXTURES;
    expect((await runScript('Spin', { scripts: dir, limits: { maxLoopIterations: 5 } })).lastError).toContain('(5 per snippet execution)');
    expect((await runScript('Walk', { scripts: dir, maxActions: 2 })).status).toBe('failed');
    const wrong = runScript('Spin', { scripts: dir, limits: { maxLoopIteration: 5 } as never });
    await expect(wrong).rejects.toThrow(ScriptLoadError);
    await expect(wrong).rejects.toThrow(/unknown property "maxLoopIteration" in cases\[0\]\.limits; did you mean "maxLoopIterations"\?/);
  });
});

describe('wrong names and values are located', () => {
  it('on the command line, with the names it knows', async () => {
    const dir = folder({ 'Walk.script': WALK });
    const cases: [string[], RegExp][] = [
      [['--limit', 'maxCalDepth=3'], /--limit "maxCalDepth=3": unknown limit "maxCalDepth"; did you mean "maxCallDepth"\?/],
      [['--limit', 'maxCallDepth'], /--limit "maxCallDepth": expected NAME=N with NAME one of maxActions, maxCallDepth/],
      [['--limit', 'maxCallDepth=0'], /--limit maxCallDepth "0": expected a whole number ≥ 1/],
      [['--limit', 'maxCallDepth=lots'], /--limit maxCallDepth "lots": expected a whole number ≥ 1/],
    ];
    for (const [args, message] of cases) {
      for (const command of [['run', join(dir, 'Walk.script')], ['test', dir]]) {
        const r = await runCli([...command, ...args]);
        expect(r.code, `${command[0]} ${args.join(' ')}`).toBe(2);
        expect(r.err).toMatch(message);
      }
    }
  });

  it('in the configuration file, at the key or value', async () => {
    const root = folder({ 'studio-script.config.yaml': 'limits:\n  maxCalDepth: 3\n  maxLoopIterations: 0\n  maxObjectBytes: lots\n', 'Walk.script': WALK });
    const r = await runCli(['run', join(root, 'Walk.script'), '--config', join(root, 'studio-script.config.yaml')]);
    expect(r.code).toBe(2);
    expect(r.err).toContain('studio-script.config.yaml:2:3: error E-CONFIG unknown key "maxCalDepth" in limits; did you mean "maxCallDepth"?');
    expect(r.err).toContain('studio-script.config.yaml:3:22: error E-CONFIG limits.maxLoopIterations must be >= 1');
    expect(r.err).toContain('studio-script.config.yaml:4:19: error E-CONFIG limits.maxObjectBytes must be integer');
  });

  it('in a test file and its cases, at the key or value', async () => {
    const dir = folder({
      'Walk.script': WALK,
      'bad.test.yaml':
        'limits: { maxCalDepth: 3 }\ncases:\n  - name: a\n    script: Walk\n    limits: { maxSpawnedRuns: -1 }\n',
    });
    const r = await runCli(['test', dir]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/bad\.test\.yaml:1:11: error E-TEST-SCHEMA unknown property "maxCalDepth" in limits; did you mean "maxCallDepth"\?/);
    expect(r.err).toMatch(/bad\.test\.yaml:5:31: error E-TEST-SCHEMA cases\[0\]\.limits\.maxSpawnedRuns must be >= 1/);
  });

  it('a case giving maxActions twice with different values', async () => {
    const dir = folder({ 'Walk.script': WALK, 'clash.test.yaml': 'cases:\n  - name: b\n    script: Walk\n    maxActions: 5\n    limits: { maxActions: 6 }\n' });
    const r = await runCli(['test', dir]);
    expect(r.code).toBe(2);
    expect(r.err).toContain('clash.test.yaml:4:17: error E-TEST-LIMIT maxActions 5 and limits.maxActions 6 disagree; give one of them');
  });
});

describe('limit messages say how to raise the limit everywhere it is set', () => {
  it('names --limit and the limits: key of the configuration and test files', async () => {
    const dir = folder({ 'Spin.script': SPIN, 'Walk.script': WALK });
    const loop = JSON.parse((await runCli(['run', join(dir, 'Spin.script'), '--json', '--limit', 'maxLoopIterations=3'])).out);
    expect(loop.lastError).toContain(
      'raise it: --limit maxLoopIterations=N (run, test) or limits: { maxLoopIterations: N } (studio-script.config, a test file or case, createRuntime, runScript)',
    );
    const actions = await runCli(['run', join(dir, 'Walk.script'), '--max-actions', '2']);
    expect(actions.out).toContain('raise it: --limit maxActions=N (run, test) or limits: { maxActions: N }');
    expect(actions.out).toContain('--max-actions N (run) and maxActions: N (a test case) are short for it');
  });
});
