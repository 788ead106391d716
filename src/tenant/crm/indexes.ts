// The CRM's record indexes (see Collection.findBy): customers by normalised
// phone for SearchForANI, and records by the value of one field for
// CustomSearch. The phone index's name is kept in SQLite state files: a change
// to what its `keys` returns needs a new name.
import type { RecordIndex } from '../../contract/tenant-store.js';
import { digitsOf, normalizePhone } from '../phones.js';
import type { CrmRecord } from './types.js';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);

/** Every phone of a customer: `phones` (text or `{ phone }` items) and a lone `phone`. */
export function phonesOf(rec: CrmRecord): string[] {
  const out: string[] = [];
  const add = (p: unknown) => {
    if (typeof p === 'string' || typeof p === 'number') out.push(String(p));
    else if (isObj(p) && (typeof p.phone === 'string' || typeof p.phone === 'number')) out.push(String(p.phone));
  };
  if (Array.isArray(rec.phones)) rec.phones.forEach(add);
  else add(rec.phones);
  add(rec.phone);
  return out;
}

/** E.164 when the number is valid, else its digits (so odd seed data still matches itself). */
export function phoneKey(raw: string): string {
  return normalizePhone(raw)?.e164 ?? digitsOf(raw);
}

/** Customers under the key of each of their phones (SearchForANI). */
export const PHONE_INDEX: RecordIndex<CrmRecord> = { name: 'crm.phone', keys: (rec) => phonesOf(rec).map(phoneKey) };

/**
 * The key CustomSearch looks a wanted value up under: text of a scalar, any
 * case. undefined for what the index cannot answer (null, empty text, lists
 * and objects are compared another way).
 */
export function fieldKey(value: unknown): string | undefined {
  if (typeof value === 'number' || typeof value === 'boolean' || (typeof value === 'string' && value !== '')) return `s:${String(value).toLowerCase()}`;
  return undefined;
}

const fieldIndexes = new Map<string, RecordIndex<CrmRecord>>();

/**
 * Records under the key of one field's value (the first member whose name
 * matches `field` in any case, as CustomSearch reads it). Kept in memory by
 * the SQLite store: workflows search a field and then change it (status
 * `New` to `Queued`), so every update would move the record's key in the file.
 */
export function fieldIndex(field: string): RecordIndex<CrmRecord> {
  const lower = field.toLowerCase();
  let index = fieldIndexes.get(lower);
  if (!index) {
    index = {
      name: `crm.field:${lower}`,
      inMemory: true,
      keys: (rec) => {
        const member = Object.keys(rec).find((k) => k.toLowerCase() === lower);
        const key = member === undefined ? undefined : fieldKey(rec[member]);
        return key === undefined ? [] : [key];
      },
    };
    fieldIndexes.set(lower, index);
  }
  return index;
}
