// Trace output (`run --trace`, `--trace-json`) in batches: a run of a million
// actions gives millions of lines, and a write per line (a system call each on
// a file or pipe) costs more than the run. Lines are encoded into one buffer
// (src/runtime/line-bytes.ts) and leave in one write once a batch is full,
// whenever the run waits for something (the event loop turns: an HTTP call, a
// timer), and at the end.
import { fstatSync, writeSync } from 'node:fs';
import { BATCH_BYTES, LineBytes } from '../runtime/line-bytes.js';
import { traceJsonWriter } from '../runtime/trace-json-writer.js';
import { traceLinesTo } from '../runtime/trace-text.js';
import type { TraceWriter } from '../runtime/trace-writer.js';

export interface BatchedOutput {
  /** Adds one line (without its line break). */
  line(text: string): void;
  /** A trace writer adding each event as one JSON line (`--trace-json`), in order with the other lines. */
  json(): TraceWriter;
  /** A trace writer adding the readable trace's lines (`--trace`, as traceLines writes them), in order with the other lines. */
  readable(): TraceWriter;
  /** Writes what is collected now. */
  flush(): void;
}

/** Whole lines leaving the buffer: `buf`'s first `length` bytes, to be written before returning. */
export type Drain = (buf: Buffer, length: number) => void;

/** Lines for `drain` (see streamDrain), written in batches of `batchBytes`. */
export function batchedOutput(drain: Drain, batchBytes = BATCH_BYTES): BatchedOutput {
  let scheduled = false;
  const onTurn = (): void => {
    scheduled = false;
    out.flush();
  };
  // A run that waits (HTTP, a slow stub) still shows its lines as it goes.
  const out = new LineBytes(drain, batchBytes, () => {
    if (scheduled) return;
    scheduled = true;
    setImmediate(onTurn).unref();
  });
  return {
    line(text) {
      out.text(text);
      out.end();
    },
    json: () => traceJsonWriter(out),
    readable: () => traceLinesTo(out),
    flush: () => out.flush(),
  };
}

/**
 * Where batches of `stream` go: straight to its file when it is one and its
 * own `write` was not replaced (an embedding or a test capturing the output
 * keeps getting every batch through it, as text), otherwise through
 * `stream.write`.
 */
export function streamDrain(stream: { fd?: number; write(chunk: string): unknown }): Drain {
  const direct = Object.hasOwn(stream, 'write') || stream.fd === undefined ? undefined : fileDrain(stream.fd);
  // Batches are whole lines, so the text never splits a character.
  return direct ?? ((buf, length) => void stream.write(buf.toString('utf8', 0, length)));
}

/**
 * Writes batches to `fd` when it is a regular file (`2>trace.jsonl`) with
 * writeSync, from the buffer itself; undefined for anything else (a terminal,
 * a pipe), which keeps the stream's own writing. Files are written
 * synchronously by the stream too, so lines keep their order with anything
 * else written there.
 */
export function fileDrain(fd: number): Drain | undefined {
  try {
    if (!fstatSync(fd).isFile()) return undefined;
  } catch {
    return undefined;
  }
  return (buf, length) => {
    for (let done = 0; done < length; ) done += writeSync(fd, buf, done, length - done);
  };
}
