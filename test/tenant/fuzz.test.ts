// Random and mutated tenant files never crash the loader: every outcome is a
// list of diagnostics with valid positions (reliability.md).
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkTenantText } from '../../src/tenant/tenant.js';

const EXAMPLE = readFileSync(new URL('../../scripts-examples/tenant.yaml', import.meta.url), 'utf8');

function assertWellFormed(text: string): void {
  const { diagnostics } = checkTenantText(text, 'fuzz.yaml');
  const lines = text.split('\n').length;
  for (const d of diagnostics) {
    expect(d.span.file).toBe('fuzz.yaml');
    expect(d.span.line).toBeGreaterThanOrEqual(1);
    expect(d.span.line).toBeLessThanOrEqual(lines + 1);
    expect(d.span.col).toBeGreaterThanOrEqual(1);
    expect(d.message.length).toBeGreaterThan(0);
    expect(d.message).not.toMatch(/\n\s+at /);
  }
}

describe('tenant loader under random input', { timeout: 600_000 }, () => {
  it('handles arbitrary text', () => {
    fc.assert(fc.property(fc.string({ maxLength: 300 }), assertWellFormed), { numRuns: 300 });
  });

  it('handles arbitrary JSON-like documents', () => {
    fc.assert(fc.property(fc.jsonValue({ maxDepth: 4 }), (v) => assertWellFormed(JSON.stringify(v, null, 2))), { numRuns: 300 });
  });

  it('handles the example tenant with random edits', () => {
    const edit = fc.record({ at: fc.nat({ max: EXAMPLE.length }), drop: fc.nat({ max: 40 }), insert: fc.string({ maxLength: 20 }) });
    fc.assert(
      fc.property(fc.array(edit, { minLength: 1, maxLength: 4 }), (edits) => {
        let text = EXAMPLE;
        for (const e of edits) text = text.slice(0, e.at) + e.insert + text.slice(e.at + e.drop);
        assertWellFormed(text);
      }),
      { numRuns: 150 },
    );
  });

  it('every schema error of a mutated section is located inside the file', () => {
    const sections = ['skills:\n  - { id: 1, name: ab }\n', 'sources:\n  - name: S\n    mapping: { ExternalID: Id, Destinations: [M] }\n'];
    fc.assert(
      fc.property(fc.constantFrom(...sections), fc.string({ maxLength: 8 }), fc.nat(), (section, junk, pos) => {
        const at = pos % section.length;
        const text = section.slice(0, at) + junk + section.slice(at);
        const { diagnostics } = checkTenantText(text, 'fuzz.yaml');
        for (const d of diagnostics) expect(d.span.line).toBeLessThanOrEqual(text.split('\n').length + 1);
      }),
      { numRuns: 200 },
    );
  });
});
