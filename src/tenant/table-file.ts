// The rows of an uploaded table file, CSV or XLSX alike, for every upload
// (calling lists, points of contact): one reader per format, the same rows
// out, streamed so a large file is never held whole. A CSV row is numbered by
// the file line it starts on, an XLSX row by its worksheet row; a file that
// cannot be read at all (a quote never closed, a damaged workbook) is one
// located TableFileError, and the upload keeps nothing of it.
import { CsvError, parse } from 'csv-parse';
import { closeSync, createReadStream, openSync, readSync, statSync, type ReadStream } from 'node:fs';
import { diagnostic, type Diagnostic } from '../contract/diagnostics.js';
import type { RejectedRows } from './rejected-rows.js';
import { cellReference, xlsxRows, XlsxFileError, type TableRow } from './xlsx.js';

export type { TableRow } from './xlsx.js';

export type TableFormat = 'csv' | 'xlsx';

/** The file cannot be read as a table: nothing of it was used. */
export class TableFileError extends Error {
  override name = 'TableFileError';
  constructor(
    message: string,
    readonly diagnostics: Diagnostic[] = [],
  ) {
    super(message);
  }
}

/** The format of a table file by its name: `.xlsx` is a workbook, anything else CSV; `.xls` is refused. */
export function tableFormat(file: string): TableFormat {
  if (/\.xlsx$/i.test(file)) return 'xlsx';
  if (/\.xls$/i.test(file)) throw new TableFileError(`${file}: Excel 97–2003 (.xls) workbooks are not supported; save the sheet as .xlsx (Excel Workbook) or CSV (UTF-8)`);
  return 'csv';
}

export interface TableSource {
  readonly format: TableFormat;
  /** Bytes of the file, for progress. */
  readonly totalBytes: number;
  /** Bytes of the file read so far. */
  bytesRead(): number;
  rows(): AsyncGenerator<TableRow>;
}

/** Opens a table file; throws TableFileError when it cannot be read. */
export function openTable(file: string): TableSource {
  const format = tableFormat(file);
  let totalBytes: number;
  try {
    const stat = statSync(file);
    if (stat.isDirectory()) throw new TableFileError(`${file} is a folder: give the CSV or XLSX file to upload`);
    totalBytes = stat.size;
  } catch (err) {
    if (err instanceof TableFileError) throw err;
    const e = err as NodeJS.ErrnoException;
    throw new TableFileError(`cannot read ${file}: ${e.code === 'ENOENT' ? 'no such file' : e.message}`);
  }
  let input: ReadStream | null = null;
  const opened = (s: ReadStream) => (input = s);
  const bytesRead = () => input?.bytesRead ?? 0;
  if (format === 'xlsx') {
    return {
      format,
      totalBytes,
      bytesRead,
      async *rows() {
        try {
          yield* xlsxRows(file, opened);
        } catch (err) {
          if (err instanceof XlsxFileError) throw new TableFileError(`${file}: ${err.message}`);
          throw err;
        }
      },
    };
  }
  return { format, totalBytes, bytesRead, rows: () => csvRows(file, opened) };
}

/** Progress of an upload: rows read, and bytes of the file read so far out of its size. */
export interface UploadProgress {
  rows: number;
  bytes: number;
  totalBytes: number;
}

/**
 * The end every upload shares once its rows are in: the rejected rows
 * counted in the report with their file (when one was written), and the last
 * progress call at 100 %.
 */
export function finishUpload<R extends { rows: number; rejected: number; rejectedFile: string | null }>(
  report: R,
  rejected: RejectedRows,
  table: TableSource,
  onProgress?: (p: UploadProgress) => void,
): R {
  report.rejected = rejected.count;
  report.rejectedFile = rejected.count > 0 ? rejected.path : null;
  onProgress?.({ rows: report.rows, bytes: table.totalBytes, totalBytes: table.totalBytes });
  return report;
}

/**
 * A row's cells against the header: a CSV row must have as many cells as the
 * header; an XLSX row leaves trailing empty cells out, so it is padded (and
 * only cells with values past the header are too many).
 */
export function fitRow(row: TableRow, width: number, format: TableFormat): string[] | string {
  const n = row.cells.length;
  if (format === 'csv' ? n === width : n <= width) return n === width ? row.cells : [...row.cells, ...new Array<string>(width - n).fill('')];
  return `expected ${width} columns, found ${n}`;
}

/**
 * A problem with cell `i` of a row the upload cannot go on without (the
 * header): a CSV cell is located at file:line:col (a diagnostic with an
 * excerpt), a workbook cell by its reference (`pocs.xlsx: cell Sheet1!C1: …`).
 */
export function cellError(file: string, format: TableFormat, row: TableRow, i: number, code: string, message: string): TableFileError {
  if (format === 'xlsx') return new TableFileError(`${file}: cell ${cellReference(row.sheet, i + 1, row.row)}: ${message}`);
  const col = csvColumn(row.cells, i);
  return new TableFileError(`${file}:${row.row}:${col}: ${message}`, [diagnostic(code, message, { file, line: row.row, col })]);
}

