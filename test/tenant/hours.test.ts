import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { evaluateHours, inWeek, nextWeekChangeMs } from '../../src/tenant/hours/evaluate.js';
import { findProfile, HOURS_COLLECTION, type HoursProfileRecord } from '../../src/tenant/hours/profile.js';
import { toProfileRecord, type HoursProfileInput } from '../../src/tenant/sections/hours.js';
import { checkTenantText, loadTenant } from '../../src/tenant/tenant.js';

const ZONE = 'America/Denver';
const at = (local: string, zone = ZONE) => DateTime.fromISO(local, { zone }).toMillis();

const MAIN: HoursProfileInput = {
  id: 101,
  name: 'Main Hours',
  days: {
    Monday: { open: '08:00', close: '17:00' },
    Tuesday: { open: '08:00', close: '12:00', additionalOpen: '13:00', additionalClose: '17:00' },
    Wednesday: { open: '08:00', close: '17:00' },
    Thursday: { open: '08:00', close: '17:00' },
    Friday: { open: '08:00', close: '24:00' },
    Saturday: { closedAllDay: true },
    Sunday: { open: '01:00', close: '04:00' },
  },
  holidays: [
    { name: 'Christmas Day', date: '2026-12-25' },
    { name: 'Christmas Eve', date: '2026-12-24', open: '08:00', close: '12:00' },
  ],
};
const main = toProfileRecord(MAIN, ZONE);
const branchAt = (p: HoursProfileRecord, local: string) => evaluateHours(p, at(local), ZONE).branch;

describe('evaluateHours', () => {
  it.each([
    ['Monday inside', '2026-12-07T09:30', 'OnOpen'],
    ['Monday before opening', '2026-12-07T07:59:59', 'OnClosed'],
    ['Monday opening minute', '2026-12-07T08:00', 'OnOpen'],
    ['Monday last second', '2026-12-07T16:59:59', 'OnOpen'],
    ['Monday closing minute', '2026-12-07T17:00', 'OnClosed'],
    ['Tuesday midday closure', '2026-12-08T12:30', 'OnClosed'],
    ['Tuesday additional hours', '2026-12-08T13:00', 'OnOpen'],
    ['Friday until midnight', '2026-12-11T23:59:59', 'OnOpen'],
    ['Saturday closed all day', '2026-12-12T10:00', 'OnClosed'],
    ['holiday closed all day', '2026-12-25T10:00', 'OnHoliday'],
    ['holiday inside its own hours', '2026-12-24T09:00', 'OnOpen'],
    ['holiday outside its own hours', '2026-12-24T13:00', 'OnHoliday'],
  ])('%s', (_name, local, branch) => {
    expect(branchAt(main, local)).toBe(branch);
  });

  it('explains its verdict', () => {
    expect(evaluateHours(main, at('2026-12-08T12:30'), ZONE).reason).toBe('Tuesday, closed (hours 08:00–12:00, 13:00–17:00)');
    expect(evaluateHours(main, at('2026-12-24T13:00'), ZONE).reason).toBe('holiday Christmas Eve, outside its hours 08:00–12:00');
    expect(evaluateHours(main, at('2026-12-12T10:00'), ZONE).reason).toBe('Saturday, closed all day');
  });

  it('judges in the business unit zone, not UTC', () => {
    // 16:30 UTC on a Monday is 09:30 in Denver: open; 01:00 UTC Tuesday is 18:00 Monday in Denver: closed.
    expect(evaluateHours(main, Date.parse('2026-12-07T16:30:00Z'), ZONE).branch).toBe('OnOpen');
    expect(evaluateHours(main, Date.parse('2026-12-08T01:00:00Z'), ZONE).branch).toBe('OnClosed');
  });

  it('keeps wall-clock hours on DST change days', () => {
    // 2026-03-08: Denver springs forward at 02:00 (02:00–02:59 do not exist). Sunday 01:00–04:00.
    expect(branchAt(main, '2026-03-08T03:30')).toBe('OnOpen');
    expect(branchAt(main, '2026-03-08T04:00')).toBe('OnClosed');
    // Monday after the change: 08:00 local is 14:00 UTC (15:00 UTC the Monday before).
    expect(evaluateHours(main, Date.parse('2026-03-09T14:00:00Z'), ZONE).branch).toBe('OnOpen');
    expect(evaluateHours(main, Date.parse('2026-03-02T14:00:00Z'), ZONE).branch).toBe('OnClosed');
    // 2026-11-01: falls back at 02:00; 01:30 happens twice and both are inside 01:00–04:00.
    expect(evaluateHours(main, Date.parse('2026-11-01T07:30:00Z'), ZONE).branch).toBe('OnOpen');
    expect(evaluateHours(main, Date.parse('2026-11-01T08:30:00Z'), ZONE).branch).toBe('OnOpen');
    expect(evaluateHours(main, Date.parse('2026-11-01T11:00:00Z'), ZONE).branch).toBe('OnClosed'); // 04:00 MST
  });

  it('an override wins over holidays and hours until it expires', () => {
    const p = toProfileRecord({ ...MAIN, override: { branch: 'Weather', expires: '2026-12-25T12:00' } }, ZONE);
    expect(branchAt(p, '2026-12-07T09:00')).toBe('OnWeather');
    expect(branchAt(p, '2026-12-25T11:59:59')).toBe('OnWeather');
    expect(branchAt(p, '2026-12-25T12:00')).toBe('OnHoliday');
    expect(evaluateHours(p, at('2026-12-07T09:00'), ZONE).reason).toBe('override Weather (until 2026-12-25 12:00)');
    for (const branch of ['Meeting', 'Emergency', 'Other'] as const)
      expect(branchAt(toProfileRecord({ ...MAIN, override: { branch } }, ZONE), '2030-01-01T00:00')).toBe(`On${branch}`);
  });

  it('an override expiry with its own offset is an instant', () => {
    const p = toProfileRecord({ ...MAIN, override: { branch: 'Meeting', expires: '2026-12-07T16:00:00Z' } }, ZONE);
    expect(branchAt(p, '2026-12-07T08:59:59')).toBe('OnMeeting');
    expect(branchAt(p, '2026-12-07T09:00')).toBe('OnOpen');
  });

  it('a day not listed is closed', () => {
    const p = toProfileRecord({ name: 'Weekdays', days: { Monday: { open: '09:00', close: '10:00' } } }, ZONE);
    expect(branchAt(p, '2026-12-08T09:30')).toBe('OnClosed');
  });

  it('finds a profile by id or name', () => {
    expect(findProfile([main], '101')?.name).toBe('Main Hours');
    expect(findProfile([main], ' main HOURS ')?.id).toBe(101);
    expect(findProfile([main], 'Other')).toBeUndefined();
  });
});

