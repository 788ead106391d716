// Random and mutated tenant files never crash the loader: every outcome is a
// list of diagnostics with valid positions (reliability.md). The work is
// bounded by input: a fixed number of inputs of bounded size per property
// (the whole 31 KB example only a few times, windows of it otherwise), so a
// loaded machine makes the suite slower, never red; `npm run fuzz` runs more.
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkTenantText } from '../../src/tenant/tenant.js';
import { FUZZ_TIMEOUT, fuzzParams } from '../fuzz/harness.js';

const EXAMPLE = readFileSync(new URL('../../scripts-examples/tenant.yaml', import.meta.url), 'utf8');
const LINES = EXAMPLE.split('\n');

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

const edit = fc.record({ at: fc.nat(), drop: fc.nat({ max: 40 }), insert: fc.string({ maxLength: 20 }) });

function applyEdits(text: string, edits: readonly { at: number; drop: number; insert: string }[]): string {
  let out = text;
  for (const e of edits) {
    const at = e.at % (out.length + 1);
    out = out.slice(0, at) + e.insert + out.slice(at + e.drop);
  }
  return out;
}

describe('tenant loader under random input', () => {
  it('handles arbitrary text', () => {
    fc.assert(fc.property(fc.string({ maxLength: 300 }), assertWellFormed), fuzzParams(300));
  }, FUZZ_TIMEOUT);

  it('handles arbitrary JSON-like documents', () => {
    fc.assert(fc.property(fc.jsonValue({ maxDepth: 4 }), (v) => assertWellFormed(JSON.stringify(v, null, 2))), fuzzParams(300));
  }, FUZZ_TIMEOUT);

  it('handles the example tenant with random edits', () => {
    fc.assert(
      fc.property(fc.array(edit, { minLength: 1, maxLength: 4 }), (edits) => assertWellFormed(applyEdits(EXAMPLE, edits))),
      fuzzParams(12),
    );
  }, FUZZ_TIMEOUT);

  it('handles windows of the example tenant with random edits', () => {
    // The header (business unit, zone) stays, so the window is checked against the schema as a near-valid tenant.
    const header = LINES.slice(0, 6).join('\n');
    const window = fc.record({ start: fc.nat({ max: LINES.length - 1 }), length: fc.integer({ min: 1, max: 60 }) });
    fc.assert(
      fc.property(window, fc.array(edit, { minLength: 0, maxLength: 4 }), (w, edits) =>
        assertWellFormed(`${header}\n${applyEdits(LINES.slice(w.start, w.start + w.length).join('\n'), edits)}`),
      ),
      fuzzParams(150),
    );
  }, FUZZ_TIMEOUT);

  it('every schema error of a mutated section is located inside the file', () => {
    const sections = ['skills:\n  - { id: 1, name: ab }\n', 'sources:\n  - name: S\n    mapping: { ExternalID: Id, Destinations: [M] }\n'];
    fc.assert(
      fc.property(fc.constantFrom(...sections), fc.string({ maxLength: 8 }), fc.nat(), (section, junk, pos) => {
        const at = pos % section.length;
        const text = section.slice(0, at) + junk + section.slice(at);
        const { diagnostics } = checkTenantText(text, 'fuzz.yaml');
        for (const d of diagnostics) expect(d.span.line).toBeLessThanOrEqual(text.split('\n').length + 1);
      }),
      fuzzParams(200),
    );
  }, FUZZ_TIMEOUT);
});
