// The memory and SQLite stores behave the same: random sequences of prospect
// operations (some inside transactions that fail, some background work whose
// commit waits) give equal answers.
import fc from 'fast-check';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MemoryTenantStore } from '../../src/tenant/memory-store.js';
import { SqliteTenantStore } from '../../src/tenant/sqlite-store.js';
import { encodeProspect } from '../../src/tenant/encoded-prospect.js';
import type { ProspectRecord, RecordIndex, TenantStore } from '../../src/contract/tenant-store.js';

const dir = mkdtempSync(join(tmpdir(), 'store-model-'));
let files = 0;

type Op =
  | { op: 'upsert'; skill: number; id: string; source: string; at: number; expires: number | null }
  | { op: 'remove'; source: string; id: string }
  | { op: 'dial'; skill: number; max: number; at: number }
  | { op: 'expire'; skill: number; at: number }
  | { op: 'queueAt'; skill: number; at: number }
  | { op: 'failing'; skill: number; id: string }
  | { op: 'batch'; skill: number; items: { id: string; source: string; at: number; expires: number | null }[]; fail: boolean }
  | { op: 'put'; id: string; at: number }
  | { op: 'delete'; id: string }
  | { op: 'count'; skill: number; max: number; at: number }
  | { op: 'background'; skill: number; max: number; at: number; note: string | null; fail: boolean }
  | { op: 'outside'; id: string; at: number }
  | { op: 'settle' }
  | { op: 'bulk'; skill: number; items: { id: string; source: string; at: number; expires: number | null; encoded: boolean }[]; fail: boolean };

const ids = fc.constantFrom('a', 'b', 'c', 'd', 'e');
const skills = fc.constantFrom(1, 2);
const sources = fc.constantFrom('S', 's', 'T');
const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ op: fc.constant('upsert' as const), skill: skills, id: ids, source: sources, at: fc.nat(100), expires: fc.option(fc.nat(200), { nil: null }) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('remove' as const), source: sources, id: ids }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('dial' as const), skill: skills, max: fc.nat(3), at: fc.nat(200) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('expire' as const), skill: skills, at: fc.nat(200) }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('queueAt' as const), skill: skills, at: fc.nat(200) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('failing' as const), skill: skills, id: ids }) },
  {
    // Several upserts in one transaction with no queue read between them (a CREATEPROSPECTS batch), committed or rolled back.
    weight: 2,
    arbitrary: fc.record({
      op: fc.constant('batch' as const),
      skill: skills,
      items: fc.array(fc.record({ id: ids, source: sources, at: fc.nat(100), expires: fc.option(fc.nat(200), { nil: null }) }), { minLength: 1, maxLength: 6 }),
      fail: fc.boolean(),
    }),
  },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('put' as const), id: ids, at: fc.nat(100) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('delete' as const), id: ids }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('count' as const), skill: skills, max: fc.nat(3), at: fc.nat(200) }) },
  {
    // A dialer's batch between two script steps: its commit waits for the next change (or settle), its clock is written at that commit.
    weight: 3,
    arbitrary: fc.record({
      op: fc.constant('background' as const),
      skill: skills,
      max: fc.nat(2),
      at: fc.nat(200),
      note: fc.option(ids, { nil: null }),
      fail: fc.boolean(),
    }),
  },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('outside' as const), id: ids, at: fc.nat(100) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('settle' as const) }) },
  {
    // A bulk load (an upload): rows as records or already encoded (read in another thread), committed or aborted.
    weight: 2,
    arbitrary: fc.record({
      op: fc.constant('bulk' as const),
      skill: skills,
      items: fc.array(fc.record({ id: ids, source: sources, at: fc.nat(100), expires: fc.option(fc.nat(200), { nil: null }), encoded: fc.boolean() }), { minLength: 1, maxLength: 6 }),
      fail: fc.boolean(),
    }),
  },
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
  // Shaped like an upload's fields (mapped copies of input record members, the record last): SQLite's compact form.
  fields: { ExternalID: o.id, at: o.at, Record: { Id: o.id, At: String(o.at) } },
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
    case 'queueAt':
      return store.queueAt(o.skill, o.at);
    case 'failing':
      try {
        store.transaction(() => {
          store.upsertProspect(prospect({ skill: o.skill, id: o.id, source: 'S', at: 999, expires: null }));
          store.dialNext(o.skill, 2, 999);
          store.expireDue(o.skill, 999);
          store.collection('notes').put(o.id, { at: 999 });
          store.collection('notes').delete('a');
          throw new Error('rolled back');
        });
      } catch {
        return 'rolled back';
      }
      return 'committed';
    case 'batch':
      try {
        return store.transaction(() => {
          const codes = o.items.map((item) => store.upsertProspect(prospect({ skill: o.skill, ...item })));
          if (o.fail) throw new Error('rolled back');
          return codes;
        });
      } catch {
        return 'rolled back';
      }
    case 'bulk': {
      const bulk = store.bulkLoad();
      const codes = o.items.map((item) => {
        const p = prospect({ skill: o.skill, ...item });
        return item.encoded ? bulk.upsertEncoded(encodeProspect(p)) : bulk.upsertProspect(p);
      });
      if (o.fail) {
        bulk.abort();
        return 'rolled back';
      }
      bulk.commit();
      return codes;
    }
    case 'put':
      return store.transaction(() => store.collection('notes').put(o.id, { at: o.at }));
    case 'delete':
      return store.transaction(() => store.collection('notes').delete(o.id));
    case 'count':
      return store.dial(o.skill, o.max, o.at);
    case 'background':
      try {
        return store.background(() => {
          const at = { at: o.at };
          const dialed = store.transaction(() => {
            store.beforeCommit('clock', () => store.collection('clocks').put('dialer', at));
            return store.dial(o.skill, o.max, o.at);
          });
          if (o.note !== null) store.collection('notes').put(o.note, at);
          if (o.fail) throw new Error('rolled back');
          return dialed;
        });
      } catch {
        return 'rolled back';
      }
    case 'outside':
      return store.collection('notes').put(o.id, { at: o.at });
    case 'settle':
      // What waited for the commit is written by now: the clock as of the last batch that was not undone.
      store.settle();
      return store.collection('clocks').entries();
  }
}

