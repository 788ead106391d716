// .NET-style format strings for `format()`, `totext(v, fmt)` and `datefmt()`:
// standard numeric formats (N2, F0, C, D5, P1, E, X, G) and custom ones
// (`0.00`, `#,##0`, `000`), and custom date formats (`yyyy-MM-dd HH:mm:ss`,
// `dddd`, `tt`, quoted literals). en-US conventions throughout.
import type { DateTime } from 'luxon';
import { formatNumber, numericValue, toText } from './convert.js';
import { dateTimeOf, parseDate } from './dates.js';
import { Fault } from './run-state.js';
import { DateValue, type Value } from '../contract/value.js';

/** Rounds half away from zero to `digits` decimals (.NET's MidpointRounding.AwayFromZero). */
export function roundAway(n: number, digits: number): number {
  const f = Math.pow(10, digits);
  // toPrecision(15) absorbs binary noise (2.675 * 100 = 267.49999…) before rounding.
  const scaled = Number((Math.abs(n) * f).toPrecision(15));
  return (Math.sign(n) * Math.floor(scaled + 0.5)) / f;
}

const group = (digits: string): string => digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');

function fixed(n: number, decimals: number, grouped: boolean): string {
  const s = roundAway(Math.abs(n), decimals).toFixed(decimals);
  const [i, f] = s.split('.') as [string, string | undefined];
  const body = (grouped ? group(i) : i) + (f ? `.${f}` : '');
  return n < 0 && Number(s) !== 0 ? `-${body}` : body;
}

function standardNumber(n: number, kind: string, precision: number | undefined, fmt: string, fnName: string): string {
  switch (kind) {
    case 'n':
      return fixed(n, precision ?? 2, true);
    case 'f':
      return fixed(n, precision ?? 2, false);
    case 'c': {
      const s = fixed(Math.abs(n), precision ?? 2, true);
      return n < 0 ? `-$${s}` : `$${s}`;
    }
    case 'p':
      return `${fixed(n * 100, precision ?? 2, true)}%`;
    case 'd': {
      if (!Number.isInteger(n)) throw new Fault('E-SNIPPET-ARG', `${fnName}: format "${fmt}" needs a whole number`);
      const s = String(Math.abs(n)).padStart(precision ?? 0, '0');
      return n < 0 ? `-${s}` : s;
    }
    case 'e': {
      const [m, e] = n.toExponential(precision ?? 6).split('e') as [string, string];
      const exp = Number(e);
      const E = fmt[0] === 'e' ? 'e' : 'E';
      return `${m}${E}${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(3, '0')}`;
    }
    case 'x': {
      if (!Number.isInteger(n)) throw new Fault('E-SNIPPET-ARG', `${fnName}: format "${fmt}" needs a whole number`);
      const s = (n < 0 ? (n >>> 0) : n).toString(16).padStart(precision ?? 0, '0');
      return fmt[0] === 'x' ? s : s.toUpperCase();
    }
    default:
      return precision === undefined ? formatNumber(n) : formatNumber(Number(n.toPrecision(Math.min(21, Math.max(1, precision)))));
  }
}

