// Date inputs are read by trying forms in turn, the one that matched last
// first (a script or list reads its dates in one form). That is only the same
// as trying them in order because every form a text matches reads it as the
// same instant: checked here on samples of every form, for the snippet
// language and for tenant records. Both read with parsers built once
// (DateForms): generated texts read the same as with DateTime.fromFormat,
// which builds a parser for every text.
import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { DateValue } from '../../src/contract/value.js';
import { FORMATS, parseDate } from '../../src/snippet/dates.js';
import { DATE_FORMATS, parseDateValue } from '../../src/tenant/values.js';

const instants = ['2026-01-05T09:07:03', '2026-11-21T21:45:00', '2027-12-31T00:00:59'].map((s) => DateTime.fromISO(s, { zone: 'UTC', locale: 'en-US' }));

function agree(forms: readonly string[], partOf: (fmt: string) => string = () => 'datetime'): void {
  for (const fmt of forms)
    for (const dt of instants) {
      const text = dt.toFormat(fmt);
      const readings = forms
        .map((other) => [other, DateTime.fromFormat(text, other, { zone: 'UTC', locale: 'en-US' })] as const)
        .filter(([, d]) => d.isValid)
        .map(([other, d]) => `${d.toISO()} ${partOf(other)}`);
      expect(new Set(readings).size, `"${text}" (${fmt}): ${readings.join(', ')}`).toBe(1);
    }
}

describe('date input forms', () => {
  it('of the snippet language: every form a text matches reads the same instant', () => agree(FORMATS.map((f) => f.fmt), (fmt) => FORMATS.find((f) => f.fmt === fmt)!.part));
  it('of tenant records: every form a text matches reads the same instant', () => agree(DATE_FORMATS));

  it('read the same whatever form was read before', () => {
    const texts = ['11/21/2026 9:45 PM', '2026-11-21 21:45', '21:45', '11/21/26', '2026/11/21', 'not a date', '2026-11-21T21:45:00Z'];
    const once = texts.map((t) => parseDate(t, 'America/Denver')?.epochMs ?? null);
    for (const first of texts) {
      parseDate(first, 'America/Denver');
      expect(texts.map((t) => parseDate(t, 'America/Denver')?.epochMs ?? null)).toEqual(once);
    }
    const tenantTexts = ['11/21/2026 9:45 PM', '11/21/2026', '2026-11-21 21:45', 'someday'];
    const read = tenantTexts.map((t) => parseDateValue(t, 'UTC'));
    for (const first of tenantTexts) {
      parseDateValue(first, 'UTC');
      expect(tenantTexts.map((t) => parseDateValue(t, 'UTC'))).toEqual(read);
    }
  });
});

/** The reading of the forms before DateForms: DateTime.fromFormat with each form in order, the first valid one. */
function byFromFormat(text: string, forms: readonly string[], zone: string, locale?: string): { dt: DateTime; form: number } | undefined {
  for (let i = 0; i < forms.length; i++) {
    const dt = DateTime.fromFormat(text, forms[i]!, locale === undefined ? { zone } : { zone, locale });
    if (dt.isValid) return { dt, form: i };
  }
  return undefined;
}

/** The tenant's reading before DateForms (ISO first; a date alone is the end of its day). */
function tenantReference(text: string, zone: string): number | null {
  const t = text.trim();
  if (!t) return null;
  const dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(t) || /^\d{1,2}\/\d{1,2}\/\d{4}$/.test(t);
  let dt: DateTime = DateTime.fromISO(t, { zone, setZone: true });
  if (!dt.isValid) dt = byFromFormat(t, DATE_FORMATS, zone)?.dt ?? dt;
  if (!dt.isValid) return null;
  return (dateOnly ? dt.endOf('day') : dt).toMillis();
}

