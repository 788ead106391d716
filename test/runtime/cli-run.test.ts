// `studio-script run` as a user meets it: the built command on real files (run `npm run build` first).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { displayPath } from '../../src/cli/output.js';

const CLI = resolve('dist/src/cli/main.js');
const built = existsSync(CLI) && existsSync(resolve('dist/src/runtime/runtime.js'));
let dir = '';

function cli(...args: string[]) {
  const r = spawnSync(process.execPath, [CLI, 'run', ...args], { encoding: 'utf8', maxBuffer: 1 << 28 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe.skipIf(!built)('studio-script run', () => {
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'studio-run-'));
    writeFileSync(
      join(dir, 'Main.script'),
      `script Main
start: BEGIN -> greet
greet: ASSIGN { Variable = greeting  Value = "Hello {name}" } -> wait
wait: WAIT { Seconds = "{pause}" } -> check
check: IF { Expression = "stuck = 1" }
  True -> nowhere
  False -> done
nowhere: IF { Expression = "1" }
  False -> done
done: END
`,
    );
    writeFileSync(join(dir, 'Broken.script'), 'script Broken\nstart: BEGIN -> missing\n');
    writeFileSync(join(dir, 'vars.json'), '{ "name": "Ada",\n  "pause": }');
  });

  test('prints a readable result and exits 0', () => {
    const broken = join(dir, 'Broken.script');
    // A broken script Main never calls is left out, with a warning.
    const left = cli(join(dir, 'Main.script'), '--var', 'name=Ada', '--var', 'pause=30', '--var', 'stuck=0', '--now', '2026-11-21T09:00:00Z');
    expect(left.code, left.stdout + left.stderr).toBe(0);
    expect(left.stderr).toContain(`${displayPath(broken)}:1:1: warning W-SCRIPT-LEFT-OUT Broken has 1 error(s) and Main never calls it`);
    // Running the broken script itself reports its errors, located, with exit 2.
    const bad = cli(broken);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain(`${displayPath(broken)}:2:`);
    expect(bad.stderr).not.toMatch(/\n\s+at /);
    writeFileSync(broken, 'script Broken\nstart: BEGIN -> done\ndone: END\n');
    const r = cli(join(dir, 'Main.script'), '--var', 'name=Ada', '--var', 'pause=30', '--var', 'stuck=0', '--now', '2026-11-21T09:00:00Z');
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toContain('Main: completed after 5 actions');
    expect(r.stdout).toContain('greeting = "Hello Ada"');
  });

  test('--json prints the result of runtime.md; a stuck run exits 1', () => {
    const r = cli(join(dir, 'Main.script'), '--var', 'stuck=1', '--json', '--now', '2026-11-21T09:00:00Z');
    expect(r.code).toBe(1);
    const result = JSON.parse(r.stdout);
    expect(Object.keys(result)).toEqual(['status', 'script', 'startedAt', 'endedAt', 'steps', 'path', 'variables', 'globals', 'lastError', 'warnings', 'effects']);
    expect(result.status).toBe('stuck');
    expect(result.effects).toEqual({ prospects: [], crm: [], agentEvents: [], savedToDb: [], http: [] });
  });

  test('--trace writes readable lines to stderr, --trace-json one event per line', () => {
    const r = cli(join(dir, 'Main.script'), '--var', 'pause=30', '--trace', '--now', '2026-11-21T09:00:00Z');
    expect(r.stderr).toContain('09:00:00 Main.wait WAIT -> Default (+30s)');
    const j = cli(join(dir, 'Main.script'), '--trace-json', '--now', '2026-11-21T09:00:00Z');
    const events = j.stderr.trim().split('\n').map((l) => JSON.parse(l) as { type: string });
    expect(events[0]!.type).toBe('run.start');
    expect(events.at(-1)!.type).toBe('run.end');
  });

  test('a long trace arrives whole and in order, in batches', () => {
    // 30,000 actions: several batches and several scheduler yields, with a line per action.
    const file = join(dir, 'Count.script');
    writeFileSync(file, 'script Count\nstart: BEGIN -> add\nadd: ASSIGN { Variable = n  Value = "{n + 1}" } -> more\nmore: IF { Expression = "n < 15000" }\n  True -> add\n  False -> done\ndone: END\n');
    const j = cli(file, '--var', 'n=0', '--trace-json', '--max-actions', '100000', '--now', '2026-11-21T09:00:00Z');
    expect(j.code, j.stdout).toBe(0);
    const events = j.stderr.trim().split('\n').map((l) => JSON.parse(l) as { type: string; label?: string });
    expect(events[0]!.type).toBe('run.start');
    expect(events.at(-1)!.type).toBe('run.end');
    expect(events.filter((e) => e.type === 'action.enter')).toHaveLength(30_002);
    const t = cli(file, '--var', 'n=0', '--trace', '--max-actions', '100000', '--now', '2026-11-21T09:00:00Z');
    const lines = t.stderr.trim().split('\n');
    expect(lines.filter((l) => l.includes('Count.add ASSIGN'))).toHaveLength(15_000);
    expect(lines.at(-1)).toContain('end: completed (END at Count.done)');
  });

  test('bad input exits 2 with a one-line message, never a stack trace', () => {
    const cases = [
      [['--var', '2x=1'], '"2x" is not a variable name'],
      [['--var', 'name'], 'expected name=value'],
      [['--until', 'later'], 'Invalid until "later"'],
      [['--max-actions', 'lots'], '--max-actions "lots"'],
      [['--vars', join(dir, 'vars.json')], `${join(dir, 'vars.json')}:2:12: invalid JSON`],
    ] as const;
    for (const [args, message] of cases) {
      const r = cli(join(dir, 'Main.script'), ...args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toContain(message);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
    // A value of 20,000 line breaks is quoted cut short, its line breaks escaped: one line, not 20,000.
    for (const value of [`na${'\n'.repeat(20_000)}me=Ada`, `x${'\r\n'.repeat(20_000)}`]) {
      const r = cli(join(dir, 'Main.script'), '--var', value);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/^studio-script: --var "(na|x)(\\r)?\\n(\\r)?\\n.*…"/);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr.length).toBeLessThan(400);
    }
    const missing = cli(join(dir, 'Nope.script'));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('file not found');
    // A wrong path is named before the folder loads.
    expect(cli(dir).stderr).toContain(`${dir}: is a folder; give the .script file to run`);
    expect(cli(join(dir, 'vars.json')).stderr).toContain(`${join(dir, 'vars.json')}: not a .script file`);
  });

  test('a stub file with errors is reported located, exit 2', () => {
    const stubs = join(dir, 'stubs.yaml');
    const shown = displayPath(stubs);
    const bad: [string, string][] = [
      ['- match: { http: "GET https://crm.example.com/leads" }\n  status: 99\n', `${shown}:2:11: error E-TEST-SCHEMA stubs[0].status must be >= 100`],
      ['stubs:\n  - match: { label: Main.nope }\n    return: { branch: Default }\n', `${shown}:2:21: error E-TEST-LABEL script Main has no action labelled "nope"`],
      ['- match: { label: Main.wait }\n  return: { branch: Later }\n', `${shown}:2:21: error E-TEST-BRANCH WAIT never takes branch "Later"`],
      ['- match: { action: WAITT }\n  return: {}\n', `${shown}:1:20: error E-TEST-ACTION unknown action type "WAITT"; did you mean "WAIT"?`],
      ['- match: { action: WAIT, Secs: 3 }\n  return: {}\n', `${shown}:1:26: error E-TEST-PROP WAIT has no property "Secs"`],
      ['stubz: []\n', `${shown}:1:1: error E-TEST-SCHEMA unknown property "stubz"; did you mean "stubs"?`],
      ['- match: [\n', `${shown}:2:1: error E-TEST-YAML`],
    ];
    for (const [text, message] of bad) {
      writeFileSync(stubs, text);
      const r = cli(join(dir, 'Main.script'), '--stubs', stubs);
      expect(r.code, text).toBe(2);
      expect(r.stderr, text).toContain(message);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
    const missing = cli(join(dir, 'Main.script'), '--stubs', join(dir, 'none.yaml'));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('none.yaml: file not found');
    // Eight processes one after the other: on a loaded machine that takes longer than the default timeout.
  }, 300_000);

  test('--stubs takes the stubs of a test case: action type, Script.label and HTTP; unmatched ones are warnings', () => {
    const stubs = join(dir, 'run-stubs.yaml');
    writeFileSync(
      stubs,
      `# the same stubs a test case takes
- match: { label: Main.greet }
  return: { vars: { greeting: "stubbed" } }
- match: { action: WAIT, Seconds: 30 }
  return: { branch: Default }
  delay: 5
- match: { action: IF }
  call: 3
  return: { branch: "True" }
- match: { http: "GET https://crm.example.com/leads" }
  body: { leads: [] }
`,
    );
    const r = cli(join(dir, 'Main.script'), '--var', 'pause=30', '--var', 'stuck=1', '--stubs', stubs, '--now', '2026-11-21T09:00:00Z');
    expect(r.stderr).not.toContain('error');
    expect(r.code).toBe(1); // IF took True (no stub answered its first call): stuck
    expect(r.stdout).toContain('greeting = "stubbed"');
    // The WAIT stub answered in 5 s instead of 30.
    expect(r.stdout).toContain('2026-11-21T09:00:00.000Z → 2026-11-21T09:00:05.000Z');
    expect(r.stdout).toContain(`warning: stub stubs[2] (IF (call 3)) never matched (${displayPath(stubs)}:7:10)`);
    expect(r.stdout).toContain(`warning: stub stubs[3] (GET https://crm.example.com/leads) never matched (${displayPath(stubs)}:10:10)`);
    const j = cli(join(dir, 'Main.script'), '--var', 'pause=30', '--stubs', stubs, '--json', '--now', '2026-11-21T09:00:00Z');
    const result = JSON.parse(j.stdout);
    expect(result.variables.greeting).toBe('stubbed');
    expect(result.unmatchedStubs.map((u: { id: string }) => u.id)).toEqual(['stubs[2]', 'stubs[3]']);
  });

  test('--redact hides a variable in the result, the trace and error messages', () => {
    const secret = join(dir, 'secret');
    mkdirSync(secret, { recursive: true });
    writeFileSync(
      join(secret, 'Pin.script'),
      `script Pin
start: BEGIN -> say
say: ASSIGN { Variable = msg  Value = "pin is {pin}" } -> check
check: SNIPPET {
  TRACE "checking {pin}"
  x = 1 / 0
}
  Error -> fail
fail: WAIT { Seconds = "{pin}x" } -> done
done: END
`,
    );
    const args = [join(secret, 'Pin.script'), '--var', 'pin=987654', '--redact', 'pin', '--now', '2026-11-21T09:00:00Z'];
    const text = cli(...args, '--trace');
    const json = cli(...args, '--json', '--trace-json');
    for (const r of [text, json]) {
      expect(r.code).toBe(0);
      expect(r.stdout + r.stderr).not.toContain('987654');
    }
    expect(text.stdout).toContain('msg = "pin is ***"');
    expect(text.stderr).toContain('TRACE checking ***');
    expect(JSON.parse(json.stdout).lastError).toBe('Property Seconds must be number (got "***x")');
    expect(cli(...args.slice(0, 1), '--redact', '2pin').stderr).toContain('--redact "2pin": "2pin" is not a variable name');
  });

  test('a spawned run that gets stuck makes the command fail (exit 1)', () => {
    const folder = join(dir, 'spawning');
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, 'Parent.script'), 'script Parent\nstart: BEGIN -> go\ngo: SPAWN { ScriptName = "Kid" } -> done\ndone: END\n');
    writeFileSync(join(folder, 'Kid.script'), 'script Kid\nstart: BEGIN -> check\ncheck: IF { Expression = "1" }\n  False -> done\ndone: END\n');
    const r = cli(join(folder, 'Parent.script'));
    expect(r.stdout).toMatch(/Parent: completed after 3 actions/);
    expect(r.stdout).toMatch(/spawned runs: Kid \(\d+\) stuck/);
    expect(r.code).toBe(1);
  });

  test('--until before the start is invalid input', () => {
    const r = cli(join(dir, 'Main.script'), '--now', '2026-11-21T09:00:00Z', '--until', '2026-11-21T08:00:00Z');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("until 2026-11-21T08:00:00Z is before the run's start");
  });

  test('--max-actions fails the run with exit 1', () => {
    const r = cli(join(dir, 'Main.script'), '--max-actions', '2');
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('Action limit reached: 2 actions in this run');
    // The message says how to raise it.
    expect(r.stdout).toContain('raise it: --limit maxActions=N (run, test)');
  });

  test('the default action limit grows with --until: a 30-day brain-script run completes', () => {
    const r = cli(resolve('scripts-examples/CreateProspectsBrain.script'), '--until', '30d', '--now', '2026-11-01T09:00:00-07:00');
    expect(r.code, r.stderr).toBe(0);
    const steps = Number(/^CreateProspectsBrain: stopped after (\d+) actions/.exec(r.stdout)?.[1]);
    expect(steps).toBeGreaterThan(100_000);
  }, 300_000);
});

