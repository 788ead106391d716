// The rows of an uploaded table file, CSV or XLSX alike, for every upload
// (calling lists, points of contact): one reader per format, the same rows
// out, streamed so a large file is never held whole. A CSV row is numbered by
// the file line it starts on, an XLSX row by its worksheet row; a file that
// cannot be read at all (a quote never closed, a damaged workbook) is one
// located TableFileError, and the upload keeps nothing of it.
import { statSync, type ReadStream } from 'node:fs';
import { diagnostic, type Diagnostic } from '../contract/diagnostics.js';
import { csvRows, CsvSyntaxError } from './csv-rows.js';
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
  return { format, totalBytes, bytesRead, rows: () => csvRows(file, opened, (err) => csvTableError(file, err)) };
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

/** What stops reading a CSV table, as a TableFileError (located for a syntax error); any other error as it is. */
function csvTableError(file: string, err: unknown): unknown {
  if (err instanceof CsvSyntaxError) return new TableFileError(`${file}:${err.line}:${err.col}: ${err.message}`, [diagnostic('E-LIST-CSV', err.message, { file, line: err.line, col: err.col })]);
  const e = err as NodeJS.ErrnoException;
  if (typeof e?.code === 'string' && /^E[A-Z]+$/.test(e.code)) return new TableFileError(`cannot read ${file} (${e.code}): ${e.message}`);
  return err;
}
