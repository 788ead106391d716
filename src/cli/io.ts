// Output helpers shared by every command: exit codes, diagnostics in human or
// JSON form, and the last-resort handler that never shows a stack trace.
import { readFileSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { diagnosticToJson, formatDiagnostic, ScriptLoadError, sortDiagnostics, type Diagnostic } from '../contract/diagnostics.js';
import { MissingDependencyError } from '../deps.js';
import { colorsFor, displayPath, jsonMode, jsonWritten, OutputError, printJson, writeOutputFile } from './output.js';

/** Exit codes, the same for every command (README "Commands"). */
export const EXIT = { ok: 0, failed: 1, invalid: 2 } as const;

/** A usage problem found by a command (bad option value, missing file): printed as one line, exit 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** Characters of a user's text a message shows (shown()). */
const SHOWN_CHARS = 60;
/** A usage message's lines (a few show an excerpt with a caret) and characters per line, at most. */
const USAGE_MESSAGE_LINES = 10;
const USAGE_LINE_CHARS = 1_000;

/**
 * A user's text (an option value, a name) as a one-line message shows it:
 * control characters escaped (`\n`), cut after `max` characters with `…`.
 * An option value of 20,000 line breaks is then one short line, not 20,000.
 */
export function shown(text: string, max = SHOWN_CHARS): string {
  return escapeControls(text.length > max ? `${text.slice(0, max)}…` : text);
}

/** At most USAGE_MESSAGE_LINES lines of USAGE_LINE_CHARS characters each, cut with `…`. */
function capLines(text: string): string {
  const lines = text.split('\n');
  const kept = lines.slice(0, USAGE_MESSAGE_LINES).map((l) => (l.length > USAGE_LINE_CHARS ? `${l.slice(0, USAGE_LINE_CHARS)}…` : l));
  return lines.length > USAGE_MESSAGE_LINES ? `${kept.join('\n')}\n…` : kept.join('\n');
}

const escapeControls = (s: string): string =>
  s.replace(/[\u0000-\u001f\u007f\u2028\u2029]/g, (c) =>
    c === '\n' ? '\\n' : c === '\r' ? '\\r' : c === '\t' ? '\\t' : `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );

/** Diagnostics one command prints at most; the rest are counted ("… and 50,212 more"). */
export const MAX_DIAGNOSTICS = 100;

/**
 * Prints diagnostics: `file:line:col: severity CODE message` plus a caret
 * excerpt on stderr (coloured on a terminal), or `{"diagnostics":[…]}` on
 * stdout with `json` (default: the invocation's --json). File names are
 * shown relative to the working directory. At most MAX_DIAGNOSTICS are shown
 * (errors first), then a count of the others; in JSON the count is `"more"`.
 */
export function printDiagnostics(diagnostics: readonly Diagnostic[], opts: { json?: boolean; sources?: Map<string, string> } = {}): void {
  const { shown, more } = capDiagnostics(diagnostics);
  if (opts.json ?? jsonMode()) {
    printJson({ ...diagnosticsJson(shown), ...(more > 0 ? { more } : {}) });
    return;
  }
  if (shown.length > 0) process.stderr.write(formatDiagnostics(shown, opts.sources));
  if (more > 0) process.stderr.write(`… and ${more.toLocaleString('en-US')} more\n`);
}

/** The diagnostics to show, sorted, errors before warnings when there are too many. */
export function capDiagnostics(diagnostics: readonly Diagnostic[], max = MAX_DIAGNOSTICS): { shown: Diagnostic[]; more: number } {
  if (diagnostics.length <= max) return { shown: sortDiagnostics(diagnostics), more: 0 };
  const errors = diagnostics.filter((d) => d.severity === 'error');
  const kept = errors.length >= max ? errors.slice(0, max) : [...errors, ...diagnostics.filter((d) => d.severity !== 'error').slice(0, max - errors.length)];
  // Only the kept ones are sorted: sorting 50,000 diagnostics to show 100 would be wasted work.
  return { shown: sortDiagnostics(kept), more: diagnostics.length - kept.length };
}

/** The `{"diagnostics":[…]}` document, paths relative to the working directory. */
export function diagnosticsJson(diagnostics: readonly Diagnostic[]): { diagnostics: ReturnType<typeof diagnosticToJson>[] } {
  return { diagnostics: sortDiagnostics(diagnostics).map((d) => ({ ...diagnosticToJson(d), file: displayPath(d.span.file) })) };
}

/** The human form of diagnostics for stderr, coloured when stderr shows colour. Each file is read once, and never one of another kind. */
export function formatDiagnostics(diagnostics: readonly Diagnostic[], sources?: Map<string, string>): string {
  const c = colorsFor('stderr');
  const read = new Map<string, string | undefined>();
  let out = '';
  for (const d of diagnostics) {
    const file = d.span.file;
    if (!d.noExcerpt && !read.has(file)) read.set(file, sourceOf(file, sources));
    const shown = { ...d, span: { ...d.span, file: displayPath(file) } };
    const [, ...excerpt] = formatDiagnostic(shown, d.noExcerpt ? undefined : read.get(file)).split('\n');
    const severity = d.severity === 'error' ? c.red(c.bold('error')) : c.yellow(c.bold('warning'));
    out += `${c.bold(`${shown.span.file}:${d.span.line}:${d.span.col}:`)} ${severity} ${c.dim(d.code)} ${d.message}\n`;
    const mark = d.severity === 'error' ? c.red : c.yellow;
    for (const [i, line] of excerpt.entries()) {
      const bar = line.indexOf('| ') + 2;
      out += `${c.dim(line.slice(0, bar))}${i === 1 ? mark(line.slice(bar)) : line.slice(bar)}\n`;
    }
  }
  return out;
}

/** Files larger than this are not read again only to show an excerpt. */
const MAX_EXCERPT_SOURCE = 64 * 1024 * 1024;

function sourceOf(file: string, sources?: Map<string, string>): string | undefined {
  const known = sources?.get(file) ?? sources?.get(displayPath(file));
  if (known !== undefined) return known;
  try {
    // Only a regular file of reasonable size is read for excerpts (never a device, a pipe or a huge dump).
    const st = statSync(file);
    if (!st.isFile() || st.size > MAX_EXCERPT_SOURCE) return undefined;
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

/** Writes an output file, creating its folder; a file that cannot be written is a usage error. */
export function writeOutput(path: string, content: string | Uint8Array): void {
  try {
    writeOutputFile(path, content);
  } catch (err) {
    if (err instanceof OutputError) throw new UsageError(err.message);
    throw err;
  }
}

/** A file's text; a missing or unreadable file is a one-line usage error. */
export async function readInput(file: string, folderHint = 'give one file'): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new UsageError(`cannot read ${displayPath(file)}: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? `it is a folder; ${folderHint}` : (err as Error).message}`);
  }
}

/**
 * The end of a conversion command (import, export): its text in `output`
 * (with `note` on stderr) or on stdout, its diagnostics on stderr; exit 2
 * without text. With `json`, one document on stdout instead:
 * `{file, format, output | text, diagnostics}` (`text` when there is no -o).
 */
export function finishConversion(
  result: { text?: string; diagnostics: readonly Diagnostic[] },
  opts: { file: string; source: string; format?: string; output?: string; json?: boolean; note: string },
): void {
  const text = result.text;
  // Written before anything is printed, so a file that cannot be written is the one problem reported.
  if (text !== undefined && opts.output) writeOutput(opts.output, text);
  if (opts.json) {
    const { shown, more } = capDiagnostics(result.diagnostics);
    printJson({
      file: displayPath(opts.file),
      ...(opts.format ? { format: opts.format } : {}),
      ...(text === undefined ? {} : opts.output ? { output: displayPath(opts.output) } : { text }),
      ...diagnosticsJson(shown),
      ...(more > 0 ? { more } : {}),
    });
  } else {
    printDiagnostics(result.diagnostics, { json: false, sources: new Map([[opts.file, opts.source]]) });
    if (text !== undefined) {
      if (opts.output) process.stderr.write(`${opts.note}\n`);
      else process.stdout.write(text);
    }
  }
  process.exitCode = text === undefined ? EXIT.invalid : EXIT.ok;
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

/**
 * Last-resort handler: a usage error is exit 2; anything else is an internal
 * error, reported in one line. With --json, the problem is the JSON document
 * (unless the command already printed its document).
 */
export function reportCrash(err: unknown): void {
  if (err instanceof ScriptLoadError) {
    // Invalid input found outside a command's own loading (the configuration file): located, exit 2.
    if (!jsonWritten()) printDiagnostics(err.diagnostics);
    process.exitCode = EXIT.invalid;
    return;
  }
  const usage = err instanceof UsageError || err instanceof OutputError || err instanceof MissingDependencyError;
  const text = err instanceof Error ? err.message : String(err);
  // Messages quote what they show through shown(); this keeps any that does not to a few short lines.
  const message = usage ? capLines(text) : text;
  process.exitCode = usage ? EXIT.invalid : EXIT.failed;
  if (jsonMode() && !jsonWritten()) {
    printJson({ diagnostics: [{ severity: 'error', code: usage ? 'E-USAGE' : 'E-INTERNAL', message }] });
    if (usage) return;
  } else if (usage) {
    process.stderr.write(`${colorsFor('stderr').red('studio-script:')} ${message}\n`);
    return;
  }
  process.stderr.write(`studio-script: internal error: ${message}\n(set STUDIO_SCRIPT_DEBUG=1 for details and please report it)\n`);
  if (process.env.STUDIO_SCRIPT_DEBUG && err instanceof Error) process.stderr.write(`${err.stack}\n`);
}
