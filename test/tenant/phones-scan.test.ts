// The bulk number path of the prospect pipeline against libphonenumber used
// directly: the validity check with compiled patterns (isValidParsed) against
// the library's own isValid(), and buildProspect's one-pass destination scan
// against a plain reference (each number parsed by the library, the zone of
// the first one looked up again) on generated realistic records.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as lib from 'libphonenumber-js/max';
import { createRequire } from 'node:module';
import type { Value } from '../../src/contract/value.js';
import type { SourceMapping } from '../../src/contract/tenant-store.js';
import { nanpPrefixOf } from '../../src/tenant/nanp.js';
import { isValidParsed, toE164 } from '../../src/tenant/phones.js';
import { buildProspect, withResultCode, type ProspectOptions } from '../../src/tenant/prospects.js';
import { westernmostZone, zoneFromNorthAmericanNumber } from '../../src/tenant/zones.js';
import { fuzzParams } from '../fuzz/harness.js';

/** Every valid North American area code + exchange (as the table lists them). */
const PREFIXES: string[] = [];
for (let npa = 200; npa <= 999; npa++) for (let nxx = 200; nxx <= 999; nxx++) if (nanpPrefixOf(npa, nxx)?.country) PREFIXES.push(`${npa}${nxx}`);

const SPELLINGS = [
  (n: string) => `(${n.slice(0, 3)}) ${n.slice(3, 6)}-${n.slice(6)}`,
  (n: string) => `${n.slice(0, 3)}-${n.slice(3, 6)}-${n.slice(6)}`,
  (n: string) => `+1 ${n.slice(0, 3)} ${n.slice(3, 6)} ${n.slice(6)}`,
  (n: string) => `${n.slice(0, 3)}.${n.slice(3, 6)}.${n.slice(6)}`,
  (n: string) => `1${n}`,
  (n: string) => `+1${n}`,
  (n: string) => ` ${n} `,
];
const digits = (min: number, max: number) => fc.array(fc.integer({ min: 0, max: 9 }), { minLength: min, maxLength: max }).map((d) => d.join(''));

/** A North American number as lists write it: a valid prefix (mostly) or any six digits, any line, a usual spelling. */
const nanpNumber = fc
  .tuple(fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...PREFIXES) }, { weight: 1, arbitrary: digits(6, 6) }), digits(4, 4), fc.nat(SPELLINGS.length - 1))
  .map(([prefix, line, s]) => SPELLINGS[s]!(prefix + line));

const examples = createRequire(import.meta.url)('libphonenumber-js/examples.mobile.json') as lib.Examples;
const COUNTRIES = lib.getCountries();
/** An international number: a country's example number with its last digits changed, shortened or lengthened, with or without spaces. */
const internationalNumber = fc
  .tuple(fc.constantFrom(...COUNTRIES), fc.integer({ min: 1, max: 4 }), digits(0, 6), fc.boolean())
  .map(([country, cut, tail, spaced]) => {
    const example = lib.getExampleNumber(country, examples);
    const national = (example?.nationalNumber ?? '').slice(0, -cut) + tail;
    const code = lib.getCountryCallingCode(country);
    return spaced ? `+${code} ${national.slice(0, 3)} ${national.slice(3)}` : `+${code}${national}`;
  });
const junk = fc.oneof(fc.constantFrom('', ' ', 'n/a', '555-0100', '800-555-0102', '+', '()'), fc.string({ maxLength: 14 }), digits(1, 16));
const anyNumber = fc.oneof({ weight: 6, arbitrary: nanpNumber }, { weight: 2, arbitrary: internationalNumber }, { weight: 1, arbitrary: junk });

