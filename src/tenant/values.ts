// Small readers of Studio values for the tenant's record pipelines: text of a
// field, a member by name, plain JSON, dates. They stay here (not in the
// snippet package) because they encode the tenant's leniency rules: member
// names match case-insensitively, numbers and text are interchangeable.
import { luxon } from '../deps.js';
import { DateValue, isDdo, type DdoObject, type Value } from '../contract/value.js';
import { setMember } from '../snippet/json.js';
import { DateForms } from '../snippet/dates.js';
import type { DateTime } from 'luxon';

/** A member of a record: exact name first, then case-insensitive (source files rarely agree on case). */
export function member(rec: DdoObject, name: string): Value | undefined {
  if (Object.hasOwn(rec, name)) return rec[name];
  const lower = name.toLowerCase();
  for (const k of Object.keys(rec)) if (k.toLowerCase() === lower) return rec[k];
  return undefined;
}

/** The text of a scalar value ('' for null/undefined); null for DDOs and arrays. */
export function scalarText(v: Value | undefined): string | null {
  if (v === undefined || v === null) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return String(v);
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (v instanceof DateValue) return luxon().DateTime.fromMillis(v.epochMs, { zone: v.zone }).toISO() ?? '';
  return null;
}

/** True when a value holds no dates (so it is plain JSON data already). */
function isPlain(v: Value): boolean {
  if (v === null || typeof v !== 'object') return true;
  if (v instanceof DateValue) return false;
  if (Array.isArray(v)) return v.every(isPlain);
  for (const k in v) if (!isPlain(v[k]!)) return false;
  return true;
}

/**
 * Plain JSON of a value (dates as ISO text), for storing records. Values are
 * immutable, so plain data is returned as is rather than copied.
 */
export function toPlain(v: Value | undefined): unknown {
  if (v === undefined) return null;
  if (isPlain(v)) return v;
  if (v instanceof DateValue) return luxon().DateTime.fromMillis(v.epochMs, { zone: v.zone }).toISO();
  if (Array.isArray(v)) return v.map(toPlain);
  if (isDdo(v)) {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) setMember(out, k, toPlain(x));
    return out;
  }
  return v;
}

/** A value back from plain JSON (stored records returned to scripts). */
export function fromPlain(v: unknown): Value {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  if (Array.isArray(v)) return v.map(fromPlain);
  if (typeof v === 'object') {
    const out: DdoObject = {};
    for (const [k, x] of Object.entries(v as Record<string, unknown>)) setMember(out, k, fromPlain(x));
    return out;
  }
  return String(v);
}

export const DATE_FORMATS = [
  'M/d/yyyy h:mm:ss a',
  'M/d/yyyy h:mm a',
  'M/d/yyyy H:mm:ss',
  'M/d/yyyy H:mm',
  'M/d/yyyy',
  'yyyy-MM-dd HH:mm:ss',
  'yyyy-MM-dd HH:mm',
];

/** The record forms, in luxon's default locale (as `DateTime.fromFormat` without one reads them). */
const recordForms = new DateForms(DATE_FORMATS);

/**
 * Dates read lately, by zone and text: the records of a list or a batch share
 * a few expirations, and each reading (luxon's zone offsets, the end of the
 * day) costs far more than a look-up. Cleared when full.
 */
const recentDates = new Map<string, number | null>();
const RECENT_DATES = 256;

/**
 * Reads a date: a DateValue, ISO-8601 text, or Studio's `MM/DD/YYYY[ hh:mm:ss AM]`,
 * in `zone` when the text has no offset. A date without a time means the end
 * of that day (a record "expiring on 11/30" may still be dialed on the 30th).
 * null when it is not a date.
 */
export function parseDateValue(v: Value | undefined, zone: string): number | null {
  if (v instanceof DateValue) return v.epochMs;
  const text = scalarText(v)?.trim();
  if (!text) return null;
  const key = `${zone}\n${text}`;
  const known = recentDates.get(key);
  if (known !== undefined) return known;
  const ms = readDate(text, zone);
  if (recentDates.size >= RECENT_DATES) recentDates.clear();
  recentDates.set(key, ms);
  return ms;
}

function readDate(text: string, zone: string): number | null {
  const dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(text) || /^\d{1,2}\/\d{1,2}\/\d{4}$/.test(text);
  let dt: DateTime | undefined = luxon().DateTime.fromISO(text, { zone, setZone: true });
  if (!dt.isValid) dt = recordForms.read(text, zone)?.dt;
  if (!dt) return null;
  return (dateOnly ? dt.endOf('day') : dt).toMillis();
}

/** How a value looks, for error messages: `text "abc"`, `a DDO with members a, b`, `an array of 3`. */
export function describeShape(v: Value | undefined): string {
  if (v === undefined || v === null) return 'nothing (null)';
  if (typeof v === 'string') return `text ${JSON.stringify(v.length > 40 ? v.slice(0, 40) + '…' : v)}`;
  if (typeof v === 'number') return `the number ${v}`;
  if (typeof v === 'boolean') return `the boolean ${v}`;
  if (v instanceof DateValue) return 'a date';
  if (Array.isArray(v)) return `an array of ${v.length}`;
  const keys = Object.keys(v);
  return keys.length === 0 ? 'an empty DDO' : `a DDO with members ${keys.slice(0, 5).join(', ')}${keys.length > 5 ? ', …' : ''}`;
}
