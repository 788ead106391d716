// One Diagnostic type for every phase (parse, graph, schema, snippet, tenant,
// runtime, test files), so every command prints problems the same way:
// `file:line:col: error CODE message` plus a caret excerpt, or JSON.

export type Severity = 'error' | 'warning';

/** A place in a source file. Lines and columns are 1-based; `offset` is 0-based. */
export interface Span {
  file: string;
  line: number;
  col: number;
  offset?: number;
  /** Length in characters of the spanned text (1 when unknown). */
  length?: number;
}

export interface Diagnostic {
  /** Stable code, grouped by phase: `E-PARSE-…`, `E-GRAPH-…`, `E-SCHEMA-…`, `E-SNIPPET-…`, `E-TENANT-…`, `E-TEST-…`, `W-…`. */
  code: string;
  severity: Severity;
  message: string;
  span: Span;
  /**
   * Set when the file is not of the kind the loader expected (binary data,
   * another format, a file reached by mistake): its text is never shown in an
   * excerpt, so a diagnostic cannot leak what such a file holds.
   */
  noExcerpt?: true;
}

export function diagnostic(code: string, message: string, span: Span, severity: Severity = 'error'): Diagnostic {
  return { code, severity, message, span };
}

/** A diagnostic about a file that is not the expected kind: located at its start, never shown with an excerpt. */
export function wrongKind(code: string, message: string, file: string): Diagnostic {
  return { code, severity: 'error', message, span: { file, line: 1, col: 1 }, noExcerpt: true };
}

export const hasErrors = (ds: readonly Diagnostic[]): boolean => ds.some((d) => d.severity === 'error');

/** Thrown by loaders (loadFolder, loadTenant, …) when input has errors; carries every diagnostic. */
export class ScriptLoadError extends Error {
  readonly diagnostics: Diagnostic[];
  constructor(diagnostics: Diagnostic[], message?: string) {
    const errors = diagnostics.filter((d) => d.severity === 'error');
    super(message ?? `${errors.length} error(s): ${errors.slice(0, 3).map(formatDiagnosticLine).join('; ')}`);
    this.name = 'ScriptLoadError';
    this.diagnostics = diagnostics;
  }
}

/** Orders diagnostics by file, line, column so output is stable. */
export function sortDiagnostics(ds: readonly Diagnostic[]): Diagnostic[] {
  return [...ds].sort(
    (a, b) =>
      a.span.file.localeCompare(b.span.file) || a.span.line - b.span.line || a.span.col - b.span.col || a.code.localeCompare(b.code),
  );
}

export function formatDiagnosticLine(d: Diagnostic): string {
  return `${d.span.file}:${d.span.line}:${d.span.col}: ${d.severity} ${d.code} ${d.message}`;
}

/** Characters of a source line shown in an excerpt. */
const EXCERPT_WIDTH = 120;

/**
 * The human form: the located line, then the source line and a caret under the
 * spanned text. `source` is the file's text when available.
 */
export function formatDiagnostic(d: Diagnostic, source?: string): string {
  const head = formatDiagnosticLine(d);
  if (source === undefined || d.noExcerpt || looksBinary(source)) return head;
  const text = lineIndexOf(source).lineText(d.span.line);
  if (text === undefined) return head;
  const gutter = `${d.span.line} | `;
  // A very long line is shown as a window around the column, so the caret stays on screen.
  const from = text.length > EXCERPT_WIDTH ? Math.max(0, Math.min(d.span.col - 1 - 40, text.length - EXCERPT_WIDTH)) : 0;
  const to = Math.min(text.length, from + EXCERPT_WIDTH);
  const col = d.span.col - from + (from > 0 ? 1 : 0);
  const window = (from > 0 ? '…' : '') + text.slice(from, to) + (to < text.length ? '…' : '');
  const width = Math.max(1, Math.min(d.span.length ?? 1, Math.max(1, to - d.span.col + 1)));
  const caret = ' '.repeat(gutter.length - 2) + '| ' + ' '.repeat(Math.max(0, col - 1)) + '^'.repeat(width);
  // Control characters (an escape sequence) would garble the terminal: show each as one dot.
  const shown = window.replace(/\t/g, ' ').replace(/[\u0000-\u001f\u007f]/g, '\u00b7');
  return `${head}\n${gutter}${shown}\n${caret}`;
}

