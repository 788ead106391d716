// Opening a `--state` file safely. Before the store uses a file it is checked
// to be a SQLite database (header, whole pages), undamaged (`PRAGMA
// integrity_check`, `quick_check` for large files), a studio-script state file
// (a `meta` table with a schema version, every table and column the store
// reads) and free of rows the store could not decode (JSON columns, statuses,
// numbers). Any failure is a
// StateFileError naming the file and what is wrong; SQLite's own errors at
// any later point (disk full, locked, damaged) are turned into one the same way.
import type Database from 'better-sqlite3';
import { MissingDependencyError, sqliteDriver } from '../deps.js';
import { closeSync, openSync, readSync, statSync } from 'node:fs';

export type StateProblem = 'not-state' | 'damaged' | 'newer' | 'locked' | 'full' | 'unreadable';

/**
 * A state file that cannot be used, or a write that could not be made. The
 * message is one line for users, without the file name (a diagnostic is
 * located at the file; `describe()` names it for a message of its own).
 */
export class StateFileError extends Error {
  override name = 'StateFileError';
  constructor(
    readonly file: string,
    readonly problem: StateProblem,
    message: string,
  ) {
    super(message);
  }

  /** `state file x.db: <what is wrong>`. */
  describe(): string {
    return `state file ${this.file}: ${this.message}`;
  }
}

const RESTORE = '; restore it from a copy, or delete it to start afresh';

/** Columns the store reads, per table: a file missing one is not usable. */
export const STATE_TABLES: Readonly<Record<string, readonly string[]>> = {
  meta: ['key', 'value'],
  skills: ['id', 'name', 'media', 'direction', 'personal_connection', 'campaign', 'active', 'script', 'dialer_rate_per_minute'],
  agents: ['id', 'email', 'name'],
  sources: ['id', 'name', 'mapping', 'max_destinations'],
  prospects: [
    'skill_no', 'external_id', 'source_name', 'first_name', 'last_name', 'destinations', 'time_zone', 'expires_at_ms', 'fields', 'status',
    'created_at_ms', 'updated_at_ms', 'dialed_at_ms', 'queue_seq', 'queued_at_ms',
  ],
  records: ['collection', 'id', 'seq', 'data'],
};

/** Tables a file of a later schema version must also have, by the version that added them. */
const TABLES_SINCE: readonly { version: number; tables: Readonly<Record<string, readonly string[]>> }[] = [
  { version: 2, tables: { record_indexes: ['collection', 'idx'], record_keys: ['collection', 'idx', 'key', 'seq', 'id'] } },
];

/**
 * Rows the store could not decode, one query per table: the first bad row's
 * key, or nothing. Bit flips and hand edits that leave a valid value cannot be
 * told from real data (SQLite keeps no checksums of content); these catch the
 * ones that would break a read.
 */
