import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cellReference, cellText, columnName, xlsxRows, XlsxFileError, type TableRow } from '../../src/tenant/xlsx.js';
import { storedZip, writeWorkbook } from './workbook.js';

const dir = mkdtempSync(join(tmpdir(), 'xlsx-'));

async function rows(file: string): Promise<TableRow[]> {
  const out: TableRow[] = [];
  for await (const r of xlsxRows(file)) out.push(r);
  return out;
}

describe('XLSX rows', () => {
  it('reads the first worksheet as text cells, numbered by sheet row, empty rows left out', async () => {
    const file = join(dir, 'plain.xlsx');
    await writeWorkbook(file, [
      { rows: [['Id', 'Phone', 'Active'], [1, 8005550100, true], null, ['x', '3035550100', false], [null, null, null]] },
      { name: 'Other', rows: [['not read']] },
    ]);
    expect(await rows(file)).toEqual([
      { row: 1, cells: ['Id', 'Phone', 'Active'], sheet: 'Sheet1' },
      { row: 2, cells: ['1', '8005550100', 'TRUE'], sheet: 'Sheet1' },
      { row: 4, cells: ['x', '3035550100', 'FALSE'], sheet: 'Sheet1' },
    ]);
  });

  it('gives formulas their saved result, dates their wall-clock time and rich text its characters', async () => {
    const file = join(dir, 'values.xlsx');
    await writeWorkbook(file, {
      rows: [
        ['Sum', 'When', 'Day', 'Text', 'Serial'],
        [{ formula: 'A3+1', result: 8005550101 }, new Date('2026-03-01T14:30:00Z'), new Date('2026-03-02T00:00:00Z'), { richText: [{ text: 'Main ' }, { text: 'line' }] }, 46082.5],
      ],
      formats: { E2: 'yyyy-mm-dd hh:mm' },
    });
    expect(await rows(file)).toEqual([
      { row: 1, cells: ['Sum', 'When', 'Day', 'Text', 'Serial'], sheet: 'Sheet1' },
      { row: 2, cells: ['8005550101', '2026-03-01T14:30:00', '2026-03-02', 'Main line', '2026-03-01T12:00:00'], sheet: 'Sheet1' },
    ]);
  });

  it('reads a workbook whose workbook part comes after the worksheet and the shared strings, naming its sheet', async () => {
    // The order of the parts is the writer's (exceljs' own writer puts xl/workbook.xml last); exceljs' reader failed on this one.
    const file = join(dir, 'book-last.xlsx');
    const ns = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"';
    const rel = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
    writeFileSync(
      file,
      storedZip([
        [
          '[Content_Types].xml',
          '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>',
        ],
        ['_rels/.rels', `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${rel}/officeDocument" Target="xl/workbook.xml"/></Relationships>`],
        ['xl/_rels/workbook.xml.rels', `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId7" Type="${rel}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`],
        ['xl/sharedStrings.xml', `<sst ${ns} count="3" uniqueCount="3"><si><t>Id</t></si><si><t>Phone</t></si><si><t>A1</t></si></sst>`],
        [
          'xl/worksheets/sheet1.xml',
          `<worksheet ${ns}><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row><row r="2"><c r="A2" t="s"><v>2</v></c><c r="B2" t="e"><v>#N/A</v></c></row></sheetData></worksheet>`,
        ],
        ['xl/workbook.xml', `<workbook ${ns} xmlns:r="${rel}"><sheets><sheet name="Leads" sheetId="1" r:id="rId7"/></sheets></workbook>`],
      ]),
    );
    expect(await rows(file)).toEqual([
      { row: 1, cells: ['Id', 'Phone'], sheet: 'Leads' },
      { row: 2, cells: ['A1'], sheet: 'Leads', problem: 'cell Leads!B2 holds the error #N/A' },
    ]);
  });

  it('names the cell of a row that holds an error value or a formula never calculated', async () => {
    const file = join(dir, 'problems.xlsx');
    await writeWorkbook(file, { rows: [['A', 'B'], ['ok', { error: '#N/A' }], [{ formula: 'B9*2' }, 'x']] });
    const [, second, third] = await rows(file);
    expect(second!.problem).toBe('cell Sheet1!B2 holds the error #N/A');
    expect(third!.problem).toMatch(/^cell Sheet1!A3 is a formula with no saved result/);
  });

  it('names the cell by its sheet as Excel does, quoting a sheet name with spaces or quotes', async () => {
    const file = join(dir, 'named.xlsx');
    await writeWorkbook(file, { name: "Leads Q1's", rows: [['A', 'B'], ['ok', { error: '#REF!' }]] });
    const [, second] = await rows(file);
    expect(second!.problem).toBe("cell 'Leads Q1''s'!B2 holds the error #REF!");
    expect(cellReference('Leads', 4, 8)).toBe('Leads!D8');
    expect(cellReference(undefined, 4, 8)).toBe('D8');
  });

  it('refuses files that are not XLSX workbooks, naming what they are', async () => {
    const csv = join(dir, 'renamed.xlsx');
    writeFileSync(csv, 'Id,Phone\n1,8005550100\n');
    await expect(rows(csv)).rejects.toThrow(/not an XLSX workbook/);
    const xls = join(dir, 'old.xlsx');
    writeFileSync(xls, Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]));
    await expect(rows(xls)).rejects.toThrow(/Excel 97–2003/);
    const empty = join(dir, 'empty.xlsx');
    writeFileSync(empty, '');
    await expect(rows(empty)).rejects.toBeInstanceOf(XlsxFileError);
  });

  it('refuses a workbook cut short', async () => {
    const file = join(dir, 'whole.xlsx');
    await writeWorkbook(file, { rows: [['A'], ['1']] });
    const { readFileSync } = await import('node:fs');
    const cut = join(dir, 'cut.xlsx');
    writeFileSync(cut, readFileSync(file).subarray(0, 400));
    await expect(rows(cut)).rejects.toBeInstanceOf(XlsxFileError);
  });

  it('turns cell values into text as a CSV export shows them', () => {
    expect(cellText(12345678901234)).toBe('12345678901234');
    expect(cellText(0.1)).toBe('0.1');
    expect(cellText({ text: 'link', hyperlink: 'https://example.com' } as never)).toBe('link');
    expect(cellText({ sharedFormula: 'A1', result: 'x' } as never)).toBe('x');
    expect(columnName(1)).toBe('A');
    expect(columnName(28)).toBe('AB');
    expect(columnName(16384)).toBe('XFD');
  });
});
