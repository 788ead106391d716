// Dates as Studio shows and reads them: OLE Automation numbers, the
// `MM/dd/yyyy hh:mm:ss tt` text form, 24-hour and ISO-8601 inputs. Every
// conversion takes the zone explicitly; nothing here reads the machine clock.
import type { DateTime, TokenParser } from 'luxon';
import { luxon } from '../deps.js';
import { DateValue, type DatePart } from '../contract/value.js';
import { pad2, wallTime } from './wall-time.js';
import { offsetMinutes } from './zone-offsets.js';

const MS_PER_DAY = 86_400_000;
/** OLE date of 1970-01-01 00:00 (days since 1899-12-30). */
const OLE_UNIX_EPOCH = 25_569;

export const dateTimeOf = (d: DateValue): DateTime => luxon().DateTime.fromMillis(d.epochMs, { zone: d.zone, locale: 'en-US' });

/** The OLE Automation number of a date in its own zone's wall time (date part: whole days; time part: the fraction). */
export function toOle(d: DateValue): number {
  const dt = dateTimeOf(d);
  const local = d.epochMs + dt.offset * 60_000;
  const ole = local / MS_PER_DAY + OLE_UNIX_EPOCH;
  if (d.part === 'date') return Math.floor(ole);
  if (d.part === 'time') return ole - Math.floor(ole);
  return ole;
}

/** The date whose wall time in `zone` has the OLE number `ole`. */
export function fromOle(ole: number, zone: string, part: DatePart = 'datetime'): DateValue | null {
  if (!Number.isFinite(ole)) return null;
  const { DateTime } = luxon();
  const wall = DateTime.fromMillis(Math.round((ole - OLE_UNIX_EPOCH) * MS_PER_DAY), { zone: 'UTC' });
  const dt = DateTime.fromObject(
    { year: wall.year, month: wall.month, day: wall.day, hour: wall.hour, minute: wall.minute, second: wall.second, millisecond: wall.millisecond },
    { zone },
  );
  return dt.isValid ? new DateValue(dt.toMillis(), zone, part) : null;
}

export const fromDateTime = (dt: DateTime, part: DatePart = 'datetime'): DateValue => new DateValue(dt.toMillis(), dt.zoneName ?? 'UTC', part);

/** Studio's text form: `MM/dd/yyyy hh:mm:ss tt`, or the date or time alone. */
export function formatDate(d: DateValue): string {
  // Written by hand from the zone's cached offset (a script shows `{now}` at every poll);
  // luxon's toFormat below for what that cannot write the same (offsets in seconds, other years).
  const wall = wallTime(d.epochMs, d.zone);
  if (wall) {
    const { local } = wall;
    const date = `${pad2(local.getUTCMonth() + 1)}/${pad2(local.getUTCDate())}/${local.getUTCFullYear()}`;
    if (d.part === 'date') return date;
    const hour = local.getUTCHours();
    const time = `${pad2(hour % 12 === 0 ? 12 : hour % 12)}:${pad2(local.getUTCMinutes())}:${pad2(local.getUTCSeconds())} ${hour < 12 ? 'AM' : 'PM'}`;
    return d.part === 'time' ? time : `${date} ${time}`;
  }
  const dt = dateTimeOf(d);
  if (!dt.isValid) return '';
  switch (d.part) {
    case 'date':
      return dt.toFormat('MM/dd/yyyy');
    case 'time':
      return dt.toFormat('hh:mm:ss a');
    default:
      return dt.toFormat('MM/dd/yyyy hh:mm:ss a');
  }
}

/** Input forms tried after ISO-8601 (luxon tokens); the forms a text matches all read it the same. */
export const FORMATS: { fmt: string; part: DatePart }[] = [
  { fmt: 'yyyy-MM-dd HH:mm:ss', part: 'datetime' },
  { fmt: 'yyyy-MM-dd HH:mm', part: 'datetime' },
  { fmt: 'yyyy/MM/dd HH:mm:ss', part: 'datetime' },
  { fmt: 'yyyy/MM/dd HH:mm', part: 'datetime' },
  { fmt: 'yyyy/MM/dd', part: 'datetime' },
  { fmt: 'M/d/yyyy H:mm:ss', part: 'datetime' },
  { fmt: 'M/d/yyyy H:mm', part: 'datetime' },
  { fmt: 'M/d/yyyy h:mm:ss a', part: 'datetime' },
  { fmt: 'M/d/yyyy h:mm a', part: 'datetime' },
  { fmt: 'M/d/yyyy', part: 'datetime' },
  { fmt: 'M/d/yy', part: 'datetime' },
  { fmt: 'H:mm:ss', part: 'time' },
  { fmt: 'H:mm', part: 'time' },
  { fmt: 'h:mm:ss a', part: 'time' },
  { fmt: 'h:mm a', part: 'time' },
];

/**
 * Reads texts in a list of luxon forms, as trying `DateTime.fromFormat` with
 * each in turn would, with two savings: each form's parser (its tokens and
 * pattern) is built once instead of for every text, and the form that matched
 * last is tried first (a script or a list reads its dates in one form). The
 * order changes only the cost because every form a text matches reads it the
 * same (test/snippet/date-forms.test.ts checks that of every list read here).
 * `locale` as fromFormat takes it (undefined: luxon's default).
 */
