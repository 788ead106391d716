// Writes small XLSX workbooks for upload tests with exceljs (the library the
// uploads read them with): plain values, formulas, dates, rich text, error
// cells and rows left empty, each placed by its cell address when needed.
import { writeFileSync } from 'node:fs';
import ExcelJS from 'exceljs';

/** A cell: a plain value, or an exceljs cell value object (formula, rich text, error). */
export type CellInput = string | number | boolean | Date | null | { formula: string; result?: unknown } | { richText: { text: string }[] } | { error: string };

export interface SheetInput {
  name?: string;
  /** Row by row from A1; `null` leaves a row empty. */
  rows: (CellInput[] | null)[];
  /** Number formats by cell address (`F2: 'yyyy-mm-dd'`): an Excel date is a number with a date format. */
  formats?: Record<string, string>;
}

export async function writeWorkbook(file: string, sheets: SheetInput | SheetInput[]): Promise<void> {
  const wb = new ExcelJS.Workbook();
  wb.created = wb.modified = new Date('2026-01-01T00:00:00Z');
  for (const [i, s] of (Array.isArray(sheets) ? sheets : [sheets]).entries()) {
    const ws = wb.addWorksheet(s.name ?? `Sheet${i + 1}`);
    s.rows.forEach((row, r) => {
      row?.forEach((v, c) => {
        if (v !== null) ws.getCell(r + 1, c + 1).value = v as ExcelJS.CellValue;
      });
    });
    for (const [addr, fmt] of Object.entries(s.formats ?? {})) ws.getCell(addr).numFmt = fmt;
  }
  // writeBuffer, not xlsx.writeFile: exceljs's writeFile ends the file stream as soon as the zip is
  // finalized, racing the pipe that carries the zip into it, so under load the file can come out
  // truncated and a test reads a damaged workbook.
  writeFileSync(file, Buffer.from(await wb.xlsx.writeBuffer()));
}
