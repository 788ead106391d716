import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../src/contract/diagnostics.js';
import { formatText } from '../../src/graph/format.js';
import { analyzeScript } from '../../src/graph/load.js';
import { scriptText } from './arbitraries.js';

const EXAMPLES = join(import.meta.dirname, '../../scripts-examples');
const CORPUS = join(import.meta.dirname, '../corpus');
const examples = readdirSync(EXAMPLES)
  .filter((f) => f.endsWith('.script'))
  .map((f) => readFileSync(join(EXAMPLES, f), 'utf8'));

const FRAGMENTS = ['{', '}', '(', ')', '"', '"""', '->', ':', '=', ',', '[', ']', '/*', '//', '\n', '\\', 'SNIPPET', 'END', 'x:', '-1', 'v2', '\u0000', 'é', "'", '$"', '#'];

/** One edit: delete a range, insert a fragment, or truncate. */
const mutation = fc.oneof(
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), len: fc.integer({ min: 1, max: 8 }) }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), text: fc.constantFrom(...FRAGMENTS) }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
);

function mutate(text: string, edits: { kind: string; at: number; len?: number; text?: string }[]): string {
  let t = text;
  for (const e of edits) {
    const at = t.length === 0 ? 0 : e.at % (t.length + 1);
    if (e.kind === 'delete') t = t.slice(0, at) + t.slice(at + (e.len ?? 1));
    else if (e.kind === 'insert') t = t.slice(0, at) + e.text + t.slice(at);
    else t = t.slice(0, at);
  }
  return t;
}

/** Every diagnostic is located inside the file and reads as one line, never a stack trace. */
function expectLocated(ds: Diagnostic[], text: string): void {
  const lines = text.split('\n').length;
  for (const d of ds) {
    expect(d.code).toMatch(/^(E|W)-[A-Z]+(-[A-Z]+)*$/);
    expect(d.span.file).toBe('m.script');
    expect(d.span.line).toBeGreaterThanOrEqual(1);
    expect(d.span.line).toBeLessThanOrEqual(lines);
    expect(d.span.col).toBeGreaterThanOrEqual(1);
    expect(d.message).not.toMatch(/\n|\bat .+:\d+:\d+|Error:/);
    expect(d.message.length).toBeGreaterThan(0);
  }
}

const seed = fc.oneof(fc.constantFrom(...examples), scriptText);

describe('mutated scripts', () => {
  it('only ever produce located diagnostics, never an exception', () => {
    fc.assert(
      fc.property(seed, fc.array(mutation, { minLength: 1, maxLength: 4 }), (text, edits) => {
        const bad = mutate(text, edits);
        const loaded = analyzeScript(bad, 'm.script');
        expectLocated(loaded.diagnostics, bad);
        const formatted = formatText(bad, 'm.script');
        expectLocated(formatted.diagnostics, bad);
      }),
      { numRuns: 600 },
    );
  });

  it.each(readdirSync(CORPUS).filter((f) => f.endsWith('.script')))('corpus input %s loads with located diagnostics', (f) => {
    const text = readFileSync(join(CORPUS, f), 'utf8');
    expectLocated(analyzeScript(text, 'm.script').diagnostics, text);
  });
});
