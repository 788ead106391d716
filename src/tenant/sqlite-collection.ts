// A keyed collection of the SQLite store: one row per record in `records`
// (JSON data, insertion order by `seq`), and secondary indexes as rows of
// `record_keys` (collection, index, key, seq, id), so a look-up by phone or
// field value reads the records it finds and no others. An index is built the
// first time it is used and listed in `record_indexes`; every later change
// keeps it up to date. A change made by code that does not know an index
// (an index name no longer in use) drops that index, to be built again on
// its next look-up: a stale index is never read.
import type Database from 'better-sqlite3';
import type { Collection, RecordIndex } from '../contract/tenant-store.js';

/** Tables of the collections (part of the store's schema, docs/tenant.md). */
export const COLLECTION_DDL = `
CREATE TABLE IF NOT EXISTS records (collection TEXT NOT NULL, id TEXT NOT NULL, seq INTEGER NOT NULL, data TEXT NOT NULL,
  PRIMARY KEY (collection, id));
CREATE INDEX IF NOT EXISTS records_order ON records (collection, seq);
CREATE TABLE IF NOT EXISTS record_indexes (collection TEXT NOT NULL, idx TEXT NOT NULL, PRIMARY KEY (collection, idx));
CREATE TABLE IF NOT EXISTS record_keys (collection TEXT NOT NULL, idx TEXT NOT NULL, key TEXT NOT NULL, seq INTEGER NOT NULL, id TEXT NOT NULL,
  PRIMARY KEY (collection, idx, key, seq, id)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS record_keys_id ON record_keys (collection, id);
`;

function statements(db: Database.Database) {
  return {
    get: db.prepare('SELECT data FROM records WHERE collection = ? AND id = ?'),
    // The record keeps its place (seq) when it is replaced.
    put: db.prepare('INSERT INTO records (collection, id, seq, data) VALUES (?, ?, ?, ?) ON CONFLICT(collection, id) DO UPDATE SET data = excluded.data RETURNING seq'),
    delete: db.prepare('DELETE FROM records WHERE collection = ? AND id = ?'),
    all: db.prepare('SELECT id, data FROM records WHERE collection = ? ORDER BY seq'),
    count: db.prepare('SELECT COUNT(*) AS n FROM records WHERE collection = ?'),
    clear: db.prepare('DELETE FROM records WHERE collection = ?'),
    indexes: db.prepare('SELECT idx FROM record_indexes WHERE collection = ?').pluck(),
    register: db.prepare('INSERT OR IGNORE INTO record_indexes (collection, idx) VALUES (?, ?)'),
    unregister: db.prepare('DELETE FROM record_indexes WHERE collection = ? AND idx = ?'),
    dropKeys: db.prepare('DELETE FROM record_keys WHERE collection = ? AND idx = ?'),
    clearKeys: db.prepare('DELETE FROM record_keys WHERE collection = ?'),
    clearIndexes: db.prepare('DELETE FROM record_indexes WHERE collection = ?'),
    keysOf: db.prepare('DELETE FROM record_keys WHERE collection = ? AND id = ?'),
    addKey: db.prepare('INSERT OR IGNORE INTO record_keys (collection, idx, key, seq, id) VALUES (?, ?, ?, ?, ?)'),
    find: db.prepare(
      `SELECT r.id AS id, r.data AS data FROM record_keys k JOIN records r ON r.collection = k.collection AND r.id = k.id
       WHERE k.collection = ? AND k.idx = ? AND k.key = ? ORDER BY k.seq`,
    ),
    seqs: db.prepare('SELECT id, seq, data FROM records WHERE collection = ? ORDER BY seq'),
  };
}

type Statements = ReturnType<typeof statements>;
const prepared = new WeakMap<Database.Database, Statements>();

export class SqliteCollection<T> implements Collection<T> {
  private readonly q: Statements;
  /** Indexes this process knows how to compute, by name. */
  private readonly specs = new Map<string, RecordIndex<T>>();

  constructor(
    private readonly db: Database.Database,
    private readonly name: string,
    private readonly nextSeq: () => number,
  ) {
    let q = prepared.get(db);
    if (!q) prepared.set(db, (q = statements(db)));
    this.q = q;
  }

  get(id: string): T | undefined {
    const row = this.q.get.get(this.name, id) as { data: string } | undefined;
    return row && (JSON.parse(row.data) as T);
  }

  put(id: string, rec: T): void {
    const { seq } = this.q.put.get(this.name, id, this.nextSeq(), JSON.stringify(rec)) as { seq: number };
    const indexes = this.q.indexes.all(this.name) as string[];
    if (indexes.length === 0) return;
    this.q.keysOf.run(this.name, id);
    for (const idx of indexes) {
      const spec = this.specs.get(idx);
      if (spec) this.addKeys(spec, id, seq, rec);
      else this.drop(idx);
    }
  }

  delete(id: string): boolean {
    this.q.keysOf.run(this.name, id);
    return this.q.delete.run(this.name, id).changes > 0;
  }

  all(): T[] {
    return this.entries().map(([, v]) => v);
  }

  find(pred: (rec: T, id: string) => boolean, limit = Infinity): T[] {
    const out: T[] = [];
    if (limit <= 0) return out;
    for (const row of this.q.all.iterate(this.name) as IterableIterator<{ id: string; data: string }>) {
      const rec = JSON.parse(row.data) as T;
      if (pred(rec, row.id) && out.push(rec) >= limit) break;
    }
    return out;
  }

  findBy(spec: RecordIndex<T>, key: string, opts: { limit?: number; filter?: (rec: T, id: string) => boolean } = {}): T[] {
    const limit = opts.limit ?? Infinity;
    const out: T[] = [];
    if (limit <= 0) return out;
    this.ensure(spec);
    for (const row of this.q.find.iterate(this.name, spec.name, key) as IterableIterator<{ id: string; data: string }>) {
      const rec = JSON.parse(row.data) as T;
      if (opts.filter && !opts.filter(rec, row.id)) continue;
      if (out.push(rec) >= limit) break;
    }
    return out;
  }

  count(): number {
    return (this.q.count.get(this.name) as { n: number }).n;
  }

  entries(): [string, T][] {
    return (this.q.all.all(this.name) as { id: string; data: string }[]).map((r) => [r.id, JSON.parse(r.data) as T]);
  }

  clear(): void {
    this.q.clear.run(this.name);
    this.q.clearKeys.run(this.name);
    this.q.clearIndexes.run(this.name);
  }

  private addKeys(spec: RecordIndex<T>, id: string, seq: number, rec: T): void {
    for (const key of spec.keys(rec)) this.q.addKey.run(this.name, spec.name, key, seq, id);
  }

  private drop(idx: string): void {
    this.q.dropKeys.run(this.name, idx);
    this.q.unregister.run(this.name, idx);
  }

  /** Builds the index (one pass over the collection) unless the state file already keeps it. */
  private ensure(spec: RecordIndex<T>): void {
    this.specs.set(spec.name, spec);
    if ((this.q.indexes.all(this.name) as string[]).includes(spec.name)) return;
    this.db.transaction(() => {
      this.q.dropKeys.run(this.name, spec.name);
      for (const row of this.q.seqs.all(this.name) as { id: string; seq: number; data: string }[]) this.addKeys(spec, row.id, row.seq, JSON.parse(row.data) as T);
      this.q.register.run(this.name, spec.name);
    })();
  }
}
