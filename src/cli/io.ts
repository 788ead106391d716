// Output helpers shared by every command: exit codes, diagnostics in human or
// JSON form, and the last-resort handler that never shows a stack trace.
import { readFileSync } from 'node:fs';
import { diagnosticToJson, formatDiagnostic, sortDiagnostics, type Diagnostic } from '../contract/diagnostics.js';

/** Exit codes of spec/cli-and-api.md. */
export const EXIT = { ok: 0, failed: 1, invalid: 2 } as const;

/** A usage problem found by a command (bad option value, missing file): printed as one line, exit 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/**
 * Prints diagnostics: `file:line:col: severity CODE message` plus a caret
 * excerpt on stderr, or `{"diagnostics":[…]}` on stdout with `json`.
 */
export function printDiagnostics(diagnostics: readonly Diagnostic[], opts: { json?: boolean; sources?: Map<string, string> } = {}): void {
  const sorted = sortDiagnostics(diagnostics);
  if (opts.json) {
    process.stdout.write(JSON.stringify({ diagnostics: sorted.map(diagnosticToJson) }, null, 2) + '\n');
    return;
  }
  for (const d of sorted) process.stderr.write(formatDiagnostic(d, sourceOf(d.span.file, opts.sources)) + '\n');
}

function sourceOf(file: string, sources?: Map<string, string>): string | undefined {
  const known = sources?.get(file);
  if (known !== undefined) return known;
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

/** A file the command cannot write is a usage problem named in one line, not a crash. */
export function writeOrExplain<T>(path: string, write: () => T): T {
  try {
    return write();
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    throw new UsageError(`cannot write ${path}: ${e.code === 'EACCES' ? 'permission denied' : e.code === 'ENOENT' ? 'no such folder' : e.message}`);
  }
}

/** Last-resort handler: a usage error is exit 2; anything else is an internal error, reported in one line. */
export function reportCrash(err: unknown): void {
  if (err instanceof UsageError) {
    process.stderr.write(`studio-script: ${err.message}\n`);
    process.exitCode = EXIT.invalid;
    return;
  }
  const message = err instanceof Error ? err.message : String(err);
  process.stderr.write(`studio-script: internal error: ${message}\n(set STUDIO_SCRIPT_DEBUG=1 for details and please report it)\n`);
  if (process.env.STUDIO_SCRIPT_DEBUG && err instanceof Error) process.stderr.write(`${err.stack}\n`);
  process.exitCode = EXIT.failed;
}
