import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BATCH_CHARS, batchedOutput, fileWriter, streamWriter } from '../../src/cli/batched-output.js';

describe('batched trace output', () => {
  it('writes a batch once it is full, the rest on flush, every line once and in order', () => {
    const chunks: string[] = [];
    const out = batchedOutput((c) => chunks.push(c), 20);
    for (let i = 0; i < 10; i++) out.line(`line ${i}`);
    expect(chunks.length).toBeGreaterThan(1);
    expect(chunks.length).toBeLessThan(10);
    expect(chunks.every((c) => c.endsWith('\n'))).toBe(true);
    out.flush();
    out.flush(); // nothing left: no empty write
    expect(chunks.join('')).toBe(Array.from({ length: 10 }, (_, i) => `line ${i}\n`).join(''));
    expect(chunks.every((c) => c.length > 0)).toBe(true);
  });

  it('writes what it holds when the event loop turns (a run waiting for HTTP still shows its lines)', async () => {
    const chunks: string[] = [];
    const out = batchedOutput((c) => chunks.push(c));
    out.line('a');
    out.line('b');
    expect(chunks).toEqual([]);
    await new Promise((r) => setImmediate(r));
    expect(chunks).toEqual(['a\nb\n']);
    out.line('c');
    out.flush();
    await new Promise((r) => setImmediate(r));
    expect(chunks).toEqual(['a\nb\n', 'c\n']);
  });
});

describe('trace output to a file', () => {
  it('writes each chunk whole to a regular file, UTF-8 encoded, chunks larger than the buffer too', () => {
    const dir = mkdtempSync(join(tmpdir(), 'batched-output-'));
    try {
      const file = join(dir, 'trace.txt');
      const fd = openSync(file, 'w');
      const write = fileWriter(fd)!;
      expect(write).toBeTypeOf('function');
      const big = 'é😀"\n'.repeat(BATCH_CHARS);
      write('first line\n');
      write(big);
      write('\ud800 lone\n');
      closeSync(fd);
      expect(readFileSync(file, 'utf8')).toBe(`first line\n${big}\ufffd lone\n`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('leaves anything but a regular file (a folder, a closed descriptor) to the stream', () => {
    const dir = mkdtempSync(join(tmpdir(), 'batched-output-'));
    try {
      const fd = openSync(dir, 'r');
      expect(fileWriter(fd)).toBeUndefined();
      closeSync(fd);
      expect(fileWriter(fd)).toBeUndefined();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('the writer of a stream', () => {
  it('writes to the file itself, unless the stream has its own write (output being captured)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'batched-output-'));
    try {
      const file = join(dir, 'trace.txt');
      const fd = openSync(file, 'w');
      const seen: string[] = [];
      class Stream {
        fd = fd;
        write(chunk: string): boolean {
          seen.push(`stream:${chunk}`);
          return true;
        }
      }
      streamWriter(new Stream())('direct\n');
      expect(seen).toEqual([]);
      const captured = new Stream();
      captured.write = (chunk: string): boolean => (seen.push(chunk), true);
      streamWriter(captured)('captured\n');
      streamWriter({ write: (chunk: string) => seen.push(chunk) })('no descriptor\n');
      closeSync(fd);
      expect(readFileSync(file, 'utf8')).toBe('direct\n');
      expect(seen).toEqual(['captured\n', 'no descriptor\n']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
