// Runs the whole command line in-process (the same entry as the binary, with
// its last-resort handler replaced by a recorder), capturing stdout, stderr,
// the exit code and any crash: what reached the handler instead of becoming
// an exit code with a message.
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { expect } from 'vitest';
import { runCommandLine } from '../../src/cli/program.js';
import { captureCommand, type Captured } from '../cli/capture.js';

export interface CliOutcome extends Captured {
  /** What reached the last-resort handler (an internal error); undefined when nothing did. */
  crash?: unknown;
}

/** Runs `studio-script …args` in this process. */
export async function cli(args: string[]): Promise<CliOutcome> {
  let crash: unknown;
  let crashed = false;
  const r = await captureCommand((sink) =>
    runCommandLine(['node', 'studio-script', ...args], {
      onCrash: (x) => {
        crashed = true;
        crash = x;
        process.exitCode = 1;
      },
      output: { writeOut: sink.out, writeErr: sink.err },
    }),
  );
  return crashed ? { ...r, crash } : r;
}

/** A fresh temporary folder holding `files` (name -> text or bytes); returns its path. */
export function folder(files: Record<string, string | Uint8Array> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'ss-rel-'));
  for (const [name, content] of Object.entries(files)) {
    const path = join(dir, name);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, content);
  }
  return dir;
}

/**
 * What every answer to bad input must look like: exit 0, 1 or 2 without a
 * crash; no stack trace and no "internal error" on either stream; at most
 * `maxLines` lines of diagnostics (the per-command cap); and, on exit 2, at
 * least one message that names a place (`file:line:col`) or the option at fault.
 */
export function expectCleanAnswer(r: CliOutcome, opts: { maxLines?: number } = {}): void {
  if (r.crash !== undefined) throw new Error(`internal error: ${r.crash instanceof Error ? (r.crash.stack ?? r.crash.message) : String(r.crash)}`);
  expect([0, 1, 2]).toContain(r.code);
  const both = r.out + r.err;
  expect(both).not.toMatch(/internal error/i);
  // A JavaScript stack frame (`at fn (/path/file.js:1:2)`, `at file:///…`, `at node:internal…`), not a test report's `at file.yaml:3:4`.
  expect(both).not.toMatch(/\n\s+at (?:[^\n]*\((?:file:\/\/|node:|\/)[^\n]*:\d+:\d+\)|file:\/\/|node:)/);
  expect(both).not.toMatch(/(TypeError|RangeError|ReferenceError|SyntaxError): /);
  // 100 diagnostics of three lines each, a summary and the cap line.
  expect(r.err.split('\n').length).toBeLessThanOrEqual(opts.maxLines ?? 400);
  if (r.code === 2) expect(r.err + r.out).toMatch(/:\d+:\d+: |studio-script: |--\w|error/);
}
