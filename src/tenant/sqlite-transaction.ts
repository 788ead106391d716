// One SQLite transaction around a function, as better-sqlite3's
// `db.transaction(fn)()` runs it (BEGIN … COMMIT, or a savepoint when one is
// open already; a throw rolls back), without building a new wrapped function
// (four of them, with their properties) on every call: a long run makes one
// transaction per action and per dialer batch, and that wrapping was a
// measurable share of it. Background work (a dialer's ticks) may leave its
// transaction open (`defer`): the next transaction that changes something
// joins it and commits both, and `settle` commits it otherwise, so a month of
// dialer ticks does not cost a commit per brain poll.
import type Database from 'better-sqlite3';

interface Control {
  begin: Database.Statement;
  commit: Database.Statement;
  rollback: Database.Statement;
  savepoint: Database.Statement;
  release: Database.Statement;
  rollbackTo: Database.Statement;
  changes: Database.Statement;
}

/** Per connection: the statements above and where its transactions stand. */
interface TxState {
  c: Control;
  /** An outermost transaction of inTransaction is open (deferred background work included). */
  open: boolean;
  /** Changes when an outermost transaction begins or ends and when a savepoint in it is rolled back (see transactionEpoch). */
  n: number;
  /** inTransaction calls running now. */
  depth: number;
  /** The open transaction holds deferred background work, waiting for its commit. */
  deferred: boolean;
  /** Writes to make just before the next commit, by key (beforeCommit). */
  hooks: Map<string, () => void>;
}

const states = new WeakMap<Database.Database, TxState>();

function stateOf(db: Database.Database): TxState {
  let s = states.get(db);
  if (!s)
    states.set(
      db,
      (s = {
        c: {
          begin: db.prepare('BEGIN'),
          commit: db.prepare('COMMIT'),
          rollback: db.prepare('ROLLBACK'),
          savepoint: db.prepare('SAVEPOINT nested'),
          release: db.prepare('RELEASE nested'),
          rollbackTo: db.prepare('ROLLBACK TO nested'),
          changes: db.prepare('SELECT total_changes()').pluck(),
        },
        open: false,
        n: 0,
        depth: 0,
        deferred: false,
        hooks: new Map(),
      }),
    );
  return s;
}

/**
 * A number that stays the same for as long as what this connection read from
 * the file stays true: within one outermost transaction of inTransaction (no
 * other connection writes meanwhile), up to a rollback. undefined outside one
 * (or in a transaction opened another way): then nothing read may be kept.
 */
export function transactionEpoch(db: Database.Database): number | undefined {
  const e = states.get(db);
  return e?.open && db.inTransaction ? e.n : undefined;
}

/**
 * Counts a transaction its caller opened by hand (a bulk load's BEGIN …
 * COMMIT) as one outermost transaction, as inTransaction's are, so what is
 * read inside it may be kept (transactionEpoch); the function returned ends
 * it once the transaction has committed or rolled back.
 */
export function openEpoch(db: Database.Database): () => void {
  const s = stateOf(db);
  s.open = true;
  s.n++;
  return () => {
    s.open = false;
    s.n++;
  };
}

/**
 * Runs `fn` in a transaction of `db` (a savepoint inside an open one); a throw
 * takes back its changes and is rethrown. With `defer`, an outermost
 * transaction that changed something stays open after `fn` (deferred work):
 * the next outermost transaction without `defer` runs in it as a savepoint
 * and, when it changes something too, commits both; one that changes
 * nothing leaves it waiting. A deferred transaction holds the file's write
 * lock, so what this connection read stays true while it waits.
 */
export function inTransaction<T>(db: Database.Database, fn: () => T, opts: { defer?: boolean } = {}): T {
  const s = stateOf(db);
  const c = s.c;
  const outer = !db.inTransaction;
  // A transaction of our own that joins the deferred one: it decides whether that is committed now.
  const joins = !outer && s.depth === 0 && s.deferred;
  const before = outer || joins ? (c.changes.get() as number) : 0;
  // The writes waiting for the commit as they were: a savepoint rolled back takes back the ones it asked for.
  const hooks = !outer && s.hooks.size > 0 ? new Map(s.hooks) : undefined;
  (outer ? c.begin : c.savepoint).run();
  if (outer) {
    s.open = true;
    s.n++;
  }
  s.depth++;
  let result: T;
  try {
    result = fn();
    if (result && typeof (result as { then?: unknown }).then === 'function') throw new TypeError('Transaction function cannot return a promise');
    if (!outer) c.release.run();
  } catch (err) {
    s.depth--;
    s.n++;
    // Still open (a failed COMMIT may leave it so): undo it; a savepoint is rolled back to, then released.
    if (db.inTransaction) {
      if (outer) c.rollback.run();
      else {
        c.rollbackTo.run();
        c.release.run();
        s.hooks = hooks ?? new Map();
      }
    }
    if (outer || !db.inTransaction) closed(s);
    throw err;
  }
  s.depth--;
  if (outer || joins) {
    const changed = (c.changes.get() as number) !== before;
    if (opts.defer && changed) s.deferred = true;
    // Unchanged work is committed at once (a read transaction costs nothing to commit, and kept open it would not hold the write lock).
    else if (outer || changed) commit(db, s);
  }
  return result;
}

/** Whether deferred background work waits for its commit. */
export function isDeferred(db: Database.Database): boolean {
  return states.get(db)?.deferred === true;
}

/** Commits deferred background work, if any is waiting and no transaction is running. */
export function settle(db: Database.Database): void {
  const s = states.get(db);
  if (s?.deferred && s.depth === 0 && db.inTransaction) commit(db, s);
}

/**
 * Makes `write` just before the open transaction commits (a later call with
 * the same key replaces it), inside that transaction; outside one, at once.
 * Background work keeps its own clock this way: written once per commit, not
 * at every tick. A rolled-back transaction forgets its writes.
 */
export function beforeCommit(db: Database.Database, key: string, write: () => void): void {
  const s = stateOf(db);
  if (!(s.open && db.inTransaction)) write();
  else s.hooks.set(key, write);
}

function commit(db: Database.Database, s: TxState): void {
  try {
    if (s.hooks.size > 0) {
      s.depth++;
      try {
        for (const write of s.hooks.values()) write();
      } finally {
        s.depth--;
      }
    }
    s.c.commit.run();
  } catch (err) {
    if (db.inTransaction) s.c.rollback.run();
    throw err;
  } finally {
    closed(s);
  }
}

function closed(s: TxState): void {
  s.open = false;
  s.deferred = false;
  s.hooks.clear();
  s.n++;
}
