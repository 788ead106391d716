// The SQLite tenant store (`--state file.db`, better-sqlite3): the same
// operations as the memory store, persisted so state survives between
// invocations. WAL journal; every `transaction(fn)` is one SQLite transaction
// (nested ones are savepoints), so a killed process keeps every change of each
// finished action and none of an unfinished one. A bulk load goes through a
// rollback journal instead (bulkJournal). Tables are plain and documented
// (docs/tenant.md) so users can inspect them with the sqlite3 shell.
import type Database from 'better-sqlite3';
import { digitsOf, MIN_SUFFIX_DIGITS, samePhoneNumber } from './phones.js';
import { isDiskFull, openStateDatabase, StateFileError, stateError } from './state-file.js';
import { COLLECTION_DDL, SqliteCollection, type CollectionIndexing } from './sqlite-collection.js';
import { beforeCommit, inTransaction, isDeferred, openEpoch, settle } from './sqlite-transaction.js';
import { Checkpointer, checkpointWorkerAvailable } from './sqlite-checkpointer.js';
import { decodeFields } from './prospect-fields.js';
import { encodeProspect } from './encoded-prospect.js';
import type {
  AgentRecord,
  BulkLoad,
  Collection,
  EncodedProspect,
  ProspectQuery,
  ProspectRecord,
  SkillRecord,
  SourceRecord,
  TenantStore,
} from '../contract/tenant-store.js';

/**
 * 2: collections keep secondary indexes (record_keys, record_indexes), which older versions would not keep up to date.
 * 3: a prospect's `fields` may be the compact array form (prospect-fields.ts), which older versions cannot read.
 */
const SCHEMA_VERSION = 3;

/** WAL pages (4 KB each) between two automatic checkpoints; SQLite's default is 1,000. */
const WAL_CHECKPOINT_PAGES = 10_000;

/** Background transactions that may wait in a row for a script's commit (background()). */
const MAX_DEFERRED = 64;

/**
 * The prospects' secondary indexes; a bulk load into an empty table builds them once at its end (bulkLoad).
 * The queue index holds the queued records only: a dial removes one entry instead of moving it to another status.
 */
const PROSPECT_INDEXES = `
CREATE INDEX IF NOT EXISTS prospects_queued ON prospects (skill_no, queue_seq) WHERE status = 'queued';
CREATE INDEX IF NOT EXISTS prospects_source ON prospects (source_name, external_id);`;

const DDL = `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS skills (
  id INTEGER PRIMARY KEY, name TEXT NOT NULL, media TEXT NOT NULL, direction TEXT NOT NULL,
  personal_connection INTEGER NOT NULL, campaign TEXT, active INTEGER NOT NULL, script TEXT, dialer_rate_per_minute REAL);
CREATE TABLE IF NOT EXISTS agents (id INTEGER PRIMARY KEY, email TEXT NOT NULL, name TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS sources (
  id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE COLLATE NOCASE, mapping TEXT, max_destinations INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS prospects (
  skill_no INTEGER NOT NULL, external_id TEXT NOT NULL, source_name TEXT NOT NULL COLLATE NOCASE,
  first_name TEXT, last_name TEXT, destinations TEXT NOT NULL, time_zone TEXT NOT NULL,
  expires_at_ms INTEGER, fields TEXT NOT NULL, status TEXT NOT NULL,
  created_at_ms INTEGER NOT NULL, updated_at_ms INTEGER NOT NULL, dialed_at_ms INTEGER,
  queue_seq INTEGER NOT NULL, queued_at_ms INTEGER NOT NULL,
  PRIMARY KEY (skill_no, external_id));
${PROSPECT_INDEXES}
DROP INDEX IF EXISTS prospects_queue; -- the queue index of files written before prospects_queued (every status)
CREATE VIEW IF NOT EXISTS prospect_list AS
  SELECT skill_no, external_id, source_name, first_name, last_name, destinations, time_zone, status,
    strftime('%Y-%m-%dT%H:%M:%SZ', expires_at_ms / 1000, 'unixepoch') AS expires_at,
    strftime('%Y-%m-%dT%H:%M:%SZ', created_at_ms / 1000, 'unixepoch') AS created_at,
    strftime('%Y-%m-%dT%H:%M:%SZ', updated_at_ms / 1000, 'unixepoch') AS updated_at,
    strftime('%Y-%m-%dT%H:%M:%SZ', dialed_at_ms / 1000, 'unixepoch') AS dialed_at
  FROM prospects ORDER BY skill_no, queue_seq;
`;

interface ProspectRow {
  skill_no: number;
  external_id: string;
  source_name: string;
  first_name: string | null;
  last_name: string | null;
  destinations: string;
  time_zone: string;
  expires_at_ms: number | null;
  fields: string;
  status: ProspectRecord['status'];
  created_at_ms: number;
  updated_at_ms: number;
  dialed_at_ms: number | null;
}

