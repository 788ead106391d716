// The value helpers other parts of the project use: text forms, numbers,
// truthiness, equality, JSON conversions and the lossless snapshot encoding.
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  DateValue, decodeValue, decodeValues, encodeValue, encodeValues, formatNumber, fromJson, isTruthy, parseDate, snippetEquals, toJsonValue, toNumber, toText, type Value,
} from '../../src/snippet/index.js';

describe('toText', () => {
  test.each<[Value, string]>([
    [null, ''],
    ['abc', 'abc'],
    [42, '42'],
    [10 / 3, '3.33333333333333'],
    [-0.5, '-0.5'],
    [1e21, '1E+21'],
    [true, 'True'],
    [false, 'False'],
    [new DateValue(Date.UTC(2026, 10, 21, 9, 30), 'UTC'), '11/21/2026 09:30:00 AM'],
    [new DateValue(Date.UTC(2026, 10, 21, 14, 5, 9), 'America/New_York'), '11/21/2026 09:05:09 AM'],
    [new DateValue(Date.UTC(2026, 10, 21, 14, 5, 9), 'UTC', 'date'), '11/21/2026'],
    [new DateValue(Date.UTC(2026, 10, 21, 14, 5, 9), 'UTC', 'time'), '02:05:09 PM'],
    [{ b: 1, a: [1, 'x', null] }, '{"b":1,"a":[1,"x",null]}'],
  ])('%j → %s', (v, text) => expect(toText(v)).toBe(text));
});

describe('formatNumber', () => {
  test('prints at most 15 significant digits and reads back within that precision', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e300, max: 1e300 }), (x) => {
        const s = formatNumber(x);
        expect(s).toMatch(/^-?\d+(\.\d+)?(E[+-]\d{2,3})?$/);
        const back = Number(s);
        if (x === 0) expect(back).toBe(0);
        else expect(Math.abs(back - x) / Math.abs(x)).toBeLessThan(1e-14);
        expect(s.replace(/^-|E.*$|\./g, '').replace(/^0+/, '').length).toBeLessThanOrEqual(15);
      }),
    );
  });
  test('integers below 1E+15 print exactly', () => {
    fc.assert(
      fc.property(fc.integer({ min: -(10 ** 15) + 1, max: 10 ** 15 - 1 }), (n) => {
        expect(formatNumber(n)).toBe(String(n));
      }),
    );
  });
});

describe('toNumber, isTruthy, snippetEquals', () => {
  test.each<[Value, number]>([
    ['12', 12],
    [' 7.5 ', 7.5],
    ['1e3', 1000],
    ['12abc', 0],
    ['', 0],
    [null, 0],
    [true, 1],
    [{ a: 1 }, 0],
  ])('toNumber(%j) = %d', (v, n) => expect(toNumber(v)).toBe(n));

  test.each<[Value, boolean]>([
    [1, true],
    [0, false],
    ['0', false],
    ['2', true],
    ['TRUE', true],
    ['false', false],
    ['', false],
    [null, false],
    ['anything', true],
  ])('isTruthy(%j) = %s', (v, b) => expect(isTruthy(v)).toBe(b));

  test('equality is numeric for numbers and numeric text, ordinal otherwise', () => {
    expect(snippetEquals('4', 4)).toBe(true);
    expect(snippetEquals('04', '4')).toBe(true);
    expect(snippetEquals('abc', 'ABC')).toBe(false);
    expect(snippetEquals(null, '')).toBe(true);
    expect(snippetEquals(true, 'True')).toBe(true);
    expect(snippetEquals('04', '4', true)).toBe(false);
  });
});

describe('JSON forms', () => {
  const json = fc.jsonValue({ maxDepth: 3 });
  test('fromJson then toJsonValue gives the JSON back', () => {
    fc.assert(
      fc.property(json, (x) => {
        expect(toJsonValue(fromJson(x))).toEqual(JSON.parse(JSON.stringify(x)));
      }),
    );
  });

  const value: fc.Arbitrary<Value> = fc.letrec<{ v: Value }>((tie) => ({
    v: fc.oneof(
      { depthSize: 'small' },
      fc.constant(null),
      fc.string(),
      fc.double({ noNaN: true, noDefaultInfinity: true }).filter((d) => !Object.is(d, -0)),
      fc.boolean(),
      fc
        .tuple(fc.integer({ min: -2e12, max: 4e12 }), fc.constantFrom('UTC', 'America/New_York', 'Asia/Kolkata'), fc.constantFrom('datetime', 'date', 'time') as fc.Arbitrary<'datetime'>)
        .map(([ms, zone, part]) => new DateValue(Math.floor(ms / 1000) * 1000, zone, part)),
      fc.array(tie('v'), { maxLength: 3 }),
      fc.dictionary(fc.constantFrom('a', 'b', '$date', '$ddo', '$zone', 'x y'), tie('v'), { maxKeys: 3 }),
    ),
  })).v;

  test('encodeValue / decodeValue round-trips every value through JSON text', () => {
    fc.assert(
      fc.property(value, (v) => {
        const back = decodeValue(JSON.parse(JSON.stringify(encodeValue(v))));
        expect(back).toEqual(v);
      }),
    );
  });

  test('a member named __proto__ stays an ordinary member', () => {
    const x = JSON.parse('{"__proto__": {"a": 1}, "b": 2}');
    expect(toJsonValue(fromJson(x))).toEqual(x);
    expect(Object.keys(decodeValue(encodeValue(fromJson(x))) as object)).toEqual(['__proto__', 'b']);
    // Maps of variables and outputs (snapshots, a call's pending outcome) keep it too.
    const vars = fromJson(x) as Record<string, Value>;
    const back = decodeValues(JSON.parse(JSON.stringify(encodeValues(vars))));
    expect(Object.keys(back)).toEqual(['__proto__', 'b']);
    expect(Object.getPrototypeOf(back)).toBe(Object.prototype);
  });

  test('dates in the result JSON are ISO-8601 strings', () => {
    expect(toJsonValue(new DateValue(Date.UTC(2026, 10, 21, 14, 5, 9), 'America/New_York'))).toBe('2026-11-21T09:05:09-05:00');
    expect(encodeValue({ $date: 'x' })).toEqual({ $ddo: { $date: 'x' } });
  });
});

describe('parseDate', () => {
  test.each<[string, string | null]>([
    ['2026-11-21 09:30', '2026-11-21T09:30:00.000-05:00'],
    ['2026-11-21T09:30:00Z', '2026-11-21T04:30:00.000-05:00'],
    ['11/21/2026 09:30:00 PM', '2026-11-21T21:30:00.000-05:00'],
    ['11/21/2026 21:30', '2026-11-21T21:30:00.000-05:00'],
    ['11/21/2026', '2026-11-21T00:00:00.000-05:00'],
    ['not a date', null],
    ['', null],
    ['2026-02-30 10:00', null],
  ])('%s', (text, iso) => {
    const d = parseDate(text, 'America/New_York');
    if (iso === null) expect(d).toBeNull();
    else expect(new Date(d!.epochMs).toISOString()).toBe(new Date(iso).toISOString());
  });
});
