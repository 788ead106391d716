// Instants written by hand as a zone's wall time, from the zone's cached
// offset (zone-offsets.ts): a run writes a time for every action and every
// transcript line, and luxon asks Intl each time. What the hand-written forms
// cannot write exactly as luxon does (offsets in seconds, years outside
// 1000–9999) is left to luxon.
import { luxon } from '../deps.js';
import { offsetMinutes } from './zone-offsets.js';

/**
 * An instant's wall time in a zone: `local` is a Date whose UTC fields read
 * the zone's wall clock, `offset` the zone's offset in minutes. Undefined
 * where luxon's own writing must be used (an offset in seconds, an invalid
 * zone, a year outside 1000–9999).
 */
export function wallTime(ms: number, zone: string): { local: Date; offset: number } | undefined {
  const offset = zone === 'UTC' ? 0 : offsetMinutes(ms, zone);
  if (offset === undefined) return undefined;
  const local = new Date(ms + offset * 60_000);
  const year = local.getUTCFullYear();
  return year >= 1000 && year <= 9999 ? { local, offset } : undefined;
}

/** A number of at most two digits, written with two. */
export const pad2 = (n: number): string => (n < 10 ? `0${n}` : String(n));

/** ISO-8601 of an instant in a zone, as luxon writes it (`Z` for UTC, else the offset). */
export function isoAt(ms: number, zone: string): string {
  // luxon reads these names as its fixed UTC zone and writes `Z`; `Etc/UTC` and the like are IANA zones, written `+00:00`.
  const utc = UTC_NAMES.test(zone);
  const wall = wallTime(ms, utc ? 'UTC' : zone);
  // An offset in seconds (local mean time before 1900), or outside four-digit years: luxon's own writing.
  if (!wall) return luxon().DateTime.fromMillis(ms, { zone }).toISO() ?? new Date(ms).toISOString();
  const text = wall.local.toISOString().slice(0, -1);
  if (utc) return `${text}Z`;
  const abs = Math.abs(wall.offset);
  return `${text}${wall.offset < 0 ? '-' : '+'}${pad2(Math.floor(abs / 60))}:${pad2(abs % 60)}`;
}

const UTC_NAMES = /^(?:utc|gmt)$/i;
