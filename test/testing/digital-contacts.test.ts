// The `digitalContacts` expectation: by customer, the status their digital
// contact ends with (or each of their contacts' in order), read with located
// errors for words that are no status, checked against the contacts a result
// shows, and written back by --update.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DigitalStatus } from '../../src/contract/contact.js';
import type { ContactSummary, RunResult, SpawnedRunSummary } from '../../src/runtime/result.js';
import { checkExpectations } from '../../src/testing/expect.js';
import { loadTestFile } from '../../src/testing/load.js';
import { recordOutcome } from '../../src/testing/run-case.js';
import { fakeResult } from './helpers/results.js';

const FILE = join(import.meta.dirname, 'x.test.yaml');
const load = (expectYaml: string) => loadTestFile(FILE, { text: `cases:\n  - name: a\n    script: Outreach\n    expect:\n${expectYaml.replace(/^/gm, '      ')}\n` });

function messages(expectYaml: string, result: RunResult): string[] {
  const r = load(expectYaml);
  expect(r.diagnostics.map((d) => d.message)).toEqual([]);
  return checkExpectations(r.testFile!.cases[0]!, result).map((f) => f.message);
}

let nextId = 100000002;
const digital = (thread: string, status: DigitalStatus): ContactSummary => ({ contactId: String(nextId++), kind: 'digital', ani: thread, dnis: 'acme-chat-us', status, releasedBy: status === 'Closed' ? 'script' : null, agent: null });
const spawned = (contact: ContactSummary): SpawnedRunSummary => ({ contactId: contact.contactId, script: 'AnswerPromo', status: 'completed', steps: 3, path: [], variables: {}, lastError: '', warnings: [], contact });

// Ada's reply opened a contact now Escalated; Alan's first contact was closed and his later message opened another, Open.
const ada = digital('+13035550101', 'Escalated');
const alan1 = digital('alan@example.com', 'Closed');
const alan2 = digital('alan@example.com', 'Open');
// A contact whose script ran twice (a reply after END) is listed once.
const result = fakeResult(['Outreach.start'], { spawned: [spawned(ada), spawned(alan1), spawned(ada), spawned(alan2)] });

describe('digitalContacts', () => {
  it('passes for the last contact of each customer, named as in replies (any phone format, any case)', () => {
    expect(messages('digitalContacts: { "(303) 555-0101": Escalated, Alan@Example.com: open }', result)).toEqual([]);
    expect(messages('digitalContacts: { "+1 303 555 0101": [Escalated], alan@example.com: [Closed, Open] }', result)).toEqual([]);
  });

  it('finds contacts of the run itself and of its other calls too', () => {
    const own = fakeResult(['AnswerPromo.start'], { contact: digital('+13035550109', 'Pending') });
    expect(messages('digitalContacts: { "+13035550109": Pending }', own)).toEqual([]);
    const withCalls = fakeResult(['Outreach.start'], { calls: [fakeResult(['Other.start'], { spawned: [spawned(digital('+13035550110', 'Resolved'))] })] });
    expect(messages('digitalContacts: { "+13035550110": Resolved }', withCalls)).toEqual([]);
  });

  it('says what each contact ended with when it differs, located at the expectation', () => {
    const r = load('digitalContacts:\n  "+13035550101": Resolved\n  alan@example.com: Closed\n  bob@example.com: [Open, Closed]\n  Alan@example.com: [Closed]');
    const failures = checkExpectations(r.testFile!.cases[0]!, result);
    expect(failures.map((f) => [f.what, f.message, f.expected, f.actual, f.span?.line])).toEqual([
      ['digitalContacts.+13035550101', 'expected the digital contact of +13035550101 to end Resolved, but it ended Escalated', 'Resolved', 'Escalated', 6],
      [
        'digitalContacts.alan@example.com',
        'expected the digital contact of alan@example.com to end Closed, but it ended Open (their contacts, in the order opened: Closed, Open)',
        'Closed',
        'Closed, Open',
        7,
      ],
      [
        'digitalContacts.bob@example.com',
        'expected 2 digital contacts of bob@example.com ending Open, Closed (in that order), but the run opened none for bob@example.com (it opened: +13035550101 Escalated; alan@example.com Closed, Open)',
        'Open, Closed',
        '(no digital contact)',
        8,
      ],
      ['digitalContacts.Alan@example.com', 'expected 1 digital contact of Alan@example.com ending Closed, but Alan@example.com had 2: Closed, Open', 'Closed', 'Closed, Open', 9],
    ]);
    expect(checkExpectations(load('digitalContacts: { x@example.com: Open }').testFile!.cases[0]!, fakeResult(['Outreach.start'])).map((f) => f.message)).toEqual([
      'expected the digital contact of x@example.com to end Open, but the run opened none for x@example.com (it opened no digital contact)',
    ]);
  });

  it('reports a word that is no status where it is written, with a hint', () => {
    const r = load('digitalContacts:\n  "+13035550101": Escalate\n  alan@example.com: [Closed, Shut]\n  bob@example.com: []\n  eve@example.com: 3');
    expect(r.testFile).toBeUndefined();
    expect(r.diagnostics.map((d) => [d.code, d.span.line, d.span.col, d.message])).toEqual([
      ['E-TEST-SCHEMA', 8, 26, 'cases[0].expect.digitalContacts.bob@example.com must NOT have fewer than 1 items'],
      ['E-TEST-SCHEMA', 9, 26, 'cases[0].expect.digitalContacts.eve@example.com must be a string or a list'],
    ]);
    const words = load('digitalContacts:\n  "+13035550101": Escalate\n  alan@example.com: [Closed, Shut]');
    expect(words.testFile).toBeUndefined();
    expect(words.diagnostics.map((d) => [d.code, d.span.line, d.span.col, d.message])).toEqual([
      ['E-TEST-SCHEMA', 6, 25, 'digitalContacts of +13035550101: "Escalate" is not a digital contact status; did you mean "Escalated"? (the statuses are Open, Pending, Escalated, Resolved, Closed)'],
      ['E-TEST-SCHEMA', 7, 36, 'digitalContacts of alan@example.com: "Shut" is not a digital contact status (the statuses are Open, Pending, Escalated, Resolved, Closed)'],
    ]);
  });

  it('is recorded by --update: the one contact of a customer as a status, several as a list', () => {
    expect(recordOutcome(result).digitalContacts).toEqual({ '+13035550101': 'Escalated', 'alan@example.com': ['Closed', 'Open'] });
    expect(recordOutcome(fakeResult(['Main.start']))).not.toHaveProperty('digitalContacts');
    // What is recorded passes.
    const recorded = recordOutcome(result).digitalContacts!;
    const yaml = `digitalContacts: ${JSON.stringify(recorded)}`;
    expect(messages(yaml, result)).toEqual([]);
  });
});
