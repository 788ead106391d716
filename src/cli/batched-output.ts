// Trace output (`run --trace`, `--trace-json`) in batches: a run of a million
// actions gives millions of lines, and a write per line (a system call each on
// a file or pipe) costs more than the run. Lines collect in memory and leave in
// one write once a batch is full, whenever the run waits for something (the
// event loop turns: an HTTP call, a timer), and at the end.
import { fstatSync, writeSync } from 'node:fs';

/** Bytes (UTF-16 units, close enough) collected before one write. */
export const BATCH_CHARS = 1 << 16;

export interface BatchedOutput {
  /** Adds one line (without its line break). */
  line(text: string): void;
  /** Writes what is collected now. */
  flush(): void;
}

/** Lines for `write` (process.stderr.write, say), written in batches. */
export function batchedOutput(write: (chunk: string) => void, batchChars = BATCH_CHARS): BatchedOutput {
  let parts: string[] = [];
  let size = 0;
  let scheduled = false;
  const flush = (): void => {
    if (parts.length === 0) return;
    const chunk = parts.join('');
    parts = [];
    size = 0;
    write(chunk);
  };
  const onTurn = (): void => {
    scheduled = false;
    flush();
  };
  return {
    line(text) {
      parts.push(text, '\n');
      size += text.length + 1;
      if (size >= batchChars) flush();
      else if (!scheduled) {
        // A run that waits (HTTP, a slow stub) still shows its lines as it goes.
        scheduled = true;
        setImmediate(onTurn).unref();
      }
    },
    flush,
  };
}

/**
 * Writes chunks to `stream`: straight to its file when it is one and its own
 * `write` was not replaced (an embedding or a test capturing the output keeps
 * getting every chunk through it), otherwise through `stream.write`.
 */
export function streamWriter(stream: { fd?: number; write(chunk: string): unknown }): (chunk: string) => void {
  const direct = Object.hasOwn(stream, 'write') || stream.fd === undefined ? undefined : fileWriter(stream.fd);
  return direct ?? ((chunk) => void stream.write(chunk));
}

/**
 * Writes chunks to `fd` when it is a regular file (`2>trace.jsonl`), encoding
 * each into one reused buffer; undefined for anything else (a terminal, a pipe),
 * which keeps the stream's own writing. Writing a string through the stream
 * allocates a fresh buffer per chunk: at 440 MB of JSON lines that allocation
 * cost more than the system calls. Files are written synchronously by the
 * stream too, so lines keep their order with anything else written there.
 */
export function fileWriter(fd: number): ((chunk: string) => void) | undefined {
  try {
    if (!fstatSync(fd).isFile()) return undefined;
  } catch {
    return undefined;
  }
  let buffer = Buffer.allocUnsafe(BATCH_CHARS * 4);
  return (chunk) => {
    // UTF-8 takes at most three bytes per UTF-16 unit.
    if (buffer.length < chunk.length * 3) buffer = Buffer.allocUnsafe(chunk.length * 3);
    const bytes = buffer.write(chunk, 0);
    for (let done = 0; done < bytes; ) done += writeSync(fd, buffer, done, bytes - done);
  };
}
