// Every expectation kind against hand-made run results: what passes, and the
// message (expected, actual, first divergence) of what fails.
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { checkExpectations } from '../../src/testing/expect.js';
import { loadTestFile } from '../../src/testing/load.js';
import type { TestCase } from '../../src/testing/test-file.js';
import { fakeResult } from './helpers/results.js';

function testCase(expectYaml: string): TestCase {
  const text = `cases:\n  - name: a\n    script: Main\n    expect:\n${expectYaml.replace(/^/gm, '      ')}\n`;
  const r = loadTestFile(join(import.meta.dirname, 'x.test.yaml'), { text });
  expect(r.diagnostics.map((d) => d.message)).toEqual([]);
  return r.testFile!.cases[0]!;
}
const messages = (expectYaml: string, result = run) => checkExpectations(testCase(expectYaml), result).map((f) => f.message);

const run = fakeResult(['Main.start:Default', 'Main.check:True', 'Main.callSub:Default', 'Sub.begin:Default', 'Sub.ret', 'Main.done'], {
  status: 'completed',
  variables: { created: 25, name: 'Ann', results: { SuccessfulRecords: [{ Id: 1 }], FailedRecords: [] }, when: '2026-01-05T09:00:00.000-07:00' },
  globals: { mode: 'test' },
  lastError: 'Skill 99 is not active',
  warnings: ['Main.x: unconnected branch OnError'],
  effects: { prospects: [{ ExternalID: 'A1', Phone: '5551234' }, { ExternalID: 'A2' }], crm: [], agentEvents: [], savedToDb: [], http: [] },
  traceLines: ['start', 'created 25', 'done'],
});

describe('checkExpectations', () => {
  it('passes when everything matches', () => {
    expect(
      messages(`status: completed
visits: [start, Sub.begin, Main.done]
neverVisits: [Main.giveUp]
branches: { check: True, Main.callSub: [Default] }
variables: { created: "25", NAME: Ann, results: { FailedRecords: [] }, when: 2026-01-05T16:00:00Z, missing: null }
globals: { mode: test }
effects: { prospects: { count: 2, contains: [{ externalId: A2 }] }, crm: 0 }
trace: [start, /created \\d+/]
lastError: not active
warnings: [unconnected]`),
    ).toEqual([]);
  });

  it('status: names the actual status', () => {
    expect(messages('status: stuck')).toEqual(['expected the run to end stuck, but it ended completed']);
  });

  it('visits: in order, with the first divergence', () => {
    const [f] = checkExpectations(testCase('visits: [Main.start, Main.callSub, Main.check]'), run);
    expect(f).toMatchObject({
      what: 'visits',
      message: 'expected to visit Main.check after Main.callSub, but it was visited only before (step 2)',
      divergence: { expectedIndex: 2, pathIndex: 3 },
    });
    expect(messages('visits: [Main.start, Main.giveUp]')).toEqual([
      'expected to visit Main.giveUp after Main.start, but the run went Main.check → Main.callSub → Sub.begin … instead',
    ]);
    expect(messages('visits: [Main.done, Main.start]')).toEqual(['expected to visit Main.start after Main.done, but it was visited only before (step 1)']);
  });

  it('neverVisits: names the step', () => {
    expect(messages('neverVisits: [Sub.ret]')).toEqual(['expected never to visit Sub.ret, but step 5 did']);
  });

  it('branches: points at the action in the path', () => {
    const [f] = checkExpectations(testCase('branches: { Main.check: False }'), run);
    expect(f).toMatchObject({ what: 'branches.Main.check', expected: 'False', actual: 'True', focus: 1 });
  });

  it('branches: names the branch taken or that the action never ran', () => {
    expect(messages('branches: { Main.check: False, Main.giveUp: Default }')).toEqual([
      'expected Main.check to take False, but it took True',
      'expected Main.giveUp to take Default, but it never ran',
    ]);
  });

  it('variables and globals: show expected and actual values', () => {
    expect(messages('variables: { created: 30, results: { FailedRecords: [{ Id: 1 }] }, nope: 1 }')).toEqual([
      'expected created = 30, but it is 25',
      'expected results = {"FailedRecords":[{"Id":1}]}, but it is {"SuccessfulRecords":[{"Id":1}],"FailedRecords":[]}',
      'expected nope = 1, but it is (not set)',
    ]);
    expect(messages('globals: { mode: live }')).toEqual(['expected global mode = "live", but it is "test"']);
  });

  it('effects: count, contains and exactly', () => {
    expect(messages('effects: { prospects: 3, crm: [{ op: create }], http: { contains: [{ url: /crm/ }] } }')).toEqual([
      'expected 3 prospects effect(s), but the run recorded 2',
      'expected exactly these crm effects: [{"op":"create"}]',
      'expected a http effect matching "/crm/", but none of the 0 recorded matches'.replace('"/crm/"', '{"url":"/crm/"}'),
    ]);
  });

  it('trace: lines in order, text or /pattern/', () => {
    expect(messages('trace: [done, start]')).toEqual(['expected a TRACE line "start" after line 3, but the run traced nothing more']);
    expect(messages('trace: [/^creat/, nope]')).toEqual(['expected a TRACE line "nope" after line 2, but the run traced ["done"]']);
  });

  it('lastError and warnings', () => {
    expect(messages("lastError: ''")).toEqual(['expected no error, but _err is "Skill 99 is not active"']);
    expect(messages('lastError: timeout')).toEqual(['expected _err to contain "timeout", but it is "Skill 99 is not active"']);
    expect(messages('warnings: [limit]')).toEqual(['expected a warning containing "limit", but the run warned ["Main.x: unconnected branch OnError"]']);
  });

  it('locates each failure in the test file', () => {
    const [f] = checkExpectations(testCase('status: completed\nneverVisits: [Main.giveUp, Main.done]'), run);
    expect(f!.span).toMatchObject({ line: 6, col: 34 });
    // A variable's failure points at its own value, not at the whole mapping.
    const [v] = checkExpectations(testCase('variables: { name: Ann, created: 26 }'), run);
    expect(v!.span).toMatchObject({ line: 5, col: 40 });
  });
});
