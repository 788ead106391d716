// Phone numbers of prospects: validation and E.164 normalisation with
// libphonenumber-js (Google's metadata, maintained upstream). Numbers written
// without a country code are read as North American, as the dialer does; those
// are checked against the NPA-NXX table built from libphonenumber (nanp.ts),
// the others are parsed by the library.
import type { CountryCode, PhoneNumber } from 'libphonenumber-js/max';
import { libPhoneNumber } from '../deps.js';
import { nanpPrefixOf, type NanpPrefix } from './nanp.js';

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
const NANP_SHAPE = /^(?:\+?1)?(\d{10})$/;
const NANP_PUNCTUATION = /[\s().-]/g;

/** Digits of the number being scanned (scratch space: no string per digit). */
const scanned = new Uint8Array(11);

/**
 * Scans a number written in a North American shape (digits, punctuation
 * `( ) . -` and spaces, an optional leading `+`): how many digits it has (in
 * `scanned`), -1 when it has more than eleven or a misplaced `+`, or -2 when
 * it holds another character (the pattern path decides those). This runs for
 * every number of a list, so it allocates nothing.
 */
function scanNanp(text: string): number {
  let n = 0;
  let plus = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      if (n === 11) return -1;
      scanned[n++] = c - 48;
    } else if (c === 43) {
      if (plus || n > 0) return -1;
      plus = true;
    } else if (c !== 32 && c !== 40 && c !== 41 && c !== 45 && c !== 46) return -2;
  }
  // `+` only as in `+1…`: the national number then follows the country code.
  if (plus && !(n === 11 && scanned[0] === 1)) return -1;
  return n;
}

/**
 * A North American number's table entry and its ten national digits (as the
 * offset into `scanned`), or undefined when the text does not have that shape
 * or its area code or exchange is not 200–999.
 */
function scanPrefix(text: string): { prefix: NanpPrefix; from: number } | undefined {
  if (text.length > 20) return undefined;
  const n = scanNanp(text);
  if (n === -2) {
    const national = NANP_SHAPE.exec(text.replace(NANP_PUNCTUATION, ''))?.[1];
    if (national === undefined) return undefined;
    for (let i = 0; i < 10; i++) scanned[i] = national.charCodeAt(i) - 48;
    return withPrefix(0);
  }
  if (n === 10) return withPrefix(0);
  if (n === 11 && scanned[0] === 1) return withPrefix(1);
  return undefined;
}

/** scanPrefix's answer, reused (read it before the next scan). */
const found = { prefix: undefined as unknown as NanpPrefix, from: 0 };

function withPrefix(from: number): { prefix: NanpPrefix; from: number } | undefined {
  const s = scanned;
  const prefix = nanpPrefixOf(s[from]! * 100 + s[from + 1]! * 10 + s[from + 2]!, s[from + 3]! * 100 + s[from + 4]! * 10 + s[from + 5]!);
  if (!prefix) return undefined;
  found.prefix = prefix;
  found.from = from;
  return found;
}

/** `+1` and the ten national digits scanned from `from`, as one string. */
function e164Scanned(from: number): string {
  const s = scanned;
  return String.fromCharCode(
    43, 49,
    48 + s[from]!, 48 + s[from + 1]!, 48 + s[from + 2]!, 48 + s[from + 3]!, 48 + s[from + 4]!,
    48 + s[from + 5]!, 48 + s[from + 6]!, 48 + s[from + 7]!, 48 + s[from + 8]!, 48 + s[from + 9]!,
  );
}

/**
 * Just the E.164 form (null when invalid): what bulk pipelines need, without
 * an object per number. A North American number's national part is `e164.slice(2)`.
 */
