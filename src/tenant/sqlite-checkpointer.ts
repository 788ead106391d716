// Checkpoints of a state file off the store's thread. SQLite copies the WAL
// into the file at a checkpoint and syncs both; run by the committing
// connection (`wal_autocheckpoint`), that copy and its syncs stop the run for
// tens of milliseconds each time (bench/README.md, brain.30d.sqlite). Here the
// store's connection never checkpoints on a commit: after each commit it reads
// how many WAL frames wait to be copied (the WAL-index header in the `-shm`
// file, https://www.sqlite.org/walformat.html), and past a threshold a worker
// thread with a connection of its own runs a passive checkpoint while the
// store goes on. The worker starts on the first checkpoint (a short run never
// starts one) and is stopped before anything needs the file alone (close, a
// bulk load's journal switch), so the last checkpoint at close stays on the
// store's connection. What a checkpoint keeps or loses is SQLite's, whichever
// connection runs it: a process killed during one loses nothing committed.
//
// Where this cannot work (no compiled worker file, as when the sources run
// under a test runner; a `-shm` file that cannot be read; a worker that failed
// to start), SQLite's own automatic checkpoint runs on the store's connection
// as before.
import type Database from 'better-sqlite3';
import { closeSync, existsSync, openSync, readSync } from 'node:fs';
import { endianness } from 'node:os';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';

/** Slots of the shared control array (Int32). */
export const CONTROL = { requests: 0, busy: 1, stop: 2, stopped: 3 } as const;

export interface CheckpointerData {
  file: string;
  control: SharedArrayBuffer;
  /** The store connection's `synchronous` (a scratch file syncs nothing). */
  synchronous: number;
}

const WORKER_URL = new URL('./checkpoint-worker.js', import.meta.url);
/** Worker threads need the compiled module (the test runner's precedent: src/testing/pool.ts). */
export const checkpointWorkerAvailable = (): boolean => WORKER_URL.protocol === 'file:' && existsSync(fileURLToPath(WORKER_URL));

/** The WAL-index header's version field, and where mxFrame (frames in the WAL) and nBackfill (frames copied) are. */
const WAL_INDEX_VERSION = 3007000;
const MX_FRAME = 16;
const N_BACKFILL = 96;
const LE = endianness() === 'LE';

/**
 * Frames a worker's checkpoint may leave to the store's thread. SQLite starts
 * the WAL afresh (overwriting it from its start instead of growing it) only
 * when a transaction begins after a checkpoint that copied every frame; a
 * worker's checkpoint runs while the store commits, so it rarely copies the
 * last ones. The worker checkpoints again while a pass copied more than this
 * many, the store asks it again while more wait, and the store's thread,
 * outside any transaction, copies the rest.
 */
export const FINISH_FRAMES = 100;

/** How long close() waits for a checkpoint in progress to finish. */
const STOP_WAIT_MS = 30_000;

export class Checkpointer {
  private worker: Worker | undefined;
  private ctl: Int32Array | undefined;
  private fd: number | undefined;
  private readonly head = Buffer.alloc(N_BACKFILL + 4);
  private readonly shm: string;
  /** False once this cannot work: SQLite's automatic checkpoint is back on the store's connection. */
  private usable = true;
  /** Checkpoints asked of the worker so far (tests read it). */
  requested = 0;
  /** A worker's checkpoint was asked for: the store's thread finishes it once the worker is done. */
  private finish = false;

  constructor(
    private readonly db: Database.Database,
    private readonly file: string,
    /** WAL frames (pages) that may wait before a checkpoint is asked for. */
    private readonly pages: number,
  ) {
    this.shm = `${resolve(file)}-shm`;
    db.pragma('wal_autocheckpoint = 0');
  }

  /** After a commit: asks for a checkpoint when `pages` frames or more wait to be copied. */
  committed(): void {
    if (!this.usable) return;
    const ctl = this.ctl;
    const waiting = this.waitingFrames();
    if (this.finish && ctl && Atomics.load(ctl, CONTROL.busy) === 0 && waiting <= FINISH_FRAMES) {
      this.finish = false;
      if (waiting > 0) this.db.pragma('wal_checkpoint(PASSIVE)');
      return;
    }
    if (waiting < (this.finish ? FINISH_FRAMES : this.pages)) return;
    if (ctl && Atomics.load(ctl, CONTROL.stopped) !== 0) return this.fallBack();
    // A worker that falls far behind (a disk that cannot keep up) is helped here: the WAL never grows without bound.
    if (waiting >= this.pages * 4) {
      this.db.pragma('wal_checkpoint(PASSIVE)');
      return;
    }
    if (ctl && Atomics.load(ctl, CONTROL.busy) !== 0) return;
    const c = ctl ?? this.start();
    if (!c) return;
    Atomics.store(c, CONTROL.busy, 1);
    Atomics.add(c, CONTROL.requests, 1);
    Atomics.notify(c, CONTROL.requests);
    this.requested++;
    this.finish = true;
  }

  /** Stops the worker, waiting for a checkpoint in progress; the next commit past the threshold starts another. */
  stop(): void {
    if (this.fd !== undefined) {
      closeSync(this.fd);
      this.fd = undefined;
    }
    const ctl = this.ctl;
    const worker = this.worker;
    if (!ctl || !worker) return;
    this.ctl = undefined;
    this.worker = undefined;
    this.finish = false;
    Atomics.store(ctl, CONTROL.stop, 1);
    Atomics.add(ctl, CONTROL.requests, 1);
    Atomics.notify(ctl, CONTROL.requests);
    Atomics.wait(ctl, CONTROL.stopped, 0, STOP_WAIT_MS);
    void worker.terminate();
  }

  /** Frames in the WAL not yet copied into the file; -1 when that cannot be read (then this falls back). */
  private waitingFrames(): number {
    try {
      this.fd ??= openSync(this.shm, 'r');
      const h = this.head;
      if (readSync(this.fd, h, 0, h.length, 0) === h.length && (LE ? h.readUInt32LE(0) : h.readUInt32BE(0)) === WAL_INDEX_VERSION)
        return LE ? h.readUInt32LE(MX_FRAME) - h.readUInt32LE(N_BACKFILL) : h.readUInt32BE(MX_FRAME) - h.readUInt32BE(N_BACKFILL);
    } catch {
      // Not there or not readable: below.
    }
    this.fallBack();
    return -1;
  }

  private start(): Int32Array | undefined {
    const control = new SharedArrayBuffer(4 * 4);
    try {
      const synchronous = this.db.pragma('synchronous', { simple: true }) as number;
      const worker = new Worker(WORKER_URL, { workerData: { file: resolve(this.file), control, synchronous } satisfies CheckpointerData });
      worker.unref();
      // A worker that fails sets `stopped` (checkpoint-worker.ts); one that cannot even load is noticed here.
      worker.on('error', () => Atomics.store(new Int32Array(control), CONTROL.stopped, 1));
      this.worker = worker;
    } catch {
      this.fallBack();
      return undefined;
    }
    return (this.ctl = new Int32Array(control));
  }

  private fallBack(): void {
    this.usable = false;
    this.stop();
    this.db.pragma(`wal_autocheckpoint = ${this.pages}`);
  }
}
