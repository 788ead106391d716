// Realistic phone numbers for the bench rows (spec/performance.md: "a prefix
// cache must not make the row"): North American numbers spread uniformly over
// every area code and exchange libphonenumber accepts (all 361,000 or so of
// them, as the built NPA-NXX table lists them), written the ways calling lists
// write them, plus a share of international numbers from libphonenumber's
// example numbers with their last digits varied. Seeded: the same data on
// every run.
import { createRequire } from 'node:module';
import { nanpPrefix } from '../dist/src/tenant/nanp.js';

const require = createRequire(import.meta.url);

/** A small deterministic generator (mulberry32). */
export function seeded(seed) {
  let a = seed >>> 0;
  return (n) => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (((t ^ (t >>> 14)) >>> 0) / 4294967296) * n | 0;
  };
}

let validPrefixes;

/** Every valid North American area code + exchange, as six-digit strings. */
export function validNanpPrefixes() {
  if (!validPrefixes) {
    validPrefixes = [];
    for (let npa = 200; npa <= 999; npa++)
      for (let nxx = 200; nxx <= 999; nxx++) {
        const p = `${npa}${nxx}`;
        if (nanpPrefix(p)?.country) validPrefixes.push(p);
      }
  }
  return validPrefixes;
}

const SPELLINGS = [
  (n) => `(${n.slice(0, 3)}) ${n.slice(3, 6)}-${n.slice(6)}`,
  (n) => `${n.slice(0, 3)}-${n.slice(3, 6)}-${n.slice(6)}`,
  (n) => `+1 ${n.slice(0, 3)} ${n.slice(3, 6)} ${n.slice(6)}`,
  (n) => `${n.slice(0, 3)}.${n.slice(3, 6)}.${n.slice(6)}`,
  (n) => `1${n}`,
];

const COUNTRIES = ['GB', 'DE', 'FR', 'MX', 'IN', 'PH', 'AU', 'BR', 'ES', 'IT', 'NL', 'IE', 'JP', 'ZA', 'CO', 'PL'];

/** Valid international numbers (E.164 written with spaces), built from libphonenumber's examples. */
function internationalPool(random, size) {
  const lib = require('libphonenumber-js/max');
  const examples = require('libphonenumber-js/examples.mobile.json');
  const pool = [];
  for (let tries = 0; pool.length < size && tries < size * 20; tries++) {
    const country = COUNTRIES[random(COUNTRIES.length)];
    const example = lib.getExampleNumber(country, examples);
    const national = example.nationalNumber.slice(0, -3) + String(random(1000)).padStart(3, '0');
    const parsed = lib.parsePhoneNumberFromString(`+${example.countryCallingCode}${national}`);
    if (parsed?.isValid()) pool.push(parsed.formatInternational());
  }
  return pool;
}

/**
 * `next()` gives one number as written in a list: North American ones (any
 * valid area code and exchange, random line) in mixed spellings, and
 * `internationalShare` of them international.
 */
export function phoneGenerator({ seed = 1, internationalShare = 0.01 } = {}) {
  const random = seeded(seed);
  const prefixes = validNanpPrefixes();
  const pool = internationalShare > 0 ? internationalPool(random, 400) : [];
  const nanp = () => `${prefixes[random(prefixes.length)]}${String(random(10000)).padStart(4, '0')}`;
  return {
    /** Ten national digits of a random valid North American number. */
    nanp,
    next() {
      if (pool.length > 0 && random(1_000_000) < internationalShare * 1_000_000) return pool[random(pool.length)];
      return SPELLINGS[random(SPELLINGS.length)](nanp());
    },
  };
}
