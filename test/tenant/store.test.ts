import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { MemoryTenantStore } from '../../src/tenant/memory-store.js';
import { SqliteTenantStore } from '../../src/tenant/sqlite-store.js';
import { encodeProspect } from '../../src/tenant/encoded-prospect.js';
import type { ProspectRecord, RecordIndex, TenantStore } from '../../src/contract/tenant-store.js';

const dir = mkdtempSync(join(tmpdir(), 'tenant-store-'));
let n = 0;
const stores: [string, () => TenantStore][] = [
  ['memory', () => new MemoryTenantStore('America/Denver', 1)],
  ['sqlite', () => new SqliteTenantStore(join(dir, `s${++n}.db`), 'America/Denver', 1)],
];

const prospect = (externalId: string, over: Partial<ProspectRecord> = {}): ProspectRecord => ({
  skillNo: 1234,
  externalId,
  sourceName: 'Leads',
  firstName: 'Ada',
  lastName: 'Lovelace',
  destinations: ['+13035550100'],
  timeZone: 'America/Denver',
  expiresAtMs: null,
  fields: { ExternalID: externalId },
  status: 'queued',
  createdAtMs: 1000,
  updatedAtMs: 1000,
  dialedAtMs: null,
  ...over,
});

describe.each(stores)('%s store', (_kind, make) => {
  it('keeps skills, agents and sources (names case-insensitive)', () => {
    const s = make();
    s.putSkill({ id: 1, name: 'PC', media: 'Phone', direction: 'Outbound', personalConnection: true, campaign: null, active: true, script: null, dialer: { ratePerMinute: 2 } });
    s.putAgent({ id: 7, email: 'a@b.c', name: 'A' });
    const id = s.putSource({ id: 0, name: 'Leads', mapping: null, maxDestinations: 6 });
    expect(s.skill(1)?.dialer).toEqual({ ratePerMinute: 2 });
    expect(s.agents()).toEqual([{ id: 7, email: 'a@b.c', name: 'A' }]);
    expect(s.source('LEADS')?.id).toBe(id);
    expect(s.putSource({ id: 0, name: 'leads', mapping: { ExternalID: 'Id', Destinations: ['M'] }, maxDestinations: 6 })).toBe(id);
    expect(s.putSource({ id: 0, name: 'Other', mapping: null, maxDestinations: 6 })).not.toBe(id);
    expect(s.sources()).toHaveLength(2);
    s.close();
  });

  it('upserts prospects by (skill, external id) and keeps queue order', () => {
    const s = make();
    expect(s.upsertProspect(prospect('a'))).toBe('Created');
    expect(s.upsertProspect(prospect('b'))).toBe('Created');
    expect(s.upsertProspect(prospect('a', { firstName: 'Grace', createdAtMs: 5000, updatedAtMs: 5000 }))).toBe('Updated');
    expect(s.upsertProspect(prospect('a', { skillNo: 99 }))).toBe('Created');
    expect(s.prospect(1234, 'a')).toMatchObject({ firstName: 'Grace', createdAtMs: 1000, updatedAtMs: 5000 });
    expect(s.prospects(1234).map((p) => p.externalId)).toEqual(['a', 'b']);
    expect(s.prospectCount()).toBe(3);
    expect(s.queueDepth(1234)).toBe(2);
    s.close();
  });

  it("gives a prospect's fields back as they were put: values, key order, the input record", () => {
    const s = make();
    const record = { Id: 'P1', First: 'Ada', Phone: '303 555 0100', Notes: 'say "hi", then, wait', '2': 'two', Nested: { a: [1, null] } };
    const shapes: Record<string, unknown>[] = [
      { ExternalID: 'P1', FirstName: 'Ada', Notes: record.Notes, Record: record }, // an upload's: copies of record members, the record last
      { ExternalID: 'P1', Score: 7, Flag: true, Other: 'not in the record', Empty: null, Same: 'two', Record: record },
      { Record: record, ExternalID: 'P1' }, // the record not last
      { ExternalID: 'P1', Gone: undefined, Record: { Id: 'P1', Skipped: undefined, First: 'Ada' } },
      { ExternalID: 'P1', Record: 'not an object' },
      { ExternalID: 'P1', Record: ['P1'] },
      { ExternalID: 'P1' },
      {},
      JSON.parse('{"__proto__": "P1", "Record": {"Id": "P1"}}') as Record<string, unknown>,
    ];
    shapes.forEach((fields, i) => s.upsertProspect(prospect(`P${i}`, { fields })));
    shapes.forEach((fields, i) => {
      const got = s.prospect(1234, `P${i}`)!.fields;
      expect(JSON.stringify(got)).toBe(JSON.stringify(fields));
      expect(Object.getPrototypeOf(got)).toBe(Object.prototype);
    });
    expect(s.findProspects({ sourceName: 'Leads', externalId: 'P0' })[0]!.fields).toEqual(shapes[0]);
    expect(s.prospects(1234).map((p) => JSON.stringify(p.fields))).toEqual(shapes.map((f) => JSON.stringify(f)));
  });

  it('dials in queue order, skips expired records, re-queues an updated dialed record', () => {
    const s = make();
    s.upsertProspect(prospect('a'));
    s.upsertProspect(prospect('old', { expiresAtMs: 1500 }));
    s.upsertProspect(prospect('b'));
    s.upsertProspect(prospect('c'));
    expect(s.oldestQueuedMs(1234)).toBe(1000);
    expect(s.dialNext(1234, 2, 2000).map((p) => p.externalId)).toEqual(['a', 'b']);
    expect(s.prospect(1234, 'old')?.status).toBe('expired');
    expect(s.prospect(1234, 'a')).toMatchObject({ status: 'dialed', dialedAtMs: 2000 });
    expect(s.queueDepth(1234)).toBe(1);
    expect(s.upsertProspect(prospect('a', { updatedAtMs: 3000 }))).toBe('Updated');
    expect(s.queueDepth(1234)).toBe(2);
    expect(s.dialNext(1234, 10, 4000).map((p) => p.externalId)).toEqual(['c', 'a']);
    expect(s.queueDepth(1234)).toBe(0);
    expect(s.oldestQueuedMs(1234)).toBeNull();
    s.close();
  });

  it('counts what it dials as dialNext would, with the queue depth kept', () => {
    const s = make();
    for (const id of ['a', 'b', 'c']) s.upsertProspect(prospect(id, id === 'b' ? { expiresAtMs: 1500 } : {}));
    expect(s.queueDepth(1234)).toBe(3);
    expect(s.dial(1234, 1, 2000)).toBe(1);
    // The expired record on the way is not counted, and leaves the queue.
    expect(s.dial(1234, 1, 2000)).toBe(1);
    expect(s.prospect(1234, 'b')).toMatchObject({ status: 'expired', dialedAtMs: null });
    expect(s.prospect(1234, 'c')).toMatchObject({ status: 'dialed', dialedAtMs: 2000 });
    expect(s.queueDepth(1234)).toBe(0);
    expect(s.dial(1234, 5, 3000)).toBe(0);
    s.close();
  });

  it('runs background work whose clock is written at its commit, and undoes a failed batch with its clock', () => {
    const s = make();
    const clock = (at: number) => () => s.collection('clocks').put('dialer', { at });
    s.upsertProspect(prospect('a'));
    s.upsertProspect(prospect('b'));
    expect(s.background(() => s.transaction(() => (s.beforeCommit('clock', clock(1)), s.dial(1234, 1, 2000))))).toBe(1);
    expect(() =>
      s.background(() => {
        s.beforeCommit('clock', clock(2));
        s.dial(1234, 1, 3000);
        throw new Error('undone');
      }),
    ).toThrow('undone');
    // A transaction that changes nothing, then settle: the first batch lands with its clock, the failed one not at all.
    expect(s.transaction(() => s.queueDepth(1234))).toBe(1);
    s.settle();
    expect(s.collection('clocks').get('dialer')).toEqual({ at: 1 });
    expect(s.prospects(1234).map((p) => p.status)).toEqual(['dialed', 'queued']);
    s.close();
  });

  it('expires queued records as their time comes, whatever was asked before', () => {
    const s = make();
    s.upsertProspect(prospect('late', { expiresAtMs: 9000 }));
    s.upsertProspect(prospect('never'));
    expect(s.expireDue(1234, 2000)).toBe(0);
    // Added after that answer, expiring sooner than anything before it.
    s.upsertProspect(prospect('soon', { expiresAtMs: 3000 }));
    expect(s.expireDue(1234, 2500)).toBe(0);
    expect(s.expireDue(1234, 3000)).toBe(1);
    expect(s.prospect(1234, 'soon')?.status).toBe('expired');
    expect(s.expireDue(1234, 8999)).toBe(0);
    // Requeued with an earlier expiration, inside a transaction that is rolled back, then for good.
    expect(() =>
      s.transaction(() => {
        s.upsertProspect(prospect('soon', { expiresAtMs: 4000, updatedAtMs: 4000 }));
        expect(s.expireDue(1234, 5000)).toBe(1);
        throw new Error('undone');
      }),
    ).toThrow('undone');
    expect(s.prospect(1234, 'soon')?.status).toBe('expired');
    s.upsertProspect(prospect('soon', { expiresAtMs: 9500, updatedAtMs: 5000 }));
    expect(s.expireDue(1234, 9000)).toBe(1);
    expect(s.prospects(1234).map((p) => [p.externalId, p.status])).toEqual([
      ['late', 'expired'],
      ['never', 'queued'],
      ['soon', 'queued'],
    ]);
    expect(s.expireDue(1234, 9500)).toBe(1);
    expect(s.queueDepth(1234)).toBe(1);
    s.close();
  });

  it('finds prospects by external id, phone (with or without country code) and name', () => {
    const s = make();
    s.upsertProspect(prospect('a', { destinations: ['+13035550100', '+17205550111'] }));
    s.upsertProspect(prospect('b', { firstName: 'Grace', lastName: 'Hopper', destinations: ['+12125550199'] }));
    expect(s.findProspects({ sourceName: 'leads', externalId: 'a' })).toHaveLength(1);
    expect(s.findProspects({ sourceName: 'Leads', phone: '(720) 555-0111' }).map((p) => p.externalId)).toEqual(['a']);
    expect(s.findProspects({ sourceName: 'Leads', phone: '+1 212 555 0199' }).map((p) => p.externalId)).toEqual(['b']);
    expect(s.findProspects({ sourceName: 'Leads', firstName: 'grace', lastName: 'HOPPER' }).map((p) => p.externalId)).toEqual(['b']);
    expect(s.findProspects({ sourceName: 'Other', externalId: 'a' })).toEqual([]);
    expect(s.removeProspect('Leads', 'a')).toBe(true);
    expect(s.removeProspect('Leads', 'a')).toBe(false);
    expect(s.queueDepth(1234)).toBe(1);
    s.close();
  });

  it('rolls a failed transaction back entirely', () => {
    const s = make();
    s.upsertProspect(prospect('keep'));
    const customers = s.collection<{ name: string }>('crm.customers');
    customers.put('c1', { name: 'Ada' });
    expect(() =>
      s.transaction(() => {
        s.upsertProspect(prospect('new'));
        s.upsertProspect(prospect('keep', { firstName: 'Changed' }));
        s.dialNext(1234, 1, 5000);
        customers.put('c2', { name: 'Grace' });
        customers.delete('c1');
        s.putSource({ id: 0, name: 'Tmp', mapping: null, maxDestinations: 6 });
        throw new Error('boom');
      }),
    ).toThrow('boom');
    expect(s.prospects().map((p) => [p.externalId, p.firstName, p.status])).toEqual([['keep', 'Ada', 'queued']]);
    expect(customers.entries()).toEqual([['c1', { name: 'Ada' }]]);
    expect(s.source('Tmp')).toBeUndefined();
    s.close();
  });

  it('undoes a nested transaction that throws, and keeps the outer one going', () => {
    const s = make();
    s.transaction(() => {
      s.upsertProspect(prospect('outer'));
      expect(() =>
        s.transaction(() => {
          s.upsertProspect(prospect('inner'));
          s.collection('notes').put('n1', { text: 'inner' });
          throw new Error('inner failed');
        }),
      ).toThrow('inner failed');
      s.collection('notes').put('n2', { text: 'outer' });
    });
    expect(s.prospects().map((p) => p.externalId)).toEqual(['outer']);
    expect(s.collection('notes').entries()).toEqual([['n2', { text: 'outer' }]]);
    s.close();
  });

  it('bulk-loads rows that land together at commit', () => {
    const s = make();
    s.upsertProspect(prospect('before'));
    const bulk = s.bulkLoad();
    expect(bulk.upsertProspect(prospect('a'))).toBe('Created');
    expect(bulk.upsertProspect(prospect('b'))).toBe('Created');
    expect(bulk.upsertProspect(prospect('a', { firstName: 'Grace', updatedAtMs: 2000 }))).toBe('Updated');
    expect(bulk.upsertProspect(prospect('before', { updatedAtMs: 2000 }))).toBe('Updated');
    bulk.put('crm.records.x.leads', 'L1', { id: 'L1', status: 'New' });
    // Writes made through the store while the load is open join it.
    s.putSource({ id: 0, name: 'Leads', mapping: { ExternalID: 'Id', Destinations: ['M'] }, maxDestinations: 6 });
    s.transaction(() => s.collection('notes').put('n1', { text: 'during' }));
    bulk.commit();
    expect(() => bulk.commit()).toThrow(/already ended/);
    expect(s.prospects(1234).map((p) => [p.externalId, p.firstName, p.createdAtMs])).toEqual([
      ['before', 'Ada', 1000],
      ['a', 'Grace', 1000],
      ['b', 'Ada', 1000],
    ]);
    expect(s.queueDepth(1234)).toBe(3);
    expect(s.collection('crm.records.x.leads').get('L1')).toEqual({ id: 'L1', status: 'New' });
    expect(s.source('leads')).toBeDefined();
    expect(s.collection('notes').count()).toBe(1);
    s.close();
  });

  it('bulk-loads encoded prospects (rows read in another thread) as it loads the records they encode', () => {
    const s = make();
    s.upsertProspect(prospect('before'));
    s.dialNext(1234, 1, 1500);
    const fields = { ExternalID: 'b', Note: 'x', Record: { Id: 'b', First: 'Ada', Tags: ['a'] } };
    const bulk = s.bulkLoad();
    expect(bulk.upsertEncoded(encodeProspect(prospect('a', { expiresAtMs: 9000 })))).toBe('Created');
    expect(bulk.upsertEncoded(encodeProspect(prospect('b', { firstName: null, fields })))).toBe('Created');
    expect(bulk.upsertEncoded(encodeProspect(prospect('before', { firstName: 'Grace', updatedAtMs: 2000 })))).toBe('Updated');
    bulk.commit();
    expect(s.prospect(1234, 'a')).toEqual(prospect('a', { expiresAtMs: 9000 }));
    expect(s.prospect(1234, 'b')).toEqual(prospect('b', { firstName: null, fields }));
    // An update of a dialed record queues it again, as upsertProspect does.
    expect(s.prospect(1234, 'before')).toMatchObject({ firstName: 'Grace', status: 'queued', dialedAtMs: null, createdAtMs: 1000, updatedAtMs: 2000 });
    expect(s.dialNext(1234, 3, 2500).map((p) => p.externalId)).toEqual(['a', 'b', 'before']);
    s.close();
  });

  it('takes back everything of an aborted bulk load, and nothing from before it', () => {
    const s = make();
    s.upsertProspect(prospect('before'));
    s.dialNext(1234, 1, 2000);
    const bulk = s.bulkLoad();
    bulk.upsertProspect(prospect('new'));
    bulk.upsertProspect(prospect('before', { firstName: 'Changed', updatedAtMs: 3000 }));
    bulk.put('crm.records.x.leads', 'L1', { id: 'L1' });
    s.putSource({ id: 0, name: 'Tmp', mapping: null, maxDestinations: 6 });
    bulk.abort();
    bulk.abort(); // a second abort (a failure path after another) is harmless
    expect(s.prospects().map((p) => [p.externalId, p.firstName, p.status])).toEqual([['before', 'Ada', 'dialed']]);
    expect(s.queueDepth(1234)).toBe(0);
    expect(s.collection('crm.records.x.leads').count()).toBe(0);
    expect(s.source('Tmp')).toBeUndefined();
    // The store is usable again, for transactions and for a new load.
    s.transaction(() => s.upsertProspect(prospect('after')));
    const again = s.bulkLoad();
    again.upsertProspect(prospect('later'));
    again.commit();
    expect(s.prospectCount()).toBe(3);
    s.close();
  });

  it('refuses to open a bulk load inside a transaction', () => {
    const s = make();
    expect(() => s.transaction(() => s.bulkLoad())).toThrow(/cannot start inside a transaction/);
    expect(() => s.bulkLoad().commit()).not.toThrow();
    s.close();
  });

  // Each index test runs with an index the SQLite store keeps in its file and one it keeps in memory (RecordIndex.inMemory).
  describe.each([
    ['kept in the file', false],
    ['kept in memory', true],
  ] as const)('an index %s', (_where, inMemory) => {
    it('finds records through an index kept up to date by every change, in insertion order', () => {
      const s = make();
      const byTier: RecordIndex<{ name: string; tier?: string }> = { name: 'test.tier', keys: (r) => (r.tier ? [r.tier.toLowerCase()] : []), inMemory };
      const c = s.collection<{ name: string; tier?: string }>('people');
      c.put('a', { name: 'Ada', tier: 'Gold' });
      c.put('b', { name: 'Bob' });
      expect(c.findBy(byTier, 'gold').map((r) => r.name)).toEqual(['Ada']); // built here, from what is there
      c.put('c', { name: 'Cy', tier: 'gold' });
      c.put('b', { name: 'Bob', tier: 'GOLD' }); // joins late, but keeps its place in insertion order
      c.put('a', { name: 'Ada', tier: 'silver' });
      expect(c.findBy(byTier, 'gold').map((r) => r.name)).toEqual(['Bob', 'Cy']);
      expect(c.findBy(byTier, 'gold', { limit: 1 }).map((r) => r.name)).toEqual(['Bob']);
      expect(c.findBy(byTier, 'gold', { filter: (r) => r.name !== 'Bob', limit: 1 }).map((r) => r.name)).toEqual(['Cy']);
      expect(c.findBy(byTier, 'silver').map((r) => r.name)).toEqual(['Ada']);
      expect(() => s.transaction(() => {
        c.delete('c');
        c.put('d', { name: 'Dee', tier: 'gold' });
        expect(c.findBy(byTier, 'gold').map((r) => r.name)).toEqual(['Bob', 'Dee']);
        throw new Error('undo');
      })).toThrow('undo');
      expect(c.findBy(byTier, 'gold').map((r) => r.name)).toEqual(['Bob', 'Cy']);
      expect(c.delete('b')).toBe(true);
      expect(c.findBy(byTier, 'gold').map((r) => r.name)).toEqual(['Cy']);
      expect(c.find((r) => r.name.length === 3, 1).map((r) => r.name)).toEqual(['Ada']);
      c.clear();
      expect(c.findBy(byTier, 'gold')).toEqual([]);
      c.put('e', { name: 'Eve', tier: 'gold' });
      expect(c.findBy(byTier, 'gold').map((r) => r.name)).toEqual(['Eve']);
      expect(c.findBy(byTier, 'nobody')).toEqual([]);
      s.close();
    });

    it('keeps an index up to date through a bulk load: built before it, built inside it, built inside an aborted one', () => {
      type Person = { name: string; tier?: string };
      const s = make();
      const byTier: RecordIndex<Person> = { name: 'test.tier', keys: (r) => (r.tier ? [r.tier] : []), inMemory };
      const byName: RecordIndex<Person> = { name: 'test.name', keys: (r) => [r.name], inMemory };
      const byInitial: RecordIndex<Person> = { name: 'test.initial', keys: (r) => [r.name.slice(0, 1)], inMemory };
      const c = s.collection<Person>('people');
      const names = (rs: Person[]) => rs.map((r) => r.name);
      c.put('a', { name: 'Ada', tier: 'gold' });
      expect(names(c.findBy(byTier, 'gold'))).toEqual(['Ada']);
      const bulk = s.bulkLoad();
      bulk.put('people', 'b', { name: 'Bob', tier: 'gold' });
      expect(names(c.findBy(byTier, 'gold'))).toEqual(['Ada', 'Bob']);
      expect(names(c.findBy(byName, 'Bob'))).toEqual(['Bob']); // built inside the load
      bulk.put('people', 'c', { name: 'Cy', tier: 'gold' });
      expect(names(c.findBy(byName, 'Cy'))).toEqual(['Cy']);
      bulk.commit();
      expect(names(c.findBy(byTier, 'gold'))).toEqual(['Ada', 'Bob', 'Cy']);
      const aborted = s.bulkLoad();
      expect(names(c.findBy(byInitial, 'A'))).toEqual(['Ada']); // built inside a load that is then undone
      aborted.put('people', 'd', { name: 'Dee', tier: 'gold' });
      aborted.abort();
      c.put('e', { name: 'Eve', tier: 'gold' });
      expect(names(c.findBy(byInitial, 'E'))).toEqual(['Eve']);
      expect(names(c.findBy(byName, 'Dee'))).toEqual([]);
      expect(names(c.findBy(byName, 'Eve'))).toEqual(['Eve']);
      expect(names(c.findBy(byTier, 'gold'))).toEqual(['Ada', 'Bob', 'Cy', 'Eve']);
      s.close();
    });

    it('keeps an index up to date when the transaction that built it was undone, wholly or in part', () => {
      const s = make();
      const byTier: RecordIndex<{ name: string; tier?: string }> = { name: 'test.tier', keys: (r) => (r.tier ? [r.tier] : []), inMemory };
      const c = s.collection<{ name: string; tier?: string }>('people');
      c.put('a', { name: 'Ada', tier: 'gold' });
      // Built inside a transaction that is then undone: the later writes, in transactions of their own, must still be found.
      expect(() =>
        s.transaction(() => {
          expect(c.findBy(byTier, 'gold').map((r) => r.name)).toEqual(['Ada']);
          c.put('b', { name: 'Bob', tier: 'gold' });
          throw new Error('undo');
        }),
      ).toThrow('undo');
      s.transaction(() => c.put('c', { name: 'Cy', tier: 'gold' }));
      expect(c.findBy(byTier, 'gold').map((r) => r.name)).toEqual(['Ada', 'Cy']);
      // Built in a nested transaction that is undone while the outer one goes on writing.
      const byName: RecordIndex<{ name: string; tier?: string }> = { name: 'test.name', keys: (r) => [r.name], inMemory };
      s.transaction(() => {
        expect(() =>
          s.transaction(() => {
            expect(c.findBy(byName, 'Cy').map((r) => r.name)).toEqual(['Cy']);
            throw new Error('inner');
          }),
        ).toThrow('inner');
        c.put('d', { name: 'Dee', tier: 'gold' });
        c.put('c', { name: 'Cyd', tier: 'gold' });
      });
      expect(c.findBy(byName, 'Dee').map((r) => r.tier)).toEqual(['gold']);
      expect(c.findBy(byName, 'Cyd').map((r) => r.tier)).toEqual(['gold']);
      expect(c.findBy(byName, 'Cy')).toEqual([]);
      expect(c.findBy(byName, 'Ada').map((r) => r.tier)).toEqual(['gold']);
      expect(c.findBy(byTier, 'gold').map((r) => r.name)).toEqual(['Ada', 'Cyd', 'Dee']);
      s.close();
    });
  });

  it('gives other domains keyed collections', () => {
    const s = make();
    const c = s.collection<{ name: string; tier?: string }>('crm.customers');
    c.put('c1', { name: 'Ada' });
    c.put('c2', { name: 'Grace', tier: 'gold' });
    c.put('c1', { name: 'Ada L.' });
    expect(s.collection('crm.customers').count()).toBe(2);
    expect(c.get('c1')).toEqual({ name: 'Ada L.' });
    expect(c.all().map((r) => r.name)).toEqual(['Ada L.', 'Grace']);
    expect(c.find((r) => r.tier === 'gold')).toEqual([{ name: 'Grace', tier: 'gold' }]);
    expect(s.collection('crm.conversations').count()).toBe(0);
    expect(c.delete('c1')).toBe(true);
    expect(c.delete('c1')).toBe(false);
    c.clear();
    expect(c.count()).toBe(0);
    s.close();
  });

  it("counts a collection's changes: writes, rollbacks, and never the other collections' writes", () => {
    const s = make();
    const c = s.collection<{ n: number }>('crm.tokens');
    const seen = [s.collectionChanges('crm.tokens')];
    const changed = () => {
      const now = s.collectionChanges('crm.tokens');
      const grew = now > seen[seen.length - 1]!;
      seen.push(now);
      return grew;
    };
    expect(changed()).toBe(false);
    c.put('a', { n: 1 });
    expect(changed()).toBe(true);
    s.collection('crm.other').put('x', { n: 0 });
    expect(c.get('a')).toEqual({ n: 1 });
    expect(changed()).toBe(false);
    c.put('a', { n: 2 });
    expect(changed()).toBe(true);
    expect(() =>
      s.transaction(() => {
        c.put('a', { n: 3 });
        throw new Error('undone');
      }),
    ).toThrow('undone');
    expect(c.get('a')).toEqual({ n: 2 });
    expect(changed()).toBe(true);
    expect(c.delete('a')).toBe(true);
    expect(changed()).toBe(true);
    c.put('b', { n: 1 });
    changed();
    c.clear();
    expect(changed()).toBe(true);
    s.close();
  });
});