describe('isValidParsed', () => {
  it("agrees with libphonenumber's isValid() on generated numbers of every country", () => {
    fc.assert(
      fc.property(fc.oneof(internationalNumber, nanpNumber, junk), fc.constantFrom('US', 'GB', 'DE', 'IN', 'BR') as fc.Arbitrary<lib.CountryCode>, (raw, country) => {
        const parsed = lib.parsePhoneNumberFromString(raw, country);
        if (parsed) expect(isValidParsed(parsed), `${raw} (${country})`).toBe(parsed.isValid());
      }),
      fuzzParams(3000),
    );
  });
});

/** The library's answer for one number, as the pipeline must give it. */
function referenceE164(raw: string): string | null {
  const parsed = lib.parsePhoneNumberFromString(raw.trim(), 'US');
  return parsed && parsed.isValid() ? parsed.number : null;
}

/**
 * International numbers as lists write them, for toE164's path without the
 * library: every country's example number with digits cut or added, a
 * national prefix (0, 1, 8, 9…) or a random digit after the code, single or
 * double spaces or hyphens anywhere, and codes that do not exist.
 */
const writtenInternational = fc
  .tuple(
    fc.constantFrom(...COUNTRIES),
    fc.integer({ min: 0, max: 5 }),
    digits(0, 6),
    fc.constantFrom('', '0', '1', '8', '9', '00', '06', '15'),
    fc.array(fc.constantFrom(' ', '-', '  ', ' - ', '.', ''), { minLength: 0, maxLength: 20 }),
    fc.constantFrom('', '', '', '9', '99', '0'),
  )
  .map(([country, cut, tail, prefix, separators, codeNoise]) => {
    const example = lib.getExampleNumber(country, examples);
    const national = prefix + (example?.nationalNumber ?? '').slice(0, example ? example.nationalNumber.length - cut : 0) + tail;
    const written = [...`${lib.getCountryCallingCode(country)}${codeNoise}${national}`].map((d, i) => (i > 0 ? (separators[i % Math.max(1, separators.length)] ?? '') : '') + d).join('');
    return `+${written}`;
  })
  // Longer text is no number for the pipeline (toE164), whatever the library says.
  .filter((raw) => raw.length <= 40);

describe('toE164 on international numbers', () => {
  it("gives libphonenumber's answer for numbers of every country, however spaced", () => {
    fc.assert(
      fc.property(fc.oneof(writtenInternational, internationalNumber, junk.map((j) => `+${j}`)), (raw) => {
        expect(toE164(raw), raw).toBe(referenceE164(raw));
      }),
      fuzzParams(4000),
    );
  });
});

/** Every non-empty number of a cell as written (one number, an array, a `|` list, a DDO with Number or Phone). */
function numbersOf(v: unknown): string[] {
  if (Array.isArray(v)) return v.flatMap(numbersOf);
  if (v !== null && typeof v === 'object') {
    const rec = v as Record<string, unknown>;
    return numbersOf(rec.Number ?? rec.Phone);
  }
  const text = v === undefined || v === null ? '' : String(v);
  return text.split('|').map((p) => p.trim()).filter((p) => p !== '');
}

const cell = fc.oneof(
  { weight: 6, arbitrary: anyNumber as fc.Arbitrary<Value> },
  { weight: 1, arbitrary: fc.array(anyNumber, { maxLength: 3 }) as fc.Arbitrary<Value> },
  { weight: 1, arbitrary: fc.array(anyNumber, { minLength: 2, maxLength: 3 }).map((xs) => xs.join('|')) as fc.Arbitrary<Value> },
  { weight: 1, arbitrary: anyNumber.map((n) => ({ Number: n })) as fc.Arbitrary<Value> },
  { weight: 1, arbitrary: fc.constantFrom<Value>(null, 5550100) },
);
const mapping: SourceMapping = { ExternalID: 'Id', FirstName: 'First', LastName: 'Last', Destinations: ['Mobile', 'Home', 'Work'] };
const realisticRecord = fc.record({
  Id: fc.oneof(fc.constant('P1'), fc.constant(' P2 '), fc.constant('')),
  First: fc.constantFrom('Ada', ' Grace ', '', null),
  Last: fc.constantFrom('Lovelace', '  ', undefined),
  Mobile: cell,
  Home: cell,
  Work: cell,
}, { requiredKeys: ['Id', 'Mobile'] });

