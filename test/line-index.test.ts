import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatDiagnostic, LineIndex, positionAt } from '../src/contract/diagnostics.js';
import { readYaml } from '../src/testing/source-map.js';

/** The definition a line index must agree with: count the line breaks before the offset. */
function scanned(text: string, offset: number): { line: number; col: number } {
  let line = 1;
  let last = -1;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      last = i;
    }
  }
  return { line, col: offset - last };
}

const texts = fc.array(fc.constantFrom('a', 'b', ' ', '\n', '\r\n', '\r', 'é', '😀'), { maxLength: 60 }).map((parts) => parts.join(''));

describe('line index', () => {
  it('gives the position a scan from the start of the text gives, for every offset', () => {
    fc.assert(
      fc.property(texts, (text) => {
        const index = new LineIndex(text);
        for (let offset = -2; offset <= text.length + 2; offset++) expect(index.positionAt(offset)).toEqual(scanned(text, offset));
        expect(index.lineCount).toBe(text.split('\n').length);
      }),
    );
  });

  it('gives each line without its line break, as splitting on line breaks does', () => {
    fc.assert(
      fc.property(texts, (text) => {
        const index = new LineIndex(text);
        const lines = text.split(/\r?\n/);
        for (let line = 1; line <= lines.length + 1; line++) expect(index.lineText(line)).toBe(lines[line - 1]);
      }),
    );
  });

  it('answers positionAt for texts that alternate (no stale index)', () => {
    const a = 'one\ntwo\nthree';
    const b = 'x\n\n\ny';
    expect(positionAt(a, 8)).toEqual({ line: 3, col: 1 });
    expect(positionAt(b, 4)).toEqual({ line: 4, col: 1 });
    expect(positionAt(a, 5)).toEqual({ line: 2, col: 2 });
  });

  it('locates the spans of a large test file by line and column', () => {
    const cases = Array.from({ length: 3000 }, (_, i) => `  - name: case ${i}\n    script: S\n`).join('');
    const read = readYaml('big.test.yaml', 'test file', { text: `cases:\n${cases}` });
    expect(read.diagnostics).toEqual([]);
    expect(read.src!.span(['cases', 2999, 'script'])).toMatchObject({ line: 2 + 2999 * 2 + 1, col: 13, length: 1 });
    expect(read.src!.span(['cases', 0, 'name'], { key: true })).toMatchObject({ line: 2, col: 5, length: 4 });
  });

  it('shows the excerpt of the located line', () => {
    const text = 'first\r\nsecond line\r\nthird';
    const shown = formatDiagnostic({ code: 'E-X', severity: 'error', message: 'm', span: { file: 'f', line: 2, col: 8, length: 4 } }, text);
    expect(shown.split('\n').slice(1)).toEqual(['2 | second line', '  |        ^^^^']);
  });
});
