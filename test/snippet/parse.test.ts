// The grammar: exactly one parse for every snippet in the case suite (Earley
// ambiguity is silent), and syntax errors as one located line naming what was expected.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { compileExpression, compileSnippet, compileTemplate } from '../../src/snippet/index.js';
import { MAX_BRACKET_DEPTH } from '../../grammar/snippet-lexer.js';
import { countParses } from '../../src/snippet/parse.js';
import { makeEnv } from './env.js';

const dir = join(import.meta.dirname, 'cases');
const programs: { name: string; code: string }[] = [];
for (const f of readdirSync(dir).filter((x) => x.endsWith('.json'))) {
  for (const c of JSON.parse(readFileSync(join(dir, f), 'utf8')) as { name: string; code?: string | string[]; expect: { compileError?: unknown } }[]) {
    if (c.code === undefined || c.expect.compileError) continue;
    programs.push({ name: `${f}: ${c.name}`, code: Array.isArray(c.code) ? c.code.join('\n') : c.code });
  }
}

describe('every case-suite snippet has exactly one parse', () => {
  test.each(programs)('$name', ({ code }) => {
    expect(countParses(code)).toBe(1);
  });
});

const origin = { file: 'main.script', span: { file: 'main.script', line: 20, col: 7, offset: 400 } };

describe('syntax errors', () => {
  const cases: [string, string, { line: number; col: number; message: RegExp }][] = [
    ['missing expression', 'x = ', { line: 20, col: 11, message: /^unexpected end of snippet; expected expression/ }],
    ['unclosed block', 'IF x = 1 {\n  y = 2', { line: 21, col: 8, message: /^unexpected end of snippet; expected/ }],
    ['stray operator', 'x = 1\ny = * 2', { line: 21, col: 5, message: /^unexpected "\*"; expected expression/ }],
    ['ELSE IF is not a statement', 'IF a { b = 1 } ELSE IF c { d = 2 }', { line: 20, col: 27, message: /^unexpected "IF"; expected "\{"/ }],
    ['unterminated string', 'x = "abc\ny = 1', { line: 20, col: 11, message: /unterminated string/ }],
    ['unknown character', 'x = 1 @ 2', { line: 20, col: 13, message: /^unexpected character "@"/ }],
    ['two statements on one line', 'x = 1 y = 2', { line: 20, col: 13, message: /^unexpected "y"/ }],
    ['unterminated substitution', 'x = "a{b"', { line: 20, col: 11, message: /unterminated/ }],
  ];
  test.each(cases)('%s', (_n, code, want) => {
    const r = compileSnippet(code, origin);
    expect(r.ok).toBe(false);
    const d = r.diagnostics[0]!;
    expect(d.code).toBe('E-SNIPPET-SYNTAX');
    expect(d.message).toMatch(want.message);
    expect(d.message).not.toContain('\n');
    expect({ line: d.span.line, col: d.span.col }).toEqual({ line: want.line, col: want.col });
  });

  test('an expression error is located at its column', () => {
    const r = compileExpression('a + (b', origin);
    expect(r.ok).toBe(false);
    expect(r.diagnostics[0]!.message).toMatch(/^unexpected end of expression; expected/);
    expect(r.diagnostics[0]!.span.col).toBe(13);
  });

  test('a template error names the substitution', () => {
    const r = compileTemplate('Hello {name', origin);
    expect(r.ok).toBe(false);
    expect(r.diagnostics[0]!.code).toBe('E-SNIPPET-SYNTAX');
  });

  test('compile errors are all reported, each located', () => {
    const r = compileSnippet('a = lenn(x)\nb = uper(y)\nFUNCTION f(p) {\n RETURN p\n}\nc = f(1, 2)', origin);
    expect(r.ok).toBe(false);
    expect(r.diagnostics.map((d) => [d.code, d.span.line, d.span.col])).toEqual([
      ['E-SNIPPET-UNKNOWN-FUNCTION', 20, 11],
      ['E-SNIPPET-UNKNOWN-FUNCTION', 21, 5],
      ['E-SNIPPET-ARITY', 25, 5],
    ]);
    expect(r.diagnostics[0]!.message).toBe('Unknown function lenn (did you mean len?)');
    expect(r.diagnostics[1]!.message).toBe('Unknown function uper (did you mean upper?)');
  });
});

describe('long and deeply nested input', () => {
  const origin0 = { file: 'big.script', span: { file: 'big.script', line: 1, col: 1, offset: 0 } };
  test('thousands of statements, terms and substitutions compile', () => {
    const statements = compileSnippet(Array.from({ length: 3000 }, (_, i) => `v${i} = ${i}`).join('\n'), origin0);
    expect(statements.ok).toBe(true);
    const sum = compileExpression(Array(3000).fill('1').join(' + '), origin0);
    expect(sum.ok && sum.value.evaluate(makeEnv())).toBe(3000);
    const power = compileExpression(Array(3000).fill('1').join(' ^ '), origin0);
    expect(power.ok && power.value.evaluate(makeEnv())).toBe(1);
    const text = compileTemplate(Array(3000).fill('{a}').join('-'), origin0);
    expect(text.ok && text.value.render(makeEnv({ vars: { a: 'x' } })).length).toBe(5999);
  });

  test('nesting too deep to compile is a diagnostic at the bracket past the limit, found before parsing', () => {
    const r = compileSnippet(Array(20000).fill('IF 1 {').join('\n') + '\n' + Array(20000).fill('}').join('\n'), origin0);
    expect(r.ok).toBe(false);
    expect(r.diagnostics[0]).toMatchObject({ code: 'E-SNIPPET-TOO-COMPLEX', span: { line: MAX_BRACKET_DEPTH + 1, col: 6 } });
    expect(r.diagnostics[0]!.message).toMatch(/nested more than 256 brackets deep/);
    // Unclosed blocks (found by the fuzz suite: 18 s and 4 GB in a worker thread before the limit), parentheses, substitutions.
    const open = compileSnippet(`x = 1\n${'WHILE 1 {'.repeat(20000)}`, origin0);
    expect(open.diagnostics[0]).toMatchObject({ code: 'E-SNIPPET-TOO-COMPLEX', span: { line: 2, col: 9 * MAX_BRACKET_DEPTH + 9 } });
    expect(compileExpression(`${'('.repeat(300)}1${')'.repeat(300)}`, origin0).diagnostics[0]!.code).toBe('E-SNIPPET-TOO-COMPLEX');
    expect(compileTemplate(`a{${'('.repeat(300)}1${')'.repeat(300)}}`, origin0).diagnostics[0]!.code).toBe('E-SNIPPET-TOO-COMPLEX');
    // At the limit it still compiles.
    const deepest = compileExpression(`${'('.repeat(MAX_BRACKET_DEPTH)}1${')'.repeat(MAX_BRACKET_DEPTH)}`, origin0);
    expect(deepest.ok && deepest.value.evaluate(makeEnv())).toBe(1);
  });
});