export class SqliteTenantStore implements TenantStore {
  readonly kind = 'sqlite' as const;
  /** @internal The better-sqlite3 connection (not part of the published types: better-sqlite3 is optional). */
  readonly db: Database.Database;
  /** True when the file had no tenant state before this open. */
  readonly fresh: boolean;
  private seq: number;
  /** listChanges(): calling-list writes through this object (a rolled-back one counts too: readers only look again). */
  private listWrites = 0;
  private readonly stmts: ReturnType<typeof prepare>;
  private readonly collections = new Map<string, SqliteCollection<unknown>>();
  /** collectionChanges(): writes per collection through this object (rolled-back ones too). */
  private readonly collectionWrites = new Map<string, number>();
  /** collectionChanges(): rollbacks here and commits by other connections (seen as a new `PRAGMA data_version`) so far. */
  private otherChanges = 0;
  private dataVersion: number | undefined;
  /** Sources read so far by name (null: none), while `otherChanges` is `sourcesSeen`: CREATEPROSPECTS reads its source at every call. */
  private readonly sourceCache = new Map<string, SourceRecord | null>();
  private sourcesSeen = -1;
  private readonly indexing: CollectionIndexing;
  /** Skills read so far (null: no such skill). */
  private readonly skillCache = new Map<number, SkillRecord | null>();
  /**
   * Queue heads read so far (skill -> queued time of its first record, null:
   * empty queue). Set by a new record joining an empty queue, forgotten at
   * every other change to the skill's prospects and at every rollback.
   */
  private readonly queueHeads = new Map<number, number | null>();
  /**
   * Queue depths counted so far (GETQUEUE counts at every poll; a dialer asks
   * hasQueued after every scheduler step): kept up to date by dialing,
   * expiring and new records, forgotten at every other change to the skill's
   * prospects and at every rollback.
   */
  private readonly queueDepths = new Map<number, number>();
  /** Calling-list sizes counted so far (a preview dialer counts after every list change): grown by creations, forgotten at removals and rollbacks. */
  private readonly listSizes = new Map<number, number>();
  /** Background transactions deferred in a row (background()): since the last commit. */
  private deferredBatches = 0;
  /** False for a scratch file nobody keeps (scratch()): bulk loads then skip the journal file and its syncs. */
  private durable = true;
  /**
   * Per skill, a time before which no queued record expires (Infinity: none
   * ever does), so expireDue (every GETQUEUE) skips its UPDATE until then.
   * Dialing, expiring or removing records only raises the true bound; an
   * upsert lowers it to the record's expiration; forgotten at every rollback
   * and bulk load.
   */
  private readonly expiryFloor = new Map<number, number>();
  /** Checkpoints on a worker thread (sqlite-checkpointer.ts); undefined: SQLite's own, on this connection. */
  private readonly checkpointer: Checkpointer | undefined;

  /**
   * Opens (or creates) a state file, checked by openStateDatabase: a file
   * that is not one, is damaged or was written by a newer version throws a
   * StateFileError. `readonly` never writes to the file (`tenant show`).
   */
  constructor(
    readonly file: string,
    readonly timeZone: string = 'UTC',
    readonly businessUnit: number | null = null,
    opts: { readonly?: boolean; scratch?: boolean; /** @internal WAL pages between checkpoints (tests). */ checkpointPages?: number } = {},
  ) {
    const opened = openStateDatabase(file, { schemaVersion: SCHEMA_VERSION, readonly: opts.readonly === true });
    this.db = opened.db;
    this.fresh = opened.fresh;
    // Opened for writing, a schema-1 file gains the (empty) index tables below, and an
    // older file of either version is schema 3 from then on (its rows stay as they are:
    // both forms of `fields` are read); read-only, it is read as it is.
    this.indexing = { tables: !opts.readonly || (opened.version ?? 0) >= 2, readonly: opts.readonly === true };
    if (opts.scratch) this.scratch();
    try {
      if (!opts.readonly) {
        this.db.exec(DDL);
        this.db.exec(COLLECTION_DDL);
        const setMeta = this.db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value');
        this.db.transaction(() => {
          setMeta.run('schemaVersion', String(SCHEMA_VERSION));
          setMeta.run('timeZone', timeZone);
          setMeta.run('businessUnit', businessUnit === null ? '' : String(businessUnit));
        })();
      }
      // Fewer, larger checkpoints: each one syncs the WAL and the file, and a long run rewrites the same
      // pages (the queue's, the dialer's) in many commits that one checkpoint copies once (docs/tenant.md).
      // They run on a worker thread where one can start (sqlite-checkpointer.ts), else on this connection.
      const pages = opts.checkpointPages ?? WAL_CHECKPOINT_PAGES;
      if (!opts.readonly) {
        if (checkpointWorkerAvailable()) this.checkpointer = new Checkpointer(this.db, file, pages);
        else this.db.pragma(`wal_autocheckpoint = ${pages}`);
      }
      this.stmts = prepare(this.db);
      const max = this.db.prepare('SELECT MAX(m) AS m FROM (SELECT MAX(queue_seq) AS m FROM prospects UNION ALL SELECT MAX(seq) FROM records)').get() as { m: number | null };
      this.seq = max.m ?? 0;
    } catch (err) {
      this.db.close();
      throw stateError(file, err);
    }
  }

