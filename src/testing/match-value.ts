// How a value written in a test file is compared with a value from a run.
// Emulator decision: scalars compare as text when their types differ (Studio
// variables are loosely typed: `skillNo: 1234` matches "1234"); mappings match
// when every member written in the test matches (extra members are allowed);
// lists match element by element and must have the same length. A string
// written as `/pattern/` matches text by regular expression.
import { DateValue } from '../contract/value.js';

export function valueMatches(expected: unknown, actual: unknown): boolean {
  if (expected === null || expected === undefined) return actual === null || actual === undefined || actual === '';
  if (actual instanceof DateValue) actual = new Date(actual.epochMs).toISOString();
  if (Array.isArray(expected)) {
    return Array.isArray(actual) && actual.length === expected.length && expected.every((e, i) => valueMatches(e, actual[i]));
  }
  if (typeof expected === 'object') {
    if (actual === null || typeof actual !== 'object' || Array.isArray(actual)) return false;
    const members = actual as Record<string, unknown>;
    return Object.entries(expected as Record<string, unknown>).every(([k, e]) => {
      const key = k in members ? k : Object.keys(members).find((m) => m.toLowerCase() === k.toLowerCase());
      return key !== undefined ? valueMatches(e, members[key]) : e === null;
    });
  }
  if (actual === null || actual === undefined || typeof actual === 'object') return false;
  if (typeof expected === 'string') {
    const re = asPattern(expected);
    if (re) return re.test(String(actual));
  }
  if (typeof expected === 'number' && typeof actual === 'number') return expected === actual;
  if (typeof expected === 'string' && typeof actual === 'string') {
    if (expected === actual) return true;
    // Dates written in the test compare as instants with ISO text from the run.
    return /^\d{4}-\d{2}-\d{2}T/.test(expected) && /^\d{4}-\d{2}-\d{2}T/.test(actual) && Date.parse(expected) === Date.parse(actual);
  }
  return String(expected).toLowerCase() === String(actual).toLowerCase();
}

/** `/pattern/flags` written in a test, as a RegExp; undefined for plain text. */
export function asPattern(text: string): RegExp | undefined {
  const m = /^\/(.+)\/([gimsuy]*)$/s.exec(text);
  if (!m) return undefined;
  try {
    return new RegExp(m[1]!, m[2]!.replace('g', ''));
  } catch {
    return undefined;
  }
}

/** A compact one-line rendering of a value for failure messages. */
export function show(value: unknown): string {
  if (value === undefined) return '(not set)';
  if (value instanceof DateValue) return new Date(value.epochMs).toISOString();
  const text = JSON.stringify(value);
  return text.length > 200 ? `${text.slice(0, 197)}…` : text;
}
