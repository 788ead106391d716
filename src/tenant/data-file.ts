// Records from a data file the tenant file names (`records: { file: leads.csv }`),
// read one at a time so a file of any size streams into the store: CSV with
// a header row, JSON Lines (`.jsonl`, `.ndjson`: one object per line), or a
// JSON array (`.json`, read whole: JSON has no record boundaries to stream
// on). Every problem is a diagnostic located in the data file.
import { createReadStream, existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { resolve } from 'node:path';
import { diagnostic, LineIndex, positionAt, type Diagnostic } from '../contract/diagnostics.js';
import { jsonErrorReason } from '../contract/json-offset.js';
import { csvRows, CsvSyntaxError } from './csv-rows.js';
import { JsonLocator, jsonProblem } from '../contract/json-text.js';

/** One record of a data file and the line it starts on. */
export interface DataRow {
  record: Record<string, unknown>;
  line: number;
}

/** A data file that cannot be read as records: nothing of it is loaded. */
export class DataFileError extends Error {
  override name = 'DataFileError';
  constructor(readonly diagnostics: Diagnostic[]) {
    super(diagnostics.map((d) => `${d.span.file}:${d.span.line}:${d.span.col}: ${d.message}`).join('; '));
  }
}

export type DataFormat = 'csv' | 'jsonl' | 'json';

/** The format a file name says, or undefined. */
export function dataFormat(file: string): DataFormat | undefined {
  if (/\.csv$/i.test(file)) return 'csv';
  if (/\.(jsonl|ndjson)$/i.test(file)) return 'jsonl';
  if (/\.json$/i.test(file)) return 'json';
  return undefined;
}

/**
 * Whether a file the tenant file names (relative to the tenant file's folder,
 * `tenantDir`) is there; when it is not, `report` gets the message
 * (`<what> not found: <file> (relative to the tenant file)`).
 */
export function checkNamedFile(tenantDir: string, file: string, what: string, report: (message: string) => void): boolean {
  if (existsSync(resolve(tenantDir, file))) return true;
  report(`${what} not found: ${file} (relative to the tenant file)`);
  return false;
}

const fail = (file: string, line: number, col: number, message: string): never => {
  throw new DataFileError([diagnostic('E-TENANT-DATA', message, { file, line, col })]);
};

const isRecord = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/**
 * Reads the records of a data file in order. CSV cells are text; empty cells
 * are left out of the record, and a cell of a `listColumns` column holding
 * `a|b` becomes a list.
 */
export async function* readDataRows(file: string, opts: { listColumns?: readonly string[] } = {}): AsyncGenerator<DataRow> {
  const format = dataFormat(file);
  if (!format) fail(file, 1, 1, 'a data file is .csv (with a header row), .jsonl / .ndjson (one JSON object per line) or .json (an array of objects)');
  if (format === 'csv') yield* csvRecords(file, new Set(opts.listColumns ?? []));
  else if (format === 'jsonl') yield* jsonLines(file);
  else yield* jsonArray(file);
}

async function* csvRecords(file: string, lists: Set<string>): AsyncGenerator<DataRow> {
  let header: string[] | null = null;
  try {
    for await (const { row, cells } of csvRows(file)) {
      if (!header) {
        header = cells.map((h) => h.trim());
        const dup = header.findIndex((h, i) => header!.indexOf(h) !== i);
        if (dup >= 0) fail(file, row, 1, `column "${header[dup]}" appears twice in the header row`);
        continue;
      }
      if (cells.length !== header.length) fail(file, row, 1, `expected ${header.length} cells (the header's columns), found ${cells.length}`);
      const record: Record<string, unknown> = {};
      for (let i = 0; i < header.length; i++) {
        const cell = cells[i]!;
        if (cell === '') continue;
        record[header[i]!] = lists.has(header[i]!) && cell.includes('|') ? cell.split('|').map((x) => x.trim()).filter((x) => x !== '') : cell;
      }
      yield { record, line: row };
    }
  } catch (err) {
    if (err instanceof DataFileError) throw err;
    if (err instanceof CsvSyntaxError) fail(file, err.line, err.col, `not valid CSV: ${err.message}`);
    readFailure(file, err);
    fail(file, 1, 1, `not valid CSV: ${err instanceof Error ? err.message : String(err)}`);
  }
}

/** A file that cannot be read (missing, a folder, a permission), located at its start; returns for any other error. */
function readFailure(file: string, err: unknown): void {
  const code = (err as NodeJS.ErrnoException)?.code;
  if (code === 'ENOENT') fail(file, 1, 1, 'data file not found');
  if (code === 'EISDIR') fail(file, 1, 1, 'a folder, not a data file');
  if (typeof code === 'string' && /^E[A-Z]+$/.test(code)) fail(file, 1, 1, `cannot read the data file (${code})`);
}

async function* jsonLines(file: string): AsyncGenerator<DataRow> {
  const lines = createInterface({ input: createReadStream(file), crlfDelay: Infinity });
  let n = 0;
  try {
    for await (const text of lines) {
      n++;
      if (text.trim() === '') continue;
      let record: unknown;
      try {
        record = JSON.parse(text);
      } catch (err) {
        fail(file, n, (jsonProblem(text, false)?.offset ?? 0) + 1, `not valid JSON: ${jsonErrorReason(err)}`);
      }
      if (!isRecord(record)) fail(file, n, 1, 'each line of a JSON Lines file must be one object (a record)');
      yield { record: record as Record<string, unknown>, line: n };
    }
  } catch (err) {
    if (err instanceof DataFileError) throw err;
    readFailure(file, err);
    throw err;
  } finally {
    lines.close();
  }
}

async function* jsonArray(file: string): AsyncGenerator<DataRow> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    readFailure(file, err);
    throw err;
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    const at = positionAt(text, jsonProblem(text, false)?.offset ?? 0);
    fail(file, at.line, at.col, `not valid JSON: ${jsonErrorReason(err)}`);
  }
  if (!Array.isArray(data)) fail(file, 1, 1, 'a .json data file must be an array of objects (records)');
  const items = data as unknown[];
  const locator = new JsonLocator(text);
  const lines = new LineIndex(text);
  for (let i = 0; i < items.length; i++) {
    const { line, col } = lines.positionAt(locator.locate([i]).range.start);
    if (!isRecord(items[i])) fail(file, line, col, `item ${i + 1} of the array is not an object (a record)`);
    yield { record: items[i] as Record<string, unknown>, line };
  }
}
