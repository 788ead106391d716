// The byte buffer trace lines are written into: every piece encoded exactly as
// Buffer.from (UTF-8) or JSON.stringify would, and only whole lines leave it,
// whatever the buffer size: a piece that straddles a batch, a line longer than
// the buffer, a line dropped halfway.
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { LineBytes } from '../../src/runtime/line-bytes.js';

/** A LineBytes of `size` bytes whose batches are collected (copied: the buffer is reused). */
function collecting(size: number): { out: LineBytes; batches: Buffer[]; all(): Buffer } {
  const batches: Buffer[] = [];
  const out = new LineBytes((buf, length) => {
    expect(length).toBeGreaterThan(0);
    batches.push(Buffer.from(buf.subarray(0, length)));
  }, size);
  return { out, batches, all: () => Buffer.concat(batches) };
}

/** Text that needs care: quotes, backslashes, control characters, DEL, lone surrogates, astral and two-byte characters. */
const text = fc.oneof(
  fc.constantFrom('', 'a', '"', '\\', '\n\t\u0000\u001f\u007f', '\ud800', 'x\udfffy', '😀', 'é ü', '\u2028\u2029', 'plain ascii text'),
  fc.string({ maxLength: 40, unit: 'binary' }),
  fc.string({ maxLength: 300, unit: 'grapheme' }),
);

type Piece = ['text' | 'json' | 'ascii' | 'bytes', string];
const piece: fc.Arbitrary<Piece> = fc.oneof(
  fc.tuple(fc.constant('text' as const), text),
  fc.tuple(fc.constant('json' as const), text),
  fc.tuple(fc.constant('ascii' as const), fc.oneof(fc.integer().map(String), fc.double().map(String), fc.constant('x'.repeat(200)))),
  fc.tuple(fc.constant('bytes' as const), text),
);

/** What a piece must add: Node's UTF-8 encoding of its text (a lone surrogate becomes U+FFFD). */
function expected(kind: Piece[0], s: string): string {
  return kind === 'json' ? JSON.stringify(s) : s;
}

function add(out: LineBytes, [kind, s]: Piece): void {
  if (kind === 'text') out.text(s);
  else if (kind === 'json') out.jsonString(s);
  else if (kind === 'ascii') out.ascii(s);
  else out.bytes(Buffer.from(s));
}

describe('LineBytes', () => {
  test('lines of any pieces come out byte for byte, in whole lines, at any buffer size', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 400 }), fc.array(fc.tuple(fc.array(piece, { maxLength: 6 }), fc.boolean()), { maxLength: 25 }), (size, lines) => {
        const { out, batches, all } = collecting(size);
        let want = '';
        for (const [pieces, dropped] of lines) {
          for (const p of pieces) add(out, p);
          if (dropped) out.drop();
          else {
            out.end();
            want += `${pieces.map(([kind, s]) => expected(kind, s)).join('')}\n`;
          }
        }
        out.flush();
        out.flush(); // nothing left: no empty batch
        expect(all().equals(Buffer.from(want))).toBe(true);
        for (const b of batches) expect(b.at(-1)).toBe(0x0a);
        // Back to its own size once a long line has left.
        expect(out.buf.length).toBe(size);
      }),
      { numRuns: 300 },
    );
  });

  test('jsonString writes exactly JSON.stringify, long and short, escaped or not', () => {
    fc.assert(
      fc.property(fc.oneof(text, fc.string({ minLength: 100, maxLength: 200, unit: 'binary-ascii' })), (s) => {
        const { out, all } = collecting(64);
        out.jsonString(s);
        out.end();
        out.flush();
        expect(all().toString('utf8')).toBe(`${JSON.stringify(s)}\n`);
      }),
      { numRuns: 500 },
    );
  });

  test('number writes exactly JSON.stringify: integers digit by digit, anything else as text', () => {
    const edges = fc.constantFrom(0, -0, 1, -1, 9, 10, 99, 100, -10, 2147483647, -2147483647, -2147483648, 2147483648, 4294967295, 1e21, 1e-7, 0.1, -1.5, NaN, Infinity, -Infinity, Number.MAX_SAFE_INTEGER, Number.MIN_VALUE);
    fc.assert(
      fc.property(fc.array(fc.oneof(edges, fc.integer(), fc.integer({ min: -2147483648, max: 2147483647 }), fc.double()), { maxLength: 20 }), fc.integer({ min: 1, max: 64 }), (values, size) => {
        const { out, all } = collecting(size);
        for (const v of values) {
          out.number(v);
          out.end();
        }
        out.flush();
        expect(all().toString('utf8')).toBe(values.map((v) => `${JSON.stringify(v)}\n`).join(''));
      }),
      { numRuns: 500 },
    );
  });

  test('a batch leaves once the buffer is nearly full; the line in progress stays for the next one', () => {
    const { out, batches } = collecting(32);
    out.text('a'.repeat(20));
    out.end();
    expect(batches).toEqual([]);
    out.text('b'.repeat(5));
    out.end(); // 27 bytes of 32: past the mark, the batch leaves
    expect(batches.map(String)).toEqual([`${'a'.repeat(20)}\n${'b'.repeat(5)}\n`]);
    out.text('d'.repeat(10));
    out.end();
    out.text('c'.repeat(10));
    out.text('é'.repeat(5)); // does not fit: the finished line leaves, this one moves to the front
    expect(batches.map(String)).toEqual([`${'a'.repeat(20)}\n${'b'.repeat(5)}\n`, `${'d'.repeat(10)}\n`]);
    expect(out.buf.length).toBe(32);
    out.end();
    out.flush();
    expect(batches.map(String).at(-1)).toBe(`${'c'.repeat(10)}${'é'.repeat(5)}\n`);
  });

  test('a line longer than the buffer leaves whole, after the lines before it', () => {
    const { out, batches } = collecting(16);
    out.text('short');
    out.end();
    out.text('x'.repeat(100));
    out.jsonString('é'.repeat(50));
    out.end();
    out.text('after');
    out.end();
    out.flush();
    expect(batches.map(String)).toEqual(['short\n', `${'x'.repeat(100)}"${'é'.repeat(50)}"\n`, 'after\n']);
    expect(out.buf.length).toBe(16);
  });
});