const ROW_CHECKS: { table: string; key: string; sql: string }[] = [
  {
    table: 'skills',
    key: "'skill ' || quote(id)",
    sql: "typeof(id) != 'integer' OR typeof(name) != 'text' OR typeof(personal_connection) != 'integer' OR typeof(active) != 'integer'",
  },
  { table: 'agents', key: "'agent ' || quote(id)", sql: "typeof(id) != 'integer' OR typeof(email) != 'text' OR typeof(name) != 'text'" },
  {
    table: 'sources',
    key: "'source ' || quote(name)",
    sql: "typeof(id) != 'integer' OR typeof(name) != 'text' OR typeof(max_destinations) != 'integer' OR (mapping IS NOT NULL AND (typeof(mapping) != 'text' OR json_valid(mapping) = 0 OR json_type(mapping) != 'object'))",
  },
  {
    table: 'prospects',
    key: "'skill ' || quote(skill_no) || ', external id ' || quote(external_id)",
    sql:
      "typeof(skill_no) != 'integer' OR typeof(external_id) != 'text' OR typeof(destinations) != 'text' OR json_valid(destinations) = 0 OR json_type(destinations) != 'array'" +
      " OR typeof(fields) != 'text' OR json_valid(fields) = 0 OR json_type(fields) NOT IN ('object', 'array')" +
      " OR (json_type(fields) = 'array' AND (json_type(fields, '$[0]') IS NOT 'object' OR json_array_length(fields) % 2 = 0 OR EXISTS (" +
      // The compact form (prospect-fields.ts): after the record, each field's name, then the position of a record member or its value in a one-element array.
      // (Whether a position is inside the record is not checked: reading one outside gives no value, and counting the record's members
      // would double the check's cost, paid at every open.)
      "SELECT 1 FROM json_each(fields) AS f WHERE f.key > 0 AND CASE WHEN f.key % 2 = 1 THEN f.type IS NOT 'text'" +
      " WHEN f.type = 'integer' THEN f.value < 0 ELSE f.type IS NOT 'array' OR json_array_length(f.value) != 1 END)))" +
      " OR status NOT IN ('queued', 'dialed', 'expired')" +
      " OR typeof(created_at_ms) != 'integer' OR typeof(updated_at_ms) != 'integer' OR typeof(queue_seq) != 'integer' OR typeof(queued_at_ms) != 'integer'" +
      " OR typeof(expires_at_ms) NOT IN ('integer', 'null') OR typeof(dialed_at_ms) NOT IN ('integer', 'null')",
  },
  {
    table: 'records',
    key: "'collection ' || quote(collection) || ', id ' || quote(id)",
    sql: "typeof(collection) != 'text' OR typeof(id) != 'text' OR typeof(seq) != 'integer' OR typeof(data) != 'text' OR json_valid(data) = 0",
  },
];

const HEADER = 'SQLite format 3\u0000';

/** State files up to this size get `PRAGMA integrity_check` on open; larger ones `quick_check`. */
export const FULL_CHECK_BYTES = 16 * 1024 * 1024;

const sizeOf = (file: string): number => {
  try {
    return statSync(file).size;
  } catch {
    return 0;
  }
};

export interface OpenedState {
  db: Database.Database;
  /** True when the file held no tables before (a new state file). */
  fresh: boolean;
  /** The schema version the file records (undefined when fresh). */
  version: number | undefined;
}

/**
 * Opens and checks a state file. `readonly` never writes (no journal change,
 * no table creation) and needs the file to exist; otherwise a missing file is
 * created. `schemaVersion` is the newest version this build reads.
 */
export function openStateDatabase(file: string, opts: { readonly?: boolean; schemaVersion: number }): OpenedState {
  checkHeader(file, opts.readonly === true);
  if (opts.readonly) undoInterruptedLoad(file);
  let db: Database.Database;
  try {
    db = new (sqliteDriver())(file, opts.readonly ? { readonly: true, fileMustExist: true } : {});
  } catch (err) {
    if (err instanceof MissingDependencyError) throw err;
    throw stateError(file, err);
  }
  try {
    db.pragma('busy_timeout = 5000');
    // Only a file that passed every check is switched to WAL (a header change): a foreign one stays as it was.
    const writable = (): void => {
      if (opts.readonly) return;
      db.pragma('journal_mode = WAL');
      // WAL with NORMAL loses nothing when the process dies; only a power cut may drop the last commits.
      db.pragma('synchronous = NORMAL');
    };
    // integrity_check also compares every index with its table (it finds about twice the damage in
    // bit-flip tests) but costs a few times more: files past FULL_CHECK_BYTES get the structural check only.
    const check = db.pragma(sizeOf(file) <= FULL_CHECK_BYTES ? 'integrity_check' : 'quick_check', { simple: true }) as string;
    if (check !== 'ok') throw new StateFileError(file, 'damaged', `damaged (SQLite's check: ${oneLine(check)})${RESTORE}`);
    const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").all() as { name: string }[]).map((r) => r.name);
    if (tables.length === 0) {
      if (opts.readonly) throw new StateFileError(file, 'not-state', 'it holds no tenant state yet');
      writable();
      return { db, fresh: true, version: undefined };
    }
    if (!tables.includes('meta'))
      throw new StateFileError(file, 'not-state', `a SQLite database of something else (tables ${tables.slice(0, 5).join(', ')}${tables.length > 5 ? ', …' : ''}), not a studio-script state file; it was not changed`);
    const version = schemaVersionOf(db, file, opts.schemaVersion);
    checkTables(db, file, tables, version);
    checkRows(db, file);
    writable();
    return { db, fresh: false, version };
  } catch (err) {
    db.close();
    throw stateError(file, err);
  }
}

