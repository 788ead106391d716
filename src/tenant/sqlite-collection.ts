// A keyed collection of the SQLite store: one row per record in `records`
// (JSON data, insertion order by `seq`), and secondary indexes as rows of
// `record_keys` (collection, index, key, seq, id), so a look-up by phone
// reads the records it finds and no others. An index is built the first time
// it is used and listed in `record_indexes`; every later change keeps it up to
// date. An index marked `inMemory` (CRM field values) is kept in this
// process's memory instead, with the records it was built from
// (record-mirror.ts): built at its first look-up, and forgotten when the file
// changes in a way this object's writes did not see (a rollback, a commit by
// another connection). A change made by code that does not know a kept index
// (an index name no longer in use, or now kept in memory) drops that index,
// to be built again on its next look-up: a stale index is never read. A state
// file opened read-only (`tenant show`) builds no index: a look-up by an index
// the file does not keep reads the collection instead, and a file from before
// indexes existed (state schema 1, no index tables) is never asked about them.
import type Database from 'better-sqlite3';
import type { Collection, RecordIndex } from '../contract/tenant-store.js';
import { RecordMirror } from './record-mirror.js';
import { inTransaction, transactionEpoch } from './sqlite-transaction.js';

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
    // The same without the place it kept: a collection with no index needs none (≈ 2 µs less per write).
    putOnly: db.prepare('INSERT INTO records (collection, id, seq, data) VALUES (?, ?, ?, ?) ON CONFLICT(collection, id) DO UPDATE SET data = excluded.data'),
    // A record known to exist: cheaper than the upsert when nothing needs its place.
    update: db.prepare('UPDATE records SET data = ? WHERE collection = ? AND id = ?'),
    delete: db.prepare('DELETE FROM records WHERE collection = ? AND id = ?'),
    all: db.prepare('SELECT id, data FROM records WHERE collection = ? ORDER BY seq'),
    count: db.prepare('SELECT COUNT(*) AS n FROM records WHERE collection = ?'),
    clear: db.prepare('DELETE FROM records WHERE collection = ?'),
    seqs: db.prepare('SELECT id, seq, data FROM records WHERE collection = ? ORDER BY seq'),
  };
}

/** Statements on the index tables, prepared on first use (a read-only schema-1 file has no such tables). */
function indexStatements(db: Database.Database) {
  return {
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
  };
}

/** Index keys written by one statement while an index is built. */
const KEY_BATCH = 200;
const addKeysSql = (rows: number): string => `INSERT OR IGNORE INTO record_keys (collection, idx, key, seq, id) VALUES ${Array(rows).fill('(?, ?, ?, ?, ?)').join(', ')}`;

type Statements = ReturnType<typeof statements>;
type IndexStatements = ReturnType<typeof indexStatements>;
const prepared = new WeakMap<Database.Database, Statements>();
const preparedIndex = new WeakMap<Database.Database, IndexStatements>();

/** How a collection may use the index tables of its state file. */
export interface CollectionIndexing {
  /** The file has the index tables (state schema 2, or opened for writing: then they were just created). */
  tables: boolean;
  /** The file is open read-only: indexes are read when kept, never built. */
  readonly: boolean;
}

export class SqliteCollection<T> implements Collection<T> {
  private readonly q: Statements;
  /** Indexes this process knows how to compute, by name. */
  private readonly specs = new Map<string, RecordIndex<T>>();
  /**
   * The indexes the file keeps, as read in the transaction of `keptEpoch`:
   * a custom update writes many records in one transaction, and reading the
   * list again for each was a statement per write.
   */
  private keptList: string[] = [];
  private keptEpoch: number | undefined;
  /** The statement writing KEY_BATCH index keys, prepared on the first index build. */
  private keyBatch: Database.Statement | undefined;
  /** The records and the indexes kept in memory (RecordIndex.inMemory), true of the file while `elsewhere()` gives `mirrorSeen`. */
  private mirror: RecordMirror<T> | undefined;
  private mirrorSeen = 0;
  /** The transaction (transactionEpoch) in which the mirror was last found true: no need to ask again inside it. */
  private mirrorCheckedIn: number | undefined;

  constructor(
    private readonly db: Database.Database,
    private readonly name: string,
    private readonly nextSeq: () => number,
    private readonly indexing: CollectionIndexing = { tables: true, readonly: false },
    /** Called after each change (the store commits deferred background work joined by a change made outside a transaction). */
    private readonly wrote: () => void = () => {},
    /** Called before each change (the store counts the collection's changes: collectionChanges). */
    private readonly changing: () => void = () => {},
    /** A number that grows at every rollback and every commit by another connection (what this object's writes did not see). */
    private readonly elsewhere: () => number = () => 0,
  ) {
    let q = prepared.get(db);
    if (!q) prepared.set(db, (q = statements(db)));
    this.q = q;
  }

  private get iq(): IndexStatements {
    let q = preparedIndex.get(this.db);
    if (!q) preparedIndex.set(this.db, (q = indexStatements(this.db)));
    return q;
  }

  /** The indexes the state file keeps for this collection (read once per transaction). */
  private kept(): string[] {
    if (!this.indexing.tables) return [];
    const epoch = transactionEpoch(this.db);
    if (epoch !== undefined && epoch === this.keptEpoch) return this.keptList;
    this.keptList = this.iq.indexes.all(this.name) as string[];
    this.keptEpoch = epoch;
    return this.keptList;
  }

