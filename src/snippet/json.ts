// Values to and from JSON: plain JSON input (`--var`, test inputs), the run
// result's JSON form, the lossless snapshot encoding, and DDOs parsed from JSON text.
import { luxon } from '../deps.js';
import { dateTimeOf } from './dates.js';
import { DateValue, isDdo, setMember, type DatePart, type DdoObject, type EncodedValue, type Value } from '../contract/value.js';

// Kept here too: most of the code imports it with the rest of the JSON helpers.
export { setMember };

/**
 * How deep objects and arrays may nest in a value (an emulator decision:
 * Studio documents no limit). Every way data enters — `--var`, test vars, JSON
 * and XML text, REST bodies, snapshots — is checked against it, so nothing
 * downstream recurses deeper than this.
 */
export const MAX_NESTING = 100;

/** Why a value nests too deeply (its message names the limit). */
export class NestingError extends Error {
  override name = 'NestingError';
  constructor(readonly max: number) {
    super(`objects and arrays are nested more than ${max} levels deep (the limit is ${max})`);
  }
}

/** Throws NestingError when `x` nests objects or arrays deeper than `max`; walks without recursion. */
export function checkNesting(x: unknown, max = MAX_NESTING): void {
  if (x === null || typeof x !== 'object') return;
  const stack: [unknown, number][] = [[x, 1]];
  while (stack.length > 0) {
    const [v, depth] = stack.pop()!;
    if (depth > max) throw new NestingError(max);
    if (Array.isArray(v)) {
      for (const e of v) if (e !== null && typeof e === 'object') stack.push([e, depth + 1]);
    } else if (!(v instanceof DateValue)) {
      for (const k of Object.keys(v as object)) {
        const e = (v as Record<string, unknown>)[k];
        if (e !== null && typeof e === 'object') stack.push([e, depth + 1]);
      }
    }
  }
}

/**
 * Plain JSON → Value: objects become DDOs, arrays DDO arrays; other JS values
 * become null. Throws NestingError for data nested deeper than MAX_NESTING.
 */
export function fromJson(x: unknown): Value {
  checkNesting(x);
  return convertJson(x);
}

function convertJson(x: unknown): Value {
  if (x === null || x === undefined) return null;
  if (typeof x === 'string' || typeof x === 'boolean') return x;
  if (typeof x === 'number') return Number.isFinite(x) ? x : null;
  if (x instanceof DateValue) return x;
  if (Array.isArray(x)) return x.map(convertJson);
  if (typeof x === 'object') {
    const out: DdoObject = {};
    for (const k of Object.keys(x)) setMember(out, k, convertJson((x as Record<string, unknown>)[k]));
    return out;
  }
  return null;
}

const isoOf = (d: DateValue): string => dateTimeOf(d).toISO({ suppressMilliseconds: true }) ?? new Date(d.epochMs).toISOString();

/** Value → the run result's JSON: dates as ISO-8601 strings, DDOs as objects/arrays. */
export function toJsonValue(v: Value): EncodedValue {
  if (v === null || typeof v === 'string' || typeof v === 'boolean') return v;
  if (typeof v === 'number') return Number.isFinite(v) ? v + 0 : null; // + 0 turns -0 into 0, as JSON has no -0
  if (v instanceof DateValue) return isoOf(v);
  if (Array.isArray(v)) return v.map(toJsonValue);
  const out: { [k: string]: EncodedValue } = {};
  for (const k of Object.keys(v)) setMember(out, k, toJsonValue(v[k]!));
  return out;
}

/**
 * Lossless JSON (snapshots): dates become `{"$date": iso}` (plus `$zone` when
 * the zone is not UTC and `$part` for date-only or time-only values); an object
 * that has a `$date` or `$ddo` member of its own is wrapped as `{"$ddo": …}`.
 */