  transaction<T>(fn: () => T): T {
    const result = this.guarded(() => inTransaction(this.db, fn));
    this.committed();
    return result;
  }

  /**
   * Background work's transaction stays open after `fn` when it changed
   * something: the next transaction that changes something (a script action's)
   * commits it with its own, and settle() at the latest (docs/tenant.md
   * "Nothing lost"). At most MAX_DEFERRED batches wait, so a stretch in which
   * the scripts change nothing still commits now and then.
   */
  background<T>(fn: () => T): T {
    if (!isDeferred(this.db)) this.deferredBatches = 0;
    const result = this.guarded(() => inTransaction(this.db, fn, { defer: true }));
    if (++this.deferredBatches >= MAX_DEFERRED) this.settle();
    return result;
  }

  settle(): void {
    this.deferredBatches = 0;
    this.guarded(() => settle(this.db));
    this.committed();
  }

  beforeCommit(key: string, write: () => void): void {
    beforeCommit(this.db, key, write);
  }

  /** Runs a transaction step; a throw (rolled back already) makes the caches forget what it put in them. */
  private guarded<T>(fn: () => T): T {
    try {
      return fn();
    } catch (err) {
      this.forget();
      // Rolled back already; a full disk names the file and says nothing was written.
      throw isDiskFull(err) ? stateError(this.file, err) : err;
    }
  }

  /** What a rolled-back change put in the caches must not be remembered. */
  private forget(): void {
    this.otherChanges++;
    this.skillCache.clear();
    this.queueHeads.clear();
    this.queueDepths.clear();
    this.listSizes.clear();
    this.expiryFloor.clear();
  }

  /**
   * After a write made outside any transaction: when deferred background work
   * is open, the write joined it, so both are committed now (a script's change
   * is in the file when it returns, as it would be on its own).
   */
  private wrote(): void {
    settle(this.db);
    this.committed();
  }

  /** After what may have committed: the checkpointer looks at the WAL when no transaction is open. */
  private committed(): void {
    if (this.checkpointer && !this.db.inTransaction) this.checkpointer.committed();
  }

  bulkLoad(): BulkLoad {
    this.settle();
    if (this.db.inTransaction) throw new Error('a bulk load cannot start inside a transaction');
    // The journal switch needs the file alone: the checkpointer's connection closes (a later commit starts it again).
    this.checkpointer?.stop();
    const restoreJournal = this.bulkJournal();
    // One SQLite transaction for the whole load: nothing of it is visible, or kept after a crash, before COMMIT.
    try {
      this.db.exec('BEGIN');
    } catch (err) {
      restoreJournal();
      throw stateError(this.file, err);
    }
    // Collections read once per load what they read once per transaction (the indexes the file keeps).
    const endEpoch = openEpoch(this.db);
    this.expiryFloor.clear();
    this.queueDepths.clear();
    this.listSizes.clear();
    let open = true;
    /** Undefined until the load's first prospect; then whether the secondary indexes wait for the commit. */
    let deferIndexes: boolean | undefined;
    // Into an empty table, the secondary indexes are built once from the loaded rows at the commit
    // (sorted once) instead of kept up to date row by row. Dropped inside the load's transaction, they
    // come back with everything else when it rolls back (abort, a failed commit, a killed process).
    const firstProspect = (): void => {
      deferIndexes = this.stmts.anyProspect.get() === undefined;
      if (deferIndexes) this.db.exec('DROP INDEX prospects_queued; DROP INDEX prospects_source');
    };
    return {
      upsertProspect: (p) => {
        if (deferIndexes === undefined) firstProspect();
        return this.upsertProspect(p);
      },
      upsertEncoded: (p) => {
        if (deferIndexes === undefined) firstProspect();
        return this.upsertEncoded(p);
      },
      put: (name, id, rec) => this.collection(name).put(id, rec),
      commit: () => {
        if (!open) throw new Error('this bulk load has already ended');
        try {
          if (deferIndexes) this.db.exec(PROSPECT_INDEXES);
          this.db.exec('COMMIT');
        } catch (err) {
          // Still open when COMMIT failed: abort() rolls it back. A full disk names the file.
          throw isDiskFull(err) ? stateError(this.file, err) : err;
        }
        open = false;
        endEpoch();
        restoreJournal();
        this.expiryFloor.clear();
      },
      abort: () => {
        if (!open) return;
        open = false;
        endEpoch();
        if (this.db.open && this.db.inTransaction) this.db.exec('ROLLBACK');
        this.forget();
        if (this.db.open) restoreJournal();
      },
    };
  }

