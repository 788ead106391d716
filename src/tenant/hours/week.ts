// The weekly-hours shape shared by hours-of-operation profiles and agent
// schedules: one entry per weekday, `{ open, close }` with an optional second
// pair (`additionalOpen`, `additionalClose`, Studio's "Additional Hours"), or
// `{ closedAllDay: true }`. Its JSON Schema, its rules and its conversion to
// windows live here so both users check and read it the same way.
import { luxon } from '../../deps.js';
import { diagnostic, type Diagnostic } from '../../contract/diagnostics.js';
import type { DocPath, Locate } from '../section.js';
import { formatTimeOfDay, timeOfDay, TIME_PATTERN, TIME_RULE, WEEKDAYS, type OpenWindow } from './profile.js';

export interface DayInput {
  open?: string;
  close?: string;
  additionalOpen?: string;
  additionalClose?: string;
  closedAllDay?: boolean;
}

export type WeekInput = Partial<Record<(typeof WEEKDAYS)[number], DayInput>>;

const time = { type: 'string', pattern: TIME_PATTERN, 'x-message': TIME_RULE } as const;

export const dayProperties = {
  open: { ...time, description: 'Opening time, HH:MM.' },
  close: { ...time, description: 'Closing time, HH:MM (closed from this minute on; 24:00 = midnight).' },
  additionalOpen: { ...time, description: 'Second opening time (Additional Hours), after `close`.' },
  additionalClose: { ...time, description: 'Second closing time.' },
  closedAllDay: { type: 'boolean', description: 'Closed the whole day.' },
} as const;

export const daySchema = { type: 'object', additionalProperties: false, properties: dayProperties } as const;

export const weekSchema = {
  type: 'object',
  additionalProperties: false,
  description: 'Hours per weekday (Monday … Sunday); a day not listed is closed all day.',
  properties: Object.fromEntries(WEEKDAYS.map((d) => [d, daySchema])),
} as const;

/** The rules of one day's entry (schema-valid), located under `path`. */
export function checkDay(day: DayInput, path: DocPath, locate: Locate, what: string): Diagnostic[] {
  const err = (member: string, message: string) => diagnostic('E-TENANT-HOURS', `${what}: ${message}`, locate([...path, member], 'key'));
  const hasHours = day.open !== undefined || day.close !== undefined;
  if (day.closedAllDay) return hasHours || day.additionalOpen !== undefined ? [err('closedAllDay', 'closedAllDay cannot be combined with hours')] : [];
  if (!hasHours && day.additionalOpen === undefined && day.additionalClose === undefined)
    return [diagnostic('E-TENANT-HOURS', `${what} needs open and close times, or closedAllDay: true`, locate(path))];
  const out: Diagnostic[] = [];
  const pair = (openKey: 'open' | 'additionalOpen', closeKey: 'close' | 'additionalClose') => {
    const o = day[openKey];
    const c = day[closeKey];
    if (o === undefined || c === undefined) {
      out.push(err(o === undefined ? closeKey : openKey, `${o === undefined ? openKey : closeKey} is missing (${openKey} and ${closeKey} go together)`));
      return;
    }
    if (timeOfDay(o) >= 86_400) out.push(err(openKey, '24:00 is only a closing time'));
    else if (timeOfDay(c) <= timeOfDay(o)) out.push(err(closeKey, `closes at ${c}, not after it opens at ${o} (hours cannot pass midnight; use 24:00 and the next day)`));
  };
  pair('open', 'close');
  if (day.additionalOpen !== undefined || day.additionalClose !== undefined) {
    pair('additionalOpen', 'additionalClose');
    if (day.close !== undefined && day.additionalOpen !== undefined && timeOfDay(day.additionalOpen) < timeOfDay(day.close))
      out.push(err('additionalOpen', `additional hours open at ${day.additionalOpen}, before the first hours close at ${day.close}`));
  }
  return out;
}

export function checkWeek(week: WeekInput, path: DocPath, locate: Locate, what: string): Diagnostic[] {
  return WEEKDAYS.flatMap((d) => (week[d] ? checkDay(week[d]!, [...path, d], locate, `${what} ${d}`) : []));
}

/** The open windows of a (valid) day entry; empty when closed all day. */
export function dayWindows(day: DayInput | undefined): OpenWindow[] {
  if (!day || day.closedAllDay || day.open === undefined || day.close === undefined) return [];
  const out = [{ open: timeOfDay(day.open), close: timeOfDay(day.close) }];
  if (day.additionalOpen !== undefined && day.additionalClose !== undefined) out.push({ open: timeOfDay(day.additionalOpen), close: timeOfDay(day.additionalClose) });
  return out;
}

/** Windows per weekday, Monday first. */
export const weekWindows = (week: WeekInput | undefined): OpenWindow[][] => WEEKDAYS.map((d) => dayWindows(week?.[d]));

/** The week as the file would write it (for `tenant show`). */
export function describeWeek(week: readonly (readonly OpenWindow[])[]): string {
  return WEEKDAYS.map((d, i) => {
    const w = week[i] ?? [];
    return `${d.slice(0, 3)} ${w.length ? w.map((x) => `${formatTimeOfDay(x.open)}–${formatTimeOfDay(x.close)}`).join(',') : 'closed'}`;
  }).join('; ');
}

/** Epoch ms of a `YYYY-MM-DDTHH:MM[:SS]` local time in `zone` (or with its own offset); null when not a time. */
export function parseLocalDateTime(text: string, zone: string): number | null {
  const dt = luxon().DateTime.fromISO(text, { zone, setZone: false });
  return dt.isValid ? dt.toMillis() : null;
}

/** True for a real calendar date `YYYY-MM-DD`. */
export const isCalendarDate = (text: string): boolean => /^\d{4}-\d{2}-\d{2}$/.test(text) && luxon().DateTime.fromISO(text).isValid;
