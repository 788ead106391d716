// Reading an XLSX workbook for uploads (calling lists, points of contact): the
// first worksheet's rows as text cells, the way a CSV export of the sheet
// would have them. exceljs' streaming reader does the reading (so a sheet of
// 100,000 rows is never held whole); it is loaded on first use. What a cell
// holds becomes text here, once, for every upload: a formula gives its saved
// result, a date its wall-clock time, rich text its characters. A cell that
// has no text (an error value, a formula never calculated) is a problem of
// its row, not of the file. The archive is checked whole first (zip-check.ts):
// exceljs would wait forever on damaged compressed data.
import { closeSync, createReadStream, openSync, readSync, type ReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import { excelJs } from '../deps.js';
import { checkZipArchive } from './zip-check.js';

/** One row of an uploaded table (CSV or XLSX). */
export interface TableRow {
  /** 1-based: the CSV line the row starts on, or the worksheet's row number. */
  row: number;
  cells: string[];
  /** Why a cell of the row cannot be read (the row is rejected with this reason). */
  problem?: string;
  /** The worksheet's name (XLSX only). */
  sheet?: string;
}

/** The file is not a workbook exceljs can read: nothing of it was used. */
export class XlsxFileError extends Error {
  override name = 'XlsxFileError';
}

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0];

/**
 * The rows of the workbook's first worksheet, in order, rows with no value in
 * any cell left out. Throws XlsxFileError when the file is not an XLSX
 * workbook (an XLS file, a CSV renamed, a damaged archive).
 */
export async function* xlsxRows(file: string, opened?: (input: ReadStream) => void): AsyncGenerator<TableRow> {
  checkMagic(file);
  let parts: Map<string, Buffer>;
  try {
    parts = await checkZipArchive(file, [BOOK, BOOK_RELS]);
  } catch (err) {
    throw new XlsxFileError(`damaged workbook: ${(err as Error).message}`);
  }
  const ExcelJS = excelJs();
  const input = createReadStream(file);
  opened?.(input);
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(input, { sharedStrings: 'cache', hyperlinks: 'ignore', styles: 'cache', worksheets: 'emit', entries: 'ignore' });
  const sheets = reader[Symbol.asyncIterator]();
  try {
    await knowSheets(reader, parts);
    const first = await next(sheets);
    if (first === null) return;
    const rows = first[Symbol.asyncIterator]();
    for (let r = await next(rows); r !== null; r = await next(rows)) {
      const out = tableRow(r.number, r.values as unknown[], (first as { name?: string }).name);
      if (out) yield out;
    }
  } finally {
    // The other worksheets are never read: the archive is closed where it stands.
    input.destroy();
  }
}

const BOOK = 'xl/workbook.xml';
const BOOK_RELS = 'xl/_rels/workbook.xml.rels';

/**
 * exceljs names a worksheet from the workbook part (xl/workbook.xml) and its
 * relationships as it meets them in the archive; a worksheet met after the
 * shared strings but before the workbook part made it fail ("Cannot read
 * properties of undefined (reading 'sheets')"). The order of the parts is the
 * writer's choice: exceljs' own writer puts the workbook part last, and the
 * order it reaches the archive in varies. So the reader is given both parts
 * first, from what the archive check kept (its own parsers, read again when
 * the archive reaches them; exceljs is pinned to an exact version).
 */
async function knowSheets(reader: object, parts: Map<string, Buffer>): Promise<void> {
  const r = reader as { _parseRels(entry: Readable): Promise<void>; _parseWorkbook(entry: Readable): Promise<void> };
  const rels = parts.get(BOOK_RELS);
  const book = parts.get(BOOK);
  try {
    if (rels) await r._parseRels(Readable.from([rels]));
    if (book) await r._parseWorkbook(Readable.from([book]));
  } catch (err) {
    throw new XlsxFileError(describeFailure(err));
  }
}

/** The next item, with exceljs' own failures (zip, XML) turned into XlsxFileError. */
async function next<T>(it: AsyncIterator<T>): Promise<T | null> {
  try {
    const r = await it.next();
    return r.done ? null : r.value;
  } catch (err) {
    throw new XlsxFileError(describeFailure(err));
  }
}