  /**
   * Marks the file as a scratch file that is removed when the store closes
   * (`lists upload` without --state; the `scratch` option of the constructor):
   * nothing in it needs to survive a crash, so it never syncs and bulk loads
   * keep their journal in memory.
   */
  scratch(): void {
    this.durable = false;
    this.db.pragma('synchronous = OFF');
  }

  /**
   * Switches the file to a rollback journal for a bulk load; returns what
   * switches it back to WAL. Through the WAL every page of a load is written
   * twice (to the WAL, then to the file at the checkpoint); a rollback journal
   * keeps only the pages that held data before the load, so the new rows are
   * written once. A killed load is still undone (the journal is rolled back at
   * the next open); FULL syncs keep a power cut from damaging the file. A file
   * another connection has open stays in WAL (switching needs it alone); the
   * switch does not wait for that connection.
   */
  private bulkJournal(): () => void {
    const mode = this.durable ? 'delete' : 'memory';
    const timeout = this.db.pragma('busy_timeout', { simple: true }) as number;
    this.db.pragma('busy_timeout = 0');
    try {
      if (this.db.pragma(`journal_mode = ${mode}`, { simple: true }) !== mode) return () => {};
    } catch (err) {
      if (String((err as { code?: unknown }).code).startsWith('SQLITE_BUSY')) return () => {};
      throw stateError(this.file, err);
    } finally {
      this.db.pragma(`busy_timeout = ${timeout}`);
    }
    this.db.pragma(`synchronous = ${this.durable ? 'FULL' : 'OFF'}`);
    return () => {
      this.db.pragma('busy_timeout = 0');
      try {
        // Back to what openStateDatabase chose. When that fails (a reader came meanwhile) the load has
        // landed all the same: the file stays in rollback mode, as safe, until the next open for writing.
        this.db.pragma('journal_mode = WAL');
        this.db.pragma(`synchronous = ${this.durable ? 'NORMAL' : 'OFF'}`);
      } catch {
        // As above: nothing of the load depends on it.
      } finally {
        this.db.pragma(`busy_timeout = ${timeout}`);
      }
    };
  }

  close(): void {
    if (!this.db.open) return;
    try {
      this.settle();
    } finally {
      // Its connection closed first, so this one is the file's last and runs the last checkpoint at close.
      this.checkpointer?.stop();
      this.db.close();
    }
  }

  /**
   * Closes a state file this open created (`fresh`) with no tables in it
   * again, so the next open finds it new: a tenant whose data files failed
   * to load then loads its sections and data files into it again, instead of
   * keeping the sections and never loading the data files.
   */
  closeAsNew(): void {
    if (!this.fresh) throw new Error('only a state file this open created can be closed as new');
    const tables = this.db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").pluck().all() as string[];
    this.db.transaction(() => {
      for (const table of tables) this.db.exec(`DROP TABLE IF EXISTS "${table}"`);
    })();
    this.close();
  }

  skill(id: number): SkillRecord | undefined {
    // Asked after every scheduler step (a dialer checks its skill); skills change only through putSkill.
    return cachedRow(this.skillCache, id, this.stmts.skill, skillFromRow);
  }
  skills(): SkillRecord[] {
    return (this.stmts.skills.all() as Record<string, unknown>[]).map(skillFromRow);
  }
  putSkill(s: SkillRecord): void {
    this.skillCache.delete(s.id);
    this.stmts.putSkill.run(s.id, s.name, s.media, s.direction, s.personalConnection ? 1 : 0, s.campaign, s.active ? 1 : 0, s.script, s.dialer?.ratePerMinute ?? null);
    this.wrote();
  }
  agents(): AgentRecord[] {
    return this.stmts.agents.all() as AgentRecord[];
  }
  putAgent(a: AgentRecord): void {
    this.stmts.putAgent.run(a.id, a.email, a.name);
    this.wrote();
  }

  source(name: string): SourceRecord | undefined {
    const seen = this.changedElsewhere();
    if (seen !== this.sourcesSeen) {
      this.sourceCache.clear();
      this.sourcesSeen = seen;
    }
    return cachedRow(this.sourceCache, name, this.stmts.source, sourceFromRow);
  }
  sources(): SourceRecord[] {
    return (this.stmts.sources.all() as Record<string, unknown>[]).map(sourceFromRow);
  }
  putSource(s: SourceRecord): number {
    const existing = this.source(s.name);
    this.sourceCache.clear();
    const mapping = s.mapping ? JSON.stringify(s.mapping) : null;
    if (existing) {
      this.stmts.updateSource.run(s.name, mapping, s.maxDestinations, existing.id);
      this.wrote();
      return existing.id;
    }
    const info = this.stmts.insertSource.run(s.id || null, s.name, mapping, s.maxDestinations);
    this.wrote();
    return Number(info.lastInsertRowid);
  }

