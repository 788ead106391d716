// Typed AST builders called from the grammar's postprocessors (grammar/script.ne).
// They only assemble nodes and spans; validation happens on the graph. They
// must stay pure: nearley also runs them for parses that later die.
import type { Span } from '../contract/diagnostics.js';
import type { ScriptToken } from '../../grammar/script-lexer.js';
import type {
  ActionAst,
  BranchAst,
  ListAst,
  NumberAst,
  PathAst,
  PropAst,
  StringAst,
  StudioBlockAst,
  StudioEntryAst,
  ValueAst,
  WordAst,
} from './ast.js';

/** The file being parsed; set by the parser around each synchronous `feed` so spans carry it. */
let currentFile = '';
export function withFile<T>(file: string, fn: () => T): T {
  const previous = currentFile;
  currentFile = file;
  try {
    return fn();
  } finally {
    currentFile = previous;
  }
}

/** What the header rule yields; the parser turns it into ScriptAst fields. */
export interface HeaderNode {
  name: WordAst;
  mediaType?: WordAst;
  span: Span;
}

/** What the file rule yields (comments are attached by the parser). */
export interface FileNode {
  header: HeaderNode;
  actions: ActionAst[];
  studio?: StudioBlockAst;
}

// nearley passes `any[]`; each builder knows the shape of its rule.
/* eslint-disable @typescript-eslint/no-explicit-any */
type D = any[];
type Reject = object;

export const tokenSpan = (t: ScriptToken): Span => ({ file: currentFile, line: t.line, col: t.col, offset: t.offset, length: t.text.length });

/** The span from the start of `a` to the end of `b`. */
export function join(a: Span, b: Span): Span {
  const end = (b.offset ?? 0) + (b.length ?? 1);
  return { file: a.file, line: a.line, col: a.col, offset: a.offset, length: end - (a.offset ?? 0) };
}

export const nothing = (): null => null;
export const emptyList = (): unknown[] => [];
export const first = (d: D): unknown => d[0];
export const second = (d: D): unknown => d[1];
export const firstItem = (d: D): unknown[] => [d[0]];
// Left-recursive lists copy on append: postprocessors may share data between
// parses (nearley #153), so mutating the previous list is not safe.
export const append = (d: D): unknown[] => [...(d[0] as unknown[]), d[1]];
export const appendThird = (d: D): unknown[] => [...(d[0] as unknown[]), d[2]];

export const word = (d: D): WordAst => ({ text: (d[0] as ScriptToken).value, span: tokenSpan(d[0]) });

export function header(d: D): HeaderNode {
  const name = d[1] as WordAst;
  return { name, span: join(tokenSpan(d[0]), name.span) };
}

export function headerWithType(d: D): HeaderNode {
  const name = d[1] as WordAst;
  const mediaType = d[3] as WordAst;
  return { name, mediaType, span: join(tokenSpan(d[0]), mediaType.span) };
}

export const file = (d: D): FileNode => ({ header: d[0] as HeaderNode, actions: d[1] as ActionAst[] });
export const fileWithStudio = (d: D): FileNode => ({ header: d[0] as HeaderNode, actions: d[1] as ActionAst[], studio: d[2] as StudioBlockAst });

export function studio(d: D): StudioBlockAst {
  const items = d[2] as (PropAst | StudioEntryAst)[];
  return {
    props: items.filter((i): i is PropAst => 'value' in i),
    entries: items.filter((i): i is StudioEntryAst => 'label' in i),
    span: join(tokenSpan(d[0]), tokenSpan(d[3])),
    endLine: (d[3] as ScriptToken).line,
  };
}

export function studioEntry(d: D): StudioEntryAst {
  const label = d[0] as WordAst;
  return { label, props: d[2] as PropAst[], span: join(label.span, tokenSpan(d[3])), endLine: (d[3] as ScriptToken).line };
}

export function version(d: D): { value: number; span: Span } {
  const t = d[0] as ScriptToken;
  return { value: Number(t.value.slice(1)), span: tokenSpan(t) };
}

export function action(d: D, _ref: number, reject: Reject): ActionAst | Reject {
  const label = d[0] as WordAst;
  const typeWords = (d[2] as ScriptToken[]).map((t) => ({ text: t.value, span: tokenSpan(t) }));
  const ver = d[3] as ActionAst['version'] | null;
  const caption = d[4] as StringAst | null;
  const body = d[5] as BodyNode | null;
  const branches = d[6] as BranchAst[];
  // `IF TRUE -> x` could read as type `IF TRUE` or type `IF` with branch `TRUE`:
  // UPPERCASE words right after the type words always belong to the type.
  if (!ver && !caption && !body && branches[0]?.kind === 'named' && /^[A-Z][A-Z0-9_]*$/.test(branches[0].name.text)) return reject;
  // `CASE "a" -> x` could read as caption + Default branch or as a value branch: a string right after the type is the caption.
  if (!caption && !body && branches[0]?.kind === 'value' && branches[0].value.kind === 'string') return reject;
  const a = node(label, typeWords, ver, caption, body?.props ?? [], undefined, branches, body?.span);
  if (body) a.bodyEndLine = body.endLine;
  return a;
}

