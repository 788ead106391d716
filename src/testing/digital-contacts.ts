// The `digitalContacts` expectation of a test case: by customer, the status
// their digital contact ends with (docs/testing.md). A customer is named as in
// `replies` (a phone number in any format, an e-mail address in any case) and
// matched by thread, the way the channel names it. The contacts are the ones
// the run's result shows: its own, its spawned runs' (a reply starts one) and
// its other calls'.
import { DIGITAL_STATUSES, type DigitalStatus } from '../contract/contact.js';
import { diagnostic, didYouMean, type Diagnostic, type Span } from '../contract/diagnostics.js';
import type { ContactSummary, RunResult } from '../runtime/result.js';
import { threadOf } from '../tenant/digital/inbox.js';
import type { PathSegment, YamlSource } from './source-map.js';

/** The expectation as read: statuses in their own spelling (any case in the file), each entry located; a word that is no status is an error. */
export function digitalContactsExpectation(
  raw: unknown,
  at: PathSegment[],
  src: YamlSource,
  spans: Record<string, Span>,
  diagnostics: Diagnostic[],
): Record<string, DigitalStatus | DigitalStatus[]> {
  const out: Record<string, DigitalStatus | DigitalStatus[]> = {};
  for (const [customer, want] of Object.entries(raw as Record<string, string | string[]>)) {
    const words = Array.isArray(want) ? want : [want];
    const statuses: DigitalStatus[] = [];
    words.forEach((word, i) => {
      const status = DIGITAL_STATUSES.find((s) => s.toLowerCase() === word.trim().toLowerCase());
      if (status) return void statuses.push(status);
      const hint = didYouMean(word.trim(), DIGITAL_STATUSES);
      const where = Array.isArray(want) ? [...at, customer, i] : [...at, customer];
      diagnostics.push(
        diagnostic('E-TEST-SCHEMA', `digitalContacts of ${customer}: "${word}" is not a digital contact status${hint ? `; did you mean "${hint}"?` : ''} (the statuses are ${DIGITAL_STATUSES.join(', ')})`, src.span(where)),
      );
    });
    out[customer] = Array.isArray(want) ? statuses : statuses[0]!;
    spans[`digitalContacts.${customer}`] = src.span([...at, customer]);
  }
  return out;
}

/** The digital contacts a result shows, by thread, each once, in the order they appear (runs in start order). */
export function digitalContactsOf(result: RunResult): Map<string, ContactSummary[]> {
  const byThread = new Map<string, ContactSummary[]>();
  const seen = new Set<string>();
  const add = (c: ContactSummary | undefined): void => {
    if (!c || c.kind !== 'digital' || seen.has(c.contactId)) return;
    seen.add(c.contactId);
    byThread.set(c.ani, [...(byThread.get(c.ani) ?? []), c]);
  };
  const visit = (r: RunResult): void => {
    add(r.contact);
    for (const s of r.spawned ?? []) add(s.contact);
    for (const call of r.calls ?? []) visit(call);
  };
  visit(result);
  return byThread;
}

/** One customer whose contacts ended otherwise than expected. */
export interface DigitalContactMiss {
  customer: string;
  message: string;
  expected: string;
  actual: string;
}

export function checkDigitalContacts(wanted: Record<string, DigitalStatus | DigitalStatus[]>, result: RunResult): DigitalContactMiss[] {
  const contacts = digitalContactsOf(result);
  const failures: DigitalContactMiss[] = [];
  for (const [customer, want] of Object.entries(wanted)) {
    const got = (contacts.get(threadOf(customer)) ?? []).map((c) => c.status as DigitalStatus);
    // One status is the customer's last contact; a list is every contact of theirs, in the order opened.
    const list = Array.isArray(want);
    const wants = list ? want : [want];
    const compared = list ? got : got.slice(-1);
    if (compared.length === wants.length && compared.every((s, i) => s === wants[i])) continue;
    const expected = wants.join(', ');
    const actual = got.length === 0 ? '(no digital contact)' : got.join(', ');
    const wantText = list ? `${wants.length} digital contact${wants.length === 1 ? '' : 's'} of ${customer} ending ${expected}${wants.length > 1 ? ' (in that order)' : ''}` : `the digital contact of ${customer} to end ${expected}`;
    let message: string;
    if (got.length === 0) {
      const others = [...contacts].map(([thread, l]) => `${thread} ${l.map((c) => c.status).join(', ')}`);
      message = `expected ${wantText}, but the run opened none for ${customer} (${others.length > 0 ? `it opened: ${others.join('; ')}` : 'it opened no digital contact'})`;
    } else if (list) message = `expected ${wantText}, but ${customer} had ${got.length}: ${actual}`;
    else message = `expected ${wantText}, but it ended ${got.at(-1)}${got.length > 1 ? ` (their contacts, in the order opened: ${actual})` : ''}`;
    failures.push({ customer, message, expected, actual });
  }
  return failures;
}

/** What `--update` records: by thread, the one contact's status, or each contact's in the order opened. */
export function recordDigitalContacts(result: RunResult): Record<string, DigitalStatus | DigitalStatus[]> | undefined {
  const contacts = digitalContactsOf(result);
  if (contacts.size === 0) return undefined;
  return Object.fromEntries([...contacts].map(([thread, l]) => [thread, l.length === 1 ? (l[0]!.status as DigitalStatus) : l.map((c) => c.status as DigitalStatus)]));
}
