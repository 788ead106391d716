// The rows of a CSV file, streamed, for every reader of CSV files (uploads and
// the data files a tenant file names): each row numbered by the file line it
// starts on, empty lines left out, and a file that cannot be read as CSV
// turned into one CsvSyntaxError at the exact place (the quote never closed,
// the character after a closing quote; the first byte that is not UTF-8 text,
// as in a binary file: text-bytes.ts). Errors reading the file pass through
// unchanged: each caller words them for its own users. The rows are cut by
// csv-scan.ts (the rules of csv-parse, several times faster); csv-parse itself
// reads a UTF-16 file (a BOM it switches encoding on) and words and locates
// the error of a file the scanner stops at, so both stay as they were.
import { closeSync, createReadStream, fstatSync, openSync, readSync, type ReadStream } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
import { CsvScanner, CsvScanProblem } from './csv-scan.js';
import { eachLineStart, locateByte, TextBytes, type BadByte } from './text-bytes.js';
import type { TableRow } from './xlsx.js';

/** A CSV file csv-parse cannot read, located at file line:col (1-based). */
export class CsvSyntaxError extends Error {
  override name = 'CsvSyntaxError';
  constructor(
    message: string,
    readonly line: number,
    readonly col: number,
  ) {
    super(message);
  }
}

/**
 * Reads the rows of a CSV file; `opened` gets each input stream as it opens
 * (for progress in bytes: a UTF-16 file is read again from its start by a
 * second stream, which progress then follows), and `failure` turns what stops
 * the reading (a CsvSyntaxError, or the error reading the file) into the
 * error to throw: given here, not by a wrapping generator, which would cost
 * every row a second hop.
 */
export async function* csvRows(file: string, opened?: (s: ReadStream) => void, failure: (err: unknown) => unknown = (err) => err): AsyncGenerator<TableRow> {
  const input = createReadStream(file);
  opened?.(input);
  const chunks = (input as AsyncIterable<Buffer>)[Symbol.asyncIterator]();
  const scanner = new CsvScanner();
  const decoder = new StringDecoder('utf8');
  // Bytes that are not text (a binary file, another encoding) stop the reading before the scanner sees them.
  const text = new TextBytes();
  const records: string[][] = [];
  let line = 1;
  let first = true;
  let utf16 = false;
  try {
    for (;;) {
      const next = await chunks.next();
      let chunk: Buffer | null = next.done ? null : next.value;
      const bad = chunk === null ? text.end() : first && chunk[0] === 0xff && chunk[1] === 0xfe ? null : text.check(chunk);
      if (bad) throw binaryFailure(file, bad); // worded by `failure` below, as the scanner's errors are
      if (first && chunk) {
        first = false;
        if (chunk[0] === 0xff && chunk[1] === 0xfe) {
          utf16 = true;
          break;
        }
        if (chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf) chunk = chunk.subarray(3);
      }
      scanner.feed(chunk === null ? decoder.end() : decoder.write(chunk), chunk === null, records);
      for (const record of records) {
        const row = line;
        line = lineAfter(line, record);
        if (record.length === 1 && record[0] === '') continue; // an empty line
        yield { row, cells: record };
      }
      records.length = 0;
      if (chunk === null) return;
    }
  } catch (err) {
    if (!(err instanceof CsvScanProblem)) throw failure(err);
  } finally {
    input.destroy();
  }
  if (utf16) {
    yield* csvParseRows(file, opened, failure);
    return;
  }
  // The scanner stopped where csv-parse gives up: csv-parse reads the file again for its error, worded and located as always.
  const again = csvParseRows(file, undefined, failure);
  while (!(await again.next()).done);
  throw failure(new CsvSyntaxError('this file cannot be read as CSV', line, 1));
}

/** The rows as csv-parse reads them (a UTF-16 file; the error of a file the scanner stops at). */
async function* csvParseRows(file: string, opened: ((s: ReadStream) => void) | undefined, failure: (err: unknown) => unknown): AsyncGenerator<TableRow> {
  // Loaded on first use: most commands never read a CSV (spec/performance.md, cli.start).
  const { parse, CsvError } = await import('csv-parse');
  // Rows are numbered by the file line they start on. csv-parse's `info`
  // option would give it but costs ~15 % of an upload, so lines are counted
  // here: one per record plus the line breaks inside its quoted cells.
  let line = 1;
  const input = createReadStream(file);
  opened?.(input);
  const parser = input.pipe(parse({ relax_column_count: true, bom: true }));
  // pipe() does not pass on a read error (a folder, the file vanished, a permission): the parser fails with it.
  input.on('error', (err) => parser.destroy(err));
  try {
    for await (const record of parser as AsyncIterable<string[]>) {
      const row = line;
      line = lineAfter(line, record);
      if (record.length === 1 && record[0] === '') continue; // an empty line
      yield { row, cells: record };
    }
  } catch (err) {
    throw failure(err instanceof CsvError ? csvFailure(err, file, line) : err);
  } finally {
    input.destroy();
  }
}

/** Bytes that are not UTF-8 text, located at the first one. */
function binaryFailure(file: string, bad: BadByte): CsvSyntaxError {
  const at = locateByte(file, bad.offset);
  return new CsvSyntaxError(bad.message, at.line, at.col);
}

/** The line after a record starting on `line`: one more, plus the line breaks inside its quoted cells. */
function lineAfter(line: number, record: string[]): number {
  let next = line + 1;
  for (const cell of record) if (cell.includes('\n')) next += cell.split('\n').length - 1;
  return next;
}

/**
 * A fatal CSV error located at file:line:col. csv-parse names the line where
 * it gave up; the exact place (the opening quote never closed, the character
 * after a closing quote) is found by rescanning from the end of the last good record.
 */
function csvFailure(err: Error & { code: string }, file: string, nextLine: number): CsvSyntaxError {
  const at = locateQuoteProblem(file, nextLine, err.code) ?? { line: (err as { lines?: number }).lines ?? nextLine, col: 1 };
  const what =
    err.code === 'CSV_QUOTE_NOT_CLOSED'
      ? 'quote not closed: this quoted cell runs to the end of the file'
      : err.code === 'CSV_INVALID_CLOSING_QUOTE'
        ? 'invalid closing quote: a quoted cell must end at a comma or the end of the line (write "" for a quote inside it)'
        : err.code === 'INVALID_OPENING_QUOTE'
          ? 'quote inside an unquoted cell: quote the whole cell and double the quote inside it ("O""Brien")'
          : messageBefore(messageBefore(err.message, ', value is '), ' at line ');
  return new CsvSyntaxError(what, at.line, at.col);
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
    const fileSize = fstatSync(fd).size;
    const start = offsetOfLine(fd, fileSize, nextLine);
    const size = Math.min(fileSize - start, 1 << 24);
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

/** Byte offset where 1-based `line` starts (`size`, the file's, when it has fewer lines). */
function offsetOfLine(fd: number, size: number, line: number): number {
  if (line <= 1) return 0;
  let offset = size;
  let seen = 1;
  eachLineStart(fd, offset, (start) => {
    if (++seen < line) return false;
    offset = start;
    return true;
  });
  return offset;
}
