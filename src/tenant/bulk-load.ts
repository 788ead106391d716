// One way to run a bulk load (calling-list and POC uploads, a tenant's data
// files, a digital skill's list): the load is opened inside the error
// handling, committed when the work finishes and rolled back on any throw,
// and a failure of the store itself (a SQLite error: full disk, locked or
// read-only file, I/O error) comes out as a StateFileError naming the state
// file, wherever the work was when it happened. Callers report that as the
// state file's problem (E-TENANT-STATE at the file, nothing of the load kept:
// the rollback journal undoes it even after a crash) and keep their own codes
// for problems of the data they read.
import { diagnostic, type Diagnostic } from '../contract/diagnostics.js';
import type { BulkLoad, TenantStore } from '../contract/tenant-store.js';
import { SqliteTenantStore } from './sqlite-store.js';
import { StateFileError, stateError } from './state-file.js';

/**
 * Runs `work` in a bulk load of `store` and commits it. With `given` (a load
 * the caller opened, several files loading together) the caller commits or
 * aborts; store failures are still turned into StateFileErrors.
 */
export async function withBulkLoad<T>(store: TenantStore, work: (bulk: BulkLoad) => Promise<T>, given?: BulkLoad): Promise<T> {
  if (given) {
    try {
      return await work(given);
    } catch (err) {
      throw storeFailure(store, err);
    }
  }
  let bulk: BulkLoad | undefined;
  try {
    bulk = store.bulkLoad();
    const result = await work(bulk);
    bulk.commit();
    return result;
  } catch (err) {
    try {
      bulk?.abort();
    } catch {
      // A store that fails again while rolling back: the journal undoes the load at the next open.
    }
    throw storeFailure(store, err);
  }
}

/** A failure of a SQLite store (its own StateFileError, or SQLite's error) as a StateFileError; anything else as it is. */
export function storeFailure(store: TenantStore, err: unknown): unknown {
  if (!(store instanceof SqliteTenantStore) || err instanceof StateFileError) return err;
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('SQLITE_') ? stateError(store.file, err) : err;
}

/** A store failure during a load as a diagnostic at the state file (never an excerpt: the file is binary). */
export function stateFailureDiagnostic(err: StateFileError, what: string): Diagnostic {
  const message = err.problem === 'full' ? `the disk is full: nothing of ${what} was written` : `${err.message}; nothing of ${what} was written`;
  return { ...diagnostic('E-TENANT-STATE', `state file: ${message}`, { file: err.file, line: 1, col: 1 }), noExcerpt: true };
}