/**
 * A bulk load writes through a rollback journal (SqliteTenantStore.bulkJournal):
 * one killed before it finished leaves its journal next to the file, which
 * SQLite rolls back at the next open, but only on a connection that may write.
 * A read-only open first lets a writing connection do that, which puts the file
 * back as it was before the load and changes nothing else. A journal that is
 * not hot (a load still running in another process) is left alone: the read
 * then waits for it like any reader.
 */
function undoInterruptedLoad(file: string): void {
  if (sizeOf(`${file}-journal`) === 0) return;
  let db: Database.Database | undefined;
  try {
    db = new (sqliteDriver())(file, { fileMustExist: true });
    db.pragma('busy_timeout = 5000');
    db.prepare('SELECT COUNT(*) FROM sqlite_master').get();
  } catch (err) {
    if (err instanceof MissingDependencyError) throw err;
    throw stateError(file, err);
  } finally {
    db?.close();
  }
}

/** A file that exists must start with the SQLite header and hold whole pages; nothing else is handed to SQLite. */
function checkHeader(file: string, mustExist: boolean): void {
  let size: number;
  try {
    const st = statSync(file);
    if (st.isDirectory()) throw new StateFileError(file, 'unreadable', 'a folder, not a state file');
    size = st.size;
  } catch (err) {
    if (err instanceof StateFileError) throw err;
    if ((err as NodeJS.ErrnoException).code === 'ENOENT' && !mustExist) return;
    throw stateError(file, err);
  }
  if (size === 0) {
    if (mustExist) throw new StateFileError(file, 'not-state', 'an empty file: it holds no tenant state');
    return;
  }
  const head = Buffer.alloc(100);
  let read = 0;
  try {
    const fd = openSync(file, 'r');
    try {
      read = readSync(fd, head, 0, 100, 0);
    } finally {
      closeSync(fd);
    }
  } catch (err) {
    throw stateError(file, err);
  }
  if (read < 100 || head.toString('latin1', 0, 16) !== HEADER) {
    const what = head.toString('latin1', 0, Math.min(read, 15)) === HEADER.slice(0, Math.min(read, 15)) ? 'a truncated SQLite file' : 'not a SQLite database';
    throw new StateFileError(file, 'not-state', `${what}, so not a studio-script state file; it was not changed`);
  }
  const raw = head.readUInt16BE(16);
  const pageSize = raw === 1 ? 65536 : raw;
  if (pageSize < 512 || (pageSize & (pageSize - 1)) !== 0 || size % pageSize !== 0)
    throw new StateFileError(file, 'damaged', `damaged (${size} bytes is not a whole number of ${pageSize}-byte pages: truncated?)${RESTORE}`);
}

function schemaVersionOf(db: Database.Database, file: string, newest: number): number {
  const row = db.prepare("SELECT value FROM meta WHERE key = 'schemaVersion'").get() as { value: unknown } | undefined;
  const text = row === undefined ? undefined : String(row.value);
  const version = text !== undefined && /^\d{1,6}$/.test(text) ? Number(text) : undefined;
  if (version === undefined || version < 1)
    throw new StateFileError(file, 'damaged', `damaged: its meta table has ${row === undefined ? 'no schemaVersion row' : 'an invalid schemaVersion'}${RESTORE}`);
  if (version > newest) throw new StateFileError(file, 'newer', `written by a newer studio-script (state schema ${version}); upgrade to read it`);
  return version;
}