describe('weekly windows', () => {
  const week = main.week;
  it('finds the next change, across days and DST', () => {
    const iso = (ms: number | null) => (ms === null ? null : DateTime.fromMillis(ms, { zone: ZONE }).toISO({ suppressMilliseconds: true }));
    expect(iso(nextWeekChangeMs(week, at('2026-12-07T09:00'), ZONE))).toBe('2026-12-07T17:00:00-07:00');
    expect(iso(nextWeekChangeMs(week, at('2026-12-07T18:00'), ZONE))).toBe('2026-12-08T08:00:00-07:00');
    expect(iso(nextWeekChangeMs(week, at('2026-12-11T20:00'), ZONE))).toBe('2026-12-12T00:00:00-07:00');
    expect(iso(nextWeekChangeMs(week, at('2026-12-12T10:00'), ZONE))).toBe('2026-12-13T01:00:00-07:00');
    expect(iso(nextWeekChangeMs(week, at('2026-03-08T01:30'), ZONE))).toBe('2026-03-08T04:00:00-06:00');
    expect(nextWeekChangeMs([[], [], [], [], [], [], []], at('2026-12-07T09:00'), ZONE)).toBeNull();
    const always = Array.from({ length: 7 }, () => [{ open: 0, close: 86_400 }]);
    expect(nextWeekChangeMs(always, at('2026-12-07T09:00'), ZONE)).toBeNull();
    expect(inWeek(always, at('2026-03-08T02:30'), ZONE)).toBe(true);
  });
});

