// A small collections business unit for preview-campaign tests: three agents
// in the campaign's queue (skill 1300), one outside it, and a helper that
// drives a campaign's preview dialer over virtual time, as the scheduler does.
import type { ProspectRecord, TenantStore } from '../../src/contract/tenant-store.js';
import { PreviewDialer } from '../../src/tenant/preview/dialer.js';
import { campaigns } from '../../src/tenant/preview/records.js';
import { tenantFromData, type Tenant } from '../../src/tenant/tenant.js';

export const START = Date.parse('2026-01-05T16:00:00Z'); // 09:00 in Denver

export function collectionsTenant(campaign: Record<string, unknown> = {}, extra: { agents?: unknown[] } = {}): Tenant {
  return tenantFromData({
    timeZone: 'America/Denver',
    agents: extra.agents ?? [
      { id: 1001, email: 'ana.silva@example.com', name: 'Ana Silva', skills: [1300], talkSeconds: 120 },
      { id: 1002, email: 'ben.okafor@example.com', name: 'Ben Okafor', skills: [1300], talkSeconds: 120 },
      { id: 1003, email: 'cy.tan@example.com', name: 'Cy Tan', skills: [1300], talkSeconds: 120 },
      { id: 1004, email: 'dee.ray@example.com', name: 'Dee Ray', skills: [2001] },
    ],
    skills: [
      { id: 1300, name: 'PC_Collections', media: 'Phone', direction: 'Outbound', personalConnection: true, campaign: 'Collections' },
      { id: 2001, name: 'Inbound_Support', media: 'Phone' },
    ],
    campaigns: [{ name: 'Collections', mode: 'Preview', skill: 1300, agentOwnedColumn: 'AgentEmail', ...campaign }],
  });
}

/** Adds (or updates) a record of skill 1300's calling list owned by `owner` ('' for nobody). */
export function addRecord(store: TenantStore, externalId: string, owner: string, atMs = START - 60_000): void {
  const p: ProspectRecord = {
    skillNo: 1300,
    externalId,
    sourceName: 'Collections',
    firstName: null,
    lastName: null,
    destinations: ['+13035550100'],
    timeZone: 'America/Denver',
    expiresAtMs: null,
    fields: { Record: { Account: externalId, AgentEmail: owner } },
    status: 'queued',
    createdAtMs: atMs,
    updatedAtMs: atMs,
    dialedAtMs: null,
  };
  store.upsertProspect(p);
}

/** The campaign's dialer with the effects it records. */
export function dialerOf(store: TenantStore): { dialer: PreviewDialer; effects: Record<string, unknown>[]; runUntil(ms: number): void; now(): number } {
  const dialer = new PreviewDialer(store, campaigns(store)[0]!);
  const effects: Record<string, unknown>[] = [];
  let now = START;
  dialer.attach({ clock: { now: () => { throw new Error('not used'); }, zone: store.timeZone } as never, tenant: store, random: () => 0, limits: {} as never, effect: (_k, d) => effects.push(d as Record<string, unknown>) });
  return {
    dialer,
    effects,
    now: () => now,
    runUntil(until: number) {
      for (let i = 0; i < 100_000; i++) {
        const due = dialer.nextDueMs();
        if (due === null || due > until) break;
        now = Math.max(now, due);
        dialer.runDue(now);
      }
      now = Math.max(now, until);
    },
  };
}

/** `09:00:10` for an ISO time of the day in Denver. */
export const at = (seconds: number): string => new Date(START + seconds * 1000).toISOString();
