// Date and time functions. They read the run's clock and work in the business
// unit's zone (env.clock.zone); dates given as text are read with parseDate.
import type { DateTime, DurationLikeObject } from 'luxon';
import { luxon } from '../../deps.js';
import { numericValue, toText } from '../convert.js';
import { dateTimeOf, fromDateTime, fromOle, parseDate } from '../dates.js';
import { formatDateWith } from '../format.js';
import type { RunState } from '../run-state.js';
import { DateValue, type DatePart, type Value } from '../../contract/value.js';
import { fn, type Builtin } from './types.js';
import { argError, int, num } from './util.js';

/** A value as a date: a date itself, date text (24-hour or ISO-8601), or an OLE number. */
export function asDate(name: string, v: Value | undefined, r: RunState): DateValue {
  const zone = r.env.clock.zone;
  if (v instanceof DateValue) return v;
  if (typeof v === 'string') {
    const d = parseDate(v, zone);
    if (d !== null) return d;
  }
  const n = typeof v === 'number' ? v : typeof v === 'string' ? numericValue(v) : undefined;
  if (n !== undefined) {
    const d = fromOle(n, zone);
    if (d !== null) return d;
  }
  throw argError(name, `"${toText(v ?? null)}" is not a date`);
}

const withPart = (d: DateValue, part: DatePart): DateValue => new DateValue(d.epochMs, d.zone, part);

type Unit = 'years' | 'quarters' | 'months' | 'weeks' | 'days' | 'hours' | 'minutes' | 'seconds' | 'milliseconds';
const UNITS: Record<string, Unit> = {
  year: 'years', years: 'years', yyyy: 'years', yy: 'years', y: 'years',
  quarter: 'quarters', quarters: 'quarters', q: 'quarters', qq: 'quarters',
  month: 'months', months: 'months', m: 'months', mm: 'months',
  week: 'weeks', weeks: 'weeks', ww: 'weeks', wk: 'weeks',
  day: 'days', days: 'days', d: 'days', dd: 'days',
  hour: 'hours', hours: 'hours', h: 'hours', hh: 'hours',
  minute: 'minutes', minutes: 'minutes', n: 'minutes', mi: 'minutes',
  second: 'seconds', seconds: 'seconds', s: 'seconds', ss: 'seconds',
  millisecond: 'milliseconds', milliseconds: 'milliseconds', ms: 'milliseconds',
};
const unitOf = (v: Value | undefined): Unit | undefined => (typeof v === 'string' ? UNITS[v.trim().toLowerCase()] : undefined);
const UNIT_NAMES = 'year, quarter, month, week, day, hour, minute, second, millisecond';

/** Separates a unit argument from the others, wherever it was written. */
function takeUnit(name: string, args: Value[]): { unit: Unit; rest: Value[] } {
  const i = args.findIndex((a) => unitOf(a) !== undefined);
  if (i < 0) throw argError(name, `a unit is required (${UNIT_NAMES})`);
  return { unit: unitOf(args[i])!, rest: args.filter((_, j) => j !== i) };
}

function add(dt: DateTime, unit: Unit, amount: number): DateTime {
  if (unit === 'quarters') return dt.plus({ months: Math.trunc(amount) * 3 });
  const whole = unit === 'years' || unit === 'months' || unit === 'weeks';
  return dt.plus({ [unit]: whole ? Math.trunc(amount) : amount } as DurationLikeObject);
}

function build(name: string, r: RunState, parts: Value[]): DateValue {
  const [y, mo, d, h = 0, mi = 0, s = 0] = parts.map((p, i) => int(name, ['the year', 'the month', 'the day', 'the hour', 'the minute', 'the second'][i]!, p));
  const dt = luxon().DateTime.fromObject({ year: y, month: mo, day: d, hour: h, minute: mi, second: s }, { zone: r.env.clock.zone });
  if (!dt.isValid) throw argError(name, `${y}-${mo}-${d} ${h}:${mi}:${s} is not a valid date`);
  return fromDateTime(dt, parts.length === 3 ? 'date' : 'datetime');
}