/** 1-based column where cell `i` of an unquoted CSV line starts. */
function csvColumn(cells: readonly string[], i: number): number {
  let col = 1;
  for (let k = 0; k < i; k++) col += cells[k]!.length + 1;
  return col;
}

async function* csvRows(file: string, opened: (s: ReadStream) => void): AsyncGenerator<TableRow> {
  // Rows are numbered by the file line they start on. csv-parse's `info`
  // option would give it but costs ~15 % of an upload, so lines are counted
  // here: one per record plus the line breaks inside its quoted cells.
  let line = 1;
  const input = createReadStream(file);
  opened(input);
  const parser = input.pipe(parse({ relax_column_count: true, bom: true }));
  // pipe() does not pass on a read error (the file vanished, a permission): the parser fails with it.
  input.on('error', (err) => parser.destroy(err));
  try {
    for await (const record of parser as AsyncIterable<string[]>) {
      const row = line;
      line++;
      for (const cell of record) if (cell.includes('\n')) line += cell.split('\n').length - 1;
      if (record.length === 1 && record[0] === '') continue; // an empty line
      yield { row, cells: record };
    }
  } catch (err) {
    if (err instanceof CsvError) throw csvFailure(err, file, line);
    const e = err as NodeJS.ErrnoException;
    if (typeof e?.code === 'string' && /^E[A-Z]+$/.test(e.code)) throw new TableFileError(`cannot read ${file} (${e.code}): ${e.message}`);
    throw err;
  } finally {
    input.destroy();
  }
}

/**
 * A fatal CSV error located at file:line:col. csv-parse names the line where
 * it gave up; the exact place (the opening quote never closed, the character
 * after a closing quote) is found by rescanning from the end of the last good record.
 */
function csvFailure(err: CsvError, file: string, nextLine: number): TableFileError {
  const at = locateQuoteProblem(file, nextLine, err.code) ?? { line: (err as { lines?: number }).lines ?? nextLine, col: 1 };
  const what =
    err.code === 'CSV_QUOTE_NOT_CLOSED'
      ? 'quote not closed: this quoted cell runs to the end of the file'
      : err.code === 'CSV_INVALID_CLOSING_QUOTE'
        ? 'invalid closing quote: a quoted cell must end at a comma or the end of the line (write "" for a quote inside it)'
        : err.code === 'INVALID_OPENING_QUOTE'
          ? 'quote inside an unquoted cell: quote the whole cell and double the quote inside it ("O""Brien")'
          : messageBefore(messageBefore(err.message, ', value is '), ' at line ');
  return new TableFileError(`${file}:${at.line}:${at.col}: ${what}`, [diagnostic('E-LIST-CSV', what, { file, line: at.line, col: at.col })]);
}

/** `message` cut where `marker` first appears (csv-parse appends the line and the cell's value). */
function messageBefore(message: string, marker: string): string {
  const at = message.indexOf(marker);
  return at < 0 ? message : message.slice(0, at);
}

function locateQuoteProblem(file: string, nextLine: number, code: string): { line: number; col: number } | null {
  if (code !== 'CSV_QUOTE_NOT_CLOSED' && code !== 'CSV_INVALID_CLOSING_QUOTE' && code !== 'INVALID_OPENING_QUOTE') return null;
  let text: string;
  const fd = openSync(file, 'r');
  try {
    const start = offsetOfLine(fd, nextLine);
    const size = Math.min(statSync(file).size - start, 1 << 24);
    const buf = Buffer.alloc(Math.max(0, size));
    readSync(fd, buf, 0, buf.length, start);
    text = buf.toString('utf8');
  } finally {
    closeSync(fd);
  }
  // Scans from the start of the first record csv-parse did not finish.
  let line = nextLine;
  let col = 1;
  const advance = (ch: string) => {
    if (ch === '\n') {
      line++;
      col = 1;
    } else if (ch !== '\r') col++;
  };
  let fieldStart = true;
  let inQuote = false;
  let quoteAt = { line, col };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (inQuote) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          advance(ch);
          i++;
          advance('"');
          continue;
        }
        inQuote = false;
        advance(ch);
        const next = text[i + 1];
        if (next !== undefined && next !== ',' && next !== '\n' && next !== '\r') return { line, col };
        continue;
      }
      advance(ch);
      continue;
    }
    if (ch === '"' && fieldStart) {
      inQuote = true;
      quoteAt = { line, col };
      fieldStart = false;
      advance(ch);
      continue;
    }
    // A quote in the middle of an unquoted cell (`O"Brien`).
    if (ch === '"') return { line, col };
    fieldStart = ch === ',' || ch === '\n' || ch === '\r';
    advance(ch);
  }
  return inQuote ? quoteAt : null;
}

/** Byte offset where 1-based `line` starts (read in chunks: constant memory). */
function offsetOfLine(fd: number, line: number): number {
  if (line <= 1) return 0;
  const chunk = Buffer.alloc(1 << 16);
  let seen = 1;
  let pos = 0;
  for (;;) {
    const n = readSync(fd, chunk, 0, chunk.length, pos);
    if (n === 0) return pos;
    for (let k = chunk.indexOf(10); k !== -1 && k < n; k = chunk.indexOf(10, k + 1)) {
      if (++seen === line) return pos + k + 1;
    }
    pos += n;
  }
}
