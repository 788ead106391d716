import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { batchedOutput, fileDrain, streamDrain, type Drain } from '../../src/cli/batched-output.js';
import type { TraceEvent } from '../../src/runtime/result.js';
import { traceLines } from '../../src/runtime/trace-text.js';

/** A drain keeping each batch as text. */
function collect(): { drain: Drain; chunks: string[] } {
  const chunks: string[] = [];
  return { drain: (buf, length) => void chunks.push(buf.toString('utf8', 0, length)), chunks };
}

const event = (i: number): TraceEvent =>
  ({ time: '2026-11-21T09:00:00.000Z', contactId: '1', type: 'var.set', name: 'i', scope: 'local', value: i }) as unknown as TraceEvent;

describe('batched trace output', () => {
  it('writes a batch once it is full, the rest on flush, every line once and in order', () => {
    const { drain, chunks } = collect();
    const out = batchedOutput(drain, 20);
    for (let i = 0; i < 10; i++) out.line(`line ${i}`);
    expect(chunks.length).toBeGreaterThan(1);
    expect(chunks.length).toBeLessThan(10);
    expect(chunks.every((c) => c.endsWith('\n'))).toBe(true);
    out.flush();
    out.flush(); // nothing left: no empty write
    expect(chunks.join('')).toBe(Array.from({ length: 10 }, (_, i) => `line ${i}\n`).join(''));
    expect(chunks.every((c) => c.length > 0)).toBe(true);
  });

  it('keeps readable lines and JSON lines in the order they came (--trace with --trace-json)', () => {
    const { drain, chunks } = collect();
    const out = batchedOutput(drain, 64);
    const json = out.json();
    const want: string[] = [];
    for (let i = 0; i < 50; i++) {
      out.line(`09:00:00 é ${i}`);
      json.event(event(i));
      want.push(`09:00:00 é ${i}`, JSON.stringify(event(i)));
    }
    out.flush();
    expect(chunks.length).toBeGreaterThan(1);
    expect(chunks.every((c) => c.endsWith('\n'))).toBe(true);
    expect(chunks.join('')).toBe(want.map((l) => `${l}\n`).join(''));
  });

  it('writes the readable trace as traceLines gives it, in order with JSON lines, and shows it when the event loop turns', async () => {
    const { drain, chunks } = collect();
    const out = batchedOutput(drain, 64);
    const json = out.json();
    const readable = out.readable();
    const want: string[] = [];
    const asText = traceLines((l) => want.push(l));
    const at = { time: '2026-11-21T09:00:00.000Z', contactId: '1' };
    for (let i = 0; i < 20; i++) {
      const events = [
        { ...at, type: 'action.enter', script: 'Main', label: 'inc', actionType: 'ASSIGN', caption: 'ASSIGN', props: {} },
        event(i),
        { ...at, type: 'action.exit', script: 'Main', label: 'inc', branch: 'Default', outputs: {}, seconds: 0 },
      ] as TraceEvent[];
      for (const e of events) {
        readable.event(e);
        asText(e);
        json.event(e);
        want.push(JSON.stringify(e));
      }
    }
    await new Promise((r) => setImmediate(r));
    expect(chunks.join('')).toBe(want.map((l) => `${l}\n`).join(''));
  });

  it('writes what it holds when the event loop turns (a run waiting for HTTP still shows its lines)', async () => {
    const { drain, chunks } = collect();
    const out = batchedOutput(drain);
    const json = out.json();
    out.line('a');
    json.event(event(1));
    expect(chunks).toEqual([]);
    await new Promise((r) => setImmediate(r));
    expect(chunks).toEqual([`a\n${JSON.stringify(event(1))}\n`]);
    out.line('c');
    out.flush();
    await new Promise((r) => setImmediate(r));
    expect(chunks).toEqual([`a\n${JSON.stringify(event(1))}\n`, 'c\n']);
    // A record (an action's event) is shown the same way.
    json.varSet('2026-11-21T09:00:00.000Z', '1', 'i', 'local', undefined, 2);
    expect(chunks).toHaveLength(2);
    await new Promise((r) => setImmediate(r));
    expect(chunks[2]).toBe(`${JSON.stringify(event(2))}\n`);
  });
});

describe('trace output to a file', () => {
  it('writes each batch whole to a regular file, UTF-8 encoded, lines longer than the buffer too', () => {
    const dir = mkdtempSync(join(tmpdir(), 'batched-output-'));
    try {
      const file = join(dir, 'trace.txt');
      const fd = openSync(file, 'w');
      const out = batchedOutput(fileDrain(fd)!, 256);
      const json = out.json();
      const big = 'é😀"'.repeat(1000);
      out.line('first line');
      out.line(big);
      out.line('\ud800 lone');
      json.event(event(2));
      out.flush();
      closeSync(fd);
      expect(readFileSync(file, 'utf8')).toBe(`first line\n${big}\n\ufffd lone\n${JSON.stringify(event(2))}\n`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('leaves anything but a regular file (a folder, a closed descriptor) to the stream', () => {
    const dir = mkdtempSync(join(tmpdir(), 'batched-output-'));
    try {
      const fd = openSync(dir, 'r');
      expect(fileDrain(fd)).toBeUndefined();
      closeSync(fd);
      expect(fileDrain(fd)).toBeUndefined();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('the drain of a stream', () => {
  it('writes to the file itself, unless the stream has its own write (output being captured), which gets text', () => {
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
      const bytes = (s: string): [Buffer, number] => [Buffer.from(`${s}--unused`), Buffer.byteLength(s)];
      streamDrain(new Stream())(...bytes('direct é\n'));
      expect(seen).toEqual([]);
      const captured = new Stream();
      captured.write = (chunk: string): boolean => (seen.push(chunk), true);
      streamDrain(captured)(...bytes('captured é\n'));
      streamDrain({ write: (chunk: string) => seen.push(chunk) })(...bytes('no descriptor\n'));
      closeSync(fd);
      expect(readFileSync(file, 'utf8')).toBe('direct é\n');
      expect(seen).toEqual(['captured é\n', 'no descriptor\n']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