/** The snippet's reading before DateForms. */
function snippetReference(text: string, zone: string): DateValue | null {
  const t = text.trim().replace(/\s+/g, ' ');
  if (t === '') return null;
  if (/^\d{4}-\d{2}/.test(t)) {
    const iso = DateTime.fromISO(t, { zone, setZone: false });
    if (iso.isValid) return new DateValue(iso.toMillis(), zone);
  }
  const read = byFromFormat(t, FORMATS.map((f) => f.fmt), zone, 'en-US');
  if (!read) return null;
  const { part } = FORMATS[read.form]!;
  if (part === 'time') {
    const dt = read.dt;
    const onDayZero = DateTime.fromObject({ year: 1899, month: 12, day: 30, hour: dt.hour, minute: dt.minute, second: dt.second }, { zone });
    return new DateValue(onDayZero.toMillis(), zone, 'time');
  }
  return new DateValue(read.dt.toMillis(), zone, part);
}

const ZONES = ['UTC', 'America/Denver', 'America/New_York', 'America/St_Johns', 'Asia/Kathmandu', 'Australia/Lord_Howe', 'Europe/London', 'Pacific/Chatham'];

/** Date texts: every form of both lists written from instants (daylight saving changes included), mangled now and then. */
const dateText = fc
  .tuple(
    fc.oneof(fc.integer({ min: -2_000_000_000_000, max: 4_000_000_000_000 }), fc.integer({ min: 1_772_000_000_000, max: 1_800_000_000_000 })),
    fc.constantFrom(...new Set([...DATE_FORMATS, ...FORMATS.map((f) => f.fmt), "yyyy-MM-dd'T'HH:mm:ss", 'yyyy-MM-dd', 'MM/dd/yyyy hh:mm:ss a', 'd/M/yy'])),
    fc.constantFrom('', ' ', 'x', '0', ' PM', ':00', '  '),
    fc.nat(3),
  )
  .map(([ms, fmt, noise, where]) => {
    const text = DateTime.fromMillis(ms, { zone: 'UTC', locale: 'en-US' }).toFormat(fmt);
    if (where === 0) return text + noise;
    if (where === 1) return noise + text;
    if (where === 2) return text.replace(/:/, noise === '' ? ':' : noise);
    return text;
  });

describe('date forms read with parsers built once', () => {
  it('tenant records read as DateTime.fromFormat read them, whatever was read before', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(dateText, fc.constantFrom(...ZONES)), { minLength: 1, maxLength: 6 }), (texts) => {
        for (const [text, zone] of texts) expect(parseDateValue(text, zone), `${text} in ${zone}`).toBe(tenantReference(text, zone));
      }),
      { numRuns: 1500 },
    );
  });

  it("Studio's own form reads as luxon reads it, minute by minute across daylight saving changes (gaps and repeated hours)", () => {
    for (const [zone, day] of [
      ['America/Denver', '2026-03-08'],
      ['America/Denver', '2026-11-01'],
      ['Europe/London', '2026-03-29'],
      ['Europe/London', '2026-10-25'],
      ['Australia/Lord_Howe', '2026-04-05'],
      ['Australia/Lord_Howe', '2026-10-04'],
      ['America/St_Johns', '2026-11-01'],
      ['America/Havana', '2026-03-08'],
      ['America/Santiago', '2026-09-06'],
    ] as const) {
      const midnight = DateTime.fromISO(`${day}T00:00:00`, { zone: 'UTC' });
      for (let minute = -60; minute <= 5 * 60; minute += 7) {
        const text = midnight.plus({ minutes: minute, seconds: minute % 60 }).toFormat('MM/dd/yyyy hh:mm:ss a', { locale: 'en-US' });
        expect(parseDate(text, zone)?.epochMs, `${text} in ${zone}`).toBe(snippetReference(text, zone)?.epochMs);
      }
    }
  });

  it('snippet dates read as DateTime.fromFormat read them, whatever was read before', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(dateText, fc.constantFrom(...ZONES)), { minLength: 1, maxLength: 6 }), (texts) => {
        for (const [text, zone] of texts) {
          const got = parseDate(text, zone);
          const want = snippetReference(text, zone);
          expect(got && { ms: got.epochMs, part: got.part, zone: got.zone }, `${text} in ${zone}`).toEqual(want && { ms: want.epochMs, part: want.part, zone: want.zone });
        }
      }),
      { numRuns: 1500 },
    );
  });
});