  prospect(skillNo: number, externalId: string): ProspectRecord | undefined {
    const row = this.stmts.prospect.get(skillNo, externalId) as ProspectRow | undefined;
    return row && prospectFromRow(row);
  }

  upsertProspect(p: ProspectRecord): 'Created' | 'Updated' {
    return this.upsertEncoded(encodeProspect(p));
  }

  /** upsertProspect for a prospect already encoded (a bulk load's rows built on another thread). */
  private upsertEncoded(p: EncodedProspect): 'Created' | 'Updated' {
    // Inserted unless (skill, external id) exists: a new record costs one statement, without a look-up first.
    const { destinations, fields } = p;
    const seq = ++this.seq;
    const s = this.stmts;
    const floor = this.expiryFloor.get(p.skillNo);
    if (floor !== undefined && p.expiresAtMs !== null && p.expiresAtMs < floor) this.expiryFloor.set(p.skillNo, p.expiresAtMs);
    this.listWrites++;
    if (s.insertProspect.run(p.skillNo, p.externalId, p.sourceName, p.firstName, p.lastName, destinations, p.timeZone, p.expiresAtMs, fields, p.updatedAtMs, p.createdAtMs, seq, p.updatedAtMs).changes > 0) {
      const size = this.listSizes.get(p.skillNo);
      if (size !== undefined) this.listSizes.set(p.skillNo, size + 1);
      // A new record joins the back of the queue: the depth grows by one, and the head changes only when there was none.
      const depth = this.queueDepths.get(p.skillNo);
      if (depth !== undefined) this.queueDepths.set(p.skillNo, depth + 1);
      if (this.queueHeads.get(p.skillNo) === null) this.queueHeads.set(p.skillNo, p.updatedAtMs);
      this.wrote();
      return 'Created';
    }
    this.queueHeads.delete(p.skillNo);
    this.queueDepths.delete(p.skillNo);
    // A record still queued keeps its place; a dialed or expired one goes to the back of the queue (decided in SQL on the old status).
    s.updateProspect.run(p.sourceName, p.firstName, p.lastName, destinations, p.timeZone, p.expiresAtMs, fields, p.updatedAtMs, seq, p.updatedAtMs, p.skillNo, p.externalId);
    this.wrote();
    return 'Updated';
  }

  removeProspect(sourceName: string, externalId: string): boolean {
    this.queueHeads.clear(); // any skill's list may hold it
    this.queueDepths.clear();
    this.listSizes.clear();
    if (this.stmts.removeProspect.run(sourceName, externalId).changes === 0) return false;
    this.listWrites++;
    this.wrote();
    return true;
  }

  findProspects(q: ProspectQuery): ProspectRecord[] {
    let rows: ProspectRow[];
    if ('externalId' in q) rows = this.stmts.findById.all(q.sourceName, q.externalId) as ProspectRow[];
    else if ('phone' in q) {
      const wanted = digitsOf(q.phone);
      if (wanted === '') return [];
      // Narrow with SQL, then compare numbers exactly (suffix match covers a missing country code).
      rows = (this.stmts.findByDigits.all(q.sourceName, `%${wanted.slice(-MIN_SUFFIX_DIGITS)}%`) as ProspectRow[]).filter((r) =>
        (JSON.parse(r.destinations) as string[]).some((d) => samePhoneNumber(d, wanted)),
      );
    } else rows = this.stmts.findByName.all(q.sourceName, q.firstName, q.lastName) as ProspectRow[];
    return rows.map(prospectFromRow);
  }

  prospects(skillNo?: number): ProspectRecord[] {
    const rows = (skillNo === undefined ? this.stmts.allProspects.all() : this.stmts.skillProspects.all(skillNo)) as ProspectRow[];
    return rows.map(prospectFromRow);
  }
  prospectCount(skillNo?: number): number {
    if (skillNo === undefined) return (this.stmts.countAll.get() as { n: number }).n;
    let size = this.listSizes.get(skillNo);
    if (size === undefined) {
      size = (this.stmts.countSkill.get(skillNo) as { n: number }).n;
      this.listSizes.set(skillNo, size);
    }
    return size;
  }
  listChanges(): number {
    return this.listWrites;
  }
  queueDepth(skillNo: number): number {
    let depth = this.queueDepths.get(skillNo);
    if (depth === undefined) {
      depth = (this.stmts.queueDepth.get(skillNo) as { n: number }).n;
      this.queueDepths.set(skillNo, depth);
    }
    return depth;
  }
  hasQueued(skillNo: number): boolean {
    // A depth counted once (GETQUEUE) is kept by the dials, which forget the head: no statement after a dial.
    const depth = this.queueDepths.get(skillNo);
    return depth !== undefined ? depth > 0 : this.oldestQueuedMs(skillNo) !== null;
  }

