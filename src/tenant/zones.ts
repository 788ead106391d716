// Time zones of prospects: IANA and Windows zone names, and the zone of a
// North American number from its area code (tables generated at build time by
// scripts/build-tenant-data.mjs from libphonenumber and CLDR data).
import { luxon } from '../deps.js';
import { AREA_CODE_TABLE } from './data/area-codes.generated.js';
import { WINDOWS_ZONES } from './data/windows-zones.generated.js';
import { nanpPrefix, type NanpPrefix } from './nanp.js';

let windowsByLower: Map<string, string> | undefined;

/**
 * Answers already given, by name as written: checking a zone builds an
 * `Intl.DateTimeFormat`, and a test session asks for the same few zones once
 * per case. Names past the cap are checked every time (never forgotten: the
 * set of zones a project uses is small).
 */
const resolved = new Map<string, string | null>();
const ianaChecked = new Map<string, boolean>();
const REMEMBERED_NAMES = 10_000;

function remember<V>(map: Map<string, V>, key: string, value: V): V {
  if (map.size < REMEMBERED_NAMES) map.set(key, value);
  return value;
}

/** True for a zone name the IANA database (as this Node knows it) has, in any case. */
export function isIanaZone(name: string): boolean {
  return ianaChecked.get(name) ?? remember(ianaChecked, name, luxon().IANAZone.isValidZone(name));
}

/**
 * The IANA zone a name stands for: an IANA name (any case, canonical spelling
 * kept as written when valid) or a Windows zone name (`Eastern Standard
 * Time`). null when it is neither.
 */
export function resolveZoneName(name: string): string | null {
  const known = resolved.get(name);
  return known !== undefined ? known : remember(resolved, name, resolveUncached(name));
}

function resolveUncached(name: string): string | null {
  const text = name.trim();
  if (text === '') return null;
  // IANA names have a slash (and UTC); plain offsets such as "EST5" are not zones a dialer can use.
  if ((text.includes('/') || text.toUpperCase() === 'UTC') && isIanaZone(text)) return canonicalIana(text);
  windowsByLower ??= new Map(Object.entries(WINDOWS_ZONES).map(([w, iana]) => [w.toLowerCase(), iana]));
  return windowsByLower.get(text.toLowerCase()) ?? null;
}

/** Luxon accepts any case; keep the IANA spelling so stored zones compare equal. */
function canonicalIana(text: string): string {
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: text }).resolvedOptions().timeZone;
  } catch {
    return text;
  }
}

let prefixes: Map<string, string[]> | undefined;
let longestPrefix = 0;

function table(): Map<string, string[]> {
  if (!prefixes) {
    prefixes = new Map();
    for (const entry of AREA_CODE_TABLE.split(';')) {
      const eq = entry.indexOf('=');
      const prefix = entry.slice(0, eq);
      prefixes.set(prefix, entry.slice(eq + 1).split('|'));
      if (prefix.length > longestPrefix) longestPrefix = prefix.length;
    }
  }
  return prefixes;
}

export type AreaCodeZone = { readonly zone: string } | { readonly ambiguous: readonly string[] } | null;

/** Westernmost zone of each zone list (by identity: the table's lists are shared) on the last day asked. */
const westernmostCache = new WeakMap<readonly string[], { day: number; zone: string }>();

/**
 * Emulator decision: a number whose area code spans several zones gets the
 * westernmost of them (the smallest UTC offset at `atMs`), as dialers commonly
 * do so that no contact is called before local calling hours start.
 */
export function westernmostZone(zones: readonly string[], atMs: number): string {
  const day = Math.floor(atMs / 86_400_000);
  const cached = westernmostCache.get(zones);
  if (cached?.day === day) return cached.zone;
  const { IANAZone } = luxon();
  const zone = zones.reduce((best, z) => (IANAZone.create(z).offset(atMs) < IANAZone.create(best).offset(atMs) ? z : best));
  westernmostCache.set(zones, { day, zone });
  return zone;
}

/** The answer for each entry of the NPA-NXX table, built once per entry. */
const prefixZones = new WeakMap<NanpPrefix, AreaCodeZone>();

/** The zone answer for an NPA-NXX table entry, built once per entry. Shared: do not change it. */
function zoneOfNanpPrefix(p: NanpPrefix): AreaCodeZone {
  let z = prefixZones.get(p);
  if (z === undefined) {
    z = p.zones.length === 0 ? null : p.zones.length === 1 ? Object.freeze({ zone: p.zones[0]! }) : Object.freeze({ ambiguous: p.zones });
    prefixZones.set(p, z);
  }
  return z;
}

/**
 * The zone of a North American number (`+1` and its 10-digit national number)
 * from the longest matching prefix. An area code that spans several zones is
 * `ambiguous`; toll-free and unknown prefixes give null. The answer is shared:
 * do not change it.
 */
export function zoneFromNorthAmericanNumber(national: string): AreaCodeZone {
  // A full area code and exchange: one look-up in the NPA-NXX table (prefixes are at most six digits).
  const p = nanpPrefix(national);
  if (p) return zoneOfNanpPrefix(p);
  const t = table();
  for (let len = Math.min(longestPrefix, national.length); len >= 3; len--) {
    const zones = t.get(national.slice(0, len));
    if (zones) return zones.length === 1 ? { zone: zones[0]! } : { ambiguous: zones };
  }
  return null;
}