export function snippetAction(d: D): ActionAst {
  const kw = d[2] as ScriptToken;
  const body = d[5] as ScriptToken;
  // The code starts just after `{`, on the brace's line.
  const code = { code: body.value, span: { file: currentFile, line: body.line, col: body.col + 1, offset: body.offset + 1, length: body.value.length } };
  return node(d[0], [{ text: kw.value, span: tokenSpan(kw) }], null, d[3], d[4], code, d[6], tokenSpan(body));
}

function node(
  label: WordAst,
  typeWords: WordAst[],
  ver: ActionAst['version'] | null,
  caption: StringAst | null,
  props: PropAst[],
  snippet: ActionAst['snippet'],
  branches: BranchAst[],
  bodySpan?: Span,
): ActionAst {
  const lastBranch = branches[branches.length - 1];
  const end = lastBranch?.span ?? bodySpan ?? caption?.span ?? ver?.span ?? typeWords[typeWords.length - 1]!.span;
  const a: ActionAst = { label, typeWords, props, branches, span: join(label.span, end) };
  if (ver) a.version = ver;
  if (caption) a.caption = caption;
  if (snippet) a.snippet = snippet;
  if (bodySpan) a.bodySpan = bodySpan;
  return a;
}

export interface BodyNode {
  props: PropAst[];
  span: Span;
  endLine: number;
}

export const body = (d: D): BodyNode => ({ props: d[1] as PropAst[], span: join(tokenSpan(d[0]), tokenSpan(d[2])), endLine: (d[2] as ScriptToken).line });

export function prop(d: D): PropAst {
  const name = d[0] as WordAst;
  const value = d[2] as ValueAst;
  return { name, value, span: join(name.span, value.span) };
}

export function string(d: D): StringAst {
  const t = d[0] as ScriptToken;
  const raw = t.text.slice(1, -1);
  return { kind: 'string', value: unescape(raw), raw, triple: false, span: tokenSpan(t) };
}

export function tripleString(d: D): StringAst {
  const t = d[0] as ScriptToken;
  const raw = t.text.slice(3, -3);
  return { kind: 'string', value: unescape(raw), raw, triple: true, span: tokenSpan(t) };
}

const ESCAPES: Record<string, string> = { '"': '"', '\\': '\\', n: '\n', r: '\r', t: '\t', '{': '\\{', '}': '\\}' };
/** Resolves string escapes; the lexer only lets valid ones through. */
export function unescape(raw: string): string {
  return raw.indexOf('\\') < 0 ? raw : raw.replace(/\\(.)/g, (_, c: string) => ESCAPES[c] ?? c);
}

export function number(d: D): NumberAst {
  const t = d[0] as ScriptToken;
  return { kind: 'number', value: Number(t.value), raw: t.value, span: tokenSpan(t) };
}

/** A bare word value: `true`/`false` in any case is a boolean, anything else a variable. */
export function wordValue(d: D): ValueAst {
  const w = d[0] as WordAst;
  const lower = w.text.toLowerCase();
  if (lower === 'true' || lower === 'false') return { kind: 'boolean', value: lower === 'true', span: w.span };
  return { kind: 'path', path: w.text, span: w.span };
}

export const path = (d: D): PathAst => ({ kind: 'path', path: (d[0] as ScriptToken).value, span: tokenSpan(d[0]) });

export const emptyValueList = (d: D): ListAst => ({ kind: 'list', items: [], span: join(tokenSpan(d[0]), tokenSpan(d[1])) });
export const valueList = (d: D): ListAst => ({ kind: 'list', items: d[1] as ValueAst[], span: join(tokenSpan(d[0]), tokenSpan(d[2])) });

export function defaultBranch(d: D): BranchAst {
  const target = d[1] as WordAst;
  return { kind: 'default', target, span: join(tokenSpan(d[0]), target.span) };
}

export function namedBranch(d: D): BranchAst {
  const name = d[0] as WordAst;
  const target = d[2] as WordAst;
  return { kind: 'named', name, target, span: join(name.span, target.span) };
}

export function valueBranch(d: D): BranchAst {
  const value = (d[0] as { kind?: string }).kind === 'string' ? (d[0] as StringAst) : number([d[0]]);
  const target = d[2] as WordAst;
  return { kind: 'value', value, target, span: join(value.span, target.span) };
}