function checkTables(db: Database.Database, file: string, tables: readonly string[], version: number): void {
  const expected = Object.assign({}, STATE_TABLES, ...TABLES_SINCE.filter((t) => version >= t.version).map((t) => t.tables)) as Record<string, readonly string[]>;
  for (const [table, columns] of Object.entries(expected)) {
    if (!tables.includes(table)) throw new StateFileError(file, 'damaged', `damaged: the ${table} table is missing${RESTORE}`);
    const have = new Set((db.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[]).map((c) => c.name));
    const missing = columns.find((c) => !have.has(c));
    if (missing) throw new StateFileError(file, 'damaged', `damaged: the ${table} table has no ${missing} column${RESTORE}`);
  }
}

function checkRows(db: Database.Database, file: string): void {
  for (const c of ROW_CHECKS) {
    const bad = db.prepare(`SELECT ${c.key} AS k FROM ${c.table} WHERE ${c.sql} LIMIT 1`).get() as { k: unknown } | undefined;
    if (bad)
      throw new StateFileError(file, 'damaged', `damaged: ${c.table} row (${oneLine(String(bad.k))}) holds values studio-script cannot read${RESTORE}`);
  }
}

/** True for a write that failed because the disk (or the file's size limit) is full. */
export function isDiskFull(err: unknown): boolean {
  if (err instanceof StateFileError) return err.problem === 'full';
  const code = (err as { code?: unknown } | null)?.code;
  return code === 'SQLITE_FULL' || code === 'ENOSPC' || code === 'EDQUOT';
}

/**
 * Any error from opening or using a state file, as a StateFileError with a
 * message for users (SQLite's codes say what happened; its raw texts do not
 * always). Anything that is not a file or database error is returned as is.
 */
export function stateError(file: string, err: unknown): Error {
  if (err instanceof StateFileError) return err;
  const code = String((err as { code?: unknown } | null)?.code ?? '');
  if (isDiskFull(err)) return new StateFileError(file, 'full', 'the disk is full: nothing of this change was written');
  if (code === 'SQLITE_NOTADB') return new StateFileError(file, 'not-state', 'not a SQLite database, so not a studio-script state file; it was not changed');
  if (code.startsWith('SQLITE_CORRUPT'))
    return new StateFileError(file, 'damaged', `damaged (SQLite: ${oneLine((err as Error).message)})${RESTORE}`);
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED'))
    return new StateFileError(file, 'locked', 'in use by another process (locked for more than 5 s); try again when it has finished');
  if (code === 'SQLITE_READONLY_ROLLBACK')
    return new StateFileError(file, 'unreadable', 'holds an interrupted load that must be undone before it can be read, and cannot be written (read-only file or folder, or no permission)');
  if (code.startsWith('SQLITE_READONLY') || code === 'EACCES' || code === 'EPERM')
    return new StateFileError(file, 'unreadable', 'cannot be written (read-only file or folder, or no permission)');
  if (code.startsWith('SQLITE_CANTOPEN') || code === 'ENOENT')
    return new StateFileError(file, 'unreadable', 'cannot be opened (missing folder, or no permission)');
  if (code.startsWith('SQLITE_IOERR') || code === 'EIO') return new StateFileError(file, 'unreadable', `could not be read or written (I/O error: ${code})`);
  if (code.startsWith('SQLITE_')) return new StateFileError(file, 'damaged', `${oneLine((err as Error).message)} (${code})`);
  return err instanceof Error ? err : new Error(String(err));
}

const oneLine = (s: string): string => {
  const line = s.replace(/\s+/g, ' ').trim();
  return line.length > 160 ? `${line.slice(0, 160)}…` : line;
};