export function encodeValue(v: Value): EncodedValue {
  if (v === null || typeof v === 'string' || typeof v === 'boolean') return v;
  if (typeof v === 'number') return Number.isFinite(v) ? v + 0 : null; // + 0 turns -0 into 0, as JSON has no -0
  if (v instanceof DateValue) {
    const out: { [k: string]: EncodedValue } = { $date: isoOf(v) };
    if (v.zone !== 'UTC') out.$zone = v.zone;
    if (v.part !== 'datetime') out.$part = v.part;
    return out;
  }
  if (Array.isArray(v)) return v.map(encodeValue);
  const out: { [k: string]: EncodedValue } = {};
  for (const k of Object.keys(v)) setMember(out, k, encodeValue(v[k]!));
  return '$date' in v || '$ddo' in v ? { $ddo: out } : out;
}

export function decodeValue(e: EncodedValue): Value {
  if (e === null || typeof e === 'string' || typeof e === 'boolean' || typeof e === 'number') return e;
  if (Array.isArray(e)) return e.map(decodeValue);
  const keys = Object.keys(e);
  if (keys.length === 1 && keys[0] === '$ddo' && e.$ddo !== null && typeof e.$ddo === 'object' && !Array.isArray(e.$ddo)) {
    return decodeValues(e.$ddo as { [k: string]: EncodedValue });
  }
  if (typeof e.$date === 'string') {
    const zone = typeof e.$zone === 'string' ? e.$zone : 'UTC';
    const dt = luxon().DateTime.fromISO(e.$date, { setZone: true });
    const part: DatePart = e.$part === 'date' || e.$part === 'time' ? e.$part : 'datetime';
    if (dt.isValid) return new DateValue(dt.toMillis(), zone, part);
  }
  return decodeValues(e);
}

/** A map of values (variables, outputs) encoded member by member; a member named `__proto__` stays a member. */
export function encodeValues(r: Readonly<Record<string, Value>>): Record<string, EncodedValue> {
  const out: Record<string, EncodedValue> = {};
  for (const k of Object.keys(r)) setMember(out, k, encodeValue(r[k]!));
  return out;
}

/** The values of an encoded map (encodeValues' inverse). */
export function decodeValues(e: Readonly<Record<string, EncodedValue>>): DdoObject {
  const out: DdoObject = {};
  for (const k of Object.keys(e)) setMember(out, k, decodeValue(e[k]!));
  return out;
}


/** Why JSON text could not become an object. */
export class JsonTextError extends Error {}

/** JSON text → DDO (object or array). A member named `__type` is rejected (reserved by Studio's JSON parser). */
export function parseJsonObject(text: string): DdoObject | Value[] {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new JsonTextError(`Invalid JSON: ${(e as Error).message.replace(/^JSON\.parse: /, '')}`);
  }
  if (raw === null || typeof raw !== 'object') throw new JsonTextError('Invalid JSON: expected an object or an array');
  try {
    checkNesting(raw);
  } catch (e) {
    throw new JsonTextError(`Invalid JSON: ${(e as Error).message}`);
  }
  rejectReserved(raw);
  return convertJson(raw) as DdoObject | Value[];
}

function rejectReserved(x: unknown): void {
  if (x === null || typeof x !== 'object') return;
  if (Array.isArray(x)) {
    for (const e of x) rejectReserved(e);
    return;
  }
  for (const k of Object.keys(x)) {
    if (k === '__type') throw new JsonTextError('A member may not be named __type');
    rejectReserved((x as Record<string, unknown>)[k]);
  }
}

/** Deep-freezes a value (run state handed out to the runtime is never mutated). */
export function freezeValue<T extends Value>(v: T): T {
  if (v !== null && typeof v === 'object' && !(v instanceof DateValue) && !Object.isFrozen(v)) {
    if (Array.isArray(v)) for (const e of v) freezeValue(e);
    else if (isDdo(v)) for (const k of Object.keys(v)) freezeValue(v[k]!);
    Object.freeze(v);
  }
  return v;
}
