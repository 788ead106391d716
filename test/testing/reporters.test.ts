// The reporters over one hand-made session: pretty output shows the
// expected and actual path with the first divergence; junit is valid XML with
// the counts CI systems read; json carries everything; html is one page that
// needs nothing from the network (its look is checked in a browser by
// test/browser/).
import { describe, expect, it } from 'vitest';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { join } from 'node:path';
import { checkExpectations } from '../../src/testing/expect.js';
import { loadTestFile } from '../../src/testing/load.js';
import { htmlReport } from '../../src/testing/reporters/html.js';
import { jsonReport } from '../../src/testing/reporters/json.js';
import { junitReport } from '../../src/testing/reporters/junit.js';
import { prettyReport } from '../../src/testing/reporters/pretty.js';
import type { CaseResult, SessionResult } from '../../src/testing/results.js';
import { computeCoverage, hitsOf } from '../../src/testing/coverage.js';
import { fakeGraph, fakeResult } from './helpers/results.js';

const cwd = import.meta.dirname;
const file = join(cwd, 'brain.test.yaml');
const text = `cases:
  - name: tops up <fast> & "well"
    script: Main
    expect:
      visits: [Main.start, Main.topUp, Main.done]
  - name: gives up
    script: Main
  - name: later
    script: Main
    skip: true
`;
const tf = loadTestFile(file, { text }).testFile!;
const run = fakeResult(['Main.start:Default', 'Main.check:False', 'Main.wait:Default', 'Main.done'], { status: 'completed' });
const caseResult = (i: number, status: CaseResult['status']): CaseResult => ({
  file,
  index: i,
  name: tf.cases[i]!.name,
  script: 'Main',
  status,
  ms: 3,
  ...(status === 'skipped' ? {} : { run: { status: run.status, steps: 4, path: run.path, lastError: '', warnings: [], startedAt: run.startedAt, endedAt: run.endedAt } }),
  failures: i === 0 ? checkExpectations(tf.cases[0]!, run) : [],
  unmatchedStubs: i === 1 ? [{ id: 'cases[1].stubs[0]', description: 'label Main.never', span: { file, line: 7, col: 9 } }] : [],
  hits: status === 'skipped' ? { actions: {}, branches: {} } : hitsOf(run),
  span: tf.cases[i]!.span,
});
const graph = fakeGraph('Main', [
  ['start', 'BEGIN', { Default: 'check' }],
  ['check', 'IF', { True: 'topUp', False: 'wait' }],
  ['topUp', 'RUNSUB', { Default: 'done' }],
  ['wait', 'WAIT', { Default: 'done' }],
  ['done', 'END', {}],
]);
const session: SessionResult = {
  files: [file],
  cases: [caseResult(0, 'failed'), caseResult(1, 'passed'), caseResult(2, 'skipped')],
  diagnostics: [],
  sources: new Map(),
  coverage: computeCoverage([graph], hitsOf(run)),
  forcedErrors: {
    runs: 2,
    findings: [{ file, caseName: 'gives up', action: 'Main.topUp', status: 'stuck', reason: 'OnError is not connected', tail: ['Main.check', 'Main.topUp'] }],
  },
  updated: [],
  ms: 12,
};

describe('pretty reporter', () => {
  const out = prettyReport(session, { cwd, coverage: true });
  it('lists cases with their status', () => {
    expect(out).toContain('brain.test.yaml\n  ✗ tops up <fast> & "well" (3 ms)');
    expect(out).toContain('  ✓ gives up (3 ms)');
    expect(out).toContain('  - later (skipped)');
    expect(out).toContain('Tests: 1 failed, 1 passed, 1 skipped (3) in 1 file(s), 12 ms');
  });
  it('shows the expected visits and the path taken with the first divergence', () => {
    expect(out).toContain(
      [
        '    expected to visit Main.topUp after Main.start, but the run went Main.check → Main.wait → Main.done instead',
        '      at brain.test.yaml:5:15',
        '      expected visits: Main.start → Main.topUp → Main.done',
        '      path taken (4 steps, run completed):',
        '           1  Main.start',
        '      >    2  Main.check  ← first divergence',
        '           3  Main.wait',
        '           4  Main.done',
      ].join('\n'),
    );
  });
  it('reports unmatched stubs, forced-error findings and coverage', () => {
    expect(out).toContain('⚠ stub cases[1].stubs[0] (label Main.never) never matched brain.test.yaml:7:9');
    expect(out).toContain('Forced errors: 2 run(s), 1 unhandled error path(s)\n  ✗ Main.topUp forced to fail in "gives up" → run stuck: OnError is not connected');
    expect(out).toMatch(/Main\s+80\.0% \(4\/5\)\s+60\.0% \(3\/5\)\s+topUp/);
  });
  it('groups forced-error findings of one action across cases', () => {
    const f = session.forcedErrors!.findings[0]!;
    const grouped = prettyReport({ ...session, forcedErrors: { runs: 4, findings: [f, { ...f, caseName: 'tops up' }] } }, { cwd });
    expect(grouped).toContain('  ✗ Main.topUp forced to fail in 2 cases ("gives up", "tops up") → run stuck: OnError is not connected');
    expect(grouped.match(/forced to fail/g)).toHaveLength(1);
  });
  it('uses colour only when asked', () => {
    expect(out).not.toContain('\x1b[');
    expect(prettyReport(session, { cwd, color: true })).toContain('\x1b[');
  });
});

