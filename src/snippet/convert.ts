// The coercion rules of the language (snippet-language.md "Values"): numbers
// from text, Studio's number printing, text forms, truthiness and comparison.
import { formatDate, toOle } from './dates.js';
import { DateValue, isDdo, type Value } from '../contract/value.js';

/**
 * True for numeric text: optional white space and sign, digits with an
 * optional decimal point (`1`, `1.`, `1.5`, `.5`), an optional exponent
 * (unless `exponent` is false), optional white space. One pass: the pattern
 * it replaces backtracked quadratically on long digit strings.
 */
export function isNumericText(s: string, exponent = true): boolean {
  const n = s.length;
  let i = 0;
  while (i < n && isWhiteSpace(s.charCodeAt(i))) i++;
  if (s[i] === '+' || s[i] === '-') i++;
  let digits = 0;
  while (i < n && isDigit(s.charCodeAt(i))) i++, digits++;
  if (s[i] === '.') {
    i++;
    while (i < n && isDigit(s.charCodeAt(i))) i++, digits++;
  }
  if (digits === 0) return false;
  if (exponent && (s[i] === 'e' || s[i] === 'E')) {
    let j = i + 1;
    if (s[j] === '+' || s[j] === '-') j++;
    const start = j;
    while (j < n && isDigit(s.charCodeAt(j))) j++;
    if (j === start) return false;
    i = j;
  }
  while (i < n && isWhiteSpace(s.charCodeAt(i))) i++;
  return i === n;
}

const isDigit = (c: number): boolean => c >= 48 && c <= 57;

/** The white space of `\s`: ASCII spaces and line breaks, and the Unicode space separators. */
function isWhiteSpace(c: number): boolean {
  return (
    c === 32 || (c >= 9 && c <= 13) || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff
  );
}

/** Short all-digit text (counters, IDs, CASE labels): numeric without the regular expression. */
function isDigits(s: string): boolean {
  const n = s.length;
  if (n === 0 || n > 15) return false;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/** A cheap first-character check that skips the regular expression for most non-numeric text. */
export function mayBeNumeric(s: string): boolean {
  const c = s.charCodeAt(0);
  // digits, + - . and white space
  return (c >= 48 && c <= 57) || c === 43 || c === 45 || c === 46 || c === 32 || c === 9 || c === 10 || c === 13;
}

/** The number a value stands for, or undefined when it is not numeric (non-numeric text, null, objects). */
export function numericValue(v: Value | undefined): number | undefined {
  if (typeof v === 'number') return v;
  if (typeof v === 'string') return isDigits(v) ? Number(v) : mayBeNumeric(v) && isNumericText(v) ? Number(v) : undefined;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (v instanceof DateValue) return toOle(v);
  return undefined;
}

/** Arithmetic's view of a value: anything not numeric counts as 0. */
export const toNumber = (v: Value | undefined): number => (typeof v === 'number' ? v : (numericValue(v) ?? 0));

/**
 * Studio's (.NET "G15") number printing: integral values without a decimal
 * point, at most 15 significant digits, no trailing zeros, and scientific form
 * (`1.5E+20`, `1E-06`) for exponents of 15 and above or below -5.
 */
export function formatNumber(n: number): string {
  if (Number.isInteger(n) && Math.abs(n) < 1e15) return n === 0 ? '0' : String(n);
  if (Number.isNaN(n)) return 'NaN';
  if (!Number.isFinite(n)) return n > 0 ? 'Infinity' : '-Infinity';
  const [mantissa, exp] = n.toExponential(14).split('e') as [string, string];
  const e = Number(exp);
  // .NET "G15": fixed-point only while the exponent is above -5 and below 15 (0.0001, but 1E-05).
  if (e >= 15 || e <= -5) {
    const m = mantissa.includes('.') ? mantissa.replace(/0+$/, '').replace(/\.$/, '') : mantissa;
    return `${m}E${e < 0 ? '-' : '+'}${String(Math.abs(e)).padStart(2, '0')}`;
  }
  const r = Number(n.toPrecision(15));
  return r === 0 ? '0' : String(r);
}

/** The text form of a value: what substitution, TRACE and text comparison see. */
export function toText(v: Value | undefined): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return formatNumber(v);
  if (v === null || v === undefined) return '';
  if (typeof v === 'boolean') return v ? 'True' : 'False';
  if (v instanceof DateValue) return formatDate(v);
  return compactJson(v);
}

/** Compact JSON of an object or array, member order kept (dates as their text). */
export function compactJson(v: Value): string {
  return JSON.stringify(v, (_k, x: unknown) => {
    if (x instanceof DateValue) return formatDate(x);
    if (typeof x === 'number' && !Number.isFinite(x)) return null;
    return x;
  });
}

/** Conditions (IF, SELECT, WHILE, `& | ~`). */
export function isTruthy(v: Value | undefined): boolean {
  if (typeof v === 'number') return v !== 0 && !Number.isNaN(v);
  if (typeof v === 'boolean') return v;
  if (v === null || v === undefined) return false;
  if (typeof v === 'string') {
    const n = numericValue(v);
    if (n !== undefined) return n !== 0;
    const t = v.trim().toLowerCase();
    if (t === 'false' || t === '') return false;
    return true;
  }
  if (Array.isArray(v)) return v.length > 0;
  return true;
}

const isBooleanText = (v: Value): boolean => typeof v === 'string' && /^\s*(true|false)\s*$/i.test(v);

/**
 * Orders two values: numerically when both are numeric and `asText` is false
 * (a `$`-suffixed variable is involved), otherwise as text, ordinal and
 * case-sensitive. A boolean against "true"/"false" text compares truth values.
 */
export function compareValues(a: Value, b: Value, asText = false): number {
  if (!asText) {
    const x = numericValue(a);
    const y = numericValue(b);
    if (x !== undefined && y !== undefined) {
      if (typeof a === 'boolean' || typeof b === 'boolean') {
        if ((typeof a === 'boolean' && isBooleanText(b)) || (typeof b === 'boolean' && isBooleanText(a))) {
          return Number(isTruthy(a)) - Number(isTruthy(b));
        }
      }
      return x < y ? -1 : x > y ? 1 : 0;
    }
    if ((typeof a === 'boolean' && isBooleanText(b)) || (typeof b === 'boolean' && isBooleanText(a))) {
      return Number(isTruthy(a)) - Number(isTruthy(b));
    }
  }
  const s = toText(a);
  const t = toText(b);
  return s < t ? -1 : s > t ? 1 : 0;
}

/** The `=` of the language (also CASE matching). */
export const snippetEquals = (a: Value, b: Value, asText = false): boolean => compareValues(a, b, asText) === 0;

/** Size of a text array or DDO: elements of `a|b|c` (`""` and null have 0), members of an object, elements of an array. */
export function countOf(v: Value | undefined): number {
  if (v === null || v === undefined) return 0;
  if (Array.isArray(v)) return v.length;
  if (isDdo(v)) return Object.keys(v).length;
  const t = toText(v);
  if (t === '') return 0;
  let n = 1;
  for (let i = 0; i < t.length; i++) if (t.charCodeAt(i) === 124) n++;
  return n;
}
