// Text → AST with the nearley grammar, turning nearley's raw errors into one
// line naming what was expected, located in the snippet text.
import type * as Nearley from 'nearley';
import { requireCommonJs } from '../deps.js';
import grammarRules from '../../grammar/snippet.generated.js';
import { LexError, SnippetTokenStream, describeToken, describeType, type StartState, type Token } from '../../grammar/snippet-lexer.js';
import type { Expr, Pos, Program, TemplateAst } from './ast.js';

const nearley = requireCommonJs<typeof Nearley>('nearley');

export type ParseOutcome<T> = { ok: true; value: T } | { ok: false; message: string; pos: Pos; code: 'E-SNIPPET-SYNTAX' | 'E-SNIPPET-TOO-COMPLEX' };

const grammars = new Map<string, Nearley.Grammar>();
function grammarFor(start: string): Nearley.Grammar {
  let g = grammars.get(start);
  if (g === undefined) {
    g = nearley.Grammar.fromCompiled(grammarRules as unknown as Nearley.CompiledRules);
    g.start = start;
    grammars.set(start, g);
  }
  return g;
}

const tokenPos = (t: Token): Pos => ({ offset: t.offset, line: t.line, col: t.col, length: Math.max(1, t.text.length) });

function run<T>(text: string, start: string, lexState: StartState, what: string): ParseOutcome<T> {
  const stream = new SnippetTokenStream(lexState);
  const parser = new nearley.Parser(grammarFor(start));
  (parser as unknown as { lexer: SnippetTokenStream }).lexer = stream;
  try {
    parser.feed(text);
  } catch (e) {
    if (e instanceof LexError) return { ok: false, message: e.message, pos: tokenPos(e.token), code: e.tooDeep ? 'E-SNIPPET-TOO-COMPLEX' : 'E-SNIPPET-SYNTAX' };
    const token = (e as { token?: Token }).token;
    if (token === undefined) throw e;
    return { ok: false, message: `unexpected ${describeToken(token)}${expectedList(parser)}`, pos: tokenPos(token), code: 'E-SNIPPET-SYNTAX' };
  }
  const results = parser.results as T[];
  if (results.length === 0) {
    return { ok: false, message: `unexpected end of ${what}${expectedList(parser)}`, pos: { ...tokenPos(stream.end), length: 1 }, code: 'E-SNIPPET-SYNTAX' };
  }
  return { ok: true, value: results[0]! };
}

/** "; expected …" from the parser's last column: the terminals it could still accept. */
function expectedList(parser: Nearley.Parser): string {
  const table = (parser as unknown as { table: { states: { rule: { symbols: unknown[] }; dot: number }[] }[]; current: number }).table;
  const column = table[(parser as unknown as { current: number }).current];
  if (column === undefined) return '';
  const names = new Set<string>();
  for (const state of column.states) {
    const sym = state.rule.symbols[state.dot] as { type?: string; literal?: string; test?: unknown } | string | undefined;
    if (sym === undefined || typeof sym === 'string') continue;
    if (sym.type !== undefined) names.add(describeType(sym.type));
    else if (sym.literal !== undefined) names.add(`"${sym.literal}"`);
    else if (sym.test !== undefined) names.add('a name');
  }
  if (names.size === 0) return '';
  const list = simplify([...names]);
  return `; expected ${list.length === 1 ? list[0] : `one of ${list.join(', ')}`}`;
}

/** Keeps the list short: "a statement", "expression", "an operator" and "a member name" stand for the tokens that start them. */
function simplify(input: string[]): string[] {
  let names = input;
  if (names.includes('an operator')) names = names.filter((n) => n !== '"="');
  if (names.includes('a name')) names = [...names.filter((n) => n !== 'a name' && n !== 'name' && n !== 'member name'), 'a member name'];
  const valueStarts = ['number', 'string', 'name', 'global variable', '"("', 'date literal', 'TRUE', 'FALSE', 'an operator'];
  const statementStarts = ['ASSIGN', 'DYNAMIC', 'FUNCTION', 'RETURN', 'BREAK', 'TRACE', 'USES', 'IF', 'SWITCH', 'SELECT', 'FOR', 'FOREACH', 'REPEAT', 'WHILE'];
  if (names.includes('ASSIGN') && names.includes('DYNAMIC')) {
    return [...names.filter((n) => !statementStarts.includes(n) && !valueStarts.includes(n)), 'a statement'].slice(0, 8);
  }
  if (['number', 'string', 'name', '"("'].every((n) => names.includes(n))) {
    return ['expression', ...names.filter((n) => !valueStarts.includes(n))].slice(0, 8);
  }
  return names.slice(0, 8);
}

export const parseProgram = (text: string): ParseOutcome<Program> => run<Program>(text, 'program', 'main', 'snippet');
export const parseExpression = (text: string): ParseOutcome<Expr> => run<Expr>(text, 'expression', 'main', 'expression');
export const parseTemplate = (text: string): ParseOutcome<TemplateAst> => run<TemplateAst>(text, 'template', 'template', 'text');

/** How many parses the grammar finds (tests assert exactly one: Earley ambiguity is silent). */
export function countParses(text: string, start: 'program' | 'expression' = 'program'): number {
  const parser = new nearley.Parser(grammarFor(start));
  (parser as unknown as { lexer: SnippetTokenStream }).lexer = new SnippetTokenStream('main');
  parser.feed(text);
  return parser.results.length;
}