export class DateForms {
  private parsers: TokenParser[] | undefined;
  private last = 0;

  constructor(
    readonly forms: readonly string[],
    private readonly locale?: string,
  ) {}

  /** The DateTime of the first form that reads `text` in `zone`, with the form's index; undefined when none does. */
  read(text: string, zone: string): { dt: DateTime; form: number } | undefined {
    const { DateTime } = luxon();
    const locale = this.locale;
    const parsers = (this.parsers ??= this.forms.map((fmt) => DateTime.buildFormatParser(fmt, { locale })));
    for (let k = 0; k < parsers.length; k++) {
      const i = k === 0 ? this.last : k <= this.last ? k - 1 : k;
      const dt = DateTime.fromFormatParser(text, parsers[i]!, { zone, locale });
      if (dt.isValid) {
        this.last = i;
        return { dt, form: i };
      }
    }
    return undefined;
  }
}

/** The snippet forms, read in en-US (Studio's AM/PM). */
const snippetForms = new DateForms(
  FORMATS.map((f) => f.fmt),
  'en-US',
);

/**
 * Reads a Studio date input in `zone`: ISO-8601 (an offset in the text is
 * honoured), `yyyy-MM-dd HH:mm[:ss]`, `M/d/yyyy` with a 24-hour or AM/PM time,
 * or a time alone (on 12/30/1899, OLE day 0). Invalid → null.
 */
export function parseDate(text: string, zone: string): DateValue | null {
  const t = text.trim().replace(/\s+/g, ' ');
  if (t === '') return null;
  const { DateTime } = luxon();
  if (/^\d{4}-\d{2}/.test(t)) {
    const iso = DateTime.fromISO(t, { zone, setZone: false });
    if (iso.isValid) return new DateValue(iso.toMillis(), zone);
  }
  const studio = readStudioForm(t, zone);
  if (studio !== undefined) return new DateValue(studio, zone);
  const read = snippetForms.read(t, zone);
  if (!read) return null;
  const { dt } = read;
  const { part } = FORMATS[read.form]!;
  if (part === 'time') {
    const onDayZero = DateTime.fromObject({ year: 1899, month: 12, day: 30, hour: dt.hour, minute: dt.minute, second: dt.second }, { zone });
    return new DateValue(onDayZero.toMillis(), zone, 'time');
  }
  return new DateValue(dt.toMillis(), zone, part);
}

/** Studio's own text form, as formatDate writes it: `MM/dd/yyyy hh:mm:ss AM`. */
const STUDIO_FORM = /^(\d{1,2})\/(\d{1,2})\/(\d{4}) (\d{1,2}):(\d{2}):(\d{2}) ([AP])M$/;

/** Zone names luxon reads as something other than an IANA zone (`local`, `utc+3`…), except plain UTC. */
const NOT_IANA = /^(default|local|system|utc|gmt)/i;

/**
 * An instant from Studio's own text form without luxon: a script reads back
 * what `{now}` wrote at every poll (ASSIGN Type=Datetime), and luxon's parse
 * asks Intl for the zone's offset two or three times. The wall time becomes
 * an instant as luxon's fromObject makes it (its guess is the zone's offset
 * now, then at most two corrections: fixOffset in luxon), with the offsets
 * from the cache formatDate uses. undefined (luxon reads the text then) for
 * anything else: another form, a value out of range, a zone luxon does not
 * read as IANA, offsets that are not whole minutes.
 */
function readStudioForm(text: string, zone: string): number | undefined {
  const m = STUDIO_FORM.exec(text);
  if (!m || (zone !== 'UTC' && NOT_IANA.test(zone))) return undefined;
  const [month, day, year, hour12, minute, second] = [+m[1]!, +m[2]!, +m[3]!, +m[4]!, +m[5]!, +m[6]!];
  if (year < 1000 || month < 1 || month > 12 || day < 1 || hour12 < 1 || hour12 > 12 || minute > 59 || second > 59) return undefined;
  if (day > new Date(Date.UTC(year, month, 0)).getUTCDate()) return undefined;
  const local = Date.UTC(year, month - 1, day, (hour12 % 12) + (m[7] === 'P' ? 12 : 0), minute, second);
  const offset = (ms: number): number | undefined => (zone === 'UTC' ? 0 : offsetMinutes(ms, zone));
  const o = offset(Date.now());
  if (o === undefined) return undefined;
  let guess = local - o * 60_000;
  const o2 = offset(guess);
  if (o2 === undefined) return undefined;
  if (o2 === o) return guess;
  guess -= (o2 - o) * 60_000;
  const o3 = offset(guess);
  if (o3 === undefined) return undefined;
  return o3 === o2 ? guess : local - Math.min(o2, o3) * 60_000;
}

/** RFC 1123 (`Sat, 21 Nov 2026 09:30:00 GMT`), the text form of `gmt`. */
export const formatGmt = (epochMs: number): string => new Date(epochMs).toUTCString();

/** .NET ticks (100 ns since 0001-01-01 UTC), the value of `timestamp`. */
export const ticksOf = (epochMs: number): number => epochMs * 10_000 + 621_355_968_000_000_000;