const view = (s: TenantStore) => ({
  depth: [s.queueDepth(1), s.queueDepth(2)],
  oldest: [s.oldestQueuedMs(1), s.oldestQueuedMs(2)],
  hasQueued: [s.hasQueued(1), s.hasQueued(2)],
  count: [s.prospectCount(), s.prospectCount(1), s.prospectCount(2)],
  rows: s
    .prospects()
    .map((p) => [p.skillNo, p.externalId, p.sourceName, p.firstName, p.status, p.createdAtMs, p.updatedAtMs, p.dialedAtMs])
    .sort((a, b) => String(a).localeCompare(String(b))),
  byId: s.findProspects({ sourceName: 's', externalId: 'a' }).map((p) => [p.skillNo, p.status]),
  byPhone: s.findProspects({ sourceName: 'S', phone: '303 555 0100' }).length,
  notes: s.collection('notes').entries(),
  byIndex: ['0', '1', '2'].map((k) => s.collection<{ at: number }>('notes').findBy(BY_AT, k).map((r) => r.at)),
  byMemoryIndex: ['0', '1', '2'].map((k) => s.collection<{ at: number }>('notes').findBy(BY_AT_IN_MEMORY, k).map((r) => r.at)),
});

/** Indexes of the notes, one of each kind, so every model run checks index upkeep against the records. */
const BY_AT: RecordIndex<{ at: number }> = { name: 'test.at', keys: (r) => [String(r.at % 3)] };
const BY_AT_IN_MEMORY: RecordIndex<{ at: number }> = { name: 'test.at.memory', keys: BY_AT.keys, inMemory: true };

/** Everything, in the order the store gives it (two memory stores must agree exactly). */
const exactView = (s: MemoryTenantStore) => ({
  ...view(s),
  rows: s.prospects().map((p) => [p.skillNo, p.externalId, p.sourceName, p.firstName, p.status, p.createdAtMs, p.updatedAtMs, p.dialedAtMs]),
  dialOrder: [1, 2].map((skill) => {
    const probe = s.fork();
    return probe.dialNext(skill, 10, 0).map((p) => p.externalId);
  }),
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

describe('a forked memory store', () => {
  it('answers as a store given the same operations would, and neither the original nor another copy sees its changes', () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 15 }), fc.array(op, { maxLength: 20 }), (before, after) => {
        const plain = new MemoryTenantStore('UTC', 1);
        const original = new MemoryTenantStore('UTC', 1);
        for (const o of before) expect(apply(original, o)).toEqual(apply(plain, o));
        // Forked before any index exists: its first look-up uses the index the original builds, plus its own changes.
        const early = original.fork();
        const snapshot = exactView(original);
        for (const o of after) apply(early, o);
        const earlyView = exactView(early);
        const copy = original.fork();
        const other = original.fork();
        for (const o of after) {
          expect(apply(copy, o)).toEqual(apply(plain, o));
          expect(exactView(copy)).toEqual(exactView(plain));
        }
        expect(exactView(original)).toEqual(snapshot);
        expect(exactView(other)).toEqual(snapshot);
        // The original can still be written after forking, and a copy of a copy is a copy too.
        const grandchild = copy.fork();
        for (const o of after) apply(original, o);
        expect(exactView(original)).toEqual(exactView(copy));
        expect(exactView(grandchild)).toEqual(exactView(plain));
        expect(exactView(other)).toEqual(snapshot);
        expect(earlyView).toEqual(exactView(plain));
      }),
      { numRuns: 150 },
    );
  });

  it('costs the same to copy whatever the number of records (no record is copied)', () => {
    const big = new MemoryTenantStore('UTC', 1);
    big.transaction(() => {
      for (let i = 0; i < 20_000; i++) big.upsertProspect(prospect({ skill: 1, id: `p${i}`, source: 'S', at: i, expires: null }));
      for (let i = 0; i < 20_000; i++) big.collection('notes').put(`n${i}`, { at: i });
    });
    const copy = big.fork();
    // A copy answers from the shared records; its first write copies nothing either.
    copy.transaction(() => copy.upsertProspect(prospect({ skill: 1, id: 'p5', source: 'S', at: 1, expires: null })));
    expect((copy as unknown as { lists: Map<number, { added: Map<string, unknown> }> }).lists.get(1)!.added.size).toBe(0);
    expect(copy.prospect(1, 'p5')?.updatedAtMs).toBe(1);
    expect(big.prospect(1, 'p5')?.updatedAtMs).toBe(5);
    expect(copy.prospectCount(1)).toBe(20_000);
    expect(copy.dialNext(1, 3, 0).map((p) => p.externalId)).toEqual(['p0', 'p1', 'p2']);
    expect(big.queueDepth(1)).toBe(20_000);
  });
});
