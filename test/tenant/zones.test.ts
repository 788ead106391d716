import { describe, expect, it } from 'vitest';
import { normalizePhone } from '../../src/tenant/phones.js';
import { resolveZoneName, zoneFromNorthAmericanNumber } from '../../src/tenant/zones.js';
import { WINDOWS_ZONES } from '../../src/tenant/data/windows-zones.generated.js';

describe('zone names', () => {
  const cases: [string, string | null][] = [
    ['America/Denver', 'America/Denver'],
    ['america/denver', 'America/Denver'],
    ['UTC', 'UTC'],
    ['Eastern Standard Time', 'America/New_York'],
    ['pacific standard time', 'America/Los_Angeles'],
    ['US Mountain Standard Time', 'America/Phoenix'],
    ['Mars/Olympus', null],
    ['EST5', null],
    ['', null],
  ];
  it.each(cases)('%s', (name, zone) => expect(resolveZoneName(name)).toBe(zone));
  it('has the CLDR table of Windows names', () => expect(Object.keys(WINDOWS_ZONES).length).toBeGreaterThan(100));
});

describe('area codes', () => {
  const cases: [string, ReturnType<typeof zoneFromNorthAmericanNumber>][] = [
    ['3035550100', { zone: 'America/Denver' }],
    ['2125550100', { zone: 'America/New_York' }],
    ['4155550100', { zone: 'America/Los_Angeles' }],
    ['6045550100', { zone: 'America/Vancouver' }],
    ['2083255555', { ambiguous: ['America/Boise', 'America/Los_Angeles'] }],
    ['8005550100', null],
    ['8885550100', null],
  ];
  it.each(cases)('%s', (national, expected) => expect(zoneFromNorthAmericanNumber(national)).toEqual(expected));
});

describe('phone numbers', () => {
  const cases: [string, string | null][] = [
    ['(303) 555-0100', '+13035550100'],
    ['303.555.0100', '+13035550100'],
    ['+1 303 555 0100', '+13035550100'],
    ['1-303-555-0100', '+13035550100'],
    ['+44 20 7946 0958', '+442079460958'],
    ['555-0100', null],
    ['12', null],
    ['not a phone', null],
    ['', null],
  ];
  it.each(cases)('%s', (raw, e164) => expect(normalizePhone(raw)?.e164 ?? null).toBe(e164));
});

describe('area codes spanning several zones', () => {
  it('take the westernmost zone at that instant', async () => {
    const { westernmostZone } = await import('../../src/tenant/zones.js');
    const winter = Date.parse('2026-01-15T12:00:00Z');
    const summer = Date.parse('2026-07-15T12:00:00Z');
    expect(westernmostZone(['America/Denver', 'America/Phoenix'], winter)).toBe('America/Denver');
    expect(westernmostZone(['America/Denver', 'America/Phoenix'], summer)).toBe('America/Phoenix');
    expect(westernmostZone(['America/Boise', 'America/Los_Angeles'], winter)).toBe('America/Los_Angeles');
  });
});

describe('NANP numbers validated per area code and exchange', () => {
  it('agree with libphonenumber on every number of a sample', async () => {
    const { parsePhoneNumberFromString } = await import('libphonenumber-js/max');
    // A fixed pseudo-random sample (deterministic) of prefixes and line numbers.
    let seed = 12345;
    const next = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
    for (let k = 0; k < 3000; k++) {
      const national = `${200 + next(800)}${200 + next(800)}${String(next(10000)).padStart(4, '0')}`;
      const direct = parsePhoneNumberFromString(`+1${national}`);
      const expected = direct && direct.isValid() ? direct.number : null;
      expect(normalizePhone(`(${national.slice(0, 3)}) ${national.slice(3, 6)}-${national.slice(6)}`)?.e164 ?? null).toBe(expected);
    }
  });
});

describe('the NPA-NXX table', () => {
  it('was built from the installed libphonenumber-js', async () => {
    const { NANP_SOURCE } = await import('../../src/tenant/data/nanp.generated.js');
    const { createRequire } = await import('node:module');
    const version = createRequire(import.meta.url)('libphonenumber-js/package.json').version as string;
    // After upgrading libphonenumber-js, `npm run build` rebuilds the table (and this file must be committed).
    expect(NANP_SOURCE).toContain(`libphonenumber-js@${version};`);
  });

  it('places every area code and exchange in the zone of its longest area-code prefix', async () => {
    const { AREA_CODE_TABLE } = await import('../../src/tenant/data/area-codes.generated.js');
    const prefixes = new Map(AREA_CODE_TABLE.split(';').map((e) => e.split('=') as [string, string]));
    for (let npa = 200; npa <= 999; npa++)
      for (let nxx = 200; nxx <= 999; nxx++) {
        const national = `${npa}${nxx}1234`;
        let zones: string | undefined;
        for (let len = 6; len >= 3 && zones === undefined; len--) zones = prefixes.get(national.slice(0, len));
        const expected = zones === undefined ? null : zones.includes('|') ? { ambiguous: zones.split('|') } : { zone: zones };
        const got = zoneFromNorthAmericanNumber(national);
        if (JSON.stringify(got) !== JSON.stringify(expected)) expect({ national, got }).toEqual({ national, got: expected });
      }
  });

  it('agrees with libphonenumber on numbers written in every usual way, and on other countries', async () => {
    const { parsePhoneNumberFromString } = await import('libphonenumber-js/max');
    let seed = 98765;
    const next = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
    const spellings = [
      (n: string) => `(${n.slice(0, 3)}) ${n.slice(3, 6)}-${n.slice(6)}`,
      (n: string) => `${n.slice(0, 3)}.${n.slice(3, 6)}.${n.slice(6)}`,
      (n: string) => `+1 ${n.slice(0, 3)} ${n.slice(3, 6)} ${n.slice(6)}`,
      (n: string) => `1${n}`,
      (n: string) => `+1${n}`,
      (n: string) => `\u00a0${n.slice(0, 3)}\t${n.slice(3)}`,
    ];
    for (let k = 0; k < 2000; k++) {
      const national = `${next(1000)}`.padStart(3, '0') + `${next(1000)}`.padStart(3, '0') + `${next(10000)}`.padStart(4, '0');
      const direct = parsePhoneNumberFromString(national, 'US');
      const expected = direct && direct.isValid() ? { e164: direct.number, country: direct.country } : null;
      for (const spell of spellings) {
        const got = normalizePhone(spell(national));
        expect(got && { e164: got.e164, country: got.country }, spell(national)).toEqual(expected);
      }
    }
    for (const raw of ['+44 20 7946 0958', '+49 30 901820', '+52 55 1234 5678', '+61 2 9374 4000', '+1 876 555 0100', '+33 1 23 45 67 89']) {
      const direct = parsePhoneNumberFromString(raw, 'US');
      expect(normalizePhone(raw)?.e164 ?? null, raw).toBe(direct && direct.isValid() ? direct.number : null);
    }
  });
});
