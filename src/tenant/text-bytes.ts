// Whether the bytes of a file meant to be text (a CSV file) are text: no NUL
// byte, valid UTF-8. Checked chunk by chunk as the file streams in, at the
// cost of two native scans per chunk (memchr, simdutf) and nothing per row; a
// character split between two chunks is checked whole. The first bad byte is
// located at line:col only when there is one, by reading the file again up
// to it. A binary file given as CSV (an image, an XLSX workbook named .csv)
// is then one clear message instead of a header row of raw bytes.
import { isUtf8 } from 'node:buffer';
import { closeSync, openSync, readSync } from 'node:fs';

/** The first byte that is not UTF-8 text, with what is wrong there and what the file seems to be. */
export interface BadByte {
  /** Byte offset in the file. */
  offset: number;
  message: string;
}

/** File signatures worth naming when a "CSV" file is one of them. */
const SIGNATURES: readonly [bytes: number[], what: string][] = [
  [[0x89, 0x50, 0x4e, 0x47], 'a PNG image'],
  [[0xff, 0xd8, 0xff], 'a JPEG image'],
  [[0x47, 0x49, 0x46, 0x38], 'a GIF image'],
  [[0x25, 0x50, 0x44, 0x46], 'a PDF document'],
  [[0x1f, 0x8b], 'a gzip archive'],
  [[0x50, 0x4b, 0x03, 0x04], 'a ZIP archive (an XLSX workbook is one: only a name ending in .xlsx is read as a workbook)'],
  [[0xd0, 0xcf, 0x11, 0xe0], 'an Excel 97–2003 (.xls) workbook or another OLE document'],
];

/** Checks the chunks of one file in order; `check` returns the first bad byte (then stop feeding it), `end` any character cut off at the end. */
export class TextBytes {
  /** File bytes before the current chunk. */
  private offset = 0;
  /** The start of a character the previous chunk ended inside of (1–3 bytes), else null. */
  private carry: Buffer | null = null;
  /** The file's first bytes, to name a known binary format. */
  private head: Buffer | null = null;

  check(chunk: Buffer): BadByte | null {
    if (this.head === null) this.head = Buffer.from(chunk.subarray(0, 8));
    const base = this.offset;
    this.offset += chunk.length;
    let start = 0;
    let bad: { offset: number; byte: number } | null = null;
    if (this.carry) {
      // The character begun at the end of the last chunk, completed from this one.
      const need = sequenceLength(this.carry[0]!) - this.carry.length;
      const whole = Buffer.concat([this.carry, chunk.subarray(0, need)]);
      if (whole.length < need + this.carry.length) {
        this.carry = whole;
        return null;
      }
      if (!isUtf8(whole)) bad = { offset: base - this.carry.length, byte: this.carry[0]! };
      this.carry = null;
      start = need;
    }
    const tail = bad ? 0 : cutAtEnd(chunk, start);
    const body = chunk.subarray(start, chunk.length - tail);
    if (!bad && !isUtf8(body)) {
      const i = firstInvalid(body);
      bad = { offset: base + start + i, byte: body[i]! };
    }
    if (tail > 0) this.carry = Buffer.from(chunk.subarray(chunk.length - tail));
    const nul = chunk.indexOf(0);
    if (nul >= 0 && (!bad || base + nul < bad.offset)) return this.problem(base + nul, null);
    return bad && this.problem(bad.offset, bad.byte);
  }

  /** At the end of the file: a character left unfinished is a bad byte. */
  end(): BadByte | null {
    return this.carry && this.problem(this.offset - this.carry.length, this.carry[0]!);
  }

  /** The problem at `offset`: a NUL byte (`byte` null), or `byte` starting no valid UTF-8 character. */
  private problem(offset: number, byte: number | null): BadByte {
    const head = this.head ?? Buffer.alloc(0);
    const known = SIGNATURES.find(([bytes]) => bytes.every((b, i) => head[i] === b));
    // A file of a known binary format is wrong as a whole: located at its start.
    if (known) return { offset: 0, message: `not a text file: this is ${known[1]}, and a CSV file is UTF-8 text` };
    if ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff))
      return { offset: 0, message: 'not UTF-8 text: the file is UTF-16 (it starts with a UTF-16 byte order mark); save it as CSV UTF-8' };
    if (byte === null) return { offset, message: 'not a text file: a NUL byte here (binary data, as in an image or an archive); a CSV file is UTF-8 text' };
    const hex = byte.toString(16).toUpperCase().padStart(2, '0');
    return { offset, message: `not UTF-8 text: byte 0x${hex} here is not part of a UTF-8 character (a file saved in another encoding, such as Windows-1252?); save it as CSV UTF-8` };
  }
}

/** Bytes a UTF-8 sequence has by its first byte (1 for a byte that cannot start one: isUtf8 refuses it). */
function sequenceLength(lead: number): number {
  return lead >= 0xf0 && lead <= 0xf4 ? 4 : lead >= 0xe0 && lead < 0xf0 ? 3 : lead >= 0xc2 && lead < 0xe0 ? 2 : 1;
}

/** How many bytes at the end of `chunk` (from `start`) begin a character the next chunk completes (0–3). */
function cutAtEnd(chunk: Buffer, start: number): number {
  for (let i = chunk.length - 1; i >= Math.max(start, chunk.length - 3); i--) {
    const b = chunk[i]!;
    if ((b & 0xc0) === 0x80) continue; // a continuation byte: look further back for its lead
    const need = sequenceLength(b);
    return need > 1 && chunk.length - i < need ? chunk.length - i : 0;
  }
  return 0;
}

/** Index of the first byte of `buf` that is not part of a valid UTF-8 character (buf is known to hold one). */
function firstInvalid(buf: Buffer): number {
  for (let i = 0; i < buf.length; ) {
    const n = sequenceLength(buf[i]!);
    if (n === 1) {
      if (buf[i]! >= 0x80) return i;
      i++;
      continue;
    }
    if (i + n > buf.length || !isUtf8(buf.subarray(i, i + n))) return i;
    i += n;
  }
  return buf.length;
}

/**
 * Calls `visit` with the byte offset that starts each line after the first
 * (the offset after each `\n`) of the file open as `fd`, in file order, up
 * to byte `end`, until `visit` returns true. Reads in chunks: constant memory.
 */
export function eachLineStart(fd: number, end: number, visit: (start: number) => boolean | void): void {
  const chunk = Buffer.alloc(1 << 16);
  for (let pos = 0; pos < end; ) {
    const n = readSync(fd, chunk, 0, Math.min(chunk.length, end - pos), pos);
    if (n === 0) return;
    for (let k = chunk.indexOf(10); k !== -1 && k < n; k = chunk.indexOf(10, k + 1)) if (visit(pos + k + 1) === true) return;
    pos += n;
  }
}

/** Line and column (1-based; the column in characters, a byte order mark not counted) of byte `offset` of a file whose bytes before it are UTF-8 text. */
export function locateByte(file: string, offset: number): { line: number; col: number } {
  const fd = openSync(file, 'r');
  try {
    let line = 1;
    let lineStart = 0;
    eachLineStart(fd, offset, (start) => {
      line++;
      lineStart = start;
    });
    const before = Buffer.alloc(offset - lineStart);
    readSync(fd, before, 0, before.length, lineStart);
    const text = before.toString('utf8');
    return { line, col: (line === 1 && text.startsWith('\uFEFF') ? text.length - 1 : text.length) + 1 };
  } finally {
    closeSync(fd);
  }
}
