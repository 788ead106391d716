// The thread that reads calling-list uploads (started by upload-thread.ts,
// one file at a time, kept between files): the file's rows built into
// prospects, encoded and sent in batches, at most
// AHEAD batches (≈ 1.3 MB of text) ahead of the inserting thread.
import { parentPort } from 'node:worker_threads';
import { openTable } from '../table-file.js';
import { RowBatchWriter } from './row-batch.js';
import { sendableError, type ReaderMessage, type ToReader, type UploadWork } from './upload-thread.js';
import { readUploadRows } from './upload-rows.js';

const BATCH = 1000;
const AHEAD = 16;

const port = parentPort!;
let inFlight = 0;
let resume: (() => void) | null = null;
port.on('message', (m: ToReader) => {
  if (m.type === 'start') void read(m.work);
  else {
    inFlight--;
    const r = resume;
    resume = null;
    r?.();
  }
});

const post = (m: ReaderMessage, transfer: ArrayBuffer[] = []): void => port.postMessage(m, transfer);

/** Reads one file to its end (or its error), its batches sent as they fill. */
async function read(work: UploadWork): Promise<void> {
  const writer = new RowBatchWriter(BATCH);
  inFlight = 0;
  const send = (): void => {
    const batch = writer.take();
    inFlight++;
    post({ type: 'batch', batch }, [batch.lengths.buffer as ArrayBuffer, batch.numbers.buffer as ArrayBuffer]);
  };
  try {
    const rows = await readUploadRows(openTable(work.file), work.file, work.mapping, work.options, work.every, {
      header: (header) => post({ type: 'header', header }),
      prospect: (p) => writer.prospect(p),
      rejected: (row, reason, cells) => writer.rejected(row, reason, cells),
      progress: (rows, bytes) => writer.progress(rows, bytes),
      afterRow: () => {
        if (!writer.full) return undefined;
        send();
        return inFlight < AHEAD ? undefined : new Promise<void>((r) => (resume = r));
      },
    });
    if (!writer.empty) send();
    post({ type: 'done', rows });
  } catch (err) {
    // The rows before the failure first, as the upload's own thread would have handled them.
    if (!writer.empty) send();
    post({ type: 'error', error: sendableError(err) });
  }
}
