// The `.script` lexer: a moo lexer plus a wrapper that drops whitespace and
// comments (keeping comments aside for the formatter), captures each SNIPPET
// body as one token so the script grammar never sees snippet code, and turns
// lexical problems (unterminated strings, stray characters) into records the
// parser reports as located diagnostics.
import type * as Moo from 'moo';
import { requireCommonJs } from '../src/deps.js';

const moo = requireCommonJs<typeof Moo>('moo');

/** A significant token as the grammar sees it. `offset` is 0-based, `line`/`col` 1-based. */
export interface ScriptToken {
  type: string;
  value: string;
  text: string;
  offset: number;
  line: number;
  col: number;
  lineBreaks: number;
}

export interface LexComment {
  text: string;
  block: boolean;
  offset: number;
  line: number;
  col: number;
  /** Line on which the comment ends (block comments may span lines). */
  endLine: number;
}

export interface LexProblem {
  kind: 'unterminated-string' | 'bad-escape' | 'unterminated-comment' | 'unterminated-snippet' | 'bad-char';
  offset: number;
  line: number;
  col: number;
  length: number;
  text: string;
  /** For `bad-char`: the token right before it when they touch (`=` of a mistyped `=>`). */
  after?: string;
}

export interface LexResult {
  tokens: ScriptToken[];
  comments: LexComment[];
  problems: LexProblem[];
}

const UPPER = /^[A-Z][A-Z0-9_]*$/;
const VERSION = /^[vV][0-9]+$/;

// One identifier, optionally `global:`-prefixed, optionally followed by members/indexes.
const IDENT = '[A-Za-z_][A-Za-z0-9_$]*';
const PATH = new RegExp(`(?:[gG][lL][oO][bB][aA][lL]:${IDENT}|${IDENT}(?:\\.${IDENT}|\\[[0-9]+\\])+)(?:\\.${IDENT}|\\[[0-9]+\\])*`);

