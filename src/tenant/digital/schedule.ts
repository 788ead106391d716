// When a closed hours profile opens next, so an outbound digital skill's
// sender waits for that instant instead of looking at its schedule every
// minute (a background process is never due just to poll). The profile can
// only change its verdict at an override's expiry, a local midnight (a
// holiday's date) or a window's edge, so those instants are the candidates,
// each checked with evaluateHours itself.
import { luxon } from '../../deps.js';
import { evaluateHours, windowEdgeMs } from '../hours/evaluate.js';
import type { HoursProfileRecord, OpenWindow } from '../hours/profile.js';

/** The first instant in (fromMs, untilMs] at which `profile` is open (`OnOpen`), or null when it stays closed. */
export function nextOpenMs(profile: HoursProfileRecord, fromMs: number, untilMs: number, zone: string): number | null {
  const { DateTime } = luxon();
  const candidates: number[] = [];
  const add = (t: number) => void (t > fromMs && t <= untilMs && candidates.push(t));
  if (profile.override?.expiresMs != null) add(profile.override.expiresMs);
  const last = DateTime.fromMillis(untilMs, { zone }).startOf('day');
  for (let day = DateTime.fromMillis(fromMs, { zone }).startOf('day'); day <= last; day = day.plus({ days: 1 })) {
    add(day.toMillis());
    const date = day.toISODate();
    const windows: OpenWindow[] = [...(profile.week[day.weekday - 1] ?? []), ...profile.holidays.filter((h) => h.date === date).flatMap((h) => h.windows)];
    for (const w of windows) for (const edge of [w.open, w.close]) add(windowEdgeMs(day, edge, zone));
  }
  candidates.sort((a, b) => a - b);
  for (const t of candidates) if (evaluateHours(profile, t, zone).branch === 'OnOpen') return t;
  return null;
}