describe('junit reporter', () => {
  const xml = junitReport(session, { cwd });
  it('is well-formed XML with escaped names', () => {
    expect(XMLValidator.validate(xml)).toBe(true);
    expect(xml).toContain('name="tops up &lt;fast&gt; &amp; &quot;well&quot;"');
  });
  it('has the counts and elements CI systems read', () => {
    const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(xml);
    const suites = doc.testsuites;
    expect(suites).toMatchObject({ tests: '4', failures: '2', skipped: '1', errors: '0' });
    const [brain, forced] = suites.testsuite;
    expect(brain).toMatchObject({ name: 'brain.test.yaml', tests: '3', failures: '1', skipped: '1' });
    expect(brain.testcase[0].failure).toMatchObject({ type: 'visits', message: expect.stringContaining('expected to visit Main.topUp') });
    expect(brain.testcase[0].failure['#text']).toContain('first divergence at step 2');
    expect(brain.testcase[1]['system-out']).toContain('stub cases[1].stubs[0] (label Main.never) never matched');
    expect(brain.testcase[2]).toHaveProperty('skipped');
    expect(forced).toMatchObject({ name: 'force-errors', tests: '1', failures: '1' });
    expect(forced.testcase).toMatchObject({ name: 'Main.topUp fails in "gives up"', classname: 'force-errors' });
  });
});

describe('json reporter', () => {
  it('carries the summary, cases, failures, findings and coverage', () => {
    const json = JSON.parse(jsonReport(session, { cwd }));
    expect(json.summary).toEqual({ passed: 1, failed: 1, skipped: 1, total: 3, files: 1, ms: 12 });
    expect(json.cases[0]).toMatchObject({ file: 'brain.test.yaml', name: 'tops up <fast> & "well"', status: 'failed' });
    expect(json.cases[0].failures[0]).toMatchObject({ what: 'visits', divergence: { expectedIndex: 1, pathIndex: 1 }, file: 'brain.test.yaml', line: 5 });
    expect(json.forcedErrors.findings[0]).toMatchObject({ action: 'Main.topUp', status: 'stuck', file: 'brain.test.yaml' });
    expect(json.coverage.summary.actions).toEqual({ covered: 4, total: 5, pct: 80 });
  });
});

describe('html reporter', async () => {
  const transcript = [{ at: '09:00:02', who: 'caller', text: 'presses 1' }, 'music on hold <30 s>'];
  const withTranscript: CaseResult = { ...session.cases[1]!, run: { ...session.cases[1]!.run!, transcript } };
  const html = await htmlReport(
    { ...session, cases: [session.cases[2]!, withTranscript, session.cases[0]!], coverageGraphs: [graph] },
    { cwd, generatedAt: new Date('2026-12-01T10:00:00Z') },
  );
  const articles = [...html.matchAll(/<article class="case (\w+)" id="([^"]+)"/g)].map((m) => [m[1], m[2]]);

  it('is one page with nothing to fetch', () => {
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).not.toMatch(/<link\b|<script\s+src|<img\b|url\(|@import|https?:\/\/(?!www\.w3\.org\/)/i);
    expect(html.match(/<svg\b/g)).toHaveLength(1);
  });

  it('puts failures first, then skipped and passed cases, keeping their own ids', () => {
    expect(articles).toEqual([['failed', 'case-3'], ['skipped', 'case-1'], ['passed', 'case-2']]);
    expect(html).toContain('<span class="failed">1 failed</span> · <span class="passed">1 passed</span> · <span class="skipped">1 skipped</span> (3 cases in 1 file, 12 ms)');
  });

  it('shows each case with its place, path, failures and escaped names', () => {
    expect(html).toContain('<h3>tops up &lt;fast&gt; &amp; &quot;well&quot;</h3>');
    expect(html).toContain('<span class="place">brain.test.yaml:2</span>');
    expect(html).toContain('<p class="message">expected to visit Main.topUp after Main.start');
    expect(html).toContain('<li class="diverged" title="first divergence">Main.check</li>');
    expect(html).toContain('data-path="[&quot;Main.start&quot;,&quot;Main.check&quot;,&quot;Main.wait&quot;,&quot;Main.done&quot;]"');
    expect(html).toContain('stub cases[1].stubs[0] (label Main.never) never matched, brain.test.yaml:7:9');
  });

  it('shows a transcript when the run has one', () => {
    expect(html).toContain('<summary>Transcript: 2 lines</summary>');
    expect(html).toContain('<tr><td class="at">09:00:02</td><td class="who">caller</td><td>presses 1</td></tr>');
    expect(html).toContain('<td>music on hold &lt;30 s&gt;</td>');
    expect(html.match(/class="transcript"/g)).toHaveLength(1);
  });

  it('draws each script with its coverage and lists what was missed', () => {
    expect(html).toContain('<article class="script" id="script-Main" data-script="Main">');
    expect(html).toContain('Actions 80% (4/5) · branches 60% (3/5)');
    expect(html).toContain('Not visited: <code>topUp</code>');
    expect(html).toContain('fill="#fdecea"');
    expect(html).toContain('fill="#e6f4ea"');
    // Graphviz ids are made unique on the page.
    expect(html).toContain('id="g0-graph0"');
  });

  it('reports forced-error findings above the cases', () => {
    expect(html.indexOf('id="forced-errors"')).toBeLessThan(html.indexOf('id="cases"'));
    expect(html).toContain('<b>Main.topUp</b> forced to fail in "gives up" → run <b>stuck</b>: OnError is not connected');
  });
});
