// The virtual clock of a runtime: one instant (epoch ms) shared by every run of
// the scheduler, shown in the business unit's zone. Only actions move it;
// nothing here reads the machine clock except the documented `now` default.
import { DateTime, IANAZone } from 'luxon';
import type { Clock } from '../contract/clock.js';
import { durationMs } from '../contract/duration.js';
import { isoAt } from '../snippet/wall-time.js';

export class VirtualClock implements Clock {
  private cachedMs = Number.NaN;
  private cachedIso = '';
  private cachedDateMs = Number.NaN;
  private cachedDate: DateTime | undefined;

  constructor(
    public ms: number,
    readonly zone: string,
  ) {}

  now(): DateTime {
    // Actions often read the time several times per instant; luxon objects are immutable, so share one.
    if (this.cachedDateMs !== this.ms || !this.cachedDate) {
      this.cachedDate = DateTime.fromMillis(this.ms, { zone: this.zone });
      this.cachedDateMs = this.ms;
    }
    return this.cachedDate;
  }

  /** Another instant in the clock's zone (a run's start time, for onRunEnd hooks). */
  at(ms: number): DateTime {
    return ms === this.ms ? this.now() : DateTime.fromMillis(ms, { zone: this.zone });
  }

  /** ISO-8601 with the zone's offset; cached because trace events ask for it on every action. */
  iso(ms: number = this.ms): string {
    if (ms !== this.cachedMs) {
      this.cachedIso = isoAt(ms, this.zone);
      this.cachedMs = ms;
    }
    return this.cachedIso;
  }
}

/** Checks an IANA zone name (each name once per process); throws a message naming it when unknown. */
export function checkZone(zone: string): string {
  if (validZones.has(zone)) return zone;
  if (!IANAZone.isValidZone(zone)) throw new RangeError(`Unknown time zone "${zone}" (expected an IANA name such as America/Denver)`);
  validZones.add(zone);
  return zone;
}

const parsedInstants = new Map<string, number>();

/** Zones already checked: Intl builds a formatter to check one, which costs more than a short run (one runtime per call). */
const validZones = new Set<string>();

/** Reads a start time: an ISO-8601 string (zone offset optional: the BU zone is assumed), a DateTime, or epoch ms. */
export function parseInstant(input: string | DateTime | number | Date, zone: string, what = 'time'): number {
  if (typeof input === 'number') {
    if (!Number.isFinite(input)) throw new RangeError(`Invalid ${what}: ${input}`);
    return input;
  }
  if (input instanceof Date) return input.getTime();
  if (typeof input !== 'string') {
    if (!input.isValid) throw new RangeError(`Invalid ${what}: ${input.invalidExplanation ?? 'invalid DateTime'}`);
    return input.toMillis();
  }
  // Hosts starting a runtime per call pass the same few start times again and again.
  const key = `${zone}\u0000${input}`;
  const known = parsedInstants.get(key);
  if (known !== undefined) return known;
  const dt = DateTime.fromISO(input.trim(), { zone, setZone: false });
  if (!dt.isValid) throw new RangeError(`Invalid ${what} "${input}": expected ISO-8601 such as 2026-11-21T09:00:00-07:00`);
  if (parsedInstants.size >= 1000) parsedInstants.clear();
  parsedInstants.set(key, dt.toMillis());
  return dt.toMillis();
}


/** A stop time: a duration after `startMs`, or an absolute ISO time. */
export function parseUntil(until: string, startMs: number, zone: string): number {
  const duration = durationMs(until);
  if (duration !== undefined) return startMs + duration;
  try {
    return parseInstant(until, zone, 'until');
  } catch {
    throw new RangeError(`Invalid until "${until}": expected a duration (90s, 30m, 2h) or an ISO-8601 time`);
  }
}
