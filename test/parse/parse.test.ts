import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { typeName } from '../../src/parse/ast.js';
import { parseScriptText, parseWholeFile } from '../../src/parse/parse.js';

const EXAMPLES = join(import.meta.dirname, '../../scripts-examples');
const exampleFiles = readdirSync(EXAMPLES).filter((f) => f.endsWith('.script'));

const at = (text: string) =>
  parseScriptText(text, 't.script').diagnostics.map((d) => [d.code, d.span.line, d.span.col, d.message]);

describe('parser', () => {
  it('builds a tree with spans for every node', () => {
    const { ast, diagnostics } = parseScriptText(
      'script Demo\ntype Phone\n\nstart: BEGIN { Parameters = [a, b] } -> x\nx: CREATEPROSPECTS v2 "Create" {\n  SkillNo = 12\n  Data = results.records[1]\n  Flag = TRUE\n}\n  OnError -> x\n  "sales" -> x\n  3 -> x\n',
      'demo.script',
    );
    expect(diagnostics).toEqual([]);
    expect(ast.name.text).toBe('Demo');
    expect(ast.mediaType?.text).toBe('Phone');
    const [begin, create] = ast.actions;
    expect(typeName(begin!)).toBe('BEGIN');
    expect(begin!.props[0]!.value).toMatchObject({ kind: 'list', items: [{ kind: 'path', path: 'a' }, { kind: 'path', path: 'b' }] });
    expect(create!.version).toMatchObject({ value: 2, span: { line: 5, col: 20 } });
    expect(create!.caption).toMatchObject({ value: 'Create', span: { line: 5, col: 23 } });
    expect(create!.props.map((p) => [p.name.text, p.value.kind, p.span.line, p.span.col])).toEqual([
      ['SkillNo', 'number', 6, 3],
      ['Data', 'path', 7, 3],
      ['Flag', 'boolean', 8, 3],
    ]);
    expect(create!.branches.map((b) => [b.kind, b.target.text, b.span.line])).toEqual([
      ['named', 'x', 10],
      ['value', 'x', 11],
      ['value', 'x', 12],
    ]);
    expect(create!.span).toMatchObject({ file: 'demo.script', line: 5, col: 1 });
  });

  it('unescapes strings but keeps \\{ and \\} for the template compiler', () => {
    const { ast } = parseScriptText('script A\nx: ASSIGN { Value = "a\\"b\\\\c\\n\\t\\{x\\}" }', 'a.script');
    expect(ast.actions[0]!.props[0]!.value).toMatchObject({ kind: 'string', value: 'a"b\\c\n\t\\{x\\}' });
  });

  it('reads triple-quoted strings over several lines', () => {
    const { ast, diagnostics } = parseScriptText('script A\nx: ASSIGN { Value = """line "one"\nline two""" }', 'a.script');
    expect(diagnostics).toEqual([]);
    expect(ast.actions[0]!.props[0]!.value).toMatchObject({ kind: 'string', value: 'line "one"\nline two', triple: true });
  });

  it('gives the snippet code and where it starts in the file', () => {
    const { ast } = parseScriptText('script A\ns: SNIPPET "Compute" (MaxStringSize = "4K") {\n  x = 1\n} -> s', 'a.script');
    const s = ast.actions[0]!;
    expect(s.snippet).toMatchObject({ code: '\n  x = 1\n', span: { line: 2, col: 46 } });
    expect(s.props.map((p) => p.name.text)).toEqual(['MaxStringSize']);
  });

  it('reads UPPERCASE words after the type as part of the type', () => {
    const { ast } = parseScriptText('script A\nx: WORKFLOW EXECUTE OnError -> x\ny: IF TRUE -> x', 'a.script');
    expect(ast.actions.map(typeName)).toEqual(['WORKFLOW EXECUTE', 'IF TRUE']);
    expect(ast.actions[0]!.branches[0]).toMatchObject({ kind: 'named', name: { text: 'OnError' } });
  });

  it.each([
    ['missing =', 'script A\nx: ASSIGN { Variable x }', [['E-PARSE-SYNTAX', 2, 22, "expected '=', found 'x'"]]],
    ['missing target', 'script A\nx: BEGIN -> }', [['E-PARSE-SYNTAX', 2, 13, "expected a label, found '}'"]]],
    ['truncated body', 'script A\nx: ASSIGN {\n  Value = "a"\n', [['E-PARSE-EOF', 3, 14, "unexpected end of file: expected a property name or '}'"]]],
    ['truncated list', 'script A\nx: BEGIN { Parameters = [a, ', [['E-PARSE-EOF', 2, 28, 'unexpected end of file: expected a value']]],
    ['no header', 'x: END', [['E-PARSE-HEADER', 1, 1, "a script starts with its header: 'script Name' (optionally 'type Phone')"]]],
    ['a header without its media type', 'script A type\nx: END', [['E-PARSE-SYNTAX', 2, 1, "expected a media type (such as Phone or Chat), found the next action 'x:'"]]],
    ['bad header', 'scrip A\nx: END', [['E-PARSE-SYNTAX', 1, 1, "expected 'script', found 'scrip'"]]],
    ['unterminated string', 'script A\nx: ASSIGN "cap\n', [['E-PARSE-STRING', 2, 11, expect.stringContaining('unterminated string')]]],
    ['bad escape', 'script A\nx: ASSIGN "a\\qb"', [['E-PARSE-ESCAPE', 2, 13, expect.stringContaining("unknown escape '\\q'")]]],
    ['stray character', 'script A\nx: END ~', [['E-PARSE-CHAR', 2, 8, "unexpected character '~'"]]],
    ['a run of stray characters once', 'script A\n```\nx: END', [['E-PARSE-CHAR', 2, 1, "unexpected characters '```'"]]],
    ['an expression without quotes', 'script A\nx: IF { Expression = a > 1 }', [['E-PARSE-CHAR', 2, 24, 'unexpected character \'>\' (write expressions in a string: Expression = "a > 1")']]],
    ['=> written for ->', 'script A\nx: BEGIN => y', [['E-PARSE-CHAR', 2, 11, "unexpected character '>' (branches are written with '->': Default -> label)"]]],
    ['a label without its colon', 'script A\nx: BEGIN -> y\ny ASSIGN { Variable = a }', [['E-PARSE-SYNTAX', 3, 3, "expected '->', found 'ASSIGN' (is the ':' after label 'y' missing?)"]]],
    ['a lowercase action type', 'script A\nx: assign { Variable = a }', [['E-PARSE-SYNTAX', 2, 4, "expected an action type (UPPERCASE words), found 'assign' (action types are written in UPPERCASE: ASSIGN)"]]],
    ['unclosed comment', 'script A\nx: END /* note', [['E-PARSE-EOF', 2, 8, expect.stringContaining('never closed')]]],
    ['unclosed snippet', 'script A\ns: SNIPPET {\n  a = 1', [['E-PARSE-EOF', 2, 12, expect.stringContaining("no closing '}'")]]],
    ['unclosed triple string', 'script A\nx: ASSIGN """abc', [['E-PARSE-EOF', 2, 11, expect.stringContaining('""" string is never closed')]]],
    ['the next action', 'script A\nx: ASSIGN { Value = "a"\ny: END', [['E-PARSE-SYNTAX', 3, 1, "expected a property name or '}', found the next action 'y:'"]]],
  ])('reports %s with its line and column', (_name, text, expected) => {
    expect(at(text)).toEqual(expected);
  });

  it('refuses lists nested deeper than any action needs, with the bracket located, and keeps checking the rest', () => {
    const deep = '['.repeat(5000) + 'a' + ']'.repeat(5000);
    const r = parseScriptText(`script A\nx: BEGIN { Parameters = ${deep} } -> y\ny: END ~`, 'a.script');
    expect(r.diagnostics.map((d) => [d.code, d.span.line, d.span.col, d.message])).toEqual([
      ['E-PARSE-CHAR', 3, 8, "unexpected character '~'"],
      ['E-PARSE-NESTING', 2, 57, 'lists nested more than 32 deep'],
    ]);
    expect(r.brokenLabels).toEqual(['x']);
    // The studio block and the header too (20,000 '[' in a studio block exhausted nearley's stack: found by the fuzz suite).
    const block = parseScriptText(`script A\nx: END\nstudio {\n  UserID =${'['.repeat(20_000)} 7\n}`, 'a.script');
    expect(block.diagnostics.map((d) => [d.code, d.span.line, d.span.col])).toEqual([['E-PARSE-NESTING', 4, 43]]);
    expect(block.ast.actions).toHaveLength(1);
    const header = parseScriptText(`script A ${'['.repeat(20_000)}\nx: END`, 'a.script');
    expect(header.diagnostics.map((d) => [d.code, d.span.line, d.span.col])).toEqual([['E-PARSE-NESTING', 1, 42]]);
  });

  it('reports binary input once', () => {
    expect(at('script A\nx: END \u0000\u0001')).toEqual([['E-PARSE-ENCODING', 2, 8, 'not a UTF-8 text file (binary data or an invalid byte here)']]);
  });

  it('caps the number of syntax problems of one file', () => {
    const r = parseScriptText('script A\n' + 'x: END ~\n'.repeat(40), 'a.script');
    expect(r.diagnostics).toHaveLength(31);
    expect(r.diagnostics[30]).toMatchObject({ code: 'E-PARSE-LIMIT', message: '10 more syntax problem(s) not shown; fix these first' });
  });

  it('keeps parsing after a broken action and reports every syntax error', () => {
    const r = parseScriptText('script A\na: ASSIGN { = }\nb: END\nc: IF { Expression "x" }\nd: END', 'a.script');
    expect(r.diagnostics.map((d) => d.span.line)).toEqual([2, 4]);
    expect(r.ast.actions.map((a) => a.label.text)).toEqual(['b', 'd']);
    expect(r.brokenLabels).toEqual(['a', 'c']);
  });

  it('does not split an action at `name:` inside a body', () => {
    expect(at('script A\nx: ASSIGN { Variable: y }')).toEqual([['E-PARSE-SYNTAX', 2, 21, "expected '=', found ':'"]]);
  });

  it.each(exampleFiles)('parses %s exactly once, the same action by action as in one pass', (f) => {
    const text = readFileSync(join(EXAMPLES, f), 'utf8');
    const whole = parseWholeFile(text, f);
    const split = parseScriptText(text, f);
    expect(split.diagnostics.filter((d) => d.code.startsWith('E-PARSE'))).toEqual([]);
    expect(whole).toBeDefined();
    expect(whole!.actions).toEqual(split.ast.actions);
  });
});
