// Phone numbers of prospects: validation and E.164 normalisation with
// libphonenumber-js (Google's metadata, maintained upstream). Numbers written
// without a country code are read as North American, as the dialer does.
import type { CountryCode } from 'libphonenumber-js/max';
import { libPhoneNumber } from '../deps.js';

export interface NormalizedPhone {
  /** `+13035550100`. */
  e164: string;
  /** ISO country of the number when known (`US`), else undefined (toll-free and non-geographic numbers). */
  country: string | undefined;
  /** The country calling code (`1`). */
  callingCode: string;
  /** The national significant number (`3035550100`). */
  national: string;
}

/** Emulator decision: numbers without a `+country` prefix are read as NANP numbers. */
export const DEFAULT_COUNTRY: CountryCode = 'US';

/** NANP numbers as lists usually write them: `(303) 555-0100`, `303.555.0100`, `+1 303 555 0100`, `13035550100`. */
const NANP_SHAPE = /^(?:\+?1)?([2-9]\d{2}[2-9]\d{2})(\d{4})$/;
const NANP_PUNCTUATION = /[\s().-]/g;

/**
 * libphonenumber's verdict per NANP area code + exchange (the first six
 * national digits). Its North American patterns never look past those six
 * digits (test/tenant/zones.test.ts checks samples), so the verdict for one
 * number of a prefix holds for all; a 100,000-row import parses each prefix once
 * instead of every number (about 20 µs each).
 */
const nanpPrefixes = new Map<string, { country: string | undefined } | null>();

/** The E.164 form of a NANP-shaped number (null: invalid), or undefined when the text is not NANP-shaped. */
function nanpE164(text: string): string | null | undefined {
  if (text.length > 20) return undefined;
  const m = NANP_SHAPE.exec(text.replace(NANP_PUNCTUATION, ''));
  if (!m) return undefined;
  const prefix = m[1]!;
  let verdict = nanpPrefixes.get(prefix);
  if (verdict === undefined) {
    const probe = libPhoneNumber().parsePhoneNumberFromString(`+1${prefix}${m[2]}`);
    verdict = probe && probe.isValid() ? { country: probe.country } : null;
    nanpPrefixes.set(prefix, verdict);
  }
  return verdict ? `+1${prefix}${m[2]}` : null;
}

/**
 * Just the E.164 form (null when invalid): what bulk pipelines need, without
 * an object per number. A North American number's national part is `e164.slice(2)`.
 */
export function toE164(raw: string, defaultCountry: CountryCode = DEFAULT_COUNTRY): string | null {
  const text = raw.trim();
  if (text === '' || text.length > 40) return null;
  if (defaultCountry === 'US' || text.startsWith('+1')) {
    const fast = nanpE164(text);
    if (fast !== undefined) return fast;
  }
  const parsed = libPhoneNumber().parsePhoneNumberFromString(text, defaultCountry);
  return parsed && parsed.isValid() ? parsed.number : null;
}

/** Parses and validates one number; null when it is not a valid phone number. */
export function normalizePhone(raw: string, defaultCountry: CountryCode = DEFAULT_COUNTRY): NormalizedPhone | null {
  const text = raw.trim();
  if (text === '' || text.length > 40) return null;
  if (defaultCountry === 'US' || text.startsWith('+1')) {
    const fast = nanpE164(text);
    if (fast === null) return null;
    if (fast !== undefined) {
      const national = fast.slice(2);
      return { e164: fast, country: nanpPrefixes.get(national.slice(0, 6))?.country, callingCode: '1', national };
    }
  }
  const parsed = libPhoneNumber().parsePhoneNumberFromString(text, defaultCountry);
  if (!parsed || !parsed.isValid()) return null;
  return { e164: parsed.number, country: parsed.country, callingCode: parsed.countryCallingCode, national: parsed.nationalNumber };
}

/** The digits of a phone number as written (for loose matching in searches). */
export function digitsOf(s: string): string {
  return s.replace(/\D+/g, '');
}

/** Digits a searched number needs before it may match the end of a stored one (a number written without its country code). */
export const MIN_SUFFIX_DIGITS = 7;

/**
 * True when a stored number is the searched one: the same digits, or the
 * searched digits (at least MIN_SUFFIX_DIGITS) end the stored number — the
 * same number written without its country code. Both stores search this way.
 */
export function samePhoneNumber(stored: string, wantedDigits: string): boolean {
  const d = digitsOf(stored);
  return d === wantedDigits || (wantedDigits.length >= MIN_SUFFIX_DIGITS && d.endsWith(wantedDigits));
}
