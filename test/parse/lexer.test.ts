import { describe, expect, it } from 'vitest';
import { matchingBrace, tokenize } from '../../grammar/script-lexer.js';

const types = (text: string): string[] => tokenize(text).tokens.map((t) => t.type);

describe('script lexer', () => {
  it('drops whitespace and comments but keeps comments aside', () => {
    const r = tokenize('script A // the name\n/* block\ncomment */ type Phone');
    expect(r.tokens.map((t) => t.value)).toEqual(['script', 'A', 'type', 'Phone']);
    expect(r.comments.map((c) => [c.text, c.line, c.endLine])).toEqual([
      ['// the name', 1, 1],
      ['/* block\ncomment */', 2, 3],
    ]);
  });

  it('tells identifiers, UPPERCASE type words, versions, paths and numbers apart', () => {
    expect(types('name ASSIGN v2 a.b[1].c global:x -2.5 3K')).toEqual(['ident', 'upper', 'version', 'path', 'path', 'number', 'path']);
  });

  it('captures a SNIPPET body as one token with exact positions', () => {
    const text = 'x: SNIPPET "c" (MaxStringSize = "4K") {\n  a = "}" // }\n  b = \'{\'\n} -> y';
    const r = tokenize(text);
    const snippet = r.tokens.find((t) => t.type === 'snippet')!;
    expect(snippet.value).toBe('\n  a = "}" // }\n  b = \'{\'\n');
    expect([snippet.line, snippet.col]).toEqual([1, 39]);
    const arrow = r.tokens[r.tokens.length - 2]!;
    expect([arrow.type, arrow.line, arrow.col]).toEqual(['arrow', 4, 3]);
    expect(r.tokens[r.tokens.length - 1]!.value).toBe('y');
  });

  it('only treats SNIPPET as a snippet in action-type position', () => {
    expect(types('x: ASSIGN { Value = SNIPPET }')).not.toContain('snippet');
  });

  it('skips escape strings and nested braces when matching the snippet body', () => {
    const text = '{ IF a { s = $"x\\"}" } }';
    expect(matchingBrace(text, 1)).toBe(text.length - 1);
    expect(matchingBrace('{ a = 1', 1)).toBe(-1);
  });

  it('reports lexical problems with positions', () => {
    const r = tokenize('script A\nx: ASSIGN "open\ny: END "a\\qb" ~ /* never');
    expect(r.problems.map((p) => [p.kind, p.line, p.col])).toEqual([
      ['unterminated-string', 2, 11],
      ['bad-escape', 3, 8],
      ['bad-char', 3, 15],
      ['unterminated-comment', 3, 17],
    ]);
  });

  it('reports an unclosed snippet body', () => {
    const r = tokenize('script A\ns: SNIPPET {\n  a = 1\n');
    expect(r.problems).toEqual([expect.objectContaining({ kind: 'unterminated-snippet', line: 2, col: 12 })]);
  });
});
