// The progress line of uploads (`lists upload`, `pocs upload`) on a terminal:
// one self-rewriting stderr line, at most every 100 ms, cleared at the end.
export class UploadProgress {
  private last = 0;
  private shown = false;
  constructor(private readonly file: string) {}

  update(p: { rows: number; bytes: number; totalBytes: number }): void {
    const now = Date.now();
    if (now - this.last < 100) return;
    this.last = now;
    const pct = p.totalBytes > 0 ? Math.min(100, Math.floor((p.bytes / p.totalBytes) * 100)) : 100;
    process.stderr.write(`\r${this.file}: ${p.rows.toLocaleString('en-US')} rows (${pct}%)\x1b[K`);
    this.shown = true;
  }

  clear(): void {
    if (this.shown) process.stderr.write('\r\x1b[K');
    this.shown = false;
  }
}
