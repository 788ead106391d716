// Source-map rules shared by the tenant file's `sources` section and the
// CREATESOURCEMAP action: the prospect fields a map may name, and what makes a
// map complete.
import type { SourceMapping } from '../contract/tenant-store.js';

/** Prospect fields a source map can fill (besides ExternalID and Destinations). */
export const PROSPECT_FIELDS = [
  'ExternalID',
  'Destinations',
  'FirstName',
  'LastName',
  'TimeZone',
  'ExpirationDate',
  'Address1',
  'Address2',
  'City',
  'State',
  'PostalCode',
  'Email',
  'Priority',
  'Notes',
  'Custom1',
  'Custom2',
  'Custom3',
  'Custom4',
  'Custom5',
] as const;

/** Default and upper bound of destinations per prospect (the CXone documentation's example allows six). */
export const DEFAULT_MAX_DESTINATIONS = 6;
export const MAX_DESTINATIONS_LIMIT = 20;

/** The canonical spelling of a prospect field, or undefined when the map may not name it. */
export function canonicalField(name: string): string | undefined {
  const lower = name.toLowerCase();
  return PROSPECT_FIELDS.find((f) => f.toLowerCase() === lower);
}

/** Destinations in a map: one field name, a `|` text list, or an array. */
export function destinationList(v: unknown): string[] {
  if (Array.isArray(v)) return v.filter((x): x is string => typeof x === 'string' && x.trim() !== '').map((x) => x.trim());
  if (typeof v === 'string') return v.split('|').map((x) => x.trim()).filter((x) => x !== '');
  return [];
}

/** True when a map has what every prospect needs: an ExternalID field and one destination field. */
export function isCompleteMapping(m: SourceMapping | null | undefined): m is SourceMapping {
  return !!m && typeof m.ExternalID === 'string' && m.ExternalID.trim() !== '' && Array.isArray(m.Destinations) && m.Destinations.length > 0;
}