  get(id: string): T | undefined {
    const mirror = this.mirrored();
    if (mirror) return mirror.get(id);
    const row = this.q.get.get(this.name, id) as { data: string } | undefined;
    return row && (JSON.parse(row.data) as T);
  }

  put(id: string, rec: T): void {
    this.changing();
    const indexes = this.kept();
    // A new record takes this place; a replaced one keeps its own.
    const place = this.nextSeq();
    const known = this.mirror?.put(id, place, rec) === true;
    if (indexes.length === 0) {
      // The mirror may be out of date (it is checked at the next read): an update that finds no row is an insert.
      const data = JSON.stringify(rec);
      if (!known || this.q.update.run(data, this.name, id).changes === 0) this.q.putOnly.run(this.name, id, place, data);
    } else {
      const { seq } = this.q.put.get(this.name, id, place, JSON.stringify(rec)) as { seq: number };
      this.iq.keysOf.run(this.name, id);
      for (const idx of indexes) {
        const spec = this.specs.get(idx);
        if (spec) this.addKeys(spec, id, seq, rec);
        else this.drop(idx);
      }
    }
    this.wrote();
  }

  delete(id: string): boolean {
    this.changing();
    this.mirror?.delete(id);
    if (this.indexing.tables) this.iq.keysOf.run(this.name, id);
    const deleted = this.q.delete.run(this.name, id).changes > 0;
    this.wrote();
    return deleted;
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
    if (spec.inMemory) {
      for (const [id, rec] of this.mirrored(true).find(spec, key)) {
        if (opts.filter && !opts.filter(rec, id)) continue;
        if (out.push(rec) >= limit) break;
      }
      return out;
    }
    if (!this.ensure(spec)) {
      // A read-only file that does not keep this index: the collection is read instead.
      const filter = opts.filter;
      return this.find((rec, id) => spec.keys(rec).includes(key) && (!filter || filter(rec, id)), limit);
    }
    for (const row of this.iq.find.iterate(this.name, spec.name, key) as IterableIterator<{ id: string; data: string }>) {
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
    this.changing();
    this.mirror = undefined;
    this.q.clear.run(this.name);
    if (this.indexing.tables) {
      this.keptEpoch = undefined;
      this.iq.clearKeys.run(this.name);
      this.iq.clearIndexes.run(this.name);
    }
    this.wrote();
  }

  private addKeys(spec: RecordIndex<T>, id: string, seq: number, rec: T): void {
    for (const key of spec.keys(rec)) this.iq.addKey.run(this.name, spec.name, key, seq, id);
  }

  private drop(idx: string): void {
    this.keptEpoch = undefined;
    this.iq.dropKeys.run(this.name, idx);
    this.iq.unregister.run(this.name, idx);
  }

  /**
   * The mirror when it is kept and still true of the file (forgotten when
   * not); with `build`, read from the file when there is none.
   */
  private mirrored(build: true): RecordMirror<T>;
  private mirrored(build?: boolean): RecordMirror<T> | undefined;
  private mirrored(build = false): RecordMirror<T> | undefined {
    if (!this.mirror && !build) return undefined;
    const tx = transactionEpoch(this.db);
    if (this.mirror && (tx === undefined || tx !== this.mirrorCheckedIn)) {
      if (this.elsewhere() === this.mirrorSeen) this.mirrorCheckedIn = tx;
      else this.mirror = undefined;
    }
    if (!this.mirror && build) {
      this.mirrorSeen = this.elsewhere();
      this.mirrorCheckedIn = tx;
      this.mirror = new RecordMirror<T>(this.q.seqs.iterate(this.name) as IterableIterator<{ id: string; seq: number; data: string }>);
    }
    return this.mirror;
  }

  /**
   * Builds the index (one pass over the collection) unless the state file
   * already keeps it; false when it cannot be read from the file (read-only).
   */
  private ensure(spec: RecordIndex<T>): boolean {
    this.specs.set(spec.name, spec);
    if (this.kept().includes(spec.name)) return true;
    if (this.indexing.readonly) return false;
    this.keptEpoch = undefined;
    inTransaction(this.db, () => {
      this.iq.dropKeys.run(this.name, spec.name);
      // The keys go in KEY_BATCH rows per statement: a collection of tens of thousands of records is indexed by its first search.
      const batch: unknown[] = [];
      for (const row of this.q.seqs.all(this.name) as { id: string; seq: number; data: string }[]) {
        for (const key of spec.keys(JSON.parse(row.data) as T)) {
          batch.push(this.name, spec.name, key, row.seq, row.id);
          if (batch.length === KEY_BATCH * 5) this.addKeyBatch(batch.splice(0));
        }
      }
      this.addKeyBatch(batch);
      this.iq.register.run(this.name, spec.name);
    });
    return true;
  }

  /** Adds the rows of `params` (five values a row, at most KEY_BATCH rows) to record_keys. */
  private addKeyBatch(params: unknown[]): void {
    const rows = params.length / 5;
    if (rows === 0) return;
    if (rows === KEY_BATCH) (this.keyBatch ??= this.db.prepare(addKeysSql(KEY_BATCH))).run(params);
    else this.db.prepare(addKeysSql(rows)).run(params);
  }
}
