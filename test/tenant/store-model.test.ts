// The memory and SQLite stores behave the same: random sequences of prospect
// operations (some inside transactions that fail) give equal answers.
import fc from 'fast-check';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MemoryTenantStore } from '../../src/tenant/memory-store.js';
import { SqliteTenantStore } from '../../src/tenant/sqlite-store.js';
import type { ProspectRecord, TenantStore } from '../../src/contract/tenant-store.js';

const dir = mkdtempSync(join(tmpdir(), 'store-model-'));
let files = 0;

type Op =
  | { op: 'upsert'; skill: number; id: string; source: string; at: number; expires: number | null }
  | { op: 'remove'; source: string; id: string }
  | { op: 'dial'; skill: number; max: number; at: number }
  | { op: 'expire'; skill: number; at: number }
  | { op: 'failing'; skill: number; id: string };

const ids = fc.constantFrom('a', 'b', 'c', 'd', 'e');
const skills = fc.constantFrom(1, 2);
const sources = fc.constantFrom('S', 's', 'T');
const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ op: fc.constant('upsert' as const), skill: skills, id: ids, source: sources, at: fc.nat(100), expires: fc.option(fc.nat(200), { nil: null }) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('remove' as const), source: sources, id: ids }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('dial' as const), skill: skills, max: fc.nat(3), at: fc.nat(200) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('expire' as const), skill: skills, at: fc.nat(200) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('failing' as const), skill: skills, id: ids }) },
);

const prospect = (o: { skill: number; id: string; source: string; at: number; expires: number | null }): ProspectRecord => ({
  skillNo: o.skill,
  externalId: o.id,
  sourceName: o.source,
  firstName: `F${o.at}`,
  lastName: null,
  destinations: ['+13035550100'],
  timeZone: 'UTC',
  expiresAtMs: o.expires,
  fields: { at: o.at },
  status: 'queued',
  createdAtMs: o.at,
  updatedAtMs: o.at,
  dialedAtMs: null,
});

function apply(store: TenantStore, o: Op): unknown {
  switch (o.op) {
    case 'upsert':
      return store.transaction(() => store.upsertProspect(prospect(o)));
    case 'remove':
      return store.transaction(() => store.removeProspect(o.source, o.id));
    case 'dial':
      return store.transaction(() => store.dialNext(o.skill, o.max, o.at).map((p) => p.externalId));
    case 'expire':
      return store.transaction(() => store.expireDue(o.skill, o.at));
    case 'failing':
      try {
        store.transaction(() => {
          store.upsertProspect(prospect({ skill: o.skill, id: o.id, source: 'S', at: 999, expires: null }));
          store.dialNext(o.skill, 2, 999);
          store.expireDue(o.skill, 999);
          throw new Error('rolled back');
        });
      } catch {
        return 'rolled back';
      }
      return 'committed';
  }
}

const view = (s: TenantStore) => ({
  depth: [s.queueDepth(1), s.queueDepth(2)],
  oldest: [s.oldestQueuedMs(1), s.oldestQueuedMs(2)],
  count: s.prospectCount(),
  rows: s
    .prospects()
    .map((p) => [p.skillNo, p.externalId, p.sourceName, p.firstName, p.status, p.createdAtMs, p.updatedAtMs, p.dialedAtMs])
    .sort((a, b) => String(a).localeCompare(String(b))),
  byId: s.findProspects({ sourceName: 's', externalId: 'a' }).map((p) => [p.skillNo, p.status]),
  byPhone: s.findProspects({ sourceName: 'S', phone: '303 555 0100' }).length,
});

describe('memory and SQLite stores', () => {
  it('agree on every random sequence of operations', () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 25 }), (ops) => {
        const memory = new MemoryTenantStore('UTC', 1);
        const sqlite = new SqliteTenantStore(join(dir, `m${++files}.db`), 'UTC', 1);
        try {
          for (const o of ops) {
            expect(apply(sqlite, o)).toEqual(apply(memory, o));
            expect(view(sqlite)).toEqual(view(memory));
          }
        } finally {
          sqlite.close();
        }
      }),
      { numRuns: 120 },
    );
  });
});
