// Dates are written in Studio's text form by hand from the zone's cached
// offset; luxon's toFormat is the reference: they agree on every instant, in
// zones with whole-hour, half-hour and 45-minute offsets, across daylight
// saving changes, and for all three parts of a date value. Parsing what was
// written gives the instant back (to the second).
import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { DateValue, type DatePart } from '../../src/contract/value.js';
import { formatDate, parseDate } from '../../src/snippet/dates.js';

const ZONES = ['UTC', 'America/Denver', 'America/New_York', 'America/St_Johns', 'Asia/Kathmandu', 'Australia/Lord_Howe', 'Europe/London', 'Pacific/Chatham', 'Asia/Kolkata'];
const FORMS: Record<DatePart, string> = { datetime: 'MM/dd/yyyy hh:mm:ss a', date: 'MM/dd/yyyy', time: 'hh:mm:ss a' };

const reference = (d: DateValue): string => DateTime.fromMillis(d.epochMs, { zone: d.zone, locale: 'en-US' }).toFormat(FORMS[d.part]);

describe("Studio's text form of a date", () => {
  it('is what luxon writes, at any instant, in any zone, for every part', () => {
    fc.assert(
      fc.property(
        // 1000-01-02 to 9999-12-30, and a dense stretch around daylight saving changes.
        fc.oneof(fc.integer({ min: -30_610_000_000_000, max: 253_402_000_000_000 }), fc.integer({ min: 1_772_000_000_000, max: 1_800_000_000_000 })),
        fc.constantFrom(...ZONES),
        fc.constantFrom<DatePart>('datetime', 'date', 'time'),
        (ms, zone, part) => {
          const d = new DateValue(ms, zone, part);
          expect(formatDate(d)).toBe(reference(d));
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('is what luxon writes on both sides of a daylight saving change, minute by minute', () => {
    for (const [zone, iso] of [
      ['America/Denver', '2026-03-08T01:30:00'],
      ['America/Denver', '2026-11-01T00:30:00'],
      ['Australia/Lord_Howe', '2026-04-05T01:00:00'],
      ['Europe/London', '2026-10-25T00:30:00'],
    ] as const) {
      const start = DateTime.fromISO(iso, { zone }).toMillis();
      for (let m = 0; m < 150; m++) {
        const d = new DateValue(start + m * 60_000 + 7_000, zone);
        expect(formatDate(d)).toBe(reference(d));
      }
    }
  });

  it('falls back to luxon for what it cannot write by hand, and reads back as the same instant', () => {
    // Local mean time (an offset in seconds) and a year before 1000.
    for (const d of [new DateValue(Date.UTC(1880, 5, 1, 12), 'America/Denver'), new DateValue(Date.UTC(999, 0, 1, 12), 'UTC'), new DateValue(Number.NaN, 'UTC')])
      expect(formatDate(d)).toBe(DateTime.fromMillis(d.epochMs, { zone: d.zone, locale: 'en-US' }).isValid ? reference(d) : '');
    const d = new DateValue(Date.UTC(2026, 10, 21, 19, 5, 9), 'America/Denver');
    expect(formatDate(d)).toBe('11/21/2026 12:05:09 PM');
    expect(parseDate(formatDate(d), 'America/Denver')?.epochMs).toBe(d.epochMs);
  });
});