const rules = moo.compile({
  nl: { match: /\r?\n/, lineBreaks: true },
  ws: /[ \t\f\v\u00a0\ufeff]+/,
  comment: /\/\/[^\r\n]*/,
  blockComment: { match: /\/\*[\s\S]*?\*\//, lineBreaks: true },
  badBlockComment: { match: /\/\*[\s\S]*/, lineBreaks: true },
  // Strings are only opened here and scanned by hand (scanString): a pattern
  // repeating a group over a 12 MB literal exhausts the regular expression
  // engine's backtracking stack.
  tquote: '"""',
  quote: '"',
  arrow: '->',
  // `4K` (a MaxStringSize written without quotes) is one word, not 4 then K.
  numberWord: { match: /-?[0-9]+(?:\.[0-9]+)?[A-Za-z_][A-Za-z0-9_$]*/, type: () => 'path' },
  number: /-?[0-9]+(?:\.[0-9]+)?/,
  path: PATH,
  word: { match: new RegExp(IDENT), type: (w: string) => (VERSION.test(w) ? 'version' : UPPER.test(w) ? 'upper' : 'ident') },
  punct: { match: [':', '=', '{', '}', '(', ')', '[', ']', ','], type: (p: string) => p },
  badChar: { match: /[^]/, lineBreaks: true },
});

interface MooInternals {
  index: number;
  line: number;
  col: number;
}

/** Splits `text` into significant tokens, comments and lexical problems. Never throws. */
export function tokenize(text: string): LexResult {
  const tokens: ScriptToken[] = [];
  const comments: LexComment[] = [];
  const problems: LexProblem[] = [];
  const lexer = rules.reset(text);
  // SNIPPET-body detection: `label : SNIPPET [caption] [( … )] {` — the `{` at
  // paren depth 0 after a SNIPPET keyword in action-type position opens code.
  let snippetPending = false;
  let parenDepth = 0;
  for (let tok = lexer.next(); tok !== undefined; tok = lexer.next()) {
    switch (tok.type) {
      case 'nl':
      case 'ws':
        continue;
      case 'comment':
      case 'blockComment':
        comments.push({
          text: tok.text.trimEnd(),
          block: tok.type === 'blockComment',
          offset: tok.offset,
          line: tok.line,
          col: tok.col,
          endLine: tok.line + tok.lineBreaks,
        });
        continue;
      case 'badBlockComment':
        problems.push(problem('unterminated-comment', tok, 2));
        continue;
      case 'tquote':
      case 'quote': {
        const scanned = scanString(text, tok.offset, tok.type === 'tquote');
        const body = text.slice(tok.offset, scanned.end);
        const breaks = countLines(body);
        const m = lexer as unknown as MooInternals;
        m.index = scanned.end;
        m.line = tok.line + breaks.count;
        m.col = breaks.count === 0 ? tok.col + body.length : body.length - breaks.lastNl;
        if (scanned.ok) {
          const type = tok.type === 'tquote' ? 'tstring' : 'string';
          tok = { type, value: body, text: body, offset: tok.offset, line: tok.line, col: tok.col, lineBreaks: breaks.count, toString: tok.toString };
          break;
        }
        const kind = tok.type === 'tquote' || !(body.length > 1 && body.endsWith('"')) ? 'unterminated-string' : 'bad-escape';
        problems.push({ kind, offset: tok.offset, line: tok.line, col: tok.col, length: tok.type === 'tquote' ? 3 : body.length, text: body });
        continue;
      }
      case 'badChar': {
        // A run of stray characters (a pasted ``` fence) is one problem, not one per character.
        const last = problems[problems.length - 1];
        if (last?.kind === 'bad-char' && last.offset + last.length === tok.offset && tok.text !== '\n') {
          last.length++;
          last.text += tok.text;
        } else {
          const bad = problem('bad-char', tok, 1);
          const prev = tokens[tokens.length - 1];
          if (prev !== undefined && prev.offset + prev.text.length === tok.offset) bad.after = prev.text;
          problems.push(bad);
        }
        continue;
      }
    }
    const t = tok as unknown as ScriptToken;
    const n = tokens.length;
    if (t.type === 'upper' && t.value === 'SNIPPET' && n >= 2 && tokens[n - 1]!.type === ':' && isLabel(tokens[n - 2]!)) {
      t.type = 'snippetKw';
      snippetPending = true;
      parenDepth = 0;
    } else if (snippetPending) {
      if (t.type === '(') parenDepth++;
      else if (t.type === ')') parenDepth = Math.max(0, parenDepth - 1);
      else if (t.type === '{' && parenDepth === 0) {
        snippetPending = false;
        const end = matchingBrace(text, t.offset + 1);
        if (end < 0) {
          problems.push({ kind: 'unterminated-snippet', offset: t.offset, line: t.line, col: t.col, length: 1, text: '{' });
          return { tokens, comments, problems };
        }
        const body = text.slice(t.offset, end + 1);
        const breaks = countLines(body);
        tokens.push({ type: 'snippet', value: body.slice(1, -1), text: body, offset: t.offset, line: t.line, col: t.col, lineBreaks: breaks.count });
        // Resume moo after the closing brace, keeping its line/column bookkeeping right.
        const m = lexer as unknown as MooInternals;
        m.index = end + 1;
        m.line = t.line + breaks.count;
        m.col = breaks.count === 0 ? t.col + body.length : body.length - breaks.lastNl;
        continue;
      } else if (t.type !== 'string' && t.type !== 'tstring' && parenDepth === 0) snippetPending = false;
    }
    tokens.push(t);
  }
  return { tokens, comments, problems };
}

/** Escapes a `.script` string may hold: `\" \\ \n \r \t \{ \}`. */
const ESCAPABLE = new Set(['"', '\\', 'n', 'r', 't', '{', '}']);

/**
 * Scans the string opened at `start` in one pass, without backtracking.
 * A `"…"` string ends at its quote on the same line; a bad escape or a line
 * end makes it bad, and the bad part runs to the closing quote (taking any
 * escape) or to the line end. A `"""…"""` string may span lines and ends at
 * the first `"""`; an unknown escape or the end of the file leaves it
 * unterminated, running to the end of the file.
 */
function scanString(text: string, start: number, triple: boolean): { ok: boolean; end: number } {
  const n = text.length;
  if (triple) {
    for (let i = start + 3; i < n; i++) {
      const c = text[i]!;
      if (c === '\\') {
        if (!ESCAPABLE.has(text[i + 1] ?? '')) return { ok: false, end: n };
        i++;
      } else if (c === '"' && text.startsWith('"""', i)) return { ok: true, end: i + 3 };
    }
    return { ok: false, end: n };
  }
  let ok = true;
  for (let i = start + 1; i < n; i++) {
    const c = text[i]!;
    if (c === '"') return { ok, end: i + 1 };
    if (c === '\r' || c === '\n') return { ok: false, end: i };
    if (c === '\\') {
      const next = text[i + 1];
      // A backslash before a line end (or the file's end) ends the bad string before it.
      if (next === undefined || next === '\r' || next === '\n' || next === '\u2028' || next === '\u2029') return { ok: false, end: i };
      if (!ESCAPABLE.has(next)) ok = false;
      i++;
    }
  }
  return { ok: false, end: n };
}

function isLabel(t: ScriptToken): boolean {
  return t.type === 'ident' || t.type === 'upper' || t.type === 'version' || t.type === 'number';
}

function problem(kind: LexProblem['kind'], tok: Moo.Token, length: number): LexProblem {
  return { kind, offset: tok.offset, line: tok.line, col: tok.col, length, text: tok.text };
}

function countLines(s: string): { count: number; lastNl: number } {
  let count = 0;
  let lastNl = -1;
  for (let i = s.indexOf('\n'); i >= 0; i = s.indexOf('\n', i + 1)) {
    count++;
    lastNl = i;
  }
  return { count, lastNl };
}

/**
 * Finds the `}` closing a snippet body that starts at `from` (just after its
 * `{`), skipping snippet strings ("…", '…', $"…" with escapes, #"…") and `//`
 * comments so braces inside them do not count. Returns -1 when the file ends first.
 */
export function matchingBrace(text: string, from: number): number {
  let depth = 0;
  const n = text.length;
  for (let i = from; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 123 /* { */) depth++;
    else if (c === 125 /* } */) {
      if (depth === 0) return i;
      depth--;
    } else if (c === 47 /* / */ && text.charCodeAt(i + 1) === 47) {
      const nl = text.indexOf('\n', i);
      if (nl < 0) return -1;
      i = nl;
    } else if (c === 34 /* " */ || c === 39 /* ' */) {
      const escapes = i > 0 && text.charCodeAt(i - 1) === 36; /* $"…" */
      i = stringEnd(text, i, c, escapes);
    }
  }
  return -1;
}

// Snippet strings end at their quote or, unterminated, at the end of the line
// (the snippet compiler reports those; brace matching just carries on).
function stringEnd(text: string, start: number, quote: number, escapes: boolean): number {
  for (let i = start + 1; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (escapes && c === 92 /* \ */) i++;
    else if (c === quote) return i;
    else if (c === 10) return i - 1;
  }
  return text.length;
}

/** The grammar's view of the lexer: nearley only needs `has` to build `%type` matchers. */
export const lexer = {
  has: (type: string): boolean => type.length > 0,
  reset: (): void => {},
  next: (): ScriptToken | undefined => undefined,
  save: (): undefined => undefined,
  formatError: (t: ScriptToken): string => `line ${t.line} col ${t.col}`,
};
