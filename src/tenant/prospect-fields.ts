// How the SQLite store writes a prospect's `fields` (state schema 3).
// CREATEPROSPECTS and `lists upload` keep the input record as `fields.Record`
// and the mapped fields beside it, most of them the same text as a member of
// the record (ExternalID = Record.Id, FirstName = Record.FirstName…): as one
// JSON object every such value was stored twice, which a bulk load pays for in
// bytes written. The compact form is a JSON array: the record first, then for
// each other field its name and either the position of the record member
// holding the same text (a number) or its value in a one-element array;
// `Record` comes last. Decoded, it is the same object, keys in the same order.
// Fields of any other shape (no `Record`, `Record` not last or not a plain
// object, a `__proto__` key) are written as the plain object, which is also
// what every row of a schema-2 file holds; both forms are read.
import { setMember } from '../contract/value.js';

/** The `fields` column text for a prospect's fields. */
export function encodeFields(fields: Record<string, unknown>): string {
  const record = fields.Record;
  if (record === null || typeof record !== 'object' || Object.getPrototypeOf(record) !== Object.prototype) return JSON.stringify(fields);
  const keys = Object.keys(fields);
  const last = keys.length - 1;
  if (keys[last] !== 'Record') return JSON.stringify(fields);
  // One JSON.stringify of the array: its text comes out flat, where text built piece by piece would be
  // flattened again wherever it is written (the insert, or the batch a reading thread sends).
  let texts: unknown[] | undefined;
  const out: unknown[] = [record];
  for (let i = 0; i < last; i++) {
    const key = keys[i]!;
    if (key === '__proto__') return JSON.stringify(fields);
    const v = fields[key];
    if (!written(v)) continue; // left out of JSON, as in the object form
    let at = -1;
    if (typeof v === 'string') at = (texts ??= writtenValues(record as Record<string, unknown>)).indexOf(v);
    out.push(key, at >= 0 ? at : [v]);
  }
  return JSON.stringify(out);
}

/** A prospect's fields from the `fields` column, in either form. */
export function decodeFields(text: string): Record<string, unknown> {
  const parsed = JSON.parse(text) as Record<string, unknown> | unknown[];
  if (!Array.isArray(parsed)) return parsed;
  const record = parsed[0] as Record<string, unknown>;
  const values = Object.values(record);
  const fields: Record<string, unknown> = {};
  for (let i = 1; i + 1 < parsed.length; i += 2) {
    const key = String(parsed[i]);
    const spec = parsed[i + 1];
    const value = typeof spec === 'number' ? values[spec] : (spec as unknown[])[0];
    // A hand-edited file must not reach the prototype.
    setMember(fields, key, value);
  }
  fields.Record = record;
  return fields;
}

/** What JSON.stringify keeps of an object member (undefined, functions and symbols are left out). */
const written = (v: unknown): boolean => v !== undefined && typeof v !== 'function' && typeof v !== 'symbol';

/** The record's member values in the order JSON.stringify writes them and JSON.parse reads them back. */
function writtenValues(record: Record<string, unknown>): unknown[] {
  const values = Object.values(record);
  for (const v of values) if (!written(v)) return values.filter(written);
  return values;
}
