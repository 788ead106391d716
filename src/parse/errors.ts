// Turns parser and lexer failures into one-line diagnostics: "expected …,
// found …" computed from nearley's parse table (its own multi-screen messages
// are never shown), "unexpected end of file", and lexical problems.
import { diagnostic, type Diagnostic, type Span } from '../contract/diagnostics.js';
import type { LexProblem, ScriptToken } from '../../grammar/script-lexer.js';

/** What nearley's last parse column expected next (the symbols its scannable states wait for). */
export interface ExpectedSymbol {
  type?: string;
  literal?: string;
}

const VALUE_STARTS = ['string', 'number', 'path', '['];

/** Human names for expected symbols, deduplicated and ordered: `':'`, `a name`, `a string`… */
export function describeExpected(symbols: readonly ExpectedSymbol[]): string {
  const set = new Set<string>();
  for (const s of symbols) set.add(s.literal !== undefined ? `'${s.literal}'` : (s.type ?? ''));
  if (set.has('tstring')) set.add('string');
  set.delete('tstring');
  if (set.has("'['")) set.add('[');
  set.delete("'['");
  if (VALUE_STARTS.every((v) => set.has(v))) {
    for (const v of [...VALUE_STARTS, 'ident', 'upper', 'version']) set.delete(v);
    set.add('value');
  }
  // Two contexts read better by role: a branch target, and a property inside `{ … }`.
  if (set.size === 4 && ['ident', 'upper', 'version', 'number'].every((t) => set.has(t))) return 'a label';
  if (set.size === 4 && ['ident', 'upper', 'version', "'}'"].every((t) => set.has(t))) return "a property name or '}'";
  const hasName = set.has('ident');
  if (hasName) {
    set.delete('upper');
    set.delete('version');
  }
  if (set.has('snippetKw')) set.delete('snippetKw');
  const names: string[] = [];
  for (const key of ORDER) if (set.delete(key)) names.push(NAMES[key]!);
  for (const rest of set) if (rest) names.push(rest.startsWith("'") ? rest : NAMES[rest] ?? rest);
  if (names.length === 0) return 'nothing more';
  if (names.length === 1) return names[0]!;
  return `${names.slice(0, -1).join(', ')} or ${names[names.length - 1]}`;
}

const NAMES: Record<string, string> = {
  value: 'a value',
  ident: 'a name',
  upper: 'an action type (UPPERCASE words)',
  version: 'a version such as v2',
  number: 'a number',
  string: 'a string',
  path: 'a variable path',
  '[': "'['",
  snippet: "the SNIPPET code '{ … }'",
  arrow: "'->'",
};
const ORDER = ['ident', 'upper', 'version', 'number', 'string', 'value', 'path', '[', 'snippet', 'arrow'];

export function describeToken(t: ScriptToken | undefined): string {
  if (!t) return 'end of file';
  switch (t.type) {
    case 'string':
    case 'tstring':
      return `string ${truncate(t.text)}`;
    case 'number':
      return `number ${t.text}`;
    case 'snippet':
      return "a code block '{ … }'";
    default:
      return `'${truncate(t.text)}'`;
  }
}

const truncate = (s: string): string => (s.length > 30 ? `${s.slice(0, 27)}…` : s).replace(/\r?\n/g, '\\n');

export function syntaxError(expected: readonly ExpectedSymbol[], found: ScriptToken, span: Span, nextIsLabel: boolean): Diagnostic {
  const what = nextIsLabel ? `the next action '${found.text}:'` : describeToken(found);
  return diagnostic('E-PARSE-SYNTAX', `expected ${describeExpected(expected)}, found ${what}`, span);
}

export function endOfFile(expected: readonly ExpectedSymbol[], span: Span): Diagnostic {
  return diagnostic('E-PARSE-EOF', `unexpected end of file: expected ${describeExpected(expected)}`, span);
}

const VALID_ESCAPE = /\\["\\nrt{}]/y;

export function lexProblem(p: LexProblem, file: string): Diagnostic {
  const span: Span = { file, line: p.line, col: p.col, offset: p.offset, length: p.length };
  switch (p.kind) {
    case 'unterminated-string':
      return p.text.startsWith('"""')
        ? diagnostic('E-PARSE-EOF', 'unexpected end of file: this """ string is never closed', span)
        : diagnostic('E-PARSE-STRING', 'unterminated string: add the closing " on the same line (use """…""" for text over several lines)', span);
    case 'bad-escape': {
      // Point at the offending backslash.
      let i = p.text.indexOf('\\');
      while (i >= 0) {
        VALID_ESCAPE.lastIndex = i;
        if (!VALID_ESCAPE.test(p.text)) break;
        i = p.text.indexOf('\\', i + 2);
      }
      const at = Math.max(0, i);
      return diagnostic(
        'E-PARSE-ESCAPE',
        `unknown escape '${p.text.slice(at, at + 2)}' in string (valid escapes: \\" \\\\ \\n \\r \\t \\{ \\})`,
        { ...span, col: p.col + at, offset: p.offset + at, length: 2 },
      );
    }
    case 'unterminated-comment':
      return diagnostic('E-PARSE-EOF', 'unexpected end of file: this /* comment is never closed with */', span);
    case 'unterminated-snippet':
      return diagnostic('E-PARSE-EOF', "unexpected end of file: the SNIPPET code opened by this '{' has no closing '}'", span);
    case 'bad-char': {
      const c = p.text;
      if (c.length > 1 && /^[\x21-\x7e]+$/.test(c)) return diagnostic('E-PARSE-CHAR', `unexpected characters '${c}'`, span);
      const shown = /^[\x21-\x7e]$/.test(c) ? `'${c}'` : `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
      // An operator outside a string is usually an expression written without quotes.
      const hint =
        c === '>' && (p.after === '=' || p.after === '-')
          ? " (branches are written with '->': Default -> label)"
          : /^[<>+*/!&|%^]$/.test(c)
            ? ' (write expressions in a string: Expression = "a > 1")'
            : '';
      return diagnostic('E-PARSE-CHAR', `unexpected character ${shown}${hint}`, span);
    }
  }
}