  oldestQueuedMs(skillNo: number): number | null {
    let head = this.queueHeads.get(skillNo);
    if (head === undefined) {
      head = (this.stmts.oldestQueued.get(skillNo) as { t: number } | undefined)?.t ?? null;
      this.queueHeads.set(skillNo, head);
    }
    return head;
  }

  dialNext(skillNo: number, max: number, nowMs: number): ProspectRecord[] {
    this.queueHeads.delete(skillNo);
    this.queueDepths.delete(skillNo);
    return this.transaction(() => {
      const dialed: ProspectRecord[] = [];
      while (dialed.length < max) {
        const want = max - dialed.length;
        // A LIMIT bound as a parameter costs several times the look-up itself: a dialer tick takes one record.
        const batch = (want <= 1 ? this.stmts.nextQueued1.all(skillNo) : this.stmts.nextQueued.all(skillNo, want)) as ProspectRow[];
        if (batch.length === 0) break;
        for (const row of batch) {
          if (row.expires_at_ms !== null && row.expires_at_ms <= nowMs) {
            this.stmts.markExpired.run(skillNo, row.external_id);
            continue;
          }
          this.stmts.markDialed.run(nowMs, skillNo, row.external_id);
          dialed.push({ ...prospectFromRow(row), status: 'dialed', dialedAtMs: nowMs });
        }
      }
      return dialed;
    });
  }

  dial(skillNo: number, max: number, nowMs: number): number {
    this.queueHeads.delete(skillNo);
    let dialed = 0;
    let left = 0;
    // One statement a record (the queue head marked dialed unless its time has passed), none of the row read back; when
    // none was dialed, a second marks the head expired, if it is. No RETURNING: it cost more than the update itself.
    while (dialed < max) {
      if (this.stmts.dialHead.run(nowMs, skillNo, nowMs).changes > 0) dialed++;
      else if (this.stmts.expireHead.run(skillNo, nowMs).changes === 0) break;
      left++;
    }
    const depth = this.queueDepths.get(skillNo);
    if (depth !== undefined) this.queueDepths.set(skillNo, depth - left);
    if (left > 0) this.wrote();
    return dialed;
  }

  dialProspect(skillNo: number, externalId: string, nowMs: number): ProspectRecord | null {
    this.queueDepths.delete(skillNo);
    return this.transaction(() => {
      const p = this.prospect(skillNo, externalId);
      if (!p || p.status !== 'queued') return null;
      if (p.expiresAtMs !== null && p.expiresAtMs <= nowMs) {
        this.stmts.markExpired.run(skillNo, externalId);
        return null;
      }
      this.stmts.markDialed.run(nowMs, skillNo, externalId);
      return { ...p, status: 'dialed', dialedAtMs: nowMs };
    });
  }

  queueAt(skillNo: number, nowMs: number): { depth: number; oldestMs: number | null } {
    const read = () => ({ depth: this.queueDepth(skillNo), oldestMs: this.oldestQueuedMs(skillNo) });
    // A brain polls every few minutes: while no queued record can have expired there is nothing to write, and the
    // reads (kept answers, or a look-up inside the background work's open transaction) need no transaction of their own.
    const floor = this.expiryFloor.get(skillNo);
    if (floor !== undefined && nowMs < floor && (this.db.inTransaction || (this.queueDepths.has(skillNo) && this.queueHeads.has(skillNo)))) return read();
    return this.transaction(() => (this.expireDue(skillNo, nowMs), read()));
  }

  expireDue(skillNo: number, nowMs: number): number {
    const floor = this.expiryFloor.get(skillNo);
    if (floor !== undefined && nowMs < floor) return 0;
    this.queueHeads.delete(skillNo);
    const expired = this.stmts.expireDue.run(skillNo, nowMs).changes;
    const depth = this.queueDepths.get(skillNo);
    if (depth !== undefined) this.queueDepths.set(skillNo, depth - expired);
    this.expiryFloor.set(skillNo, (this.stmts.nextExpiry.get(skillNo) as { t: number | null }).t ?? Infinity);
    if (expired > 0) this.wrote();
    return expired;
  }

  collectionNames(): string[] {
    return (this.db.prepare('SELECT DISTINCT collection FROM records ORDER BY collection').all() as { collection: string }[]).map((r) => r.collection);
  }

  collectionChanges(name: string): number {
    return (this.collectionWrites.get(name) ?? 0) + this.changedElsewhere();
  }

