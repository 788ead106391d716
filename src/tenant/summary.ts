// A summary of a tenant's state for `studio-script tenant show`: skills with
// their calling lists, sources, and the record collections other domains keep.
import { DateTime } from 'luxon';
import type { ProspectStatus, TenantStore } from '../contract/tenant-store.js';

export interface TenantSummary {
  businessUnit: number | null;
  timeZone: string;
  store: 'memory' | 'sqlite';
  skills: {
    id: number;
    name: string;
    direction: string;
    personalConnection: boolean;
    active: boolean;
    dialerRatePerMinute: number | null;
    prospects: Record<ProspectStatus, number>;
    oldestQueued: string | null;
  }[];
  sources: { id: number; name: string; maxDestinations: number; mapping: Record<string, string | string[]> | null }[];
  collections: Record<string, number>;
}

export function summarizeTenant(store: TenantStore): TenantSummary {
  const iso = (ms: number | null) => (ms === null ? null : DateTime.fromMillis(ms, { zone: store.timeZone }).toISO());
  return {
    businessUnit: store.businessUnit,
    timeZone: store.timeZone,
    store: store.kind,
    skills: store.skills().map((s) => {
      const prospects: Record<ProspectStatus, number> = { queued: 0, dialed: 0, expired: 0 };
      for (const p of store.prospects(s.id)) prospects[p.status]++;
      return {
        id: s.id,
        name: s.name,
        direction: s.direction,
        personalConnection: s.personalConnection,
        active: s.active,
        dialerRatePerMinute: s.dialer?.ratePerMinute ?? null,
        prospects,
        oldestQueued: iso(store.oldestQueuedMs(s.id)),
      };
    }),
    sources: store.sources().map((s) => ({ id: s.id, name: s.name, maxDestinations: s.maxDestinations, mapping: s.mapping })),
    collections: Object.fromEntries(store.collectionNames().map((n) => [n, store.collection(n).count()])),
  };
}

/** The human form: one line per skill, source and collection. */
export function formatSummary(t: TenantSummary): string {
  const lines = [`business unit ${t.businessUnit ?? '(none)'}, ${t.timeZone}, ${t.store} store`];
  lines.push('skills:');
  for (const s of t.skills) {
    const kind = [s.direction, s.personalConnection ? 'Personal Connection' : '', s.active ? '' : 'inactive'].filter(Boolean).join(', ');
    const list = s.personalConnection
      ? `; calling list: ${s.prospects.queued} queued, ${s.prospects.dialed} dialed, ${s.prospects.expired} expired` +
        (s.dialerRatePerMinute === null ? '' : `; dialer ${s.dialerRatePerMinute}/min`) +
        (s.oldestQueued ? `; oldest queued ${s.oldestQueued}` : '')
      : '';
    lines.push(`  ${s.id} ${s.name} (${kind})${list}`);
  }
  if (t.skills.length === 0) lines.push('  (none)');
  lines.push('sources:');
  for (const s of t.sources) {
    const map = s.mapping
      ? Object.entries(s.mapping)
          .map(([k, v]) => `${k}=${Array.isArray(v) ? v.join('|') : v}`)
          .join(', ')
      : 'no map';
    lines.push(`  ${s.id} ${s.name} (max ${s.maxDestinations} destinations): ${map}`);
  }
  if (t.sources.length === 0) lines.push('  (none)');
  const names = Object.keys(t.collections);
  if (names.length > 0) {
    lines.push('records:');
    for (const n of names) lines.push(`  ${n}: ${t.collections[n]}`);
  }
  return lines.join('\n') + '\n';
}