export function toE164(raw: string, defaultCountry: CountryCode = DEFAULT_COUNTRY): string | null {
  const text = isTrimmed(raw) ? raw : raw.trim();
  if (text === '' || text.length > 40) return null;
  if (defaultCountry === 'US' || text.startsWith('+1')) {
    const known = scanPrefix(text);
    if (known) {
      if (!known.prefix.country) return null;
      return text.length === 12 && text.charCodeAt(0) === 43 ? text : e164Scanned(known.from);
    }
  }
  if (text.charCodeAt(0) === 43) {
    const e164 = internationalE164(text);
    if (e164 !== undefined) return e164;
  }
  const parsed = libPhoneNumber().parsePhoneNumberFromString(text, defaultCountry);
  return parsed && isValidParsed(parsed) ? parsed.number : null;
}

/** True when `trim()` would return the text unchanged (it starts and ends with a printable ASCII character). */
function isTrimmed(s: string): boolean {
  const a = s.charCodeAt(0);
  const b = s.charCodeAt(s.length - 1);
  return a > 32 && a < 127 && b > 32 && b < 127;
}

/** Parses and validates one number; null when it is not a valid phone number. */
export function normalizePhone(raw: string, defaultCountry: CountryCode = DEFAULT_COUNTRY): NormalizedPhone | null {
  const text = raw.trim();
  if (text === '' || text.length > 40) return null;
  if (defaultCountry === 'US' || text.startsWith('+1')) {
    const known = scanPrefix(text);
    if (known) {
      if (!known.prefix.country) return null;
      const e164 = e164Scanned(known.from);
      return { e164, country: known.prefix.country, callingCode: '1', national: e164.slice(2) };
    }
  }
  const parsed = libPhoneNumber().parsePhoneNumberFromString(text, defaultCountry);
  if (!parsed || !isValidParsed(parsed)) return null;
  return { e164: parsed.number, country: parsed.country, callingCode: parsed.countryCallingCode, national: parsed.nationalNumber };
}

/** What libphonenumber's metadata says of one numbering plan, with its patterns compiled once. */
interface PlanCheck {
  /** The plan's national number pattern, matched whole. */
  general: RegExp;
  /** The number types with a pattern (null: the plan has no types, the general pattern decides). */
  types: { whole: RegExp; lengths: readonly number[] | undefined }[] | null;
}

/** The number types libphonenumber's `getNumberType` tries (a number is valid when it has one). */
const NUMBER_TYPES = ['FIXED_LINE', 'MOBILE', 'PREMIUM_RATE', 'TOLL_FREE', 'SHARED_COST', 'VOIP', 'PERSONAL_NUMBER', 'PAGER', 'UAN', 'VOICEMAIL'] as const;

/** The part of libphonenumber's Metadata class the checks read (its typings list less of it). */
interface PlanMetadata {
  selectNumberingPlan(plan: string): void;
  nationalNumberPattern(): string;
  hasTypes(): boolean;
  type(name: string): { pattern(): string; possibleLengths(): number[] | undefined } | undefined;
  hasCallingCode(code: string): boolean;
  getCountryCodesForCallingCode(code: string): string[] | undefined;
  numberingPlan: { nationalPrefixForParsing(): string | undefined };
}

/** A new Metadata of the library's bundled data; null where its build has no Metadata class (its CommonJS build, used only when require(esm) is off). */
function newMetadata(): PlanMetadata | null {
  const Metadata = (libPhoneNumber() as { Metadata?: new () => unknown }).Metadata;
  return typeof Metadata === 'function' ? (new Metadata() as PlanMetadata) : null;
}

/** Checks by numbering plan (ISO country or calling code): a few hundred at most. */
const planChecks = new Map<string, PlanCheck>();

/** The checks of a plan; null where the library's build has no Metadata class (its CommonJS build, used only when require(esm) is off). */
function planCheck(plan: string): PlanCheck | null {
  let check = planChecks.get(plan);
  if (check) return check;
  const metadata = newMetadata();
  if (metadata === null) return null;
  metadata.selectNumberingPlan(plan);
  const whole = (pattern: string): RegExp => new RegExp('^(?:' + pattern + ')$');
  let types: PlanCheck['types'] = null;
  if (metadata.hasTypes()) {
    types = [];
    for (const name of NUMBER_TYPES) {
      const type = metadata.type(name);
      if (type && type.pattern()) types.push({ whole: whole(type.pattern()), lengths: type.possibleLengths() });
    }
  }
  check = { general: whole(metadata.nationalNumberPattern()), types };
  planChecks.set(plan, check);
  return check;
}