function checkMagic(file: string): void {
  const head = Buffer.alloc(4);
  const fd = openSync(file, 'r');
  let n: number;
  try {
    n = readSync(fd, head, 0, 4, 0);
  } finally {
    closeSync(fd);
  }
  if (n === 0) throw new XlsxFileError('empty file (an XLSX workbook needs a worksheet with a header row)');
  if (OLE_MAGIC.every((b, i) => head[i] === b)) throw new XlsxFileError('an Excel 97–2003 (.xls) workbook: save it as .xlsx (Excel Workbook) or CSV (UTF-8)');
  if (!ZIP_MAGIC.every((b, i) => head[i] === b)) throw new XlsxFileError('not an XLSX workbook (an .xlsx file is a ZIP archive; this one is not): save the sheet as .xlsx or CSV (UTF-8)');
}

function describeFailure(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  if (message === 'FILE_ENDED' || /unexpected end|end of (data|file)/i.test(message)) return 'the workbook is cut short (the file ends inside its archive)';
  if (/invalid signature|zip/i.test(message)) return `damaged workbook archive (${message})`;
  return `damaged workbook: ${message.split('\n')[0]}`;
}

/** A worksheet row as text cells; null when no cell has a value. A cell's problem names it as Excel does (`Sheet1!D8`). */
export function tableRow(row: number, values: readonly unknown[], sheet?: string): TableRow | null {
  const cells: string[] = [];
  let problem: string | undefined;
  let any = false;
  // exceljs' row.values is 1-based (index 0 unused) and sparse.
  for (let c = 1; c < values.length; c++) {
    const v = cellText(values[c]);
    if (typeof v === 'string') {
      cells.push(v);
      if (v !== '') any = true;
    } else {
      cells.push('');
      any = true;
      problem ??= `cell ${cellReference(sheet, c, row)} ${v.problem}`;
    }
  }
  if (!any) return null;
  while (cells.length > 0 && cells[cells.length - 1] === '') cells.pop();
  const out: TableRow = { row, cells };
  if (problem) out.problem = problem;
  if (sheet !== undefined) out.sheet = sheet;
  return out;
}

/** A cell value as the text a CSV export shows, or why it has none. */
export function cellText(v: unknown): string | { problem: string } {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return Number.isFinite(v) ? numberText(v) : { problem: 'holds a number out of range' };
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? { problem: 'holds a date out of range' } : dateText(v);
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if ('error' in o) return { problem: `holds the error ${String(o.error)}` };
    if ('formula' in o || 'sharedFormula' in o) {
      if (o.result === undefined || o.result === null) return { problem: 'is a formula with no saved result (open the file in Excel and save it again)' };
      return cellText(o.result);
    }
    if (Array.isArray(o.richText)) return o.richText.map((t) => String((t as { text?: unknown }).text ?? '')).join('');
    if (typeof o.text === 'string') return o.text;
  }
  return { problem: 'holds a value that is not text, a number, a date or a truth value' };
}

/** Whole numbers in full (phone numbers stored as numbers keep every digit), others as JavaScript prints them. */
function numberText(n: number): string {
  return Number.isInteger(n) && Math.abs(n) < 1e21 ? n.toFixed(0) : String(n);
}

/** An Excel date has no zone: its wall-clock time, as ISO text without an offset (a time of 00:00 gives the date alone). */
function dateText(d: Date): string {
  const iso = d.toISOString();
  if (iso.endsWith('T00:00:00.000Z')) return iso.slice(0, 10);
  return iso.endsWith('.000Z') ? iso.slice(0, 19) : iso.slice(0, 23);
}

/** `D8`, `Sheet1!D8`, `'Leads 2026'!D8`: a sheet name other than letters, digits and `_` is quoted, a quote in it doubled. */
export function cellReference(sheet: string | undefined, column: number, row: number): string {
  const cell = `${columnName(column)}${row}`;
  if (sheet === undefined || sheet === '') return cell;
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(sheet) ? `${sheet}!${cell}` : `'${sheet.replaceAll("'", "''")}'!${cell}`;
}

/** 1 → A, 27 → AA. */
export function columnName(n: number): string {
  let s = '';
  for (let k = n; k > 0; k = Math.floor((k - 1) / 26)) s = String.fromCharCode(65 + ((k - 1) % 26)) + s;
  return s;
}
