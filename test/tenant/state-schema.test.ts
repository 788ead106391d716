// State files across schema versions: a file written before collections kept
// indexes (state schema 1: no record_indexes / record_keys tables) is read
// as it is by `tenant show` (read-only, nothing changed), gains the index
// tables when a command opens it for writing (nothing lost), and a schema-2
// file without them is refused as damaged. A schema-2 file (prospect fields
// only as plain JSON objects) is read as it is, and is schema 3 (fields may
// take the compact form) once opened for writing, every prospect read the same.
// The queue index of older files (every status) is replaced by the one of
// queued records only when the file is opened for writing.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { ProspectRecord, RecordIndex } from '../../src/contract/tenant-store.js';
import { SqliteTenantStore } from '../../src/tenant/sqlite-store.js';
import { StateFileError } from '../../src/tenant/state-file.js';
import { cli, expectCleanAnswer, folder } from '../reliability/cli.js';

const EXAMPLES = join(import.meta.dirname, '../../scripts-examples');
const HELLO = readFileSync(join(EXAMPLES, 'HelloWorld.script'), 'utf8');
const TENANT = readFileSync(join(EXAMPLES, 'tenant.yaml'), 'utf8');

interface Customer {
  name: string;
  phone: string;
}
const BY_PHONE: RecordIndex<Customer> = { name: 'test.phone', keys: (c) => [c.phone] };

/** A state file with customers, one index built, then turned back into what a schema-1 build wrote. */
function schemaOneFile(file: string): void {
  const store = new SqliteTenantStore(file);
  const customers = store.collection<Customer>('customers');
  customers.put('c1', { name: 'Ada', phone: '5551000' });
  customers.put('c2', { name: 'Bo', phone: '5552000' });
  customers.put('c3', { name: 'Cy', phone: '5551000' });
  expect(customers.findBy(BY_PHONE, '5551000')).toHaveLength(2);
  store.close();
  const raw = new Database(file);
  raw.exec("DROP TABLE record_keys; DROP TABLE record_indexes; UPDATE meta SET value = '1' WHERE key = 'schemaVersion'; PRAGMA wal_checkpoint(TRUNCATE);");
  raw.close();
}

/** The names of the file's tables (or indexes), read without changing it. */
const namesOf = (file: string, type: 'table' | 'index' = 'table'): string[] => {
  const raw = new Database(file, { readonly: true });
  try {
    return (raw.prepare('SELECT name FROM sqlite_master WHERE type = ? ORDER BY name').all(type) as { name: string }[]).map((r) => r.name);
  } finally {
    raw.close();
  }
};
const tablesOf = (file: string): string[] => namesOf(file);
const versionOf = (file: string): string => {
  const raw = new Database(file, { readonly: true });
  try {
    return (raw.prepare("SELECT value FROM meta WHERE key = 'schemaVersion'").get() as { value: string }).value;
  } finally {
    raw.close();
  }
};

describe('state schema 1 (before indexes)', () => {
  it('is read as it is when opened read-only: look-ups read the collection, nothing is written', () => {
    const file = join(folder(), 'old.db');
    schemaOneFile(file);
    const before = readFileSync(file);
    const store = new SqliteTenantStore(file, 'UTC', null, { readonly: true });
    try {
      const customers = store.collection<Customer>('customers');
      expect(customers.findBy(BY_PHONE, '5551000').map((c) => c.name)).toEqual(['Ada', 'Cy']);
      expect(customers.findBy(BY_PHONE, '5551000', { limit: 1 }).map((c) => c.name)).toEqual(['Ada']);
      expect(customers.findBy(BY_PHONE, '5551000', { filter: (c) => c.name !== 'Ada' }).map((c) => c.name)).toEqual(['Cy']);
      expect(customers.all()).toHaveLength(3);
      // A change is refused as a read-only file, not as a missing table.
      expect(() => customers.put('c4', { name: 'Di', phone: '1' })).toThrow(/readonly|read-only/i);
    } finally {
      store.close();
    }
    expect(readFileSync(file)).toEqual(before);
    expect(versionOf(file)).toBe('1');
  });

  it('tenant show reads it and leaves it unchanged', async () => {
    const dir = folder({ 'Hello.script': HELLO.replace('HelloWorld', 'Hello'), 'tenant.yaml': TENANT });
    const db = join(dir, 'state.db');
    expect((await cli(['run', join(dir, 'Hello.script'), '--tenant', join(dir, 'tenant.yaml'), '--state', db])).code).toBe(0);
    const raw = new Database(db);
    raw.exec("DROP TABLE record_keys; DROP TABLE record_indexes; UPDATE meta SET value = '1' WHERE key = 'schemaVersion'; PRAGMA wal_checkpoint(TRUNCATE);");
    raw.close();
    const before = readFileSync(db);
    for (const args of [[], ['--json']]) {
      const r = await cli(['tenant', 'show', '--state', db, ...args]);
      expectCleanAnswer(r);
      expect(r.code, r.err).toBe(0);
      expect(r.out).toContain('4600123');
    }
    expect(readFileSync(db)).toEqual(before);
  });

  it('gains the index tables when opened for writing, keeping every record', () => {
    const file = join(folder(), 'old.db');
    schemaOneFile(file);
    const store = new SqliteTenantStore(file);
    try {
      const customers = store.collection<Customer>('customers');
      expect(customers.all().map((c) => c.name)).toEqual(['Ada', 'Bo', 'Cy']);
      expect(customers.findBy(BY_PHONE, '5552000').map((c) => c.name)).toEqual(['Bo']);
      customers.put('c4', { name: 'Di', phone: '5552000' });
      expect(customers.findBy(BY_PHONE, '5552000').map((c) => c.name)).toEqual(['Bo', 'Di']);
    } finally {
      store.close();
    }
    expect(versionOf(file)).toBe('3');
    expect(tablesOf(file)).toEqual(expect.arrayContaining(['record_indexes', 'record_keys', 'records']));
    // Read-only again: the index the file now keeps is used.
    const again = new SqliteTenantStore(file, 'UTC', null, { readonly: true });
    try {
      expect(again.collection<Customer>('customers').findBy(BY_PHONE, '5552000').map((c) => c.name)).toEqual(['Bo', 'Di']);
    } finally {
      again.close();
    }
  });
});

