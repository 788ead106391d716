// North American numbers by area code and exchange (NPA-NXX): whether
// libphonenumber accepts them, in which country, and their zone(s), from one
// table generated at build time (scripts/build-tenant-data.mjs). A number is
// then checked and placed with one array look-up, whatever the number of
// distinct prefixes a list holds; other numbers still go to libphonenumber.
import { NANP_KINDS, NANP_ROWS } from './data/nanp.generated.js';

/** What the table says about every number of one area code and exchange. */
export interface NanpPrefix {
  /** ISO country libphonenumber assigns (`US`, `CA`, `JM`…); undefined: not a valid number. */
  readonly country: string | undefined;
  /** The zone(s) of the longest matching area-code prefix; empty when unknown. */
  readonly zones: readonly string[];
}

const FIRST = 200;
const SPAN = 800;

let kinds: NanpPrefix[] | undefined;
let cells: Uint16Array | undefined;

function decode(): void {
  kinds = NANP_KINDS.map((k) => {
    const eq = k.indexOf('=');
    const zones = k.slice(eq + 1);
    return Object.freeze({ country: eq > 0 ? k.slice(0, eq) : undefined, zones: Object.freeze(zones === '' ? [] : zones.split('|')) });
  });
  cells = new Uint16Array(SPAN * SPAN);
  let at = 0;
  for (const row of NANP_ROWS.split(';')) {
    for (const run of row.split(',')) {
      const star = run.indexOf('*');
      const kind = parseInt(run.slice(0, star), 36);
      const end = at + parseInt(run.slice(star + 1), 36);
      cells.fill(kind, at, end);
      at = end;
    }
  }
  if (at !== SPAN * SPAN) throw new Error(`the North American number table has ${at} cells, expected ${SPAN * SPAN}`);
}

/**
 * The table entry for a national number's first six digits (area code and
 * exchange, each 200–999), read from `digits` at `from`; undefined when
 * those six characters are not such a prefix.
 */
export function nanpPrefix(digits: string, from = 0): NanpPrefix | undefined {
  if (digits.length < from + 6) return undefined;
  return nanpPrefixOf(threeDigits(digits, from), threeDigits(digits, from + 3));
}

/** The table entry for an area code and exchange given as numbers; undefined outside 200–999. */
export function nanpPrefixOf(npa: number, nxx: number): NanpPrefix | undefined {
  if (npa < FIRST || nxx < FIRST || npa > 999 || nxx > 999) return undefined;
  if (!cells) decode();
  return kinds![cells![(npa - FIRST) * SPAN + (nxx - FIRST)]!];
}

/** The number written by three ASCII digits at `i`, or -1. */
function threeDigits(s: string, i: number): number {
  const a = s.charCodeAt(i) - 48;
  const b = s.charCodeAt(i + 1) - 48;
  const c = s.charCodeAt(i + 2) - 48;
  if (a < 0 || a > 9 || b < 0 || b > 9 || c < 0 || c > 9) return -1;
  return a * 100 + b * 10 + c;
}
