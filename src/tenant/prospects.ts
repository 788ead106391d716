// The source-map pipeline of CREATEPROSPECTS v2 (and calling-list uploads):
// one input record -> a prospect, or the short reason it fails. Pure: no store
// access, so a batch validates every record before any is written and a
// malformed record never aborts the others.
import { isDdo, type DdoObject, type Value } from '../contract/value.js';
import { toE164 } from './phones.js';
import type { ProspectRecord, SourceMapping, SourceRecord } from '../contract/tenant-store.js';
import { member, parseDateValue, scalarText, toPlain } from './values.js';
import { resolveZoneName, westernmostZone, zoneFromNorthAmericanNumber } from './zones.js';
import { setMember } from '../snippet/json.js';

/** The ResultCode of a failed record (docs/personal-connection.md). */
export type ProspectFailure =
  | 'Missing External ID'
  | 'No valid destination'
  | 'Exceeded max destinations'
  | 'No time zone'
  | 'Invalid time zone'
  | 'Invalid expiration date'
  | 'Expired'
  | 'Invalid record';

export interface ProspectOptions {
  skillNo: number;
  source: SourceRecord & { mapping: SourceMapping };
  /** Reject records whose zone cannot be determined instead of using `fallbackZone`. */
  noTimeZoneReject: boolean;
  /** The action's TimeZone, resolved to IANA; null when not given. */
  fallbackZone: string | null;
  /** DefaultExpirationDate in epoch ms; null when not given. */
  defaultExpiresAtMs: number | null;
  nowMs: number;
  /** The business unit's zone: dates without an offset are read in it. */
  buZone: string;
  /** Digital skills: a valid e-mail address in the mapped Email field is a destination too (docs/digital.md). */
  emailDestination?: boolean;
}

export type ProspectOutcome = { ok: true; prospect: ProspectRecord } | { ok: false; code: ProspectFailure };

const fail = (code: ProspectFailure): ProspectOutcome => ({ ok: false, code });

/** One `@` with text on both sides, a dot in the domain, no spaces (checked without a backtracking pattern). */
export function isEmailAddress(text: string): boolean {
  const t = text.trim();
  const at = t.indexOf('@');
  return at > 0 && at === t.lastIndexOf('@') && t.indexOf('.', at + 2) > at + 1 && !t.endsWith('.') && !/\s/.test(t);
}

export function buildProspect(record: Value, o: ProspectOptions): ProspectOutcome {
  if (!isDdo(record)) return fail('Invalid record');
  const map = o.source.mapping;

  const externalId = scalarText(member(record, map.ExternalID))?.trim();
  if (!externalId) return fail('Missing External ID');

  // One scan of the destination cells: counted as written (the limit applies to those), normalised into `scan.found`.
  scan.count = 0;
  scan.kept = 0;
  for (const f of map.Destinations) scanNumbers(member(record, f));
  if (scan.count > o.source.maxDestinations) return fail('Exceeded max destinations');
  // An array of exactly the numbers kept (an array grown by push keeps room for 17).
  const destinations = scan.found.slice(0, scan.kept);
  if (destinations.length === 0 && !(o.emailDestination && isEmailAddress(scalarText(member(record, String(map.Email ?? ''))) ?? ''))) return fail('No valid destination');

  let timeZone: string | null = null;
  const zoneField = typeof map.TimeZone === 'string' ? scalarText(member(record, map.TimeZone))?.trim() : '';
  if (zoneField) {
    timeZone = resolveZoneName(zoneField);
    if (!timeZone) return fail('Invalid time zone');
  } else if (destinations.length > 0 && destinations[0]!.startsWith('+1')) {
    const byArea = zoneFromNorthAmericanNumber(destinations[0]!.slice(2));
    if (byArea) timeZone = 'zone' in byArea ? byArea.zone : westernmostZone(byArea.ambiguous, o.nowMs);
  }
  if (!timeZone) {
    if (o.noTimeZoneReject || !o.fallbackZone) return fail('No time zone');
    timeZone = o.fallbackZone;
  }

  let expiresAtMs = o.defaultExpiresAtMs;
  const expiryValue = typeof map.ExpirationDate === 'string' ? member(record, map.ExpirationDate) : undefined;
  if (expiryValue !== undefined && expiryValue !== null && scalarText(expiryValue) !== '') {
    expiresAtMs = parseDateValue(expiryValue, o.buZone);
    if (expiresAtMs === null) return fail('Invalid expiration date');
  }
  if (expiresAtMs !== null && expiresAtMs <= o.nowMs) return fail('Expired');

  // Mapped fields other than the destinations, in map order (the map's entries are walked once per record, without copies).
  const fields: Record<string, unknown> = {};
  let firstName: Value | undefined;
  let lastName: Value | undefined;
  for (const field in map) {
    const sourceField = map[field];
    if (field === 'Destinations' || typeof sourceField !== 'string') continue;
    const v = member(record, sourceField);
    if (field === 'FirstName') firstName = v;
    else if (field === 'LastName') lastName = v;
    if (v !== undefined) fields[field] = toPlain(v);
  }
  fields.Record = toPlain(record);

  return {
    ok: true,
    prospect: {
      skillNo: o.skillNo,
      externalId,
      sourceName: o.source.name,
      firstName: nameText(firstName),
      lastName: nameText(lastName),
      destinations,
      timeZone,
      expiresAtMs,
      fields,
      status: 'queued',
      createdAtMs: o.nowMs,
      updatedAtMs: o.nowMs,
      dialedAtMs: null,
    },
  };
}