const PARTS: Record<string, (dt: DateTime) => number> = {};
const definePart = (names: string, read: (dt: DateTime) => number) => names.split(' ').forEach((n) => (PARTS[n] = read));
definePart('year yyyy yy y', (dt) => dt.year);
definePart('quarter q qq', (dt) => dt.quarter);
definePart('month m mm', (dt) => dt.month);
definePart('day d dd', (dt) => dt.day);
definePart('dayofyear dy y_day', (dt) => dt.ordinal);
definePart('week ww wk', (dt) => dt.weekNumber);
definePart('dow weekday dw w', (dt) => dt.weekday % 7);
definePart('hour h hh', (dt) => dt.hour);
definePart('minute n mi', (dt) => dt.minute);
definePart('second s ss', (dt) => dt.second);
definePart('millisecond ms', (dt) => dt.millisecond);
const partOf = (v: Value | undefined) => (typeof v === 'string' ? PARTS[v.trim().toLowerCase()] : undefined);

/** datepart(d, part), or datepart(part, d) as VB's DatePart writes it. */
function datePart(args: Value[], r: RunState): number {
  const [d, u] = partOf(args[0]) !== undefined && partOf(args[1]) === undefined ? [args[1], args[0]] : [args[0], args[1]];
  const read = partOf(u);
  if (read === undefined)
    throw argError('datepart', `unknown date part "${toText(u ?? null)}" (year, quarter, month, day, dayofyear, week, dow, hour, minute, second, millisecond)`);
  return read(dateTimeOf(asDate('datepart', d, r)));
}

export const dateFunctions: Builtin[] = [
  fn('now', 0, 0, (_a, site) => fromDateTime(site.run.env.clock.now().setZone(site.run.env.clock.zone))),
  fn('asdate', 1, 1, ([v], site) => withPart(asDate('asdate', v, site.run), 'date')),
  fn('asdatetime', 1, 1, ([v], site) => withPart(asDate('asdatetime', v, site.run), 'datetime')),
  fn('astime', 1, 1, ([v], site) => withPart(asDate('astime', v, site.run), 'time')),
  fn('asisodatetime', 1, 1, ([v], site) => formatDateWith(asDate('asisodatetime', v, site.run), "yyyy-MM-dd'T'HH:mm:ss.fffzzz")),
  fn('asgmt', 1, 1, ([v], site) => new DateValue(asDate('asgmt', v, site.run).epochMs, 'UTC')),
  fn('asutc', 1, 1, ([v], site) => new DateValue(asDate('asutc', v, site.run).epochMs, 'UTC')),
  fn('asdatedow', 1, 1, ([v], site) => dateTimeOf(asDate('asdatedow', v, site.run)).weekday % 7),
  fn('dow', 0, 1, ([v], site) => (v === undefined ? site.run.env.clock.now().setZone(site.run.env.clock.zone) : dateTimeOf(asDate('dow', v, site.run))).weekday % 7),
  // dateadd(date, days) or dateadd(unit, date, amount) (the unit may be written in any position).
  fn('dateadd', 2, 3, (args, site) => {
    if (args.length === 2) {
      const d = asDate('dateadd', args[0], site.run);
      return new DateValue(add(dateTimeOf(d), 'days', num(args[1])).toMillis(), d.zone, d.part);
    }
    const { unit, rest } = takeUnit('dateadd', args);
    const [dv, amount] = rest[0] instanceof DateValue || numericValue(rest[1] ?? null) !== undefined ? [rest[0], rest[1]] : [rest[1], rest[0]];
    const d = asDate('dateadd', dv, site.run);
    return new DateValue(add(dateTimeOf(d), unit, num(amount)).toMillis(), d.zone, d.part);
  }),
  // datediff(unit, from, to): whole units from `from` to `to` (negative when `to` is earlier).
  fn('datediff', 3, 3, (args, site) => {
    const { unit, rest } = takeUnit('datediff', args);
    const a = dateTimeOf(asDate('datediff', rest[0], site.run));
    const b = dateTimeOf(asDate('datediff', rest[1], site.run)).setZone(a.zone);
    const diff = unit === 'quarters' ? b.diff(a, 'months').months / 3 : b.diff(a, unit).get(unit);
    return Math.trunc(diff);
  }),
  fn('datebuild', 3, 3, (args, site) => build('datebuild', site.run, args)),
  fn('datetimebuild', 6, 6, (args, site) => build('datetimebuild', site.run, args)),
  fn('datefmt', 2, 2, ([d, f], site) => formatDateWith(asDate('datefmt', d, site.run), toText(f ?? null))),
  fn('datepart', 2, 2, (args, site) => datePart(args, site.run)),
];
