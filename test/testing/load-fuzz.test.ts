// Bad test files never crash the loader: random and mutated inputs always end
// in a test file or located diagnostics (docs/testing.md "Test-file errors").
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadTestFile } from '../../src/testing/load.js';

const file = join(import.meta.dirname, 'fixtures', 'project', 'fuzz.test.yaml');
const seed = readFileSync(join(import.meta.dirname, 'fixtures', 'project', 'stubs.test.yaml'), 'utf8');

function check(text: string): void {
  const r = loadTestFile(file, { text });
  if (r.testFile) return;
  expect(r.diagnostics.length).toBeGreaterThan(0);
  const lines = text.split(/\r?\n/).length;
  for (const d of r.diagnostics) {
    expect(d.code).toMatch(/^E-TEST-/);
    expect(d.span.line).toBeGreaterThanOrEqual(1);
    expect(d.span.line).toBeLessThanOrEqual(lines + 1);
    expect(d.span.col).toBeGreaterThanOrEqual(1);
    expect(d.message).not.toMatch(/\n\s+at /);
  }
}

describe('loadTestFile on bad input', { timeout: 600_000 }, () => {
  it('handles arbitrary text', () => {
    fc.assert(fc.property(fc.string({ maxLength: 300 }), check), { numRuns: 300 });
  });

  it('handles arbitrary YAML-shaped data', () => {
    const value = fc.letrec((tie) => ({
      any: fc.oneof({ depthSize: 'small' }, fc.string(), fc.integer(), fc.boolean(), fc.constant(null), fc.array(tie('any'), { maxLength: 3 }), fc.dictionary(fc.constantFrom('name', 'script', 'cases', 'stubs', 'match', 'expect', 'visits', 'action', 'label', 'http', 'return', 'branch', 'error', 'times', 'call', 'x'), tie('any'), { maxKeys: 4 })),
    })).any;
    fc.assert(fc.property(value, (v) => check(JSON.stringify({ cases: [v] }))), { numRuns: 300 });
  });

  it('handles mutations of a valid file', () => {
    const mutation = fc.tuple(fc.nat(seed.length), fc.nat(20), fc.string({ maxLength: 8 }));
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 4 }), (muts) => {
        let text = seed;
        for (const [at, del, ins] of muts) text = text.slice(0, at) + ins + text.slice(at + del);
        check(text);
      }),
      { numRuns: 300 },
    );
  });

  it('does not expand alias bombs', () => {
    const bomb = ['a: &a [x, x, x, x, x, x, x, x, x, x]', ...Array.from({ length: 8 }, (_, i) => `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [${Array(10).fill(`*${String.fromCharCode(97 + i)}`).join(', ')}]`), 'cases: *i'].join('\n');
    check(bomb);
    expect(loadTestFile(file, { text: bomb }).diagnostics[0]?.code).toBe('E-TEST-YAML');
  });
});
