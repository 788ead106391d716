// `run --calls file`: other calls next to the run's own, written as a test
// case's `calls:`, each printed like the run's own result (and in --json as
// `calls`), with located errors for a bad file.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { displayPath } from '../../src/cli/output.js';
import { runCli } from './run-cli.js';

let dir: string;
const NOW = ['--now', '2026-11-21T09:00:00Z'];
const file = (name: string, text: string): string => {
  const f = join(dir, name);
  writeFileSync(f, text);
  return f;
};

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'run-calls-'));
  file(
    'Line.script',
    `script Line
type Phone
start: BEGIN -> who
who: ASSIGN { Variable = caller  Value = "{ani}" } -> hi
hi: PLAY { Sequence = "\\"%Hello\\"" } -> bye
bye: HANGUP
`,
  );
  file('Stuck.script', 'script Stuck\nstart: BEGIN -> check\ncheck: IF { Expression = "1 = 2" }\n  True -> done\ndone: END\n');
});

describe('run --calls', () => {
  it("prints each call's result after the run's own, under its name", async () => {
    const calls = file('calls.yaml', '- name: second caller\n  at: 5s\n  contact: { ani: "3035550101" }\n- at: 1m\n  contact: { ani: "3035550102" }\n');
    const r = await runCli(['run', join(dir, 'Line.script'), ...NOW, '--ani', '3035550100', '--calls', calls]);
    expect(r.code).toBe(0);
    expect(r.err).toBe('');
    expect(r.out).toBe(
      [
        'Line: completed after 4 actions (2026-11-21T09:00:00.000Z → 2026-11-21T09:00:00.500Z)',
        'variables:',
        '  caller = "3035550100"',
        '',
        'calls[0] (second caller):',
        'Line: completed after 4 actions (2026-11-21T09:00:05.000Z → 2026-11-21T09:00:05.500Z)',
        'variables:',
        '  caller = "3035550101"',
        '',
        'calls[1]:',
        'Line: completed after 4 actions (2026-11-21T09:01:00.000Z → 2026-11-21T09:01:00.500Z)',
        'variables:',
        '  caller = "3035550102"',
        '',
      ].join('\n'),
    );
  });

  it('--json has them as the result\'s calls; --transcript shows each call\'s transcript before its result', async () => {
    const calls = file('calls.json', '{"calls": [{"at": "5s", "contact": {"ani": "3035550101"}, "caller": "hear hello; hangup"}]}');
    const json = await runCli(['run', join(dir, 'Line.script'), ...NOW, '--calls', calls, '--json']);
    expect(json.code).toBe(0);
    const result = JSON.parse(json.out);
    expect(result.calls).toHaveLength(1);
    expect(result.calls[0]).toMatchObject({ script: 'Line', status: 'completed', startedAt: '2026-11-21T09:00:05.000Z', variables: { caller: '3035550101' }, contact: { ani: '3035550101' } });
    const text = await runCli(['run', join(dir, 'Line.script'), ...NOW, '--calls', calls, '--transcript']);
    const out = text.out.split('\n');
    const second = out.indexOf('calls[0]:');
    expect(second).toBeGreaterThan(0);
    expect(out[second + 1]).toMatch(/^Call 100000002 from 3035550101, 2026-11-21T09:00:05.000Z$/);
    expect(out.slice(second).join('\n')).toMatch(/caller {2}hung up[\s\S]*Line: (completed|stopped) after/);
  });

  it('exits 1 when a call ends stuck, as for a spawned run', async () => {
    const calls = file('stuck.yaml', '- script: Stuck\n');
    const r = await runCli(['run', join(dir, 'Line.script'), ...NOW, '--calls', calls]);
    expect(r.code).toBe(1);
    expect(r.out).toContain('calls[0]:\nStuck: stuck after 2 actions');
  });

  it('suggests the key a misspelt one meant, and says where expectations go only for a call\'s own expect', async () => {
    const typo = file('typo.yaml', '- scirpt: Line\n  contact: { ani: "3035550101", expect: 1 }\n');
    const r = await runCli(['run', join(dir, 'Line.script'), ...NOW, '--calls', typo]);
    expect(r.code).toBe(2);
    expect(r.err).toContain(`${displayPath(typo)}:1:3: error E-TEST-SCHEMA unknown property "scirpt" in calls[0]; did you mean "script"?`);
    expect(r.err).toContain('unknown property "expect" in calls[0].contact');
    expect(r.err).not.toContain('expectations belong');
  });

  it('locates every mistake in the file (exit 2) and runs nothing', async () => {
    const bad = file('bad.yaml', '- at: soon\n  script: Lin\n- caller: "at nowhere; press 2"\n- expect: { status: completed }\n  contact: { ani: 1, phone: 2 }\n');
    const r = await runCli(['run', join(dir, 'Line.script'), ...NOW, '--calls', bad]);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    const shown = displayPath(bad);
    expect(r.err).toContain(`${shown}:4:3: error E-TEST-SCHEMA unknown property "expect" in calls[2]: a run checks nothing; expectations belong in a test file's calls:`);
    expect(r.err).toContain(`${shown}:5:22: error E-TEST-SCHEMA unknown property "phone" in calls[2].contact`);
    // The schema first; then the durations, then the scripts and caller labels.
    const fixed = file('bad2.yaml', '- at: soon\n  script: Line\n');
    expect((await runCli(['run', join(dir, 'Line.script'), ...NOW, '--calls', fixed])).err).toContain(
      `${displayPath(fixed)}:1:7: error E-TEST-DURATION at must be a duration after the case's start such as 30s, 2m, or an ISO-8601 time (got "soon")`,
    );
    const names = file('bad3.yaml', 'calls:\n  - script: Lin\n  - caller: "at nowhere; press 2"\n');
    const n = await runCli(['run', join(dir, 'Line.script'), ...NOW, '--calls', names]);
    expect(n.code).toBe(2);
    expect(n.err).toContain(`${displayPath(names)}:2:13: error E-TEST-SCRIPT no script named "Lin" in ${dir}; did you mean "Line"?`);
    expect(n.err).toContain(`${displayPath(names)}:3:14: error E-TEST-LABEL caller: "at nowhere": script Line has no action labelled "nowhere"`);
    const json = await runCli(['run', join(dir, 'Line.script'), ...NOW, '--calls', names, '--json']);
    expect(JSON.parse(json.out).diagnostics.map((d: { code: string; line: number }) => `${d.code}@${d.line}`)).toEqual(['E-TEST-SCRIPT@2', 'E-TEST-LABEL@3']);
  });

  it('names a file that is not a calls file, and one that is missing', async () => {
    const text = file('words.yaml', 'hello');
    const r = await runCli(['run', join(dir, 'Line.script'), ...NOW, '--calls', text]);
    expect(r.code).toBe(2);
    expect(r.err).toContain('not a calls file: a calls file is a list of calls (or a mapping with a "calls:" list)');
    const missing = await runCli(['run', join(dir, 'Line.script'), ...NOW, '--calls', join(dir, 'nope.yaml')]);
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('--calls');
    expect(missing.err).toContain('file not found');
  });
});