describe('state schema 2', () => {
  it('without its index tables is refused as damaged, and left unchanged', () => {
    const file = join(folder(), 'broken.db');
    schemaOneFile(file);
    const raw = new Database(file);
    raw.exec("UPDATE meta SET value = '2' WHERE key = 'schemaVersion'; PRAGMA wal_checkpoint(TRUNCATE);");
    raw.close();
    const before = readFileSync(file);
    for (const readonly of [true, false]) {
      let err: unknown;
      try {
        new SqliteTenantStore(file, 'UTC', null, { readonly }).close();
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(StateFileError);
      expect((err as StateFileError).message).toMatch(/damaged: the record_(indexes|keys) table is missing/);
    }
    expect(readFileSync(file)).toEqual(before);
  });

  it('a read-only open does not build an index the file does not keep', () => {
    const file = join(folder(), 'new.db');
    const store = new SqliteTenantStore(file);
    store.collection<Customer>('customers').put('c1', { name: 'Ada', phone: '5551000' });
    store.close();
    const raw = new Database(file);
    raw.exec('PRAGMA wal_checkpoint(TRUNCATE)');
    raw.close();
    const before = readFileSync(file);
    const ro = new SqliteTenantStore(file, 'UTC', null, { readonly: true });
    try {
      expect(ro.collection<Customer>('customers').findBy(BY_PHONE, '5551000').map((c) => c.name)).toEqual(['Ada']);
    } finally {
      ro.close();
    }
    expect(readFileSync(file)).toEqual(before);
  });
});

const prospect = (externalId: string): ProspectRecord => ({
  skillNo: 1, externalId, sourceName: 'Leads', firstName: 'Ada', lastName: null, destinations: ['+13035550100'], timeZone: 'UTC', expiresAtMs: null,
  fields: { ExternalID: externalId, FirstName: 'Ada', Record: { Id: externalId, FirstName: 'Ada', Phone: '3035550100' } },
  status: 'queued', createdAtMs: 0, updatedAtMs: 0, dialedAtMs: null,
});

describe('state schema 2 (before compact prospect fields)', () => {
  const fieldsText = (file: string): string[] => {
    const raw = new Database(file, { readonly: true });
    try {
      return (raw.prepare('SELECT fields FROM prospects ORDER BY queue_seq').pluck().all() as string[]);
    } finally {
      raw.close();
    }
  };

  it('is read as it is read-only, and becomes 3 when opened for writing, every prospect read the same', () => {
    const file = join(folder(), 'two.db');
    const store = new SqliteTenantStore(file);
    store.upsertProspect(prospect('P1'));
    store.close();
    // What a schema-2 build wrote: the fields as one plain JSON object.
    const raw = new Database(file);
    raw.prepare("UPDATE prospects SET fields = ? WHERE external_id = 'P1'").run(JSON.stringify(prospect('P1').fields));
    raw.exec("UPDATE meta SET value = '2' WHERE key = 'schemaVersion'; PRAGMA wal_checkpoint(TRUNCATE);");
    raw.close();
    expect(fieldsText(file)[0]).toMatch(/^\{/);
    const before = readFileSync(file);
    const shown = new SqliteTenantStore(file, 'UTC', null, { readonly: true });
    expect(shown.prospect(1, 'P1')).toEqual(prospect('P1'));
    expect(JSON.stringify(shown.prospect(1, 'P1')!.fields)).toBe(JSON.stringify(prospect('P1').fields));
    shown.close();
    expect(readFileSync(file)).toEqual(before);
    expect(versionOf(file)).toBe('2');

    const written = new SqliteTenantStore(file);
    expect(written.prospect(1, 'P1')).toEqual(prospect('P1'));
    written.upsertProspect(prospect('P2'));
    written.close();
    expect(versionOf(file)).toBe('3');
    // The old row keeps its form; the new one is compact. Both read back the same.
    const [old, compact] = fieldsText(file);
    expect(old).toMatch(/^\{/);
    expect(compact).toMatch(/^\[/);
    const again = new SqliteTenantStore(file, 'UTC', null, { readonly: true });
    expect(again.prospects(1)).toEqual([prospect('P1'), prospect('P2')]);
    expect(again.prospects(1).map((p) => JSON.stringify(p.fields))).toEqual(['P1', 'P2'].map((id) => JSON.stringify(prospect(id).fields)));
    again.close();
  });

  it('refuses compact fields that are not a record and field pairs as damaged', () => {
    const file = join(folder(), 'bad-fields.db');
    const store = new SqliteTenantStore(file);
    store.upsertProspect(prospect('P1'));
    store.close();
    const bad = [
      '["not a record", "ExternalID", 0]',
      '[{"Id": "P1"}, "ExternalID"]',
      // A position that is not one: null (read, it threw a TypeError), another type, a negative one, a value not in a one-element array.
      '[{"Id": "P1"}, "ExternalID", null]',
      '[{"Id": "P1"}, "ExternalID", "0"]',
      '[{"Id": "P1"}, "ExternalID", true]',
      '[{"Id": "P1"}, "ExternalID", -1]',
      '[{"Id": "P1"}, "ExternalID", 0.5]',
      '[{"Id": "P1"}, "ExternalID", {}]',
      '[{"Id": "P1"}, "ExternalID", []]',
      '[{"Id": "P1"}, "ExternalID", ["a", "b"]]',
      // A field name that is not text.
      '[{"Id": "P1"}, 7, 0]',
      '[{"Id": "P1"}, null, 0]',
    ];
    for (const text of bad) {
      const raw = new Database(file);
      raw.prepare('UPDATE prospects SET fields = ?').run(text);
      raw.close();
      expect(() => new SqliteTenantStore(file, 'UTC', null, { readonly: true }), text).toThrow(/damaged: prospects row \(skill 1, external id 'P1'\) holds values/);
    }
    // Every shape the encoder writes still opens and reads back.
    for (const [text, fields] of [
      ['[{"Id": "P1"}]', { Record: { Id: 'P1' } }],
      ['[{"Id": "P1", "Age": 3}, "ExternalID", 0, "Age", [null], "Tags", [["a", 1]]]', { ExternalID: 'P1', Age: null, Tags: ['a', 1], Record: { Id: 'P1', Age: 3 } }],
    ] as const) {
      const raw = new Database(file);
      raw.prepare('UPDATE prospects SET fields = ?').run(text);
      raw.close();
      const opened = new SqliteTenantStore(file, 'UTC', null, { readonly: true });
      expect(opened.prospect(1, 'P1')?.fields).toEqual(fields);
      opened.close();
    }
  });
});

describe('the queue index of files written before it held queued records only', () => {
  it('is replaced when the file is opened for writing; read-only, the old one serves', () => {
    const file = join(folder(), 'queue.db');
    const store = new SqliteTenantStore(file, 'UTC', 1);
    for (const id of ['a', 'b', 'c']) store.upsertProspect(prospect(id));
    expect(store.dialNext(1, 1, 0).map((p) => p.externalId)).toEqual(['a']);
    store.close();
    const raw = new Database(file);
    raw.exec('DROP INDEX prospects_queued; CREATE INDEX prospects_queue ON prospects (skill_no, status, queue_seq); PRAGMA wal_checkpoint(TRUNCATE);');
    raw.close();
    const queueIndexes = (): string[] => namesOf(file, 'index').filter((n) => n.startsWith('prospects_queue'));
    const shown = new SqliteTenantStore(file, 'UTC', 1, { readonly: true });
    expect([shown.queueDepth(1), shown.oldestQueuedMs(1)]).toEqual([2, 0]);
    shown.close();
    expect(queueIndexes()).toEqual(['prospects_queue']);
    const reopened = new SqliteTenantStore(file, 'UTC', 1);
    expect(queueIndexes()).toEqual(['prospects_queued']);
    expect(reopened.dialNext(1, 5, 0).map((p) => p.externalId)).toEqual(['b', 'c']);
    reopened.close();
  });
});

