// Worker-thread entry of the SQLite store's checkpointer (sqlite-checkpointer.ts):
// a connection of its own to the state file that copies the WAL into the file
// (`PRAGMA wal_checkpoint(PASSIVE)`) whenever the store's thread asks, so the
// store's thread never waits for a checkpoint's copy and syncs. A passive
// checkpoint takes no lock a writer needs: the store keeps committing while it
// runs. Told to stop (or unable to open the file), it closes its connection
// and says so before it ends.
import { workerData } from 'node:worker_threads';
import type Database from 'better-sqlite3';
import { sqliteDriver } from '../deps.js';
import { CONTROL, FINISH_FRAMES, type CheckpointerData } from './sqlite-checkpointer.js';

/** Passes of one checkpoint at most (see FINISH_FRAMES). */
const MAX_PASSES = 6;

const { file, control, synchronous } = workerData as CheckpointerData;
const ctl = new Int32Array(control);
let db: Database.Database | undefined;
try {
  db = new (sqliteDriver())(file, { fileMustExist: true });
  db.pragma(`synchronous = ${Number(synchronous)}`);
  // It commits nothing, so it never checkpoints on a commit of its own; it never waits for a lock.
  db.pragma('wal_autocheckpoint = 0');
  db.pragma('busy_timeout = 0');
  const checkpoint = db.prepare('PRAGMA wal_checkpoint(PASSIVE)');
  let seen = 0;
  for (;;) {
    Atomics.wait(ctl, CONTROL.requests, seen);
    if (Atomics.load(ctl, CONTROL.stop) !== 0) break;
    seen = Atomics.load(ctl, CONTROL.requests);
    try {
      // Commits made during a pass wait for the next one, which is shorter; once a pass copies few, the store's thread copies the rest.
      let before = 0;
      for (let pass = 0; pass < MAX_PASSES; pass++) {
        const r = checkpoint.get() as { busy: number; checkpointed: number };
        if (r.busy !== 0 || r.checkpointed - before <= FINISH_FRAMES) break;
        before = r.checkpointed;
      }
    } catch {
      // Busy (another connection checkpoints) or an I/O error: the store's thread checkpoints at close, and itself when the WAL keeps growing.
    }
    Atomics.store(ctl, CONTROL.busy, 0);
  }
} finally {
  try {
    db?.close();
  } finally {
    Atomics.store(ctl, CONTROL.stopped, 1);
    Atomics.notify(ctl, CONTROL.stopped);
  }
}
