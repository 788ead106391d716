// A calling-list upload read in a second thread: the worker
// (upload-worker.ts) reads the file, builds every row's prospect and encodes
// it (row-batch.ts) while this thread inserts the batches before it, so the
// upload takes about the longer of the two halves instead of their sum
// (bench/README.md, lists.upload.100k). At most a few batches wait between
// the threads: the reading stops until the inserts catch up, which keeps
// memory constant. Errors come back as the same classes, messages and
// diagnostics as when the rows are read in this thread.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Diagnostic } from '../../contract/diagnostics.js';
import type { SourceMapping } from '../../contract/tenant-store.js';
import type { ProspectOptions } from '../prospects.js';
import { TableFileError } from '../table-file.js';
import type { RowBatch } from './row-batch.js';
import { ListUploadError } from './upload-error.js';

/** Worker threads need the compiled module; from TypeScript sources the rows are read in this thread. */
const WORKER_URL = new URL('./upload-worker.js', import.meta.url);
export const readerThreadAvailable = (): boolean => WORKER_URL.protocol === 'file:' && existsSync(fileURLToPath(WORKER_URL));

/** What the reading thread needs: everything readUploadRows takes, as plain data. */
export interface UploadWork {
  file: string;
  mapping: SourceMapping;
  options: ProspectOptions;
  every: number | null;
}

export type ReaderMessage = { type: 'header'; header: string[] } | { type: 'batch'; batch: RowBatch } | { type: 'done'; rows: number } | { type: 'error'; error: SentError };

/** An error as it crosses between threads (a structured clone keeps neither the class nor `code`/`path`). */
export interface SentError {
  kind: 'upload' | 'table' | 'other';
  name: string;
  message: string;
  stack?: string;
  diagnostics?: Diagnostic[];
  code?: unknown;
  path?: unknown;
  errno?: unknown;
  syscall?: unknown;
}

export function sendableError(err: unknown): SentError {
  if (!(err instanceof Error)) return { kind: 'other', name: 'Error', message: String(err) };
  const kind = err instanceof ListUploadError ? 'upload' : err instanceof TableFileError ? 'table' : 'other';
  const e = err as Error & { diagnostics?: Diagnostic[]; code?: unknown; path?: unknown; errno?: unknown; syscall?: unknown };
  const sent: SentError = { kind, name: err.name, message: err.message };
  if (err.stack !== undefined) sent.stack = err.stack;
  if (e.diagnostics !== undefined) sent.diagnostics = e.diagnostics;
  for (const key of ['code', 'path', 'errno', 'syscall'] as const) if (e[key] !== undefined) sent[key] = e[key];
  return sent;
}

function receivedError(sent: SentError): Error {
  if (sent.kind === 'upload') return new ListUploadError(sent.message, sent.diagnostics);
  if (sent.kind === 'table') return new TableFileError(sent.message, sent.diagnostics);
  const err = Object.assign(new Error(sent.message), sent.code === undefined ? {} : { code: sent.code }, sent.path === undefined ? {} : { path: sent.path });
  if (sent.errno !== undefined) Object.assign(err, { errno: sent.errno });
  if (sent.syscall !== undefined) Object.assign(err, { syscall: sent.syscall });
  err.name = sent.name;
  if (sent.stack !== undefined) err.stack = sent.stack;
  return err;
}

/** To the reading thread: read a file, or a batch was handled. */
export type ToReader = { type: 'start'; work: UploadWork } | { type: 'ack' };

/**
 * One reading thread kept between uploads, idle and not holding the process
 * open: a new thread starts cold (its code not yet optimised, its caches of
 * zones and numbering plans empty), which costs about as much CPU as reading
 * 20,000 rows; a process that uploads several files pays it once.
 */
let idle: Worker | null = null;

function takeWorker(): Worker {
  const worker = idle ?? startWorker();
  idle = null;
  worker.ref();
  return worker;
}

function startWorker(): Worker {
  const worker = new Worker(WORKER_URL);
  // While idle: a thread that fails or ends is forgotten (and its error never thrown here).
  worker.on('error', () => void (idle === worker && (idle = null)));
  worker.on('exit', () => void (idle === worker && (idle = null)));
  return worker;
}

/** After an upload that read to its end: kept for the next one, or stopped when one is kept already. */
function parkWorker(worker: Worker): void {
  if (idle) void worker.terminate();
  else {
    worker.unref();
    idle = worker;
  }
}

/**
 * The reading thread's messages in file order: the header, the batches, and
 * the data row count at the end; its error thrown as it was thrown there.
 * Each batch is acknowledged when the caller asks for the next message, so
 * handle a batch before that. Ending early (a failed insert) stops the thread.
 */
export async function* readInThread(work: UploadWork): AsyncGenerator<Exclude<ReaderMessage, { type: 'error' }>> {
  const worker = takeWorker();
  const queue: ReaderMessage[] = [];
  let failure: Error | null = null;
  let wake: (() => void) | null = null;
  const wakeUp = (): void => {
    const w = wake;
    wake = null;
    w?.();
  };
  const onMessage = (m: ReaderMessage): void => {
    queue.push(m);
    wakeUp();
  };
  const onError = (err: Error): void => {
    failure ??= err;
    wakeUp();
  };
  const onExit = (code: number): void => {
    failure ??= new Error(`the thread reading the file stopped (exit code ${code})`);
    wakeUp();
  };
  worker.on('message', onMessage);
  worker.on('error', onError);
  worker.on('exit', onExit);
  let finished = false;
  try {
    worker.postMessage({ type: 'start', work } satisfies ToReader);
    for (;;) {
      while (queue.length === 0) {
        if (failure) throw failure;
        await new Promise<void>((resolve) => (wake = resolve));
      }
      const m = queue.shift()!;
      if (m.type === 'error') {
        finished = true; // the thread read to the failure and waits for the next file
        throw receivedError(m.error);
      }
      // Read to its end: the caller may stop asking once it has the count.
      if (m.type === 'done') finished = true;
      yield m;
      if (m.type === 'done') return;
      if (m.type === 'batch') worker.postMessage({ type: 'ack' } satisfies ToReader);
    }
  } finally {
    worker.off('message', onMessage);
    worker.off('error', onError);
    worker.off('exit', onExit);
    if (finished && !failure) parkWorker(worker);
    else await worker.terminate();
  }
}
