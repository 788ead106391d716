// Studio exports under fuzzing: edited Desktop XML and CXone JSON exports go
// through import, and edited scripts with a studio block through export; every
// answer is diagnostics (errors located in the input) or text that imports
// again, never an exception.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hasErrors, type Diagnostic } from '../../src/contract/diagnostics.js';
import { importStudio } from '../../src/import/convert.js';
import { exportStudio } from '../../src/import/export.js';

const read = (...p: string[]): string => readFileSync(join(import.meta.dirname, ...p), 'utf8');
const SEEDS = [read('fixtures', 'Billing.xml'), read('fixtures', 'Renewals.json'), read('..', '..', 'scripts-examples', 'MainMenu.xml')];
const FRAGMENTS = [
  '<ActionStruct>', '</ActionStruct>', '<string>', '</string>', '<string />', '<![CDATA[', ']]>', '&amp;', '&#0;', '<ActionID>', '<Index>-1</Index>', '<MediaType>99</MediaType>',
  '{', '}', '[', ']', '"', ':', ',', '\u0000', '\ufeff', '__proto__', 'constructor', '-1', '1e999', 'null', '<', '/>', '"to": -1', '"index": 99', '"properties": {}', '"branches": null',
];

/** Text edits: delete a range, insert a fragment, repeat one many times (deep nesting), truncate. */
const edit = fc.oneof(
  fc.tuple(fc.nat(), fc.integer({ min: 1, max: 40 })).map(([n, len]) => (s: string) => s.slice(0, n % (s.length + 1)) + s.slice((n % (s.length + 1)) + len)),
  fc.tuple(fc.nat(), fc.constantFrom(...FRAGMENTS)).map(([n, f]) => (s: string) => s.slice(0, n % (s.length + 1)) + f + s.slice(n % (s.length + 1))),
  fc.tuple(fc.nat(), fc.constantFrom(...FRAGMENTS), fc.integer({ min: 2, max: 3000 })).map(([n, f, k]) => (s: string) => s.slice(0, n % (s.length + 1)) + f.repeat(k) + s.slice(n % (s.length + 1))),
  fc.nat().map((n) => (s: string) => s.slice(0, n % (s.length + 1))),
);
const edited = (seed: fc.Arbitrary<string>): fc.Arbitrary<string> => fc.tuple(seed, fc.array(edit, { minLength: 1, maxLength: 4 })).map(([s, es]) => es.reduce((x, e) => e(x), s));

/** Errors are located in the input file, on a real line. */
function expectLocated(ds: readonly Diagnostic[], file: string): void {
  for (const d of ds.filter((x) => x.severity === 'error')) {
    expect(d.span.file).toBe(file);
    expect(d.span.line).toBeGreaterThanOrEqual(1);
  }
}

describe('Studio exports under fuzzing', () => {
  it('import answers every edited export with diagnostics or a script, and exports of that script import again', () => {
    fc.assert(
      fc.property(edited(fc.constantFrom(...SEEDS)), (input) => {
        const r = importStudio(input, 'in.xml');
        expectLocated(r.diagnostics, 'in.xml');
        if (r.text === undefined) {
          expect(hasErrors(r.diagnostics)).toBe(true);
          return;
        }
        for (const format of ['xml', 'json'] as const) {
          const e = exportStudio(r.text, 'In.script', { format });
          if (e.text !== undefined) expect(importStudio(e.text, `back.${format}`).diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
        }
      }),
      { numRuns: 300, seed: 1913 },
    );
  }, 600_000);

  it('export answers every edited script with a studio block with located diagnostics or an export', () => {
    const script = importStudio(SEEDS[2]!, 'MainMenu.xml').text!;
    const studioEdit = fc
      .tuple(fc.nat(), fc.constantFrom('studio {', '}', ' { X = ', 'DependencyOrder = ', 'ParameterCount = 99999999', 'ParameterCount = -1', 'LibraryID = ', 'BusNo = ', 'P4 = ""', 'P99999 = 2', '9 { X = 1 }'))
      .map(([n, f]) => (s: string) => s.slice(0, n % (s.length + 1)) + f + s.slice(n % (s.length + 1)));
    fc.assert(
      fc.property(fc.array(fc.oneof(studioEdit, edit), { minLength: 1, maxLength: 4 }), (es) => {
        const input = es.reduce((x, e) => e(x), script);
        for (const format of ['xml', 'json'] as const) {
          const e = exportStudio(input, 'In.script', { format });
          expectLocated(e.diagnostics, 'In.script');
          if (e.text === undefined) expect(hasErrors(e.diagnostics)).toBe(true);
        }
      }),
      { numRuns: 200, seed: 1913 },
    );
  }, 600_000);
});
