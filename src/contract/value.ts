// The values a Studio variable can hold, shared by the snippet interpreter,
// the runtime and every action. Kept as plain data (plus one immutable class
// for dates) so run state stays JSON-serialisable through encodeValue/decodeValue.

/**
 * A date/time: an instant (epoch milliseconds) and the IANA zone it is shown in. Immutable.
 * `part` says how it prints and converts: a full date/time (default), a date
 * only (`date`, `asdate()`: `MM/dd/yyyy`, whole OLE days) or a time of day
 * (`time`, `astime()`: `hh:mm:ss tt`, the OLE fraction only).
 */
export class DateValue {
  constructor(
    readonly epochMs: number,
    readonly zone: string,
    readonly part: DatePart = 'datetime',
  ) {
    Object.freeze(this);
  }
}

export type DatePart = 'datetime' | 'date' | 'time';

/** A dynamic data object: ordered members with case-sensitive names. */
export interface DdoObject {
  [member: string]: Value;
}
/** An array member of a dynamic data object (1-based in the language, 0-based here). */
export type DdoArray = Value[];

/**
 * null, text (text arrays are text with `|` separators), number, boolean,
 * date/time, dynamic data object or array.
 */
export type Value = null | string | number | boolean | DateValue | DdoObject | DdoArray;

export const isDdo = (v: Value | undefined): v is DdoObject =>
  v !== null && typeof v === 'object' && !Array.isArray(v) && !(v instanceof DateValue);

/** Sets a member without ever touching a prototype (a member may be called `__proto__`). */
export function setMember<T>(obj: { [k: string]: T }, name: string, v: T): void {
  if (name === '__proto__') Object.defineProperty(obj, name, { value: v, enumerable: true, writable: true, configurable: true });
  else obj[name] = v;
}

/**
 * JSON form for snapshots and results: dates become `{"$date": iso}`; an object
 * that itself has the single member `$date` is wrapped as `{"$ddo": …}` so the
 * encoding stays unambiguous.
 */
export type EncodedValue = null | string | number | boolean | { [k: string]: EncodedValue } | EncodedValue[];
