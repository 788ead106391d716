import { describe, expect, it } from 'vitest';
import { batchedOutput } from '../../src/cli/batched-output.js';

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
