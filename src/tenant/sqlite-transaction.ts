// One SQLite transaction around a function, as better-sqlite3's
// `db.transaction(fn)()` runs it (BEGIN … COMMIT, or a savepoint when one is
// open already; a throw rolls back), without building a new wrapped function
// (four of them, with their properties) on every call: a long run makes one
// transaction per action and per dialer batch, and that wrapping was a
// measurable share of it.
import type Database from 'better-sqlite3';

interface Control {
  begin: Database.Statement;
  commit: Database.Statement;
  rollback: Database.Statement;
  savepoint: Database.Statement;
  release: Database.Statement;
  rollbackTo: Database.Statement;
}

const controls = new WeakMap<Database.Database, Control>();

/**
 * Per connection: whether an outermost transaction of inTransaction is open,
 * and a number that changes when one begins or ends and when a savepoint in it
 * is rolled back (see transactionEpoch).
 */
const epochs = new WeakMap<Database.Database, { open: boolean; n: number }>();

/**
 * A number that stays the same for as long as what this connection read from
 * the file stays true: within one outermost transaction of inTransaction (no
 * other connection writes meanwhile), up to a rollback. undefined outside one
 * (or in a transaction opened another way): then nothing read may be kept.
 */
export function transactionEpoch(db: Database.Database): number | undefined {
  const e = epochs.get(db);
  return e?.open && db.inTransaction ? e.n : undefined;
}

/**
 * Counts a transaction its caller opened by hand (a bulk load's BEGIN …
 * COMMIT) as one outermost transaction, as inTransaction's are, so what is
 * read inside it may be kept (transactionEpoch); the function returned ends
 * it once the transaction has committed or rolled back.
 */
export function openEpoch(db: Database.Database): () => void {
  let epoch = epochs.get(db);
  if (!epoch) epochs.set(db, (epoch = { open: false, n: 0 }));
  const e = epoch;
  e.open = true;
  e.n++;
  return () => {
    e.open = false;
    e.n++;
  };
}

function controlOf(db: Database.Database): Control {
  let c = controls.get(db);
  if (!c)
    controls.set(
      db,
      (c = {
        begin: db.prepare('BEGIN'),
        commit: db.prepare('COMMIT'),
        rollback: db.prepare('ROLLBACK'),
        savepoint: db.prepare('SAVEPOINT nested'),
        release: db.prepare('RELEASE nested'),
        rollbackTo: db.prepare('ROLLBACK TO nested'),
      }),
    );
  return c;
}

/** Runs `fn` in a transaction of `db` (a savepoint inside an open one); a throw takes back its changes and is rethrown. */
export function inTransaction<T>(db: Database.Database, fn: () => T): T {
  const c = controlOf(db);
  const nested = db.inTransaction;
  let epoch = epochs.get(db);
  if (!epoch) epochs.set(db, (epoch = { open: false, n: 0 }));
  (nested ? c.savepoint : c.begin).run();
  if (!nested) {
    epoch.open = true;
    epoch.n++;
  }
  try {
    const result = fn();
    if (result && typeof (result as { then?: unknown }).then === 'function') throw new TypeError('Transaction function cannot return a promise');
    (nested ? c.release : c.commit).run();
    return result;
  } catch (err) {
    epoch.n++;
    // Still open (a failed COMMIT may leave it so): undo it; a savepoint is rolled back to, then released.
    if (db.inTransaction) {
      if (nested) {
        c.rollbackTo.run();
        c.release.run();
      } else c.rollback.run();
    }
    throw err;
  } finally {
    if (!nested) {
      epoch.open = false;
      epoch.n++;
    }
  }
}
