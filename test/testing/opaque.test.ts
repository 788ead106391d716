// Actions the emulator does not run, in test files: a stub by type (matching
// the properties as written) or by label stands in for them with a branch,
// outputs or an error; an unstubbed one fails the run naming the action; a
// stub for a type no script uses is reported.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runSession } from '../../src/testing/session.js';

const SCRIPT = `script Ivr
type Phone

start: BEGIN -> menu

menu: MENU "Main menu" {
  Phrase = "Press 1 for sales"
  Variable = "CHOICE"
} -> bye
  Timeout -> bye
  "1" -> queue

queue: CHECKCALLSUP "Do not call?" {
  DataValue = "{ANI}"
}
  Error -> bye

bye: HANGUP
`;

function project(tests: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'opaque-'));
  writeFileSync(join(dir, 'Ivr.script'), SCRIPT);
  writeFileSync(join(dir, 'ivr.test.yaml'), tests);
  return dir;
}

describe('opaque actions in test files', () => {
  it('take the branch, outputs and errors their stubs give', async () => {
    const dir = project(`cases:
  - name: a caller presses 1 and the suppression check fails
    script: Ivr
    caller: press 1
    stubs:
      - match: { label: Ivr.queue }
        error: suppression list unavailable
    expect:
      visits: [Ivr.menu, Ivr.queue, Ivr.bye]
      variables: { choice: "1" }
  - name: the menu times out
    script: Ivr
    stubs:
      - match: { action: MENU }
        return: { branch: Timeout }
    expect:
      neverVisits: [Ivr.queue]
  - name: without a stub the run fails at the action
    script: Ivr
    caller: press 1
    expect:
      status: failed
      lastError: the emulator does not run CHECKCALLSUP
`);
    const s = await runSession({ paths: [dir] });
    expect(s.diagnostics).toEqual([]);
    expect(s.cases.map((c) => [c.name, c.status, c.failures.map((f) => f.message)])).toEqual([
      ['a caller presses 1 and the suppression check fails', 'passed', []],
      ['the menu times out', 'passed', []],
      ['without a stub the run fails at the action', 'passed', []],
    ]);
  });

  it('reports a stub for a type no script uses, and outputs an opaque action cannot give', async () => {
    const dir = project(`cases:
  - name: wrong stubs
    script: Ivr
    stubs:
      - match: { action: VOICEBOT }
        return: {}
      - match: { label: Ivr.menu }
        return: { outputs: { Result: 1 } }
    expect: {}
`);
    const s = await runSession({ paths: [dir] });
    expect(s.diagnostics.map((d) => `${d.span.line} ${d.code} ${d.message}`)).toEqual([
      `5 E-TEST-ACTION unknown action type "VOICEBOT": the emulator does not know it and no script in ${dir} uses it`,
      '8 E-TEST-OUTPUT MENU never returns output "Result"; its outputs are Variable',
    ]);
  });
});