  /** A number that grows at every rollback here and every commit by another connection (what no write counter sees). */
  private changedElsewhere(): number {
    const version = this.stmts.dataVersion.get() as number;
    if (version !== this.dataVersion) {
      this.dataVersion = version;
      this.otherChanges++;
    }
    return this.otherChanges;
  }

  collection<T>(name: string): Collection<T> {
    let c = this.collections.get(name);
    if (!c) {
      const changing = (): void => void this.collectionWrites.set(name, (this.collectionWrites.get(name) ?? 0) + 1);
      c = new SqliteCollection<unknown>(this.db, name, () => ++this.seq, this.indexing, () => this.wrote(), changing, () => this.changedElsewhere());
      this.collections.set(name, c);
    }
    return c as Collection<T>;
  }
}

/** The zone and BU a state file was last opened with (null when it holds no tenant state), read without changing it. */
export function readStateInfo(file: string): { timeZone: string; businessUnit: number | null } | null {
  let opened;
  try {
    opened = openStateDatabase(file, { schemaVersion: SCHEMA_VERSION, readonly: true });
  } catch (err) {
    if (err instanceof StateFileError && err.problem === 'not-state' && /no tenant state/.test(err.message)) return null;
    throw err;
  }
  const db = opened.db;
  try {
    const rows = db.prepare('SELECT key, value FROM meta').all() as { key: string; value: string }[];
    const meta = new Map(rows.map((r) => [r.key, String(r.value)]));
    const bu = meta.get('businessUnit');
    return { timeZone: meta.get('timeZone') || 'UTC', businessUnit: bu && /^\d+$/.test(bu) ? Number(bu) : null };
  } finally {
    db.close();
  }
}

/** The record of `key` from `cache`, else read by `select` (its row, or none: remembered as null) and remembered. */
function cachedRow<K, V>(cache: Map<K, V | null>, key: K, select: Database.Statement, fromRow: (row: Record<string, unknown>) => V): V | undefined {
  let v = cache.get(key);
  if (v === undefined) {
    const row = select.get(key) as Record<string, unknown> | undefined;
    cache.set(key, (v = row ? fromRow(row) : null));
  }
  return v ?? undefined;
}