describe('hoursOfOperation in the tenant file', () => {
  const errors = (text: string) => checkTenantText(`timeZone: America/Denver\n${text}`, 'tenant.yaml').diagnostics.filter((d) => d.severity === 'error');
  const cases: [string, string, RegExp, [number, number]][] = [
    ['bad time', 'hoursOfOperation:\n  - name: A\n    days: { Monday: { open: "8am", close: "17:00" } }\n', /HH:MM/, [4, 29]],
    ['unknown weekday with hint', 'hoursOfOperation:\n  - name: A\n    days: { Munday: { closedAllDay: true } }\n', /did you mean "Monday"/, [4, 13]],
    ['closes before it opens', 'hoursOfOperation:\n  - name: A\n    days:\n      Monday: { open: "17:00", close: "08:00" }\n', /closes at 08:00, not after it opens at 17:00/, [5, 32]],
    ['24:00 as an opening time', 'hoursOfOperation:\n  - name: A\n    days:\n      Monday: { open: "24:00", close: "24:00" }\n', /only a closing time/, [5, 17]],
    ['open without close', 'hoursOfOperation:\n  - name: A\n    days:\n      Monday: { open: "08:00" }\n', /close is missing/, [5, 17]],
    ['empty day', 'hoursOfOperation:\n  - name: A\n    days:\n      Monday: {}\n', /needs open and close times, or closedAllDay/, [5, 15]],
    ['closed with hours', 'hoursOfOperation:\n  - name: A\n    days:\n      Monday: { open: "08:00", close: "09:00", closedAllDay: true }\n', /cannot be combined/, [5, 48]],
    ['overlapping additional hours', 'hoursOfOperation:\n  - name: A\n    days:\n      Monday: { open: "08:00", close: "12:00", additionalOpen: "11:00", additionalClose: "17:00" }\n', /before the first hours close/, [5, 48]],
    ['not a calendar date', 'hoursOfOperation:\n  - name: A\n    holidays: [ { name: X, date: "2026-02-30" } ]\n', /not a calendar date/, [4, 34]],
    ['duplicate holiday date', 'hoursOfOperation:\n  - name: A\n    holidays:\n      - { name: X, date: "2026-12-25" }\n      - { name: Y, date: "2026-12-25" }\n', /already the date of X/, [6, 26]],
    ['bad override branch', 'hoursOfOperation:\n  - name: A\n    override: { branch: Snow }\n', /one of Weather, Meeting, Emergency, Other/, [4, 25]],
    ['bad override expiry', 'hoursOfOperation:\n  - name: A\n    override: { branch: Other, expires: tomorrow }\n', /not a date and time/, [4, 41]],
    ['duplicate profile name', 'hoursOfOperation:\n  - { name: A }\n  - { name: a }\n', /already used by hoursOfOperation\[0\]/, [4, 13]],
    ['unknown skill', 'hoursOfOperation:\n  - { name: A, skills: [42] }\n', /skill 42 is not declared/, [3, 25]],
    ['skill in two profiles', 'skills: [ { id: 5, name: S5 } ]\nhoursOfOperation:\n  - { name: A, skills: [5] }\n  - { name: B, skills: [5] }\n', /already belongs to A/, [5, 25]],
  ];
  it.each(cases)('%s', (_name, text, message, [line, col]) => {
    const ds = errors(text);
    const match = ds.find((d) => message.test(d.message));
    expect(match, ds.map((d) => `${d.span.line}:${d.span.col} ${d.message}`).join('\n')).toBeDefined();
    expect([match!.span.line, match!.span.col]).toEqual([line, col]);
  });

  it('loads into both stores and replaces what an earlier load left', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hours-'));
    const file = join(dir, 'tenant.yaml');
    const state = join(dir, 'state.db');
    const yaml = (name: string) =>
      `timeZone: America/Denver\nskills: [ { id: 5, name: S5 } ]\nhoursOfOperation:\n  - name: ${name}\n    id: 7\n    days: { Monday: { open: "08:00", close: "17:00" } }\n    holidays: [ { name: New Year, date: "2027-01-01" } ]\n    override: { branch: Emergency, expires: "2026-12-07T12:00" }\n    skills: [5]\n`;
    writeFileSync(file, yaml('Main'));
    for (const opts of [{}, { state }]) {
      const t = await loadTenant(file, opts);
      const rec = t.store.collection<HoursProfileRecord>(HOURS_COLLECTION).get('main');
      expect(rec).toMatchObject({ id: 7, name: 'Main', holidays: [{ name: 'New Year', date: '2027-01-01', windows: [] }], skills: [5] });
      expect(rec!.override).toEqual({ branch: 'Emergency', expiresMs: at('2026-12-07T12:00') });
      expect(rec!.week[0]).toEqual([{ open: 8 * 3600, close: 17 * 3600 }]);
      t.close();
    }
    writeFileSync(file, yaml('Renamed'));
    const t = await loadTenant(file, { state });
    expect(t.store.collection<HoursProfileRecord>(HOURS_COLLECTION).all().map((p) => p.name)).toEqual(['Renamed']);
    t.close();
  });
});
