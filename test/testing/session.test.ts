// Whole sessions over real runs of the fixture scripts: every stub kind,
// failures with their divergence, invalid files, the --force-errors sweep
// finding the planted unhandled error paths, coverage, and --update.
import { describe, expect, it } from 'vitest';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runSession } from '../../src/testing/session.js';
import { prettyReport } from '../../src/testing/reporters/pretty.js';

const fixtures = join(import.meta.dirname, 'fixtures');

describe('runSession', () => {
  it('runs every stub kind against real runs and reports stubs that never matched', async () => {
    const s = await runSession({ paths: [join(fixtures, 'project')], coverage: true });
    expect(s.diagnostics).toEqual([]);
    expect(s.cases.map((c) => [c.name, c.status, c.failures.map((f) => f.message)])).toEqual([
      ['stubs by action type and property values, and by HTTP method and URL', 'passed', []],
      ['forces an error by label', 'passed', []],
      ['answers the n-th call only', 'passed', []],
      ['answers the first N calls with times', 'passed', []],
      ['delays on the virtual clock', 'passed', []],
      ['reports stubs that never matched', 'passed', []],
      ['http stubs fail a request, or only its n-th call', 'passed', []],
      ['an http connection failure takes OnError', 'passed', []],
      ["label stubs use the action's own spelling of branches and outputs", 'passed', []],
    ]);
    expect(s.cases[5]!.unmatchedStubs.map((u) => [u.id, u.description, u.span.line])).toEqual([
      ['cases[5].stubs[1]', 'WORKFLOW EXECUTE WorkflowId=search-leads', 77],
      ['cases[5].stubs[2]', 'POST https://crm.example.com/leads', 79],
    ]);
    expect(s.cases[0]!.unmatchedStubs).toEqual([]);
    expect(s.coverage!.scripts.Poller!.summary).toEqual({ actions: { covered: 6, total: 6, pct: 100 }, branches: { covered: 7, total: 7, pct: 100 } });
    expect(s.coverage!.scripts.Main!.branches.low).toEqual({ True: 4, False: 2 });
    expect(s.coverage!.scripts.Main!.branches.fetch).toEqual({ Default: 3, OnError: 1 });
  });

  it('fails cases whose expectations do not hold, showing the path taken', async () => {
    const s = await runSession({ paths: [join(fixtures, 'failing')] });
    expect(s.cases.map((c) => c.status)).toEqual(['failed', 'passed']);
    expect(s.cases[0]!.failures.map((f) => f.message)).toEqual([
      'expected to visit Main.fetch after Main.readQueue, but the run went Main.low → Main.done instead',
      'expected numberqueued = 51, but it is 50',
    ]);
    const out = prettyReport(s, { cwd: fixtures });
    expect(out).toContain('      >    3  Main.low  ← first divergence');
    expect(out).toContain('      at failing/failing.test.yaml:12:15');
    expect(out).toContain('Tests: 1 failed, 1 passed (2)');
  });

  it('reports names the scripts do not have as located diagnostics, and runs nothing', async () => {
    const s = await runSession({ paths: [join(fixtures, 'invalid')] });
    expect(s.cases).toEqual([]);
    expect(s.diagnostics.map((d) => `${d.span.line}:${d.span.col} ${d.code} ${d.message}`)).toEqual([
      '5:13 E-TEST-SCRIPT no script named "Mian" in ' + join(fixtures, 'project') + '; did you mean "Main"?',
      '9:25 E-TEST-LABEL script Main has no action labelled "readQueu"; did you mean "readQueue"?',
      '11:16 E-TEST-STUB IF has no error branch, so it can never fail; remove "error"',
      '14:27 E-TEST-BRANCH REST API never takes branch "Maybe"; its branches are Default, OnError',
      '16:16 E-TEST-LABEL script Sub has no action labelled "cont"; did you mean "count"?',
      '17:19 E-TEST-BRANCH Main.low (IF) has no branch "Maybe"; its branches are True, False',
    ]);
  });

  it('reports a missing path as a diagnostic', async () => {
    const s = await runSession({ paths: [join(fixtures, 'nope')] });
    expect(s.diagnostics.map((d) => d.message)).toEqual([`no such file or folder: ${join(fixtures, 'nope')}`]);
  });

  it('--force-errors finds the planted unhandled error paths', async () => {
    const s = await runSession({ paths: [join(fixtures, 'planted')], forceErrors: true });
    expect(s.cases.map((c) => c.status)).toEqual(['passed']);
    expect(s.forcedErrors!.runs).toBe(3);
    expect(s.forcedErrors!.findings.map((f) => [f.action, f.status])).toEqual([
      ['Router.route', 'stuck'],
      ['Queue.reserve', 'failed'],
    ]);
    expect(s.forcedErrors!.findings[0]!.reason).toContain('OnError is not connected');
    expect(s.forcedErrors!.findings[1]!.reason).toContain('maxActions');
  });

  it('--update records the outcome of cases that ask for it, keeping comments', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'studio-script-update-'));
    // A test file names paths inside its project only: the scripts are copied beside it.
    cpSync(join(fixtures, 'project'), join(dir, 'project'), { recursive: true });
    const file = join(dir, 'record.test.yaml');
    writeFileSync(
      file,
      `# regression tests\nscripts: project\ncases:\n  - name: poller outcome # keep me\n    script: Poller\n    record: true\n    stubs:\n      - match: { action: GETQUEUE }\n        return: { outputs: { NumberQueued: 4 } }\n`,
    );
    const before = await runSession({ paths: [file] });
    expect(before.cases[0]!.failures.map((f) => f.message)).toEqual(['this case has no recorded outcome yet: run `studio-script test --update` to record it']);
    const updated = await runSession({ paths: [file], update: true });
    expect(updated.updated).toEqual([file]);
    const text = readFileSync(file, 'utf8');
    expect(text).toContain('# regression tests');
    expect(text).toContain('# keep me');
    expect(text).toMatch(/expect:\n\s+status: completed\n\s+visits:\n\s+- Poller.start/);
    expect(text).toMatch(/total: 12/);
    const after = await runSession({ paths: [file] });
    expect(after.cases[0]!.status).toBe('passed');
    // A change in behaviour now fails the recorded case.
    writeFileSync(file, text.replace('NumberQueued: 4', 'NumberQueued: 5'));
    const changed = await runSession({ paths: [file] });
    expect(changed.cases[0]!.failures.map((f) => f.message)).toContain('expected total = 12, but it is 15');
  });

  it('runs only the `only` cases and reports the others as skipped', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'studio-script-only-'));
    cpSync(join(fixtures, 'project'), join(dir, 'project'), { recursive: true });
    const file = join(dir, 'focus.test.yaml');
    const stub = '    stubs: [{ match: { action: GETQUEUE }, return: { outputs: { NumberQueued: 1 } } }]\n';
    writeFileSync(
      file,
      `scripts: project\ncases:\n  - name: one\n    script: Poller\n${stub}  - name: two\n    script: Poller\n    only: true\n${stub}  - name: three\n    script: Poller\n    skip: true\n`,
    );
    const s = await runSession({ paths: [file] });
    expect(s.cases.map((c) => [c.name, c.status])).toEqual([
      ['one', 'skipped'],
      ['two', 'passed'],
      ['three', 'skipped'],
    ]);
  });
});
