// The rejected-rows file every upload writes (calling lists, points of
// contact): `Row,Reason` and then the row's own cells, one line per rejected
// row, so a user fixes the rows and uploads them again. It is created at the
// first rejected row and removed when the upload fails (no report, no file).
import { closeSync, openSync, rmSync, writeSync } from 'node:fs';

export class RejectedRows {
  /** The upload's header row: the file's columns after Row and Reason. */
  header: readonly string[] = [];
  count = 0;
  private fd: number | null = null;
  private buffer = '';
  /** True once the file exists on disk (so a failed upload removes it). */
  private created = false;

  /** `path` null: rows are counted (and given to `onRejected`) but written nowhere. */
  constructor(
    readonly path: string | null,
    private readonly onRejected?: (row: number, reason: string) => void,
  ) {}

  add(row: number, reason: string, cells: readonly string[]): void {
    this.onRejected?.(row, reason);
    if (this.path === null) {
      this.count++;
      return;
    }
    if (this.fd === null) {
      this.fd = openSync(this.path, 'w');
      this.created = true;
      this.buffer = csvLine(['Row', 'Reason', ...this.header]);
    }
    this.count++;
    this.buffer += csvLine([String(row), reason, ...cells]);
    if (this.buffer.length > 65536) this.flush();
  }

  private flush(): void {
    if (this.fd !== null && this.buffer !== '') writeSync(this.fd, this.buffer);
    this.buffer = '';
  }

  /** The upload failed: no report, so no rejected-rows file either. */
  discard(): void {
    this.buffer = '';
    this.count = 0;
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
    if (this.created && this.path !== null) rmSync(this.path, { force: true });
    this.created = false;
  }

  close(): void {
    if (this.fd === null) return;
    const fd = this.fd;
    this.fd = null;
    try {
      if (this.buffer !== '') writeSync(fd, this.buffer);
    } finally {
      this.buffer = '';
      closeSync(fd);
    }
  }
}

export function csvLine(cells: readonly string[]): string {
  return cells.map((c) => (/[",\r\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(',') + '\n';
}