/** Custom numeric format: `0` digit, `#` optional digit, `.`, `,` grouping, `%`, other characters literal. */
function customNumber(n: number, fmt: string): string {
  const sections = fmt.split(';');
  let section = sections[0]!;
  let value = n;
  if (n < 0 && sections[1] !== undefined && sections[1] !== '') {
    section = sections[1];
    value = -n;
  } else if (n === 0 && sections[2] !== undefined) section = sections[2];
  const first = section.search(/[0#]/);
  if (first < 0) return section;
  let last = first;
  for (let i = first; i < section.length; i++) if (/[0#.,]/.test(section[i]!)) last = i;
  const prefix = section.slice(0, first);
  const suffix = section.slice(last + 1);
  const pattern = section.slice(first, last + 1);
  const [intPart, fracPart = ''] = pattern.split('.') as [string, string | undefined];
  const percent = (prefix + suffix).includes('%');
  if (percent) value *= 100;
  const maxDecimals = (fracPart.match(/[0#]/g) ?? []).length;
  const minDecimals = (fracPart.match(/0/g) ?? []).length;
  const minInt = (intPart.match(/0/g) ?? []).length;
  const grouped = intPart.includes(',');
  const rounded = roundAway(Math.abs(value), maxDecimals);
  let [i, f = ''] = rounded.toFixed(maxDecimals).split('.') as [string, string | undefined];
  while (f.length > minDecimals && f.endsWith('0')) f = f.slice(0, -1);
  if (i === '0' && minInt === 0) i = '';
  i = i.padStart(minInt, '0');
  const body = (grouped ? group(i) : i) + (f ? `.${f}` : '');
  const negative = value < 0 && rounded !== 0 && section === sections[0];
  return `${negative ? '-' : ''}${prefix}${body === '' ? '' : body}${suffix}`;
}

const STANDARD_DATE: Record<string, string> = {
  d: 'M/d/yyyy',
  D: 'dddd, MMMM d, yyyy',
  t: 'h:mm tt',
  T: 'h:mm:ss tt',
  f: 'dddd, MMMM d, yyyy h:mm tt',
  F: 'dddd, MMMM d, yyyy h:mm:ss tt',
  g: 'M/d/yyyy h:mm tt',
  G: 'M/d/yyyy h:mm:ss tt',
  s: "yyyy-MM-dd'T'HH:mm:ss",
  u: "yyyy-MM-dd HH:mm:ss'Z'",
  o: "yyyy-MM-dd'T'HH:mm:ss.fffK",
  O: "yyyy-MM-dd'T'HH:mm:ss.fffK",
  M: 'MMMM d',
  m: 'MMMM d',
  y: 'MMMM yyyy',
  Y: 'MMMM yyyy',
};

const pad2 = (n: number, w = 2): string => String(n).padStart(w, '0');

function dateToken(dt: DateTime, tok: string): string {
  const c = tok[0]!;
  const k = tok.length;
  switch (c) {
    case 'y':
      return k <= 2 ? pad2(dt.year % 100, k) : pad2(dt.year, k);
    case 'M':
      return k >= 4 ? dt.toFormat('MMMM') : k === 3 ? dt.toFormat('MMM') : pad2(dt.month, k);
    case 'd':
      return k >= 4 ? dt.toFormat('EEEE') : k === 3 ? dt.toFormat('EEE') : pad2(dt.day, k);
    case 'H':
      return pad2(dt.hour, Math.min(k, 2));
    case 'h':
      return pad2(dt.hour % 12 === 0 ? 12 : dt.hour % 12, Math.min(k, 2));
    case 'm':
      return pad2(dt.minute, Math.min(k, 2));
    case 's':
      return pad2(dt.second, Math.min(k, 2));
    case 'f':
    case 'F':
      return pad2(dt.millisecond, 3).slice(0, Math.min(k, 3)).padEnd(k, '0');
    case 't':
      return k === 1 ? (dt.hour < 12 ? 'A' : 'P') : dt.hour < 12 ? 'AM' : 'PM';
    case 'z': {
      const o = dt.offset;
      const sign = o < 0 ? '-' : '+';
      const a = Math.abs(o);
      return k === 1 ? `${sign}${Math.floor(a / 60)}` : k === 2 ? `${sign}${pad2(Math.floor(a / 60))}` : `${sign}${pad2(Math.floor(a / 60))}:${pad2(a % 60)}`;
    }
    case 'K':
      return dt.offset === 0 ? 'Z' : dateToken(dt, 'zzz');
    default:
      return tok;
  }
}

/** Formats a date with a .NET date format (standard letter or custom pattern). */
export function formatDateWith(d: DateValue, fmt: string): string {
  const pattern = fmt.length === 1 && STANDARD_DATE[fmt] !== undefined ? STANDARD_DATE[fmt]! : fmt;
  const dt = dateTimeOf(d);
  let out = '';
  for (let i = 0; i < pattern.length; ) {
    const c = pattern[i]!;
    if (c === "'" || c === '"') {
      const end = pattern.indexOf(c, i + 1);
      out += pattern.slice(i + 1, end < 0 ? pattern.length : end);
      i = end < 0 ? pattern.length : end + 1;
    } else if (c === '\\') {
      out += pattern[i + 1] ?? '';
      i += 2;
    } else if ('yMdHhmsfFtzK'.includes(c)) {
      let j = i;
      while (pattern[j] === c) j++;
      out += dateToken(dt, pattern.slice(i, j));
      i = j;
    } else {
      out += c;
      i++;
    }
  }
  return out;
}

const looksLikeDateFormat = (fmt: string): boolean => /^[dDtTfFgGsuoOMmyY]$/.test(fmt) || /(yy|MM|dd|HH|hh|mm|ss|tt)/.test(fmt);

/** `format(value, fmt)`: dates with date formats, numbers with numeric formats, anything else as its text. */
export function formatValue(v: Value, fmt: string, fnName: string): string {
  if (v instanceof DateValue) return formatDateWith(v, fmt);
  const n = typeof v === 'boolean' ? undefined : numericValue(v);
  if (n !== undefined) {
    const std = /^([NnFfCcDdPpEeXxGg])(\d{0,2})$/.exec(fmt);
    if (std) return standardNumber(n, std[1]!.toLowerCase(), std[2] === '' ? undefined : Number(std[2]), fmt, fnName);
    if (/[0#]/.test(fmt)) return customNumber(n, fmt);
  }
  if (typeof v === 'string' && looksLikeDateFormat(fmt)) {
    const d = parseDate(v, 'UTC');
    if (d !== null) return formatDateWith(d, fmt);
  }
  return toText(v);
}
