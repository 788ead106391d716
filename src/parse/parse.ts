// Text -> syntax tree. The token stream is split at `label:` boundaries and
// each action is parsed on its own with the grammar's `action` rule: one
// syntax error costs one action, not the rest of the file (every problem is
// reported in one pass), and nearley's work stays small and linear.
import type * as Nearley from 'nearley';
import { requireCommonJs } from '../deps.js';
import { diagnostic, positionAt, type Diagnostic, type Span } from '../contract/diagnostics.js';
import compiledGrammar from '../../grammar/script.generated.js';
import { tokenize, type ScriptToken } from '../../grammar/script-lexer.js';
import type { ActionAst, CommentAst, ScriptAst, StudioBlockAst } from './ast.js';
import { tokenSpan, withFile, type FileNode, type HeaderNode } from './builders.js';
import { describeToken, endOfFile, lexProblem, syntaxError, type ExpectedSymbol } from './errors.js';
import { ShapeCache } from './shape-cache.js';

const nearley = requireCommonJs<typeof Nearley>('nearley');

export interface ParseResult {
  /** Always present; partial (failed actions left out) when `diagnostics` has errors. */
  ast: ScriptAst;
  diagnostics: Diagnostic[];
  /** Labels of actions that failed to parse, so later checks do not report them as missing. */
  brokenLabels: string[];
}

type StartRule = 'file' | 'header' | 'action' | 'studio';
const grammars = new Map<StartRule, Nearley.Grammar>();
const shapes = new ShapeCache();
const instrumented = shapes.instrument(compiledGrammar as unknown as Nearley.CompiledRules);
function grammar(start: StartRule): Nearley.Grammar {
  let g = grammars.get(start);
  if (!g) {
    // fromCompiled prefers the compiled ParserStart over its argument, so override it.
    g = nearley.Grammar.fromCompiled({ ...instrumented, ParserStart: start });
    grammars.set(start, g);
  }
  return g;
}

/** Thrown only for a grammar bug (more than one parse); tests guard against it. */
export class AmbiguousGrammarError extends Error {
  override name = 'AmbiguousGrammarError';
}

type ChunkOutcome<T> =
  | { ok: true; value: T }
  | { ok: false; expected: ExpectedSymbol[]; found?: ScriptToken };

/** Runs nearley from `start` over tokens[from, to). */
export function parseTokens<T>(start: StartRule, tokens: readonly ScriptToken[], from: number, to: number): ChunkOutcome<T> {
  let i = from;
  const source = {
    reset: () => {},
    save: () => undefined,
    has: () => true,
    formatError: () => '',
    next: (): ScriptToken | undefined => (i < to ? tokens[i++] : undefined),
  };
  const parser = new nearley.Parser(grammar(start), { lexer: source as unknown as Nearley.Lexer });
  try {
    parser.feed('');
  } catch (err) {
    const found = (err as { token?: ScriptToken }).token;
    if (!found) throw err;
    return { ok: false, expected: expectedAt(parser), found };
  }
  const results = parser.results as T[];
  if (results.length === 0) return { ok: false, expected: expectedAt(parser) };
  if (results.length > 1) throw new AmbiguousGrammarError(`grammar is ambiguous: ${results.length} parses of tokens ${from}..${to}`);
  return { ok: true, value: results[0]! };
}

interface ParserInternals {
  current: number;
  table: { scannable: { rule: { symbols: ExpectedSymbol[] }; dot: number }[] }[];
}

function expectedAt(parser: Nearley.Parser): ExpectedSymbol[] {
  const p = parser as unknown as ParserInternals;
  const column = p.table[p.current];
  return column ? column.scannable.map((s) => s.rule.symbols[s.dot]!).filter((s) => typeof s === 'object') : [];
}

/** One action: replayed when its shape was seen before, parsed by nearley (and recorded) otherwise. */
function parseAction(tokens: readonly ScriptToken[], from: number, to: number): ChunkOutcome<ActionAst> {
  const key = ShapeCache.key(tokens, from, to);
  const known = shapes.replay<ActionAst>(key, tokens, from);
  if (known) return { ok: true, value: known };
  let failure: ChunkOutcome<ActionAst> | undefined;
  const value = shapes.record(key, tokens, from, to, () => {
    const out = parseTokens<ActionAst>('action', tokens, from, to);
    if (out.ok) return out.value;
    failure = out;
    return undefined;
  });
  return value ? { ok: true, value } : failure!;
}

const LABEL_TYPES = new Set(['ident', 'upper', 'version', 'number']);

/**
 * Token indexes where an action starts: a label followed by `:`. Inside an
 * open `{ … }` a `name:` only starts an action when an action type follows,
 * so `{ Variable: x }` stays one (wrong) action instead of two.
 */
export function actionStarts(tokens: readonly ScriptToken[]): number[] {
  const starts: number[] = [];
  let depth = 0;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.type === '{') depth++;
    else if (t.type === '}') depth = Math.max(0, depth - 1);
    else if (LABEL_TYPES.has(t.type) && tokens[i + 1]?.type === ':') {
      const after = tokens[i + 2]?.type;
      if (depth === 0 || after === 'upper' || after === 'snippetKw') {
        starts.push(i);
        depth = 0;
      }
    }
  }
  return starts;
}

