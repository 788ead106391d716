// A zone's offset from UTC at an instant, looked up once per quarter hour of
// time: asking Intl (through luxon) for the offset of every instant is the
// largest cost of formatting times, and a long run formats one per action.
import { luxon } from '../deps.js';

const QUARTER_HOUR_MS = 900_000;
/** Zone -> quarter hour -> offset in minutes, for quarters with one offset throughout (a zone's offset changes on a quarter hour). */
const offsetCache = new Map<string, Map<number, number>>();

/** The zone's offset in whole minutes at `ms`; undefined when it is not whole minutes (or the zone or time is not valid). */
export function offsetMinutes(ms: number, zone: string): number | undefined {
  const quarter = Math.floor(ms / QUARTER_HOUR_MS);
  let byQuarter = offsetCache.get(zone);
  if (!byQuarter) offsetCache.set(zone, (byQuarter = new Map()));
  const known = byQuarter.get(quarter);
  if (known !== undefined) return known;
  const iana = luxon().IANAZone.create(zone);
  const offset = iana.offset(ms);
  if (!Number.isInteger(offset)) return undefined;
  const start = quarter * QUARTER_HOUR_MS;
  // Cached only when the whole quarter has this offset; otherwise asked again next time.
  if (iana.offset(start) === offset && iana.offset(start + QUARTER_HOUR_MS - 1) === offset) {
    if (byQuarter.size >= 100_000) byQuarter.clear();
    byQuarter.set(quarter, offset);
  }
  return offset;
}