/**
 * True for data that is not text: many NUL or other control bytes, or many
 * bytes that were not UTF-8 (decoded as U+FFFD), in the first 8 KB. Such a
 * file is never echoed. A stray control character in a text file is not
 * enough: its excerpt shows it as a dot.
 */
export function looksBinary(text: string): boolean {
  const n = Math.min(text.length, 8192);
  let odd = 0;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if ((c < 32 && c !== 9 && c !== 10 && c !== 13 && c !== 12 && c !== 27) || c === 0xfffd) odd++;
  }
  return odd >= 8 && odd * 50 > n;
}

/** The JSON form of cli-and-api.md: `{file, line, col, severity, code, message}`. */
export function diagnosticToJson(d: Diagnostic): { file: string; line: number; col: number; severity: Severity; code: string; message: string } {
  return { file: d.span.file, line: d.span.line, col: d.span.col, severity: d.severity, code: d.code, message: d.message };
}

/**
 * Where each line of a text starts, computed once, so turning an offset into
 * a line and column is a binary search instead of a scan from the start of
 * the file (a test file of thousands of cases derives tens of thousands of
 * spans from offsets).
 */
export class LineIndex {
  /** Offsets of the first character of each line; line n (1-based) starts at starts[n - 1]. */
  private readonly starts: number[] = [0];

  constructor(readonly text: string) {
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) this.starts.push(i + 1);
  }

  get lineCount(): number {
    return this.starts.length;
  }

  /** 1-based line and column of a 0-based offset (an offset past the end counts on from the last line). */
  positionAt(offset: number): { line: number; col: number } {
    if (offset <= 0) return { line: 1, col: offset + 1 };
    const at = Math.min(offset, this.text.length);
    // The last line start at or before `at`.
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= at) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, col: offset - this.starts[lo]! + 1 };
  }

  /** Offset where 1-based `line` starts; undefined past the last line. */
  lineStart(line: number): number | undefined {
    return this.starts[line - 1];
  }

  /** The text of 1-based `line` without its line break (`\r\n` or `\n`); undefined past the last line. */
  lineText(line: number): string | undefined {
    const start = this.starts[line - 1];
    if (start === undefined) return undefined;
    const next = this.starts[line];
    let end = next === undefined ? this.text.length : next - 1;
    if (end > start && this.text.charCodeAt(end - 1) === 13 && next !== undefined) end--;
    return this.text.slice(start, end);
  }
}

/** The last index built, so callers that pass the same text again (excerpts of one file's diagnostics) reuse it. */
let lastIndex: LineIndex | undefined;

/** The line index of `text`, reused while the same text is asked for. */
export function lineIndexOf(text: string): LineIndex {
  if (lastIndex === undefined || lastIndex.text !== text) lastIndex = new LineIndex(text);
  return lastIndex;
}

/** Converts a 0-based offset in `text` to a 1-based line and column. */
export function positionAt(text: string, offset: number): { line: number; col: number } {
  return lineIndexOf(text).positionAt(offset);
}

/** Closest candidate by edit distance, for "did you mean" hints (case-insensitive). */
export function didYouMean(word: string, candidates: Iterable<string>): string | undefined {
  const w = word.toLowerCase();
  let best: string | undefined;
  let bestScore = Infinity;
  for (const c of candidates) {
    const score = editDistance(w, c.toLowerCase());
    if (score < bestScore) {
      bestScore = score;
      best = c;
    }
  }
  const limit = Math.max(2, Math.floor(w.length / 3));
  return bestScore <= limit ? best : undefined;
}

function editDistance(a: string, b: string): number {
  const prev = new Array<number>(b.length + 1);
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0]!;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const up = prev[j]!;
      prev[j] = Math.min(up + 1, prev[j - 1]! + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = up;
    }
  }
  return prev[b.length]!;
}