function prepare(db: Database.Database) {
  const prospectCols =
    'skill_no, external_id, source_name, first_name, last_name, destinations, time_zone, expires_at_ms, fields, status, created_at_ms, updated_at_ms, dialed_at_ms';
  return {
    // Changes when another connection commits to the file (collectionChanges).
    dataVersion: db.prepare('PRAGMA data_version').pluck(),
    skill: db.prepare('SELECT * FROM skills WHERE id = ?'),
    skills: db.prepare('SELECT * FROM skills ORDER BY id'),
    putSkill: db.prepare(
      `INSERT INTO skills (id, name, media, direction, personal_connection, campaign, active, script, dialer_rate_per_minute)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET name = excluded.name, media = excluded.media,
       direction = excluded.direction, personal_connection = excluded.personal_connection, campaign = excluded.campaign,
       active = excluded.active, script = excluded.script, dialer_rate_per_minute = excluded.dialer_rate_per_minute`,
    ),
    agents: db.prepare('SELECT id, email, name FROM agents ORDER BY id'),
    putAgent: db.prepare('INSERT INTO agents (id, email, name) VALUES (?, ?, ?) ON CONFLICT(id) DO UPDATE SET email = excluded.email, name = excluded.name'),
    source: db.prepare('SELECT * FROM sources WHERE name = ?'),
    sources: db.prepare('SELECT * FROM sources ORDER BY id'),
    insertSource: db.prepare('INSERT INTO sources (id, name, mapping, max_destinations) VALUES (?, ?, ?, ?)'),
    updateSource: db.prepare('UPDATE sources SET name = ?, mapping = ?, max_destinations = ? WHERE id = ?'),
    prospect: db.prepare(`SELECT ${prospectCols} FROM prospects WHERE skill_no = ? AND external_id = ?`),
    insertProspect: db.prepare(
      `INSERT INTO prospects (skill_no, external_id, source_name, first_name, last_name, destinations, time_zone, expires_at_ms, fields,
       updated_at_ms, status, created_at_ms, queue_seq, queued_at_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'queued', ?, ?, ?)
       ON CONFLICT (skill_no, external_id) DO NOTHING`,
    ),
    updateProspect: db.prepare(
      `UPDATE prospects SET source_name = ?, first_name = ?, last_name = ?, destinations = ?, time_zone = ?, expires_at_ms = ?,
       fields = ?, updated_at_ms = ?, status = 'queued', dialed_at_ms = NULL,
       queue_seq = CASE WHEN status <> 'queued' THEN ? ELSE queue_seq END, queued_at_ms = CASE WHEN status <> 'queued' THEN ? ELSE queued_at_ms END
       WHERE skill_no = ? AND external_id = ?`,
    ),
    removeProspect: db.prepare('DELETE FROM prospects WHERE source_name = ? AND external_id = ?'),
    findById: db.prepare(`SELECT ${prospectCols} FROM prospects WHERE source_name = ? AND external_id = ? ORDER BY skill_no`),
    findByDigits: db.prepare(`SELECT ${prospectCols} FROM prospects WHERE source_name = ? AND destinations LIKE ? ORDER BY skill_no, queue_seq`),
    findByName: db.prepare(
      `SELECT ${prospectCols} FROM prospects WHERE source_name = ? AND first_name = ? COLLATE NOCASE AND last_name = ? COLLATE NOCASE ORDER BY skill_no, queue_seq`,
    ),
    allProspects: db.prepare(`SELECT ${prospectCols} FROM prospects ORDER BY skill_no, queue_seq`),
    skillProspects: db.prepare(`SELECT ${prospectCols} FROM prospects WHERE skill_no = ? ORDER BY queue_seq`),
    countAll: db.prepare('SELECT COUNT(*) AS n FROM prospects'),
    anyProspect: db.prepare('SELECT 1 FROM prospects LIMIT 1'),
    countSkill: db.prepare('SELECT COUNT(*) AS n FROM prospects WHERE skill_no = ?'),
    queueDepth: db.prepare("SELECT COUNT(*) AS n FROM prospects WHERE skill_no = ? AND status = 'queued'"),
    oldestQueued: db.prepare("SELECT queued_at_ms AS t FROM prospects WHERE skill_no = ? AND status = 'queued' ORDER BY queue_seq LIMIT 1"),
    nextQueued: db.prepare(`SELECT ${prospectCols} FROM prospects WHERE skill_no = ? AND status = 'queued' ORDER BY queue_seq LIMIT ?`),
    nextQueued1: db.prepare(`SELECT ${prospectCols} FROM prospects WHERE skill_no = ? AND status = 'queued' ORDER BY queue_seq LIMIT 1`),
    markExpired: db.prepare("UPDATE prospects SET status = 'expired' WHERE skill_no = ? AND external_id = ?"),
    expireDue: db.prepare("UPDATE prospects SET status = 'expired' WHERE skill_no = ? AND status = 'queued' AND expires_at_ms IS NOT NULL AND expires_at_ms <= ?"),
    nextExpiry: db.prepare("SELECT MIN(expires_at_ms) AS t FROM prospects WHERE skill_no = ? AND status = 'queued'"),
    markDialed: db.prepare("UPDATE prospects SET status = 'dialed', dialed_at_ms = ? WHERE skill_no = ? AND external_id = ?"),
    dialHead: db.prepare(
      `UPDATE prospects SET status = 'dialed', dialed_at_ms = ?
       WHERE rowid = (SELECT rowid FROM prospects WHERE skill_no = ? AND status = 'queued' ORDER BY queue_seq LIMIT 1)
       AND (expires_at_ms IS NULL OR expires_at_ms > ?)`,
    ),
    expireHead: db.prepare(
      `UPDATE prospects SET status = 'expired'
       WHERE rowid = (SELECT rowid FROM prospects WHERE skill_no = ? AND status = 'queued' ORDER BY queue_seq LIMIT 1) AND expires_at_ms <= ?`,
    ),
  };
}

function skillFromRow(r: Record<string, unknown>): SkillRecord {
  return {
    id: r.id as number,
    name: r.name as string,
    media: r.media as SkillRecord['media'],
    direction: r.direction as SkillRecord['direction'],
    personalConnection: r.personal_connection === 1,
    campaign: (r.campaign as string | null) ?? null,
    active: r.active === 1,
    script: (r.script as string | null) ?? null,
    dialer: r.dialer_rate_per_minute === null ? null : { ratePerMinute: r.dialer_rate_per_minute as number },
  };
}

function sourceFromRow(r: Record<string, unknown>): SourceRecord {
  return {
    id: r.id as number,
    name: r.name as string,
    mapping: r.mapping === null ? null : JSON.parse(r.mapping as string),
    maxDestinations: r.max_destinations as number,
  };
}

function prospectFromRow(r: ProspectRow): ProspectRecord {
  return {
    skillNo: r.skill_no,
    externalId: r.external_id,
    sourceName: r.source_name,
    firstName: r.first_name,
    lastName: r.last_name,
    destinations: JSON.parse(r.destinations) as string[],
    timeZone: r.time_zone,
    expiresAtMs: r.expires_at_ms,
    fields: decodeFields(r.fields),
    status: r.status,
    createdAtMs: r.created_at_ms,
    updatedAtMs: r.updated_at_ms,
    dialedAtMs: r.dialed_at_ms,
  };
}
