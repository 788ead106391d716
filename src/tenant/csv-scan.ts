// The CSV reader's inner loop: cuts decoded text into records exactly as
// csv-parse does with the options every reader here uses (`bom`,
// `relax_column_count`, nothing else), at a fraction of its cost (it works on
// the text with indexOf and slices instead of byte by byte). Its rules, taken
// from csv-parse so both give the same rows:
// - the record delimiter is the first line break found outside quotes (CRLF,
//   LF or CR) and only that one afterwards (another kind is cell text);
// - a quoted cell starts with a quote at the start of a cell, `""` inside it
//   is one quote, and it must be followed by a comma, the record delimiter,
//   the end of the file or a NUL character (csv-parse closes the quote there
//   too and reads the rest of the cell unquoted); a quote anywhere else is an
//   error;
// - an empty line is a record with one empty cell; the file's last line break
//   ends the last record (no empty record after it).
// A file it cannot read stops with a CsvScanProblem: csv-rows.ts lets
// csv-parse read that file again to word and locate the error as before.

const COMMA = 44;
const QUOTE = 34;
const LF = 10;
const CR = 13;

/** What csv-parse would stop at (its error code); the caller asks csv-parse for the exact error. */
export class CsvScanProblem extends Error {
  override name = 'CsvScanProblem';
  constructor(readonly code: 'CSV_QUOTE_NOT_CLOSED' | 'CSV_INVALID_CLOSING_QUOTE' | 'INVALID_OPENING_QUOTE') {
    super(code);
  }
}

/**
 * A cell's text as a string of its own. A slice of 13 characters or more is a
 * view of the text it was cut from: a cell kept by its reader (a store, a
 * report) would keep the whole 64 KB chunk alive, and a long file would pile
 * up in memory chunk by chunk. The copy costs less than csv-parse's decoding
 * of every cell.
 */
function own(text: string): string {
  return text.length < 13 ? text : (text + ' ').slice(0, -1);
}

/** The record delimiter once found: none yet, LF, CR or CRLF. */
type Delimiter = 0 | typeof LF | typeof CR | -1;
const CRLF = -1;

export class CsvScanner {
  private delimiter: Delimiter = 0;
  /** The text read and not cut yet (the start of an incomplete record). */
  private rest = '';
  /** A record longer than the text read so far is scanned again only once the text has doubled (linear in its length). */
  private wait = 0;

  /**
   * Appends to `out` the records completed by `piece`, the file's next text
   * (decoded, without its BOM); `final`: the file ends after it.
   */
  feed(piece: string, final: boolean, out: string[][]): void {
    const text = this.rest === '' ? piece : this.rest + piece;
    if (!final && text.length < this.wait) {
      this.rest = text;
      return;
    }
    const used = this.scan(text, final, out);
    this.rest = used === 0 ? text : text.slice(used);
    this.wait = used === 0 ? text.length * 2 : 0;
  }

  /**
   * Appends to `out` the records of `text` (starting at a record) and returns
   * where the first incomplete record starts. With `final` the text runs to
   * the end of the file and every record is complete.
   */
  private scan(text: string, final: boolean, out: string[][]): number {
    const n = text.length;
    let pos = 0;
    records: while (pos < n) {
      const start = pos;
      const cells: string[] = [];
      let i = pos;
      cellsLoop: for (;;) {
        // One cell from i. `prefix`: a quoted part closed by a NUL (the rest is read unquoted).
        let prefix = '';
        let quoted = false;
        if (i < n && text.charCodeAt(i) === QUOTE) {
          quoted = true;
          let from = i + 1;
          for (;;) {
            const q = text.indexOf('"', from);
            if (q === -1) {
              if (!final) return start;
              throw new CsvScanProblem('CSV_QUOTE_NOT_CLOSED');
            }
            if (q + 1 >= n) {
              if (!final) return start;
              cells.push(own(prefix + text.slice(from, q)));
              out.push(cells);
              return n;
            }
            const next = text.charCodeAt(q + 1);
            if (next === QUOTE) {
              prefix += text.slice(from, q + 1);
              from = q + 2;
              continue;
            }
            prefix += text.slice(from, q);
            if (next === COMMA) {
              cells.push(own(prefix));
              i = q + 2;
              continue cellsLoop;
            }
            const d = this.delimiterAt(text, q + 1, final);
            if (d < 0) return start;
            if (d > 0) {
              cells.push(own(prefix));
              out.push(cells);
              pos = q + 1 + d;
              continue records;
            }
            if (next !== 0) throw new CsvScanProblem('CSV_INVALID_CLOSING_QUOTE');
            i = q + 1;
            break;
          }
        }
        // An unquoted cell (or the unquoted rest after a NUL) from i.
        let j = i;
        for (; j < n; j++) {
          const c = text.charCodeAt(j);
          if (c === COMMA) break;
          // A quote inside a cell: never at its start (that opens a quoted cell, above).
          if (c === QUOTE) throw new CsvScanProblem('INVALID_OPENING_QUOTE');
          if (c === LF || c === CR) {
            const d = this.delimiterAt(text, j, final);
            if (d < 0) return start;
            if (d > 0) {
              cells.push(own(prefix + text.slice(i, j)));
              out.push(cells);
              pos = j + d;
              continue records;
            }
          }
        }
        if (j < n) {
          cells.push(own(prefix + text.slice(i, j)));
          i = j + 1;
          continue;
        }
        // The end of the text inside a record.
        if (!final) return start;
        const value = prefix + text.slice(i, n);
        if (cells.length > 0 || value !== '' || quoted) {
          cells.push(own(value));
          out.push(cells);
        }
        return n;
      }
    }
    return n;
  }

  /**
   * The length of the record delimiter at `k` (0: none there; -1: the text
   * ends before it can be told). The first line break decides the delimiter.
   */
  private delimiterAt(text: string, k: number, final: boolean): number {
    const c = text.charCodeAt(k);
    const d = this.delimiter;
    if (d === LF) return c === LF ? 1 : 0;
    if (d === CR) return c === CR ? 1 : 0;
    if (c !== CR) {
      if (d === 0 && c === LF) {
        this.delimiter = LF;
        return 1;
      }
      return 0;
    }
    if (k + 1 >= text.length && !final) return -1;
    const crlf = text.charCodeAt(k + 1) === LF;
    if (d === CRLF) return crlf ? 2 : 0;
    this.delimiter = crlf ? CRLF : CR;
    return crlf ? 2 : 1;
  }
}