/**
 * libphonenumber's `isValid()` of a parsed number, decided from the same
 * metadata with the patterns compiled once per plan (the library builds a
 * RegExp per pattern per call: most of an international number's cost in a
 * big list). test/tenant/phones-scan.test.ts compares the two.
 */
export function isValidParsed(parsed: PhoneNumber): boolean {
  const check = planCheck(parsed.country || parsed.countryCallingCode);
  if (check === null) return parsed.isValid();
  return isValidIn(check, parsed.nationalNumber || '');
}

/** True when a national number is valid in a plan: it matches the plan and one of its number types (the library's isValid). */
function isValidIn(check: PlanCheck, national: string): boolean {
  if (!check.general.test(national)) return false;
  if (check.types === null) return true;
  for (const t of check.types) if ((!t.lengths || t.lengths.includes(national.length)) && t.whole.test(national)) return true;
  return false;
}

/** `+`, a calling code that does not start with 0 or 1, then digits with single spaces or hyphens between them. */
const INTERNATIONAL_SHAPE = /^\+[2-9](?:[ -]?\d)*$/;

/** What the international path needs of a calling code that belongs to one country. */
interface CallingCodePlan {
  /** The country's national prefix for parsing, anchored at the start (null: it has none). */
  nationalPrefix: RegExp | null;
  check: PlanCheck;
}

/** By calling code: its plan; null when the library decides (a code shared by several countries, a non-geographic one); NOT_A_CODE for digits that are no calling code. */
const callingCodePlans = new Map<string, CallingCodePlan | null | typeof NOT_A_CODE>();
const NOT_A_CODE = 0;

function callingCodePlan(code: string): CallingCodePlan | null | typeof NOT_A_CODE {
  let plan = callingCodePlans.get(code);
  if (plan !== undefined) return plan;
  plan = null;
  const metadata = newMetadata();
  if (metadata !== null && !metadata.hasCallingCode(code)) plan = NOT_A_CODE;
  else if (metadata !== null) {
    const countries = metadata.getCountryCodesForCallingCode(code);
    const check = countries?.length === 1 ? planCheck(countries[0]!) : null;
    if (check) {
      metadata.selectNumberingPlan(countries![0]!);
      const prefix = metadata.numberingPlan.nationalPrefixForParsing();
      plan = { nationalPrefix: prefix ? new RegExp('^(?:' + prefix + ')') : null, check };
    }
  }
  callingCodePlans.set(code, plan);
  return plan;
}

/**
 * The E.164 form of an international number written `+CC NSN`, as
 * libphonenumber gives it (null: not a valid number), decided from the same
 * metadata without the library's parse and its objects; undefined when the
 * library must decide: another shape, a calling code shared by several
 * countries, digits the country's national prefix could start, a national
 * number shorter than 2 or longer than 17 digits. The library takes the
 * digits after the `+` as the calling code (at most three, no code is the
 * start of another) and the rest as the national number, which it keeps as
 * written unless the national prefix pattern matches its start.
 * test/tenant/phones-scan.test.ts compares the two on every country.
 */
function internationalE164(text: string): string | null | undefined {
  if (!INTERNATIONAL_SHAPE.test(text)) return undefined;
  const digits = text.indexOf(' ') === -1 && text.indexOf('-') === -1 ? text.slice(1) : text.slice(1).replace(/[ -]/g, '');
  for (let i = 1; i <= 3 && i < digits.length; i++) {
    const plan = callingCodePlan(digits.slice(0, i));
    if (plan === NOT_A_CODE) continue;
    if (plan === null) return undefined;
    const national = digits.slice(i);
    if (national.length < 2 || national.length > 17 || plan.nationalPrefix?.test(national)) return undefined;
    return isValidIn(plan.check, national) ? '+' + digits : null;
  }
  return undefined;
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
