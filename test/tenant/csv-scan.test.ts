// The CSV reader against csv-parse: the same records (or the same place of
// giving up) on random CSV text cut into random pieces, and whole files read
// through csvRows (several chunks, a BOM, UTF-16, the located errors).
import fc from 'fast-check';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { CsvScanner, CsvScanProblem } from '../../src/tenant/csv-scan.js';
import { csvRows, CsvSyntaxError } from '../../src/tenant/csv-rows.js';
import type { TableRow } from '../../src/tenant/xlsx.js';

const dir = mkdtempSync(join(tmpdir(), 'csv-scan-'));

/** csv-parse's records of `text` with the readers' options, or the code it stops with. */
function csvParse(text: string): string[][] | string {
  try {
    return parse(text, { relax_column_count: true, bom: true }) as string[][];
  } catch (err) {
    return String((err as { code?: string }).code);
  }
}

/** The scanner's records of `text` fed in pieces cut at `cuts`, or the code it stops with. */
function scanned(text: string, cuts: number[]): string[][] | string {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const at = [...new Set(cuts.map((c) => c % (body.length + 1)))].sort((a, b) => a - b);
  const scanner = new CsvScanner();
  const out: string[][] = [];
  try {
    let from = 0;
    for (const cut of at) {
      scanner.feed(body.slice(from, cut), false, out);
      from = cut;
    }
    scanner.feed(body.slice(from), true, out);
    return out;
  } catch (err) {
    if (err instanceof CsvScanProblem) return err.code;
    throw err;
  }
}

const piece = fc.constantFrom('a', 'b', 'Ada', 'é', '😀', ' ', ',', ',', '"', '""', '\r', '\n', '\n', '\r\n', '\0', '\t');
/** A well-formed cell, so that longer files get past their first line. */
const goodCell = fc.oneof(
  fc.constantFrom('', 'x', 'O Brien', '303-555-0100'),
  fc.array(fc.constantFrom('a', ',', '""', '\n', '\r\n', 'é', ' '), { maxLength: 6 }).map((p) => `"${p.join('')}"`),
);
const goodText = fc
  .tuple(fc.constantFrom('\n', '\r\n', '\r'), fc.array(fc.array(goodCell, { minLength: 1, maxLength: 4 }), { maxLength: 8 }), fc.boolean())
  .map(([eol, rows, last]) => rows.map((r) => r.join(',')).join(eol) + (last ? eol : ''));
const anyText = fc.oneof(
  fc.array(piece, { maxLength: 40 }).map((p) => p.join('')),
  goodText,
  fc.tuple(goodText, fc.array(piece, { maxLength: 8 })).map(([t, p]) => t + p.join('')),
);
const withBom = fc.tuple(fc.boolean(), anyText).map(([bom, t]) => (bom ? `\ufeff${t}` : t));

describe('CSV scanner', () => {
  it('cuts any text into the records csv-parse gives, or stops where csv-parse does, wherever the text is cut into pieces', () => {
    fc.assert(
      fc.property(withBom, fc.array(fc.nat(), { maxLength: 6 }), (text, cuts) => {
        expect(scanned(text, cuts)).toEqual(csvParse(text));
      }),
      { numRuns: 3000 },
    );
  });

  it.each([
    ['a,b\r\nc,d\ne', [['a', 'b'], ['c', 'd\ne']]],
    ['a\rb\r\n', [['a'], ['b'], ['\n']]],
    ['"a"\r\nb', [['a'], ['b']]],
    ['"a""b",""\n\n""', [['a"b', ''], [''], ['']]],
    ['a,', [['a', '']]],
    ['"a"\0b,c', [['a\0b', 'c']]],
    ['"a"\r', [['a']]],
    ['a\n"b"\rc', 'CSV_INVALID_CLOSING_QUOTE'],
    ['ab"c', 'INVALID_OPENING_QUOTE'],
    ['a,"b', 'CSV_QUOTE_NOT_CLOSED'],
  ])('%j: the record delimiter is the first line break; quotes as csv-parse reads them', (text, expected) => {
    expect(csvParse(text)).toEqual(expected);
    expect(scanned(text, [1, 2, 3, 5])).toEqual(expected);
  });
});

async function rows(file: string): Promise<TableRow[] | CsvSyntaxError> {
  const out: TableRow[] = [];
  try {
    for await (const r of csvRows(file)) out.push(r);
  } catch (err) {
    if (err instanceof CsvSyntaxError) return err;
    throw err;
  }
  return out;
}

describe('csvRows', () => {
  it('reads a file of many chunks (multi-byte characters and quoted line breaks across their edges) as csv-parse does, rows numbered by line', async () => {
    const lines = ['Id,Name,Notes'];
    for (let i = 0; i < 6000; i++) lines.push(`P${i},Zoë 😀 ${i},"said ""hi""${i % 7 === 0 ? '\nnext line' : ''}"`, ...(i % 100 === 0 ? [''] : []));
    const file = join(dir, 'big.csv');
    writeFileSync(file, `\ufeff${lines.join('\r\n')}\r\n`);
    const read = (await rows(file)) as TableRow[];
    const expected = (csvParse(lines.join('\r\n')) as string[][]).filter((r) => !(r.length === 1 && r[0] === ''));
    expect(read.map((r) => r.cells)).toEqual(expected);
    expect(read.length).toBe(6001);
    // P7 starts on line 11: the header, P0 on two lines, the empty line after it, P1..P6.
    expect(read.find((r) => r.cells[0] === 'P7')!.row).toBe(11);
  });

  it('reads a UTF-16 file (its BOM) through csv-parse', async () => {
    const file = join(dir, 'utf16.csv');
    writeFileSync(file, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Id,Name\r\n1,Zoë\r\n', 'utf16le')]));
    expect(await rows(file)).toEqual([
      { row: 1, cells: ['Id', 'Name'] },
      { row: 2, cells: ['1', 'Zoë'] },
    ]);
  });

  it.each([
    ['a,b\n1,"x\n2,y\n', 2, 3, 'quote not closed'],
    ['a,b\n1,"x"y\n', 2, 6, 'invalid closing quote'],
    ['a,b\n1,O"Brien\n', 2, 4, 'quote inside an unquoted cell'],
  ])('%j: a file it cannot read is the located error csv-parse gives', async (text, line, col, message) => {
    const file = join(dir, 'broken.csv');
    writeFileSync(file, text);
    const err = (await rows(file)) as CsvSyntaxError;
    expect(err).toBeInstanceOf(CsvSyntaxError);
    expect({ line: err.line, col: err.col }).toEqual({ line, col });
    expect(err.message).toContain(message);
  });
});
