// The rows of a calling-list file turned into prospects or rejections, in
// file order: the header checked against the source map, each row fitted to
// the header and built by CREATEPROSPECTS' pipeline (buildProspect). The same
// code runs in the upload's thread or in the thread that reads for it
// (upload-thread.ts); where the prospects go is the caller's.
import { diagnostic } from '../../contract/diagnostics.js';
import type { DdoObject } from '../../contract/value.js';
import type { ProspectRecord, SourceMapping } from '../../contract/tenant-store.js';
import { buildProspect, type ProspectOptions } from '../prospects.js';
import { cellError, fitRow, type TableFormat, type TableRow, type TableSource } from '../table-file.js';
import { asUploadError, ListUploadError } from './upload-error.js';

export interface UploadRowSink {
  header(header: string[]): void;
  prospect(p: ProspectRecord): void;
  rejected(row: number, reason: string, cells: string[]): void;
  /** After data row number `rows` when it is a multiple of the progress interval: the file's bytes read so far. */
  progress(rows: number, bytes: number): void;
  /** After every data row; a promise makes the reading wait for it (a reading thread ahead of the inserts). */
  afterRow?(): Promise<void> | undefined;
}

/** Reads every row of `table` into `sink`; returns the number of data rows. `every` null: no progress. */
export async function readUploadRows(table: TableSource, file: string, mapping: SourceMapping, options: ProspectOptions, every: number | null, sink: UploadRowSink): Promise<number> {
  let header: string[] | null = null;
  let rows = 0;
  for await (const row of table.rows()) {
    if (!header) {
      header = checkHeader(row, mapping, file, table.format);
      sink.header(header);
      continue;
    }
    rows++;
    const cells = fitRow(row, header.length, table.format);
    if (typeof cells === 'string') sink.rejected(row.row, cells, row.cells);
    else if (row.problem) sink.rejected(row.row, row.problem, row.cells);
    else {
      const data: DdoObject = {};
      for (let i = 0; i < header.length; i++) data[header[i]!] = cells[i]!;
      const outcome = buildProspect(data, options);
      if (!outcome.ok) sink.rejected(row.row, outcome.code, row.cells);
      else sink.prospect(outcome.prospect);
    }
    if (every !== null && rows % every === 0) sink.progress(rows, table.bytesRead());
    const wait = sink.afterRow?.();
    if (wait) await wait;
  }
  if (!header) throw new ListUploadError(`${file}: empty file (a calling list needs a header row)`, [diagnostic('E-LIST-EMPTY', 'empty file: a calling list needs a header row', { file, line: 1, col: 1 })]);
  return rows;
}

/** The header row: names are trimmed, must be unique and must include every mapped column. */
function checkHeader(row: TableRow, mapping: SourceMapping, file: string, format: TableFormat): string[] {
  const header = row.cells.map((h) => h.trim());
  const fail = (code: string, message: string, i: number): never => {
    throw asUploadError(cellError(file, format, row, i, code, message));
  };
  const seen = new Set<string>();
  header.forEach((h, i) => {
    if (seen.has(h)) fail('E-LIST-HEADER', `column "${h}" appears twice in the header row`, i);
    seen.add(h);
  });
  for (const [field, columns] of Object.entries(mapping)) {
    for (const c of Array.isArray(columns) ? columns : [columns]) {
      if (!seen.has(c)) fail('E-LIST-COLUMN', `${field} is mapped to column "${c}", which is not in the header row (${header.join(', ')})`, 0);
    }
  }
  return header;
}