/**
 * Token ranges [from, to) of `studio { … }` blocks: the word `studio` then `{`
 * outside any action body, up to the matching `}` (or the end of the file).
 */
export function studioBlocks(tokens: readonly ScriptToken[]): [number, number][] {
  const blocks: [number, number][] = [];
  let depth = 0;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.type === '{') depth++;
    else if (t.type === '}') depth = Math.max(0, depth - 1);
    else if (depth === 0 && t.type === 'ident' && t.value === 'studio' && tokens[i + 1]?.type === '{') {
      let j = i + 1;
      for (let inner = 0; j < tokens.length; j++) {
        if (tokens[j]!.type === '{') inner++;
        else if (tokens[j]!.type === '}' && --inner === 0) break;
      }
      blocks.push([i, Math.min(j + 1, tokens.length)]);
      i = j;
    }
  }
  return blocks;
}

/** Parses a whole `.script` text. Never throws for bad input. */
export function parseScriptText(text: string, file: string): ParseResult {
  return withFile(file, () => parseInFile(text, file));
}

/** Beyond this many syntax problems a file is probably not a script; the rest are summarised. */
const MAX_PARSE_DIAGNOSTICS = 30;

function parseInFile(text: string, file: string): ParseResult {
  const start: Span = { file, line: 1, col: 1, offset: 0, length: 1 };
  const binary = text.search(/[\u0000\ufffd]/);
  if (binary >= 0) {
    const at = positionAt(text, binary);
    const ast: ScriptAst = { file, name: { text: '', span: start }, headerSpan: start, actions: [], comments: [] };
    const d = diagnostic('E-PARSE-ENCODING', 'not a UTF-8 text file (binary data or an invalid byte here)', { file, ...at, offset: binary, length: 1 });
    return { ast, diagnostics: [d], brokenLabels: [] };
  }
  const result = parseText(text, file, start);
  if (result.diagnostics.length > MAX_PARSE_DIAGNOSTICS) {
    const rest = result.diagnostics.length - MAX_PARSE_DIAGNOSTICS;
    const last = result.diagnostics[MAX_PARSE_DIAGNOSTICS - 1]!;
    result.diagnostics.length = MAX_PARSE_DIAGNOSTICS;
    result.diagnostics.push(diagnostic('E-PARSE-LIMIT', `${rest} more syntax problem(s) not shown; fix these first`, last.span));
  }
  return result;
}

