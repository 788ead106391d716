// Writes small XLSX workbooks for upload tests with exceljs (the library the
// uploads read them with): plain values, formulas, dates, rich text, error
// cells and rows left empty, each placed by its cell address when needed;
// and ZIP archives of parts written by hand, in an order of the test's choosing.
import { writeFileSync } from 'node:fs';
import { crc32 } from 'node:zlib';
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

/** A ZIP archive of stored (uncompressed) parts in the order given: local headers and data, then the central directory and its end record. */
export function storedZip(parts: readonly [name: string, data: string | Buffer][]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [path, content] of parts) {
    const name = Buffer.from(path);
    const data = Buffer.from(content);
    // Both headers carry the CRC, the two sizes (stored: equal) and the name's length, at offsets two apart.
    const header = (size: number, signature: number, versionAt: number, at: number): Buffer => {
      const h = Buffer.alloc(size);
      h.writeUInt32LE(signature, 0);
      h.writeUInt16LE(20, versionAt);
      h.writeUInt32LE(crc32(data), at);
      h.writeUInt32LE(data.length, at + 4);
      h.writeUInt32LE(data.length, at + 8);
      h.writeUInt16LE(name.length, at + 12);
      return h;
    };
    const local = header(30, 0x04034b50, 4, 14);
    const central = header(46, 0x02014b50, 6, 16);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, data);
    centrals.push(central, name);
    offset += 30 + name.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}