describe('buildProspect on realistic numbers', () => {
  it('keeps the valid numbers in order without duplicates, counts them as written, and places the first one', () => {
    const nowMs = Date.parse('2026-11-21T16:00:00Z');
    fc.assert(
      fc.property(realisticRecord, fc.integer({ min: 1, max: 4 }), fc.boolean(), (input, maxDestinations, reject) => {
        const record = JSON.parse(JSON.stringify(input)) as Value;
        const o: ProspectOptions = { skillNo: 1, source: { id: 1, name: 'Leads', maxDestinations, mapping }, noTimeZoneReject: reject, fallbackZone: 'America/New_York', defaultExpiresAtMs: null, nowMs, buZone: 'America/Denver' };
        const outcome = buildProspect(record, o);
        const rec = record as Record<string, unknown>;
        if (String(rec.Id).trim() === '') return void expect(outcome).toEqual({ ok: false, code: 'Missing External ID' });
        const written = mapping.Destinations.flatMap((f) => numbersOf(rec[f]));
        if (written.length > maxDestinations) return void expect(outcome).toEqual({ ok: false, code: 'Exceeded max destinations' });
        const destinations = [...new Set(written.map(referenceE164).filter((e): e is string => e !== null))];
        if (destinations.length === 0) return void expect(outcome).toEqual({ ok: false, code: 'No valid destination' });
        const byArea = destinations[0]!.startsWith('+1') ? zoneFromNorthAmericanNumber(destinations[0]!.slice(2)) : null;
        const zone = byArea ? ('zone' in byArea ? byArea.zone : westernmostZone(byArea.ambiguous, nowMs)) : reject ? null : 'America/New_York';
        if (!zone) return void expect(outcome).toEqual({ ok: false, code: 'No time zone' });
        expect(outcome.ok).toBe(true);
        if (!outcome.ok) return;
        expect(outcome.prospect.destinations).toEqual(destinations);
        expect(outcome.prospect.timeZone).toBe(zone);
        expect(outcome.prospect.firstName).toBe(typeof rec.First === 'string' && rec.First.trim() ? rec.First.trim() : null);
        expect(outcome.prospect.lastName).toBe(typeof rec.Last === 'string' && rec.Last.trim() ? rec.Last.trim() : null);
        const expectedFields: Record<string, unknown> = { ExternalID: rec.Id };
        if ('First' in rec) expectedFields.FirstName = rec.First;
        if ('Last' in rec) expectedFields.LastName = rec.Last;
        expectedFields.Record = record;
        expect(outcome.prospect.fields).toEqual(expectedFields);
        expect(Object.keys(outcome.prospect.fields)).toEqual(Object.keys(expectedFields));
      }),
      fuzzParams(1500),
    );
  });
});

describe('withResultCode', () => {
  it('copies the record with ResultCode last, or in its place when the record has one', () => {
    expect(Object.entries(withResultCode({ b: 1, a: [2] }, 'Created'))).toEqual([['b', 1], ['a', [2]], ['ResultCode', 'Created']]);
    expect(Object.entries(withResultCode({ ResultCode: 'x', a: 1 }, 'Updated'))).toEqual([['ResultCode', 'Updated'], ['a', 1]]);
    expect(withResultCode('text', 'Invalid record')).toEqual({ Record: 'text', ResultCode: 'Invalid record' });
  });

  it('keeps a member named __proto__ as a member', () => {
    const record = JSON.parse('{"__proto__": {"polluted": true}, "Id": "P1"}') as Value;
    const out = withResultCode(record, 'Created');
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(Object.keys(out)).toEqual(['__proto__', 'Id', 'ResultCode']);
    expect((out as Record<string, unknown>).polluted).toBeUndefined();
  });
});