function parseText(text: string, file: string, start: Span): ParseResult {
  const lexed = tokenize(text);
  const { tokens } = lexed;
  const diagnostics: Diagnostic[] = lexed.problems.map((p) => lexProblem(p, file));
  const problemOffsets = lexed.problems.map((p) => p.offset);
  const eofSpan = endSpan(text, file);
  const blocks = studioBlocks(tokens);
  const inBlock = (i: number): boolean => blocks.some(([from, to]) => i >= from && i < to);
  const starts = actionStarts(tokens).filter((i) => !inBlock(i));
  // A chunk (header or action) ends where the next action or a studio block starts.
  const chunkEnd = (from: number, next: number): number => Math.min(next, ...blocks.map(([b]) => b).filter((b) => b >= from));
  const headerEnd = chunkEnd(0, starts[0] ?? tokens.length);
  const chunkHasProblem = (from: number, to: number): boolean => {
    const lo = tokens[from]?.offset ?? 0;
    const hi = to < tokens.length ? tokens[to]!.offset : Infinity;
    return problemOffsets.some((o) => o >= lo && o < hi);
  };
  const report = (outcome: { expected: ExpectedSymbol[]; found?: ScriptToken }, to: number, hasProblem: boolean): void => {
    if (hasProblem) return;
    if (outcome.found) {
      const d = syntaxError(outcome.expected, outcome.found, tokenSpan(outcome.found), false);
      d.message += missingColonHint(tokens, outcome.found) + lowercaseTypeHint(outcome.expected, outcome.found);
      diagnostics.push(d);
    } else if (to < tokens.length) diagnostics.push(syntaxError(outcome.expected, tokens[to]!, tokenSpan(tokens[to]!), true));
    else diagnostics.push(endOfFile(outcome.expected, eofSpan));
  };

  /** Lists nested deeper than any script needs are reported, not parsed: nearley's work and stack grow with the depth. */
  const nestedTooDeep = (from: number, to: number): boolean => {
    const deep = tooDeep(tokens, from, to);
    if (deep) diagnostics.push(diagnostic('E-PARSE-NESTING', `lists nested more than ${MAX_LIST_DEPTH} deep`, tokenSpan(deep)));
    return deep !== undefined;
  };

  let header: HeaderNode | undefined;
  if (headerEnd === 0) {
    const at = tokens[0] ? tokenSpan(tokens[0]) : eofSpan;
    if (!chunkHasProblem(0, 0)) diagnostics.push(diagnostic('E-PARSE-HEADER', "a script starts with its header: 'script Name' (optionally 'type Phone')", at));
  } else if (!nestedTooDeep(0, headerEnd)) {
    const out = parseTokens<HeaderNode>('header', tokens, 0, headerEnd);
    if (out.ok) header = out.value;
    else {
      const before = diagnostics.length;
      report(out, headerEnd, chunkHasProblem(0, headerEnd));
      // `script A type` followed by nothing: name what belongs after `type`.
      const d = diagnostics[before];
      if (d && tokens[headerEnd - 1]?.text === 'type') d.message = d.message.replace('expected a name', 'expected a media type (such as Phone or Chat)');
    }
  }

  const actions: ActionAst[] = [];
  const brokenLabels: string[] = [];
  for (let k = 0; k < starts.length; k++) {
    const from = starts[k]!;
    const to = chunkEnd(from, starts[k + 1] ?? tokens.length);
    if (nestedTooDeep(from, to)) {
      brokenLabels.push(tokens[from]!.value);
      continue;
    }
    const out = parseAction(tokens, from, to);
    if (out.ok) actions.push(out.value);
    else {
      brokenLabels.push(tokens[from]!.value);
      report(out, to, chunkHasProblem(from, to));
    }
  }

  let studio: StudioBlockAst | undefined;
  for (const [k, [from, to]] of blocks.entries()) {
    if (k > 0) {
      if (!chunkHasProblem(from, to)) diagnostics.push(diagnostic('E-PARSE-STUDIO', `a script has one studio block; the first is at line ${tokens[blocks[0]![0]]!.line}`, tokenSpan(tokens[from]!)));
      continue;
    }
    if (!nestedTooDeep(from, to)) {
      const out = parseTokens<StudioBlockAst>('studio', tokens, from, to);
      if (out.ok) studio = out.value;
      else report(out, to, chunkHasProblem(from, to));
    }
    // Tokens after the block that start no action would otherwise be skipped silently.
    const next = Math.min(starts.find((s) => s >= to) ?? tokens.length, blocks[k + 1]?.[0] ?? tokens.length);
    if (to < next && !chunkHasProblem(to, next))
      diagnostics.push(diagnostic('E-PARSE-SYNTAX', `expected an action ('label: TYPE') after the studio block, found ${describeToken(tokens[to])}`, tokenSpan(tokens[to]!)));
  }

  const ast: ScriptAst = {
    file,
    name: header?.name ?? { text: '', span: start },
    headerSpan: header?.span ?? start,
    actions,
    comments: lexed.comments.map(
      (c): CommentAst => ({ text: c.text, block: c.block, endLine: c.endLine, span: { file, line: c.line, col: c.col, offset: c.offset, length: c.text.length } }),
    ),
  };
  if (header?.mediaType) ast.mediaType = header.mediaType;
  if (studio) ast.studio = studio;
  return { ast, diagnostics, brokenLabels };
}

/** Deeper lists than any action needs; the limit keeps every later step (graph, fmt) from recursing without bound. */
const MAX_LIST_DEPTH = 32;

/** The `[` that opens a list nested more than MAX_LIST_DEPTH deep in tokens[from, to), if any. */
function tooDeep(tokens: readonly ScriptToken[], from: number, to: number): ScriptToken | undefined {
  let depth = 0;
  for (let i = from; i < to; i++) {
    const t = tokens[i]!;
    if (t.type === '[' && ++depth > MAX_LIST_DEPTH) return t;
    if (t.type === ']') depth = Math.max(0, depth - 1);
  }
  return undefined;
}

/** `x ASSIGN …` at the start of a line reads as a label without its colon. */
function missingColonHint(tokens: readonly ScriptToken[], found: ScriptToken): string {
  if (found.type !== 'upper' && found.type !== 'snippetKw') return '';
  const i = tokens.indexOf(found);
  const prev = tokens[i - 1];
  const before = tokens[i - 2];
  if (!prev || !LABEL_TYPES.has(prev.type) || prev.line !== found.line || (before && before.line === prev.line)) return '';
  return ` (is the ':' after label '${prev.value}' missing?)`;
}

/** `x: assign { … }`: an action type in lowercase. */
function lowercaseTypeHint(expected: readonly ExpectedSymbol[], found: ScriptToken): string {
  if (found.type !== 'ident' || !expected.some((e) => e.type === 'upper')) return '';
  return ` (action types are written in UPPERCASE: ${found.value.toUpperCase()})`;
}

/** Parses with the whole-file rule in one pass (used by tests to check the grammar is unambiguous). */
export function parseWholeFile(text: string, file: string): FileNode | undefined {
  return withFile(file, () => {
    const { tokens, problems } = tokenize(text);
    if (problems.length > 0) return undefined;
    const out = parseTokens<FileNode>('file', tokens, 0, tokens.length);
    return out.ok ? out.value : undefined;
  });
}

/** The position just past the last non-blank character, where "unexpected end of file" points. */
function endSpan(text: string, file: string): Span {
  let end = text.length;
  while (end > 0 && /\s/.test(text[end - 1]!)) end--;
  return { file, ...positionAt(text, end), offset: end, length: 1 };
}
