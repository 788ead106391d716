// Test files for phone scripts: `caller:` steps (one text or a list), located
// mistakes in them, and `heard:` expectations on the call transcript.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runSession } from '../../src/testing/session.js';
import { runScript } from '../../src/testing/index.js';

const IVR = `script Ivr
type Phone
start: BEGIN -> menu
menu: MENU { Sequence = "\\"%Press 1 for sales or 2 for support\\"" }
  "1" -> sales
  "2" -> support
  Timeout -> bye
sales: PLAY { Sequence = "\\"%Connecting you to sales\\"" } -> bye
support: PLAY { Sequence = ["%Connecting you to support", "ringing.wav"] } -> bye
bye: HANGUP
`;

function project(testYaml: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'studio-script-phone-'));
  writeFileSync(join(dir, 'Ivr.script'), IVR);
  writeFileSync(join(dir, 'ivr.test.yaml'), testYaml);
  return dir;
}

/** `line:col CODE message @ text` of each diagnostic. */
const located = async (yaml: string): Promise<string[]> => {
  const s = await runSession({ paths: [project(yaml)] });
  return s.diagnostics.map((d) => {
    const line = yaml.split('\n')[d.span.line - 1] ?? '';
    return `${d.span.line}:${d.span.col} ${d.code} ${d.message} @ ${line.slice(d.span.col - 1, d.span.col - 1 + (d.span.length ?? 1))}`;
  });
};

describe('caller: and heard: in test files', () => {
  it('runs each case with its caller and checks what was heard, in order', async () => {
    const s = await runSession({
      paths: [
        project(`cases:
  - name: support
    script: Ivr
    caller: "hear support; press 2"
    expect:
      visits: [support]
      heard: ["Press 1 for sales or 2 for support", "/Connecting you to support/"]
  - name: sales, as a list of steps
    script: Ivr
    caller:
      - at menu
      - wait 1s
      - press 1
    expect:
      heard: ["/for sales/", "Connecting you to sales"]
  - name: nobody presses anything
    script: Ivr
    expect:
      heard: ["/Press 1/"]
      visits: [bye]
  - name: a wrong expectation fails, saying what was heard
    script: Ivr
    caller: "hear support; press 2"
    expect:
      heard: ["Connecting you to sales"]
`),
      ],
    });
    expect(s.diagnostics).toEqual([]);
    expect(s.cases.map((c) => c.status)).toEqual(['passed', 'passed', 'passed', 'failed']);
    expect(s.cases[3]!.failures[0]!.message).toBe(
      'expected the caller to hear "Connecting you to sales", but the caller heard ["Press 1 for sales or 2 for support","Connecting you to support ringing.wav"]',
    );
    expect(s.cases[3]!.failures[0]!.span?.line).toBe(25);
  });

  it('reports caller mistakes at the step, and labels the scripts do not have', async () => {
    expect(
      await located(`cases:
  - name: typo
    script: Ivr
    caller: "press 2; pres 3"
  - name: list
    script: Ivr
    caller:
      - at menu
      - wait soon
`),
    ).toEqual([
      '4:23 E-TEST-CALLER unknown step "pres"; did you mean "press"? (steps: press, wait, at, after, hear, say, hangup, silent) @ pres',
      '9:14 E-TEST-CALLER "soon" is not a duration (5s, 1.5s, 500ms, 1m30s) @ soon',
    ]);
    // Labels are checked once the file is valid, against the scripts.
    expect(
      await located(`cases:
  - name: label
    script: Ivr
    caller: "at meun; press 1"
`),
    ).toEqual(['4:14 E-TEST-LABEL caller: "at meun": script Ivr has no action labelled "meun"; did you mean "menu"? @ at meun']);
  });

  it('calls: runs other callers on the same clock, each checked against its own expect', async () => {
    const s = await runSession({
      paths: [
        project(`cases:
  - name: two callers
    script: Ivr
    caller: "hear support; press 2"
    calls:
      - name: sales caller
        at: 30s
        caller: "hear support; press 1"
        expect:
          heard: ["/Press 1/", "Connecting you to sales"]
      - at: 2026-01-05T09:01:00
        expect:
          visits: [support]
    expect:
      heard: ["/Press 1/", "/Connecting you to support/"]
`),
      ],
    });
    expect(s.diagnostics).toEqual([]);
    expect(s.cases[0]!.failures.map((f) => `${f.span?.line} ${f.what}: ${f.message}`)).toEqual([
      '13 calls[1].visits: calls[1]: expected to visit Ivr.support, but the run went Ivr.start → Ivr.menu → Ivr.bye instead',
    ]);
  });

  it('locates mistakes in calls: their time, caller steps, script and labels', async () => {
    expect(
      await located(`cases:
  - name: bad
    script: Ivr
    calls:
      - at: soon
        caller: "pres 1"
`),
    ).toEqual([
      `5:13 E-TEST-DURATION at must be a duration after the case's start such as 30s, 2m, or an ISO-8601 time (got "soon") @ soon`,
      '6:18 E-TEST-CALLER unknown step "pres"; did you mean "press"? (steps: press, wait, at, after, hear, say, hangup, silent) @ pres',
    ]);
    expect(
      (
        await located(`cases:
  - name: bad
    script: Ivr
    calls:
      - script: Ivrr
      - caller: "at meun"
`)
      ).map((l) => l.replace(/ in \/\S+;/, ' in DIR;')),
    ).toEqual([
      '5:17 E-TEST-SCRIPT no script named "Ivrr" in DIR; did you mean "Ivr"? @ Ivrr',
      '6:18 E-TEST-LABEL caller: "at meun": script Ivr has no action labelled "meun"; did you mean "menu"? @ at meun',
    ]);
  });

  it('runScript takes a caller too, from a folder anywhere (only test files are confined to their project)', async () => {
    const dir = project('cases: []\n');
    const r = await runScript('Ivr', { scripts: dir, caller: 'hear support; press 1' });
    expect(r.path).toContain('Ivr.sales');
    expect(r.transcript!.map((l) => l.text)).toContain('Connecting you to sales');
  });
});
