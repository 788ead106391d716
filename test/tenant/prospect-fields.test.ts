// The SQLite store's compact form of a prospect's fields (state schema 3):
// whatever the fields, decoding what was encoded gives what JSON gives back
// for the plain object, keys in the same order; an upload's fields (mapped
// copies of input record members, the record last) take the compact form.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeFields, encodeFields } from '../../src/tenant/prospect-fields.js';

const text = fc.constantFrom('P1', 'Ada', '', '303 555 0100', 'a "quoted", text', '__proto__', 'Record', '1');
const value = fc.oneof(text, fc.integer(), fc.boolean(), fc.constant(null), fc.constant(undefined), fc.array(text, { maxLength: 2 }));
const key = fc.constantFrom('Id', 'ExternalID', 'FirstName', 'Notes', '2', '10', 'Record', '__proto__', 'x y');
const entries = (v: fc.Arbitrary<unknown>) => fc.array(fc.tuple(key, v), { maxLength: 6 });
/** An object with own keys in the given order (a `__proto__` key as an own key, as JSON.parse makes it). */
const objectOf = (pairs: [string, unknown][]): Record<string, unknown> => {
  const o: Record<string, unknown> = {};
  for (const [k, v] of pairs) Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true });
  return o;
};

describe('compact prospect fields', () => {
  it('decode to what the plain object gives back through JSON, keys in order', () => {
    fc.assert(
      fc.property(entries(value), entries(value), fc.boolean(), (recordPairs, fieldPairs, recordLast) => {
        const record = objectOf(recordPairs);
        // Copies of record members, as mapped fields are.
        const copies = recordPairs.filter(([, v]) => typeof v === 'string').map(([k, v]): [string, unknown] => [`${k}Copy`, v]);
        const pairs: [string, unknown][] = [...fieldPairs.filter(([k]) => k !== 'Record'), ...copies];
        const fields = objectOf(recordLast ? [...pairs, ['Record', record]] : [['Record', record], ...pairs]);
        const expected = JSON.stringify(fields);
        const decoded = decodeFields(encodeFields(fields));
        expect(JSON.stringify(decoded)).toBe(expected);
        expect(Object.keys(decoded)).toEqual(Object.keys(JSON.parse(expected) as object));
        expect(Object.getPrototypeOf(decoded)).toBe(Object.prototype);
      }),
      { numRuns: 500 },
    );
  });

  it("store an upload's copies of record members once", () => {
    const record = { Id: 'P1', FirstName: 'Ada', LastName: 'Lovelace', Mobile: '(303) 555-0100', Notes: 'call after 5pm' };
    const fields = { ExternalID: 'P1', FirstName: 'Ada', LastName: 'Lovelace', Notes: 'call after 5pm', Score: 3, Record: record };
    const text = encodeFields(fields);
    expect(JSON.parse(text)).toEqual([record, 'ExternalID', 0, 'FirstName', 1, 'LastName', 2, 'Notes', 4, 'Score', [3]]);
    expect(text.length).toBeLessThan(JSON.stringify(fields).length);
    expect(decodeFields(text)).toEqual(fields);
    expect(decodeFields(JSON.stringify(fields))).toEqual(fields); // the plain form (schema 2) still reads
  });
});