/** A trimmed name from a mapped field's value; null when unmapped or blank. */
function nameText(v: Value | undefined): string | null {
  const t = scalarText(v)?.trim();
  return t ? t : null;
}

/**
 * State of the destination scan of the record being built (one record at a
 * time: buildProspect is synchronous), kept in one object so that the scan
 * allocates nothing but the E.164 strings it keeps.
 */
const scan = {
  /** Non-empty numbers seen, as written. */
  count: 0,
  /** The valid numbers kept so far are `found[0 .. kept)` (scratch space reused for every record). */
  found: [] as string[],
  kept: 0,
};

/** Counts one number as written and keeps its E.164 form when it is valid and new. */
function addNumber(raw: string): void {
  scan.count++;
  const e164 = toE164(raw);
  if (e164 === null) return;
  const found = scan.found;
  for (let i = 0; i < scan.kept; i++) if (found[i] === e164) return;
  found[scan.kept++] = e164;
}

/**
 * Each non-empty number of a value, in order. A mapped field may hold one
 * number, an array of numbers, or a text list (`a|b`): multi-number contacts.
 */
function scanNumbers(v: Value | undefined): void {
  if (typeof v === 'string' && v.indexOf('|') === -1) {
    // The common case, without trimming copies when there is nothing to trim.
    const one = v.trim();
    if (one !== '') addNumber(one);
    return;
  }
  if (Array.isArray(v)) {
    for (const x of v) scanNumbers(x);
    return;
  }
  if (isDdo(v)) return scanNumbers(member(v, 'Number') ?? member(v, 'Phone'));
  const t = scalarText(v);
  if (t === null || t === '') return;
  if (!t.includes('|')) {
    const one = t.trim();
    if (one !== '') addNumber(one);
    return;
  }
  for (const part of t.split('|')) if (part.trim() !== '') addNumber(part.trim());
}

/**
 * The records of CREATEPROSPECTS / REMOVEPROSPECTS `Data`: an array of
 * records, a DDO with exactly one array member (other members ignored), or
 * JSON text of either.
 * null when the value has none of those shapes.
 */
export function recordsOf(data: Value | undefined): Value[] | null {
  if (typeof data === 'string') {
    const text = data.trim();
    if (!text.startsWith('[') && !text.startsWith('{')) return null;
    try {
      return recordsOf(fromJsonValue(JSON.parse(text)));
    } catch {
      return null;
    }
  }
  if (Array.isArray(data)) return data;
  if (isDdo(data)) {
    // `{ "leads": [...], "count": 3 }`: the one array member holds the records.
    const arrays = Object.values(data).filter(Array.isArray);
    if (arrays.length === 1) return arrays[0]!;
  }
  return null;
}

function fromJsonValue(v: unknown): Value {
  if (v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  if (Array.isArray(v)) return v.map(fromJsonValue);
  const out: DdoObject = {};
  for (const [k, x] of Object.entries(v as Record<string, unknown>)) setMember(out, k, fromJsonValue(x));
  return out;
}

/** The input record with `ResultCode` added (a non-record input is wrapped as `{ Record }`). */
export function withResultCode(record: Value, code: string): DdoObject {
  if (!isDdo(record)) return { Record: record, ResultCode: code };
  // Object.assign then one more member: V8 builds `{ ...record, ResultCode }` on a slow path (about 5× the time and
  // memory for a batch). A record with its own `__proto__` member is spread: assigning it would set the prototype.
  if (Object.hasOwn(record, '__proto__')) return { ...record, ResultCode: code };
  const out: DdoObject = Object.assign({}, record);
  out.ResultCode = code;
  return out;
}