describe('sqlite store persistence', () => {
  it("counts another connection's commits as changes of every collection", () => {
    const file = join(dir, 'changes.db');
    const first = new SqliteTenantStore(file, 'UTC', 1);
    const second = new SqliteTenantStore(file, 'UTC', 1);
    first.collection('crm.tokens').put('a', 'day 1');
    const before = first.collectionChanges('crm.tokens');
    expect(first.collectionChanges('crm.tokens')).toBe(before);
    second.collection('crm.tokens').put('a', 'day 2');
    expect(first.collectionChanges('crm.tokens')).toBeGreaterThan(before);
    expect(first.collection('crm.tokens').get('a')).toBe('day 2');
    second.close();
    first.close();
  });

  it("finds what another connection's commits changed through an index kept in memory", () => {
    const file = join(dir, 'memory-index.db');
    const byStatus: RecordIndex<{ status: string }> = { name: 'test.status', keys: (r) => [r.status], inMemory: true };
    const first = new SqliteTenantStore(file, 'UTC', 1);
    const second = new SqliteTenantStore(file, 'UTC', 1);
    const leads = first.collection<{ status: string }>('leads');
    leads.put('a', { status: 'New' });
    leads.put('b', { status: 'New' });
    expect(leads.findBy(byStatus, 'New')).toHaveLength(2);
    second.collection<{ status: string }>('leads').put('a', { status: 'Queued' });
    second.collection<{ status: string }>('leads').put('c', { status: 'New' });
    expect(leads.findBy(byStatus, 'New')).toEqual([{ status: 'New' }, { status: 'New' }]);
    expect(leads.findBy(byStatus, 'Queued')).toEqual([{ status: 'Queued' }]);
    leads.put('b', { status: 'Queued' });
    expect(second.collection<{ status: string }>('leads').get('b')).toEqual({ status: 'Queued' });
    expect(leads.findBy(byStatus, 'Queued').length).toBe(2);
    // Removed by the other connection while this one remembers it: written again all the same.
    second.collection<{ status: string }>('leads').delete('b');
    leads.put('b', { status: 'Rejected' });
    expect(second.collection<{ status: string }>('leads').get('b')).toEqual({ status: 'Rejected' });
    expect(leads.findBy(byStatus, 'Rejected')).toEqual([{ status: 'Rejected' }]);
    second.close();
    first.close();
  });

  it('drops at its first write the copy in the file of an index now kept in memory (written by an older version)', () => {
    const file = join(dir, 'index-moved.db');
    const keys = (r: { status: string }) => [r.status];
    const older = new SqliteTenantStore(file, 'UTC', 1);
    older.collection<{ status: string }>('leads').put('a', { status: 'New' });
    expect(older.collection<{ status: string }>('leads').findBy({ name: 'test.status', keys }, 'New')).toHaveLength(1);
    older.close();
    const raw = new Database(file);
    expect(raw.prepare("SELECT COUNT(*) AS n FROM record_keys WHERE idx = 'test.status'").get()).toEqual({ n: 1 });
    raw.close();
    const newer = new SqliteTenantStore(file, 'UTC', 1);
    const leads = newer.collection<{ status: string }>('leads');
    expect(leads.findBy({ name: 'test.status', keys, inMemory: true }, 'New')).toHaveLength(1);
    leads.put('a', { status: 'Queued' });
    newer.close();
    const after = new Database(file);
    expect(after.prepare("SELECT COUNT(*) AS n FROM record_keys WHERE idx = 'test.status'").get()).toEqual({ n: 0 });
    expect(after.prepare("SELECT COUNT(*) AS n FROM record_indexes WHERE idx = 'test.status'").get()).toEqual({ n: 0 });
    after.close();
    // The older version, opening the file again, builds its index afresh from the records.
    const again = new SqliteTenantStore(file, 'UTC', 1);
    expect(again.collection<{ status: string }>('leads').findBy({ name: 'test.status', keys }, 'Queued')).toHaveLength(1);
    again.close();
  });

  it("sees a source changed by another connection, and not a rolled-back change of its own", () => {
    const file = join(dir, 'sources.db');
    const first = new SqliteTenantStore(file, 'UTC', 1);
    const second = new SqliteTenantStore(file, 'UTC', 1);
    const id = first.putSource({ id: 0, name: 'Leads', mapping: null, maxDestinations: 6 });
    expect(first.source('Leads')?.maxDestinations).toBe(6);
    expect(first.source('Other')).toBeUndefined();
    second.putSource({ id: 0, name: 'Leads', mapping: null, maxDestinations: 3 });
    second.putSource({ id: 0, name: 'Other', mapping: null, maxDestinations: 2 });
    expect(first.source('Leads')).toMatchObject({ id, maxDestinations: 3 });
    expect(first.source('Other')?.maxDestinations).toBe(2);
    expect(() =>
      first.transaction(() => {
        first.putSource({ id: 0, name: 'Leads', mapping: null, maxDestinations: 9 });
        expect(first.source('Leads')?.maxDestinations).toBe(9);
        throw new Error('undone');
      }),
    ).toThrow('undone');
    expect(first.source('Leads')?.maxDestinations).toBe(3);
    second.close();
    first.close();
  });

  it('keeps state between two opens and is readable with plain SQL', () => {
    const file = join(dir, 'persist.db');
    const first = new SqliteTenantStore(file, 'America/Denver', 4600123);
    expect(first.fresh).toBe(true);
    first.transaction(() => {
      first.upsertProspect(prospect('a'));
      first.collection('crm.customers').put('c1', { name: 'Ada' });
    });
    first.close();
    const second = new SqliteTenantStore(file, 'America/Denver', 4600123);
    expect(second.fresh).toBe(false);
    expect(second.prospect(1234, 'a')?.firstName).toBe('Ada');
    expect(second.collection('crm.customers').get('c1')).toEqual({ name: 'Ada' });
    expect(second.upsertProspect(prospect('b'))).toBe('Created');
    expect(second.prospects(1234).map((p) => p.externalId)).toEqual(['a', 'b']);
    const rows = second.db.prepare('SELECT external_id, status, time_zone FROM prospect_list ORDER BY external_id').all();
    expect(rows).toEqual([
      { external_id: 'a', status: 'queued', time_zone: 'America/Denver' },
      { external_id: 'b', status: 'queued', time_zone: 'America/Denver' },
    ]);
    expect(second.db.pragma('journal_mode', { simple: true })).toBe('wal');
    second.close();
  });

  it('commits background work with the next transaction that changes something, a change outside one, or settle', () => {
    const file = join(dir, 'deferred.db');
    const store = new SqliteTenantStore(file, 'UTC', 1);
    store.transaction(() => ['a', 'b', 'c', 'd'].forEach((id) => store.upsertProspect(prospect(id))));
    // What another connection (a second process) sees: only what was committed.
    const committed = () => {
      const reader = new SqliteTenantStore(file, 'UTC', 1, { readonly: true });
      try {
        return { dialed: reader.prospects(1234).filter((p) => p.status === 'dialed').length, clock: reader.collection('clocks').get('dialer') };
      } finally {
        reader.close();
      }
    };
    const tick = (at: number) =>
      store.background(() => store.transaction(() => (store.beforeCommit('clock', () => store.collection('clocks').put('dialer', { at })), store.dial(1234, 1, at))));
    tick(1);
    tick(2);
    expect(committed()).toEqual({ dialed: 0, clock: undefined });
    // A script's transaction that reads only leaves the batches waiting; one that writes commits them with its change.
    expect(store.transaction(() => store.queueDepth(1234))).toBe(2);
    expect(committed()).toEqual({ dialed: 0, clock: undefined });
    store.transaction(() => store.collection('notes').put('n', { x: 1 }));
    expect(committed()).toEqual({ dialed: 2, clock: { at: 2 } });
    tick(3);
    store.collection('notes').put('m', { x: 2 });
    expect(committed()).toEqual({ dialed: 3, clock: { at: 3 } });
    tick(4);
    store.settle();
    expect(committed()).toEqual({ dialed: 4, clock: { at: 4 } });
    tick(5);
    store.close();
    expect(committed()).toEqual({ dialed: 4, clock: { at: 5 } });
  });
});
