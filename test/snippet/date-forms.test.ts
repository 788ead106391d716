// Date inputs are read by trying forms in turn, the one that matched last
// first (a script or list reads its dates in one form). That is only the same
// as trying them in order because every form a text matches reads it as the
// same instant: checked here on samples of every form, for the snippet
// language and for tenant records.
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
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
