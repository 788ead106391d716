// The runtime writes instants (results, transcripts, trace events) with its
// own ISO formatter over cached zone offsets: it must write exactly what
// luxon writes, including across daylight-saving changes and in zones whose
// offsets are not whole hours.
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { isoAt } from '../../src/snippet/wall-time.js';

// 'utc', 'GMT' and 'gmt' are luxon's fixed UTC zone too (written Z), 'Etc/UTC' and 'Etc/GMT' IANA zones (+00:00).
const ZONES = ['UTC', 'utc', 'GMT', 'gmt', 'Etc/UTC', 'Etc/GMT', 'America/Denver', 'Europe/London', 'Asia/Kolkata', 'Asia/Kathmandu', 'America/St_Johns', 'Australia/Lord_Howe', 'Pacific/Chatham', 'America/Sao_Paulo'];
const luxon = (ms: number, zone: string): string => DateTime.fromMillis(ms, { zone }).toISO()!;

describe('isoAt', () => {
  it('writes what luxon writes, every few minutes around the daylight-saving changes of 2026', () => {
    const changes = [Date.UTC(2026, 2, 8, 9), Date.UTC(2026, 10, 1, 8), Date.UTC(2026, 2, 29, 1), Date.UTC(2026, 9, 25, 1), Date.UTC(2026, 3, 5, 15), Date.UTC(2026, 8, 27, 14)];
    for (const zone of ZONES)
      for (const at of changes)
        for (let ms = at - 3 * 3_600_000; ms <= at + 3 * 3_600_000; ms += 7 * 60_000 + 1_001) {
          expect(isoAt(ms, zone)).toBe(luxon(ms, zone));
          expect(isoAt(ms, zone)).toBe(luxon(ms, zone)); // the second time from the cache
        }
  });

  it('writes what luxon writes at instants spread over two centuries', () => {
    let ms = Date.UTC(1905, 0, 1);
    const end = Date.UTC(2100, 0, 1);
    const step = Math.floor((end - ms) / 800) + 12_345;
    for (; ms < end; ms += step) for (const zone of ZONES) expect(isoAt(ms, zone)).toBe(luxon(ms, zone));
  });

  it('falls back to luxon for offsets in seconds (local mean time) and five-digit years', () => {
    const lmt = Date.UTC(1880, 0, 1);
    expect(isoAt(lmt, 'America/Denver')).toBe(luxon(lmt, 'America/Denver'));
    const far = Date.UTC(12000, 0, 1);
    expect(isoAt(far, 'UTC')).toBe(luxon(far, 'UTC'));
  });
});
