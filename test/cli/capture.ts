// Runs a command in this process with stdout and stderr captured and the
// process exit code saved and restored: the one capture both in-process
// command runners (runCli, and the reliability tests' cli) are built on.
import { vi } from 'vitest';

export interface Captured {
  code: number;
  out: string;
  err: string;
}

/** Where a command writes besides process.stdout/stderr (commander's own output). */
export interface CaptureSink {
  out(text: string): void;
  err(text: string): void;
}

/**
 * Runs `body` with both streams captured and `process.exitCode` cleared; the
 * code is what `body` left in `process.exitCode` (0 when unset). An exception
 * of `body` propagates after the streams and the exit code are restored.
 */
export async function captureCommand(body: (sink: CaptureSink) => Promise<void>): Promise<Captured> {
  let out = '';
  let err = '';
  const sink: CaptureSink = { out: (s) => void (out += s), err: (s) => void (err += s) };
  const o = vi.spyOn(process.stdout, 'write').mockImplementation((s) => (sink.out(String(s)), true));
  const e = vi.spyOn(process.stderr, 'write').mockImplementation((s) => (sink.err(String(s)), true));
  const saved = process.exitCode;
  process.exitCode = undefined;
  try {
    await body(sink);
    return { code: Number(process.exitCode ?? 0), out, err };
  } finally {
    o.mockRestore();
    e.mockRestore();
    process.exitCode = saved;
  }
}
