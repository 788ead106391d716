// Lines of text written straight into one reused byte buffer, UTF-8 encoded
// piece by piece, and handed on a batch of whole lines at a time. Trace output
// of a long run is hundreds of megabytes: building each line as a string,
// joining the lines into a chunk and encoding the chunk copied every byte three
// times. Here a line's pieces (text encoded once and kept as bytes, or short
// values) are copied once, into the buffer. Only whole lines leave it, so a
// batch never ends inside a line (nor inside a character); a line longer than
// the buffer grows it for as long as it is being written.

/** Bytes collected before a batch leaves. */
export const BATCH_BYTES = 1 << 16;

const TRUE = Buffer.from('true');
const FALSE = Buffer.from('false');
const NULL = Buffer.from('null');

/** Bytes up to this many are copied one by one. */
const SMALL = 8;

/** Strings up to this length are tried as ASCII in a loop; a native UTF-8 write costs more than that for short text. */
const SHORT = 128;

export class LineBytes {
  buf: Buffer;
  /** Where the next byte goes. */
  pos = 0;
  /** Where the line being written starts: everything before it is whole lines. */
  start = 0;
  private readonly size: number;
  /** A batch leaves once a finished line takes the buffer past this. */
  private readonly full: number;

  /**
   * `drain(buf, length)` gets the first `length` bytes of `buf`, whole lines,
   * and must be done with them when it returns. `waiting` is told when a line
   * ends in a buffer that held no whole line: lines now wait for a flush.
   */
  constructor(
    private readonly drain: (buf: Buffer, length: number) => void,
    size = BATCH_BYTES,
    private readonly waiting?: () => void,
  ) {
    this.size = size;
    this.full = size - Math.min(512, size >> 2);
    this.buf = Buffer.allocUnsafe(size);
  }

  /** Adds bytes encoded beforehand. */
  bytes(b: Uint8Array): void {
    const n = b.length;
    if (this.pos + n > this.buf.length) this.room(n);
    // A copy costs about as much as copying eight bytes one by one (the closing braces of a line are one or two).
    if (n <= SMALL) {
      const { buf } = this;
      const p = this.pos;
      for (let i = 0; i < n; i++) buf[p + i] = b[i]!;
    } else this.buf.set(b, this.pos);
    this.pos += n;
  }

  /** Adds text, UTF-8 encoded (a lone surrogate becomes U+FFFD, as everywhere in Node). */
  text(s: string): void {
    const n = s.length;
    if (n <= SHORT) {
      if (this.pos + n > this.buf.length) this.room(n);
      const { buf } = this;
      let p = this.pos;
      let i = 0;
      for (; i < n; i++) {
        const c = s.charCodeAt(i);
        if (c >= 0x80) break;
        buf[p++] = c;
      }
      if (i === n) {
        this.pos = p;
        return;
      }
    }
    // UTF-8 takes at most three bytes per UTF-16 unit.
    if (this.pos + n * 3 > this.buf.length) this.room(n * 3);
    this.pos += this.buf.write(s, this.pos, 'utf8');
  }

  /** Adds text known to be ASCII (a number's digits). */
  ascii(s: string): void {
    const n = s.length;
    if (this.pos + n > this.buf.length) this.room(n);
    const { buf } = this;
    let p = this.pos;
    for (let i = 0; i < n; i++) buf[p++] = s.charCodeAt(i);
    this.pos = p;
  }

  /** Adds a number as JSON.stringify writes it: digits, or null when it is not finite. */
  number(v: number): void {
    // An int32 (-0 too, written 0) goes digit by digit: no string made.
    if ((v | 0) !== v) return this.ascii(Number.isFinite(v) ? `${v}` : 'null');
    if (this.pos + 11 > this.buf.length) this.room(11);
    const { buf } = this;
    let p = this.pos;
    let n = v;
    if (n < 0) {
      buf[p++] = 0x2d;
      n = -n;
    }
    let end = p + 1;
    for (let t = n; t >= 10; t = Math.floor(t / 10)) end++;
    this.pos = end;
    do {
      buf[--end] = 0x30 + (n % 10);
      n = Math.floor(n / 10);
    } while (n > 0);
  }

  /** Adds a string, number, boolean or null as JSON.stringify writes it. */
  scalar(v: string | number | boolean | null): void {
    switch (typeof v) {
      case 'string':
        return this.jsonString(v);
      case 'number':
        return this.number(v);
      case 'boolean':
        return this.bytes(v ? TRUE : FALSE);
      default:
        return this.bytes(NULL);
    }
  }

  /**
   * Adds JSON.stringify(s): the string in quotes, written directly while it
   * needs no escape and is ASCII, otherwise through JSON.stringify.
   */
  jsonString(s: string): void {
    const n = s.length;
    if (n <= SHORT) {
      if (this.pos + n + 2 > this.buf.length) this.room(n + 2);
      const { buf } = this;
      let p = this.pos;
      buf[p++] = 0x22;
      let i = 0;
      for (; i < n; i++) {
        const c = s.charCodeAt(i);
        if (c < 0x20 || c >= 0x80 || c === 0x22 || c === 0x5c) break;
        buf[p++] = c;
      }
      if (i === n) {
        buf[p++] = 0x22;
        this.pos = p;
        return;
      }
    }
    this.text(JSON.stringify(s));
  }

  /** Ends the line; a full batch leaves. */
  end(): void {
    if (this.pos >= this.buf.length) this.room(1);
    this.buf[this.pos++] = 0x0a;
    if (this.start === 0) this.waiting?.();
    this.start = this.pos;
    if (this.pos >= this.full) this.flush();
  }

  /** Forgets what was written of the current line. */
  drop(): void {
    this.pos = this.start;
  }

  /** Hands on the whole lines collected; the line being written stays. */
  flush(): void {
    const { start } = this;
    if (start > 0) this.drain(this.buf, start);
    const rest = this.pos - start;
    if (this.buf.length > this.size && rest <= this.size) {
      // A long line grew the buffer: back to its size once that line has left.
      const b = Buffer.allocUnsafe(this.size);
      this.buf.copy(b, 0, start, this.pos);
      this.buf = b;
    } else if (start === 0) return;
    else if (rest > 0) this.buf.copyWithin(0, start, this.pos);
    this.pos = rest;
    this.start = 0;
  }

  /** Makes room for `n` more bytes: the whole lines leave, and a line that still does not fit grows the buffer. */
  private room(n: number): void {
    this.flush();
    if (this.pos + n <= this.buf.length) return;
    const b = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.pos + n));
    this.buf.copy(b, 0, 0, this.pos);
    this.buf = b;
  }
}
