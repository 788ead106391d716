// The moo lexer of the snippet language, and the token stream the nearley
// grammar reads. The stream drops whitespace and comments and normalises
// newlines (runs collapse to one; newlines touching a block brace vanish) so the
// grammar only sees newlines where they end a statement.
import type * as Moo from 'moo';
import { requireCommonJs } from '../src/deps.js';

const moo = requireCommonJs<typeof Moo>('moo');

/** Keywords are case-insensitive; each becomes its own token type `kw_<word>`. */
export const KEYWORDS = [
  'assign', 'dynamic', 'function', 'return', 'if', 'else', 'switch', 'select', 'case', 'default',
  'for', 'to', 'foreach', 'in', 'repeat', 'while', 'break', 'trace', 'uses', 'true', 'false',
] as const;
const keywordSet = new Set<string>(KEYWORDS);
const identType = (text: string): string => {
  const lower = text.toLowerCase();
  return keywordSet.has(lower) ? `kw_${lower}` : 'ident';
};

/** Tokens shared by code and by `{…}` substitutions inside strings. */
const expressionTokens = {
  ws: /[ \t\f\v\u00a0\ufeff]+/,
  comment: /\/\/[^\r\n]*/,
  estrOpen: { match: /\$["']/, push: 'estr' },
  dateOpen: { match: /#["']/, push: 'str' },
  strOpen: { match: /["']/, push: 'str' },
  number: /(?:\d+(?:\.\d+)?|\.\d+)(?:[eE][+-]?\d+)?/,
  globalIdent: /[Gg][Ll][Oo][Bb][Aa][Ll]:[A-Za-z_][A-Za-z0-9_$]*/,
  dollarIdent: /\$[A-Za-z_][A-Za-z0-9_$]*/,
  ident: { match: /[A-Za-z_][A-Za-z0-9_$]*/, type: identType },
  // Operators are typed by precedence level so the grammar scans one token
  // type per level instead of predicting one rule per operator.
  cmpOp: ['==', '!=', '<>', '<=', '>=', '=>', '=<', '<', '>'],
  eq: '=',
  addOp: ['+', '-'],
  mulOp: ['*', '/', '%', '\\'],
  powOp: '^',
  logicOp: ['&', '|', '~'],
  lparen: '(',
  rparen: ')',
  lbracket: '[',
  rbracket: ']',
  comma: ',',
  dot: '.',
};

/**
 * One moo lexer with states: `main` (snippet code), `interp` (inside `{…}` of a
 * string), `str` / `estr` (plain and `$` escape strings; the opening quote is
 * remembered by the stream, which ends the string at the matching quote), and
 * `template` (an action property: text with `{expr}` and `\{` `\}` literals).
 */
const lexer = moo.states({
  main: {
    nl: { match: /\r?\n/, lineBreaks: true },
    ...expressionTokens,
    lbrace: '{',
    rbrace: '}',
    error: moo.error,
  },
  interp: {
    ...expressionTokens,
    interpClose: { match: '}', pop: 1 },
    nl: { match: /\r?\n/, lineBreaks: true },
    lbrace: '{',
    error: moo.error,
  },
  str: {
    dq: '"',
    sq: "'",
    interpOpen: { match: '{', push: 'interp' },
    text: /[^"'{\r\n]+/,
    nl: { match: /\r?\n/, lineBreaks: true },
    error: moo.error,
  },
  estr: {
    dq: '"',
    sq: "'",
    escape: /\\[^\r\n]/,
    interpOpen: { match: '{', push: 'interp' },
    text: /[^"'{\\\r\n]+/,
    nl: { match: /\r?\n/, lineBreaks: true },
    error: moo.error,
  },
  template: {
    escape: /\\[{}]/,
    interpOpen: { match: '{', push: 'interp' },
    text: { match: /[^{\\]+|\\/, lineBreaks: true },
  },
});

/** The token the grammar and the AST builder see (independent of moo's own type). */
export interface Token {
  type: string;
  /** The token's value (for strings, the text of one piece). */
  value: string;
  text: string;
  offset: number;
  line: number;
  col: number;
}

/** A lexical problem, reported by the stream instead of a token. */
export class LexError extends Error {
  constructor(
    message: string,
    readonly token: Token,
    /** The code is nested too deeply to parse at all (E-SNIPPET-TOO-COMPLEX), not wrongly written. */
    readonly tooDeep = false,
  ) {
    super(message);
  }
}

/**
 * Brackets (`{`, `(`, `[` and `{` substitutions) open at once, at most. Real
 * code stays far below; past it the parser's work grows faster than the text
 * (20,000 unclosed `WHILE 1 {` took 18 s and 4 GB in a worker thread).
 */
export const MAX_BRACKET_DEPTH = 256;
const OPENERS = new Set(['lbrace', 'lparen', 'lbracket', 'interpOpen']);
const CLOSERS = new Set(['rbrace', 'rparen', 'rbracket', 'interpClose']);

export type StartState = 'main' | 'template';

/**
 * The nearley lexer interface over the moo lexer. The whole input is tokenised
 * at reset (snippets are small), which lets newline runs be normalised with
 * look-ahead.
 */
export class SnippetTokenStream {
  private tokens: Token[] = [];
  private index = 0;
  /** Where the input ended: used to locate "unexpected end of …". */
  end: Token = { type: 'eof', value: '', text: '', offset: 0, line: 1, col: 1 };

  constructor(private readonly start: StartState = 'main') {}

  reset(chunk: string): void {
    this.tokens = tokenize(chunk, this.start);
    this.index = 0;
    // Trailing blank lines are not where the code stopped (in a .script they would
    // point at the SNIPPET's closing brace): point just after its last line instead.
    this.end = endToken(withoutTrailingBlankLines(chunk));
  }

  next(): Token | undefined {
    return this.tokens[this.index++];
  }

  save(): Record<string, never> {
    return {};
  }

  formatError(token: Token): string {
    return `unexpected ${describeToken(token)}`;
  }

  /** Every token type is known, except `anyKeyword`, which the grammar matches with a test. */
  has(type: string): boolean {
    return type !== 'anyKeyword';
  }
}

function endToken(text: string): Token {
  let line = 1;
  let col = 1;
  for (let i = 0; i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      col = 1;
    } else col++;
  }
  return { type: 'eof', value: '', text: '', offset: text.length, line, col };
}

/** Tokenises `text`; throws LexError on a character no token accepts. */
export function tokenize(text: string, start: StartState = 'main'): Token[] {
  lexer.reset(text);
  lexer.setState(start);
  const raw: Token[] = [];
  // The quote that opened each string being lexed (and its token), innermost last.
  const quotes: string[] = [];
  const openers: Token[] = [];
  // Open `{` substitutions, to point at the first one left unclosed.
  const braces: Token[] = [];
  let depth = 0;
  for (let t = lexer.next(); t !== undefined; t = lexer.next()) {
    const tok: Token = { type: t.type ?? 'error', value: t.value, text: t.text, offset: t.offset, line: t.line, col: t.col };
    if (OPENERS.has(tok.type) && ++depth > MAX_BRACKET_DEPTH)
      throw new LexError(`nested more than ${MAX_BRACKET_DEPTH} brackets deep; split the code into functions or several statements`, tok, true);
    if (CLOSERS.has(tok.type)) depth--;
    switch (tok.type) {
      case 'error':
        throw new LexError(`unexpected character ${JSON.stringify(t.text[0] ?? '')}`, { ...tok, text: t.text.slice(0, 1) });
      case 'ws':
      case 'comment':
        continue;
      case 'estrOpen':
      case 'dateOpen':
      case 'strOpen':
        quotes.push(tok.text.slice(-1));
        openers.push(tok);
        break;
      case 'dq':
      case 'sq':
        // The other quote character is ordinary text inside this string.
        if (tok.text !== quotes[quotes.length - 1]) tok.type = 'text';
        else {
          quotes.pop();
          openers.pop();
          lexer.popState();
          tok.type = 'strClose';
        }
        break;
      case 'interpOpen':
        braces.push(tok);
        break;
      case 'interpClose':
        braces.pop();
        break;
      case 'nl':
        if (quotes.length > 0) throw new LexError('unterminated string (a string must end on the line it starts)', openers[0]!);
        if ((lexer as unknown as { state: string }).state === 'interp') throw new LexError('unterminated substitution: "{" needs a closing "}"', tok);
        break;
    }
    raw.push(tok);
  }
  if (quotes.length > 0 || (lexer as unknown as { state: string }).state === 'interp') {
    const at = openers[0] ?? braces[0] ?? raw[raw.length - 1] ?? { type: 'eof', value: '', text: '', offset: 0, line: 1, col: 1 };
    const what = quotes.length > 0 ? 'unterminated string' : 'unterminated substitution: "{" needs a closing "}"';
    throw new LexError(what, at);
  }
  return start === 'main' ? normaliseNewlines(raw) : raw;
}

/**
 * Collapses newline runs and removes newlines at the start, the end and next
 * to a block brace, so `IF x`⏎`{` and `}`⏎`ELSE` read like one line.
 */
function normaliseNewlines(raw: Token[]): Token[] {
  const out: Token[] = [];
  for (const tok of raw) {
    if (tok.type === 'nl') {
      const prev = out[out.length - 1];
      if (prev === undefined || prev.type === 'nl' || prev.type === 'lbrace' || prev.type === 'rbrace') continue;
      out.push(tok);
    } else {
      if ((tok.type === 'lbrace' || tok.type === 'rbrace') && out[out.length - 1]?.type === 'nl') out.pop();
      out.push(tok);
    }
  }
  if (out[out.length - 1]?.type === 'nl') out.pop();
  return out;
}

const TOKEN_NAMES: Record<string, string> = {
  nl: 'end of line',
  number: 'number',
  ident: 'name',
  globalIdent: 'global variable',
  dollarIdent: 'member name',
  strOpen: 'string',
  estrOpen: 'string',
  dateOpen: 'date literal',
  strClose: 'end of string',
  interpOpen: '"{"',
  interpClose: '"}"',
  lbrace: '"{"',
  rbrace: '"}"',
  lparen: '"("',
  rparen: '")"',
  lbracket: '"["',
  rbracket: '"]"',
  comma: '","',
  dot: '"."',
  text: 'text',
  escape: 'escape sequence',
  eof: 'end of input',
  eq: '"="',
  cmpOp: 'an operator',
  addOp: 'an operator',
  mulOp: 'an operator',
  powOp: 'an operator',
  logicOp: 'an operator',
};

/** Matches any keyword where a word is allowed whatever it is (member names). */
export const anyKeyword = { test: (t: Token): boolean => t.type.startsWith('kw_') };

/** A human name for a token type (`kw_if` → `IF`). */
export function describeType(type: string): string {
  if (type.startsWith('kw_')) return type.slice(3).toUpperCase();
  return TOKEN_NAMES[type] ?? type;
}

export function describeToken(token: Token): string {
  if (token.type === 'nl') return 'end of line';
  if (token.type === 'eof') return 'end of input';
  if (token.type === 'ident' || token.type.startsWith('kw_')) return `"${token.text}"`;
  if (token.type === 'number') return `number ${token.text}`;
  return JSON.stringify(token.text);
}

/** `chunk` without its trailing blank lines (spaces and tabs after the last code stay when no line break follows). */
function withoutTrailingBlankLines(chunk: string): string {
  let p = chunk.length;
  let lineBreak = false;
  // Back over spaces, tabs and line breaks (a \r only as part of \r\n), as far as they go.
  while (p > 0) {
    const c = chunk[p - 1];
    if (c === ' ' || c === '\t') p--;
    else if (c === '\n') {
      lineBreak = true;
      p--;
      if (chunk[p - 1] === '\r') p--;
    } else break;
  }
  return lineBreak ? chunk.slice(0, p) : chunk;
}
