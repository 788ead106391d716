// A batch of an upload's rows as the reading thread hands them to the
// inserting one: each prospect encoded by encodeProspect (the values the
// SQLite store binds), its strings packed into a few long texts with their
// lengths and its numbers into a Float64Array, so passing 1,000 rows costs a
// few strings and two transferred buffers instead of a structured clone of
// 1,000 objects. Rejected rows and progress points keep their place among the
// prospects.
import type { EncodedProspect, ProspectRecord } from '../../contract/tenant-store.js';
import { encodeProspect } from '../encoded-prospect.js';

export interface RowBatch {
  /** Data rows in the batch (prospects and rejected rows). */
  rows: number;
  /** The prospects' strings, one after the other, in pieces of at most TEXT_LIMIT characters (a string is never split). */
  texts: string[];
  /** Seven per prospect (external id, source, first name, last name, destinations, zone, fields); -1: null. */
  lengths: Int32Array;
  /** Four per prospect: skill, expiry (NaN: null), creation and update times. */
  numbers: Float64Array;
  /** Rejected rows: position in the batch, file row, reason, cells. */
  rejects: { at: number; row: number; reason: string; cells: string[] }[];
  /** Progress points: [position in the batch, data rows so far, bytes read] each. */
  marks: number[];
}

const STRINGS = 7;
/**
 * Characters of one piece of a batch's text (two bytes each at most): a
 * longer string is a large object to V8 (past 128 KB), and those cost a full
 * garbage collection every few batches (measured: 1,000-row batches of the
 * realistic list joined into one string 8× slower than 250-row ones).
 */
const TEXT_LIMIT = 40_000;
const NUMBERS = 4;

/** Collects rows into batches of up to `size` rows. */
export class RowBatchWriter {
  private rows = 0;
  private parts: string[] = [];
  private chars = 0;
  private texts: string[] = [];
  private prospects = 0;
  private lengths: Int32Array;
  private numbers: Float64Array;
  private rejects: RowBatch['rejects'] = [];
  private marks: number[] = [];

  constructor(readonly size: number) {
    this.lengths = new Int32Array(size * STRINGS);
    this.numbers = new Float64Array(size * NUMBERS);
  }

  get full(): boolean {
    return this.rows >= this.size;
  }

  get empty(): boolean {
    return this.rows === 0;
  }

  /** Adds a prospect, encoded by encodeProspect. */
  prospect(record: ProspectRecord): void {
    const p = encodeProspect(record);
    const at = this.prospects++;
    let k = at * STRINGS;
    const lengths = this.lengths;
    lengths[k++] = this.text(p.externalId);
    lengths[k++] = this.text(p.sourceName);
    lengths[k++] = this.text(p.firstName);
    lengths[k++] = this.text(p.lastName);
    lengths[k++] = this.text(p.destinations);
    lengths[k++] = this.text(p.timeZone);
    lengths[k] = this.text(p.fields);
    const numbers = this.numbers;
    const n = at * NUMBERS;
    numbers[n] = p.skillNo;
    numbers[n + 1] = p.expiresAtMs ?? NaN;
    numbers[n + 2] = p.createdAtMs;
    numbers[n + 3] = p.updatedAtMs;
    this.rows++;
  }

  rejected(row: number, reason: string, cells: string[]): void {
    this.rejects.push({ at: this.rows, row, reason, cells });
    this.rows++;
  }

  /** A progress point after the last row added. */
  progress(rows: number, bytes: number): void {
    this.marks.push(this.rows - 1, rows, bytes);
  }

  /** The batch so far (its buffers can be transferred); the writer starts a new one. */
  take(): RowBatch {
    this.endPiece();
    const batch: RowBatch = {
      rows: this.rows,
      texts: this.texts,
      lengths: this.lengths.subarray(0, this.prospects * STRINGS),
      numbers: this.numbers.subarray(0, this.prospects * NUMBERS),
      rejects: this.rejects,
      marks: this.marks,
    };
    this.rows = 0;
    this.prospects = 0;
    this.texts = [];
    this.lengths = new Int32Array(this.size * STRINGS);
    this.numbers = new Float64Array(this.size * NUMBERS);
    this.rejects = [];
    this.marks = [];
    return batch;
  }

  private text(s: string | null): number {
    if (s === null) return -1;
    if (this.chars + s.length > TEXT_LIMIT) this.endPiece();
    this.parts.push(s);
    this.chars += s.length;
    return s.length;
  }

  private endPiece(): void {
    if (this.parts.length > 0) this.texts.push(this.parts.join(''));
    this.parts = [];
    this.chars = 0;
  }
}

export interface RowBatchVisitor {
  prospect(p: EncodedProspect): void;
  rejected(row: number, reason: string, cells: string[]): void;
  progress(rows: number, bytes: number): void;
}

/** Visits a batch's rows in file order, each prospect as the EncodedProspect it was written from. */
export function visitRowBatch(b: RowBatch, visit: RowBatchVisitor): void {
  const { texts, lengths, numbers, rejects, marks } = b;
  let piece = 0;
  let text = texts[0] ?? '';
  let pos = 0;
  let s = 0;
  let n = 0;
  let r = 0;
  let m = 0;
  const next = (): string | null => {
    const len = lengths[s++]!;
    if (len < 0) return null;
    if (pos + len > text.length) {
      text = texts[++piece]!;
      pos = 0;
    }
    return text.slice(pos, (pos += len));
  };
  for (let i = 0; i < b.rows; i++) {
    const reject = rejects[r];
    if (reject !== undefined && reject.at === i) {
      r++;
      visit.rejected(reject.row, reject.reason, reject.cells);
    } else {
      const externalId = next()!;
      const sourceName = next()!;
      const firstName = next();
      const lastName = next();
      const destinations = next()!;
      const timeZone = next()!;
      const fields = next()!;
      const expiresAtMs = numbers[n + 1]!;
      visit.prospect({
        skillNo: numbers[n]!,
        externalId,
        sourceName,
        firstName,
        lastName,
        destinations,
        timeZone,
        expiresAtMs: Number.isNaN(expiresAtMs) ? null : expiresAtMs,
        fields,
        createdAtMs: numbers[n + 2]!,
        updatedAtMs: numbers[n + 3]!,
      });
      n += NUMBERS;
    }
    if (marks[m] === i) {
      visit.progress(marks[m + 1]!, marks[m + 2]!);
      m += 3;
    }
  }
}
