// What an hours-of-operation profile says at an instant, on the virtual
// clock, in the business unit's zone: the HOURS branch and a one-line reason.
// Windows are compared in local wall time, so a DST change day keeps its
// printed hours. Precedence (an emulator decision, docs/routing.md): an active
// override, then a holiday dated today, then the weekday's windows.
import type { DateTime } from 'luxon';
import { luxon } from '../../deps.js';
import { formatTimeOfDay, type HoursProfileRecord, type OpenWindow } from './profile.js';

export type HoursBranch = 'OnOpen' | 'OnClosed' | 'OnHoliday' | 'OnWeather' | 'OnMeeting' | 'OnEmergency' | 'OnOther';

export interface HoursVerdict {
  branch: HoursBranch;
  /** Why, for traces and test failures: `Tuesday, open 08:00–17:00`. */
  reason: string;
}

/** Local wall-clock facts of an instant. */
interface Local {
  date: string;
  /** 0 = Monday … 6 = Sunday. */
  weekday: number;
  seconds: number;
  name: string;
}

function local(ms: number, zone: string): Local {
  const dt = luxon().DateTime.fromMillis(ms, { zone });
  return { date: dt.toISODate()!, weekday: dt.weekday - 1, seconds: dt.hour * 3600 + dt.minute * 60 + dt.second, name: dt.weekdayLong ?? '' };
}

const inside = (windows: readonly OpenWindow[], seconds: number) => windows.some((w) => seconds >= w.open && seconds < w.close);
const describe = (windows: readonly OpenWindow[]) => windows.map((w) => `${formatTimeOfDay(w.open)}–${formatTimeOfDay(w.close)}`).join(', ');

export function evaluateHours(profile: HoursProfileRecord, ms: number, zone: string): HoursVerdict {
  const o = profile.override;
  if (o && (o.expiresMs === null || ms < o.expiresMs)) {
    const until = o.expiresMs === null ? 'until turned off' : `until ${luxon().DateTime.fromMillis(o.expiresMs, { zone }).toFormat('yyyy-MM-dd HH:mm')}`;
    return { branch: `On${o.branch}`, reason: `override ${o.branch} (${until})` };
  }
  const now = local(ms, zone);
  const holiday = profile.holidays.find((h) => h.date === now.date);
  if (holiday) {
    if (holiday.windows.length === 0) return { branch: 'OnHoliday', reason: `holiday ${holiday.name} (closed all day)` };
    return inside(holiday.windows, now.seconds)
      ? { branch: 'OnOpen', reason: `holiday ${holiday.name}, open ${describe(holiday.windows)}` }
      : { branch: 'OnHoliday', reason: `holiday ${holiday.name}, outside its hours ${describe(holiday.windows)}` };
  }
  const windows = profile.week[now.weekday] ?? [];
  if (windows.length === 0) return { branch: 'OnClosed', reason: `${now.name}, closed all day` };
  return inside(windows, now.seconds)
    ? { branch: 'OnOpen', reason: `${now.name}, open ${describe(windows)}` }
    : { branch: 'OnClosed', reason: `${now.name}, closed (hours ${describe(windows)})` };
}

/** True when `ms` falls inside the weekly windows (index 0 = Monday). */
export function inWeek(week: readonly (readonly OpenWindow[])[], ms: number, zone: string): boolean {
  const now = local(ms, zone);
  return inside(week[now.weekday] ?? [], now.seconds);
}

/**
 * The first instant after `ms` at which `inWeek` changes, or null when it
 * never does (a week with no windows, or open around the clock). A wall time
 * that a DST change skips maps to the instant after the gap.
 */
export function nextWeekChangeMs(week: readonly (readonly OpenWindow[])[], ms: number, zone: string): number | null {
  const start = luxon().DateTime.fromMillis(ms, { zone }).startOf('day');
  const state = inWeek(week, ms, zone);
  for (let d = 0; d <= 8; d++) {
    const day = start.plus({ days: d });
    const windows = week[day.weekday - 1] ?? [];
    const edges = windows.flatMap((w) => [w.open, w.close]).sort((a, b) => a - b);
    for (const edge of edges) {
      const t = windowEdgeMs(day, edge, zone);
      if (t > ms && inWeek(week, t, zone) !== state) return t;
    }
  }
  return null;
}

/**
 * The instant of a window's edge (`edge` seconds after local midnight, up to
 * 24:00) on the local day that starts at `day`. 24:00 is the next midnight,
 * which is not always 24 hours after this one; a wall time a DST change skips
 * maps to the instant after the gap.
 */
export function windowEdgeMs(day: DateTime, edge: number, zone: string): number {
  if (edge >= 86_400) return day.plus({ days: 1 }).startOf('day').toMillis();
  return luxon()
    .DateTime.fromObject({ year: day.year, month: day.month, day: day.day, hour: Math.floor(edge / 3600), minute: Math.floor((edge % 3600) / 60), second: edge % 60 }, { zone })
    .toMillis();
}
