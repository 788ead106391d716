// The typed AST builder the grammar's postprocessors call: one function per
// construct, so grammar/snippet.ne holds no semantics and the AST does not
// depend on nearley or moo.
import type { Token } from '../../grammar/snippet-lexer.js';
import type { BinaryOp, Expr, LValue, Pos, Program, Stmt, StringPart, TemplateAst } from './ast.js';
import { GLOBAL_PREFIX } from '../contract/variables.js';

const pos = (t: Token): Pos => ({ offset: t.offset, line: t.line, col: t.col, length: Math.max(1, t.text.length) });

/** Spelling aliases of comparison operators. */
const OPERATOR_ALIASES: Record<string, BinaryOp> = { '==': '=', '<>': '!=', '=>': '>=', '=<': '<=' };

/**
 * An immutable list built by the grammar. Earley parsing shares partial
 * results between alternatives, so lists are never mutated: each push makes a
 * new cell, and `items` turns the chain into an array once a construct is built.
 */
export type Seq<T> = { prev: Seq<T>; item: T } | null;
export const none = <T>(): Seq<T> => null;
export const one = <T>(item: T): Seq<T> => ({ prev: null, item });
export const push = <T>(list: Seq<T>, item: T): Seq<T> => ({ prev: list, item });
export function items<T>(list: Seq<T>): T[] {
  const out: T[] = [];
  for (let c = list; c !== null; c = c.prev) out.push(c.item);
  return out.reverse();
}

/*
 * Earley parsing completes a rule each time its input could end, so the
 * builders of open-ended constructs (the whole program, a template, a `^`
 * chain) run once per element. They must be O(1): each returns a node whose
 * list is turned into an array only when read (once, for the final parse).
 */
export function program(body: Seq<Stmt>): Program {
  let list: Stmt[] | undefined;
  return {
    get body() {
      return (list ??= items(body));
    },
  };
}
export function template(parts: Seq<StringPart>): TemplateAst {
  let list: StringPart[] | undefined;
  return {
    get parts() {
      return (list ??= mergeText(items(parts)));
    },
  };
}

export const number = (t: Token): Expr => ({ kind: 'number', value: Number(t.text), pos: pos(t) });
export const bool = (t: Token): Expr => ({ kind: 'bool', value: t.text.toLowerCase() === 'true', pos: pos(t) });
export const variable = (t: Token): LValue => ({ kind: 'var', name: t.text, global: false, pos: pos(t) });
export const globalVariable = (t: Token): LValue => ({ kind: 'var', name: t.text.slice(GLOBAL_PREFIX.length), global: true, pos: pos(t) });

export function member<E extends Expr>(object: E, name: Token): E extends LValue ? LValue : Expr;
export function member(object: Expr, name: Token): Expr {
  return { kind: 'member', object, name: name.text, pos: pos(name) };
}
export function index<E extends Expr>(object: E, open: Token, idx: Expr): E extends LValue ? LValue : Expr;
export function index(object: Expr, open: Token, idx: Expr): Expr {
  return { kind: 'index', object, index: idx, pos: pos(open) };
}

export const call = (name: Token, args: Seq<Expr>): Extract<Expr, { kind: 'call' }> => ({ kind: 'call', name: name.text, args: items(args), method: false, pos: pos(name) });
export const methodCall = (object: Expr, name: Token, args: Seq<Expr>): Extract<Expr, { kind: 'call' }> => ({
  kind: 'call',
  name: name.text,
  args: [object, ...items(args)],
  method: true,
  pos: pos(name),
});

export const unary = (op: Token, operand: Expr): Expr => ({ kind: 'unary', op: op.value === '+' ? '+' : '-', operand, pos: pos(op) });
export const binary = (left: Expr, op: Token, right: Expr): Expr => ({
  kind: 'binary',
  op: OPERATOR_ALIASES[op.value] ?? (op.value as BinaryOp),
  left,
  right,
  pos: pos(op),
});

/** Folds `a ^ b ^ c` (operands and `^` tokens, in order) from the right: `a ^ (b ^ c)`; lazily, see above. */
export function power(chain: Seq<Expr | Token>): Expr {
  if (chain !== null && chain.prev === null) return chain.item as Expr;
  let folded: Extract<Expr, { kind: 'binary' }> | undefined;
  const fold = () => {
    if (folded === undefined) {
      const list = items(chain);
      let acc = list[list.length - 1] as Expr;
      for (let i = list.length - 2; i > 0; i -= 2) acc = binary(list[i - 1] as Expr, list[i] as Token, acc);
      folded = acc as Extract<Expr, { kind: 'binary' }>;
    }
    return folded;
  };
  return {
    kind: 'binary',
    op: '^',
    get left() {
      return fold().left;
    },
    get right() {
      return fold().right;
    },
    get pos() {
      return fold().pos;
    },
  };
}

export const textPart = (t: Token): StringPart => t.value;
/** `\{` and `\}` in a property template are literal braces. */
export const templateEscape = (t: Token): StringPart => t.value.slice(1);

const ESCAPES: Record<string, string> = { '"': '"', "'": "'", '\\': '\\', t: '\t', r: '\r', n: '\n', b: '\b', '0': '\0', '{': '{', '}': '}' };
/** A `$"…"` escape; an unknown escape keeps its backslash (Emulator decision, documented). */
export const escapePart = (t: Token): StringPart => ESCAPES[t.value[1] ?? ''] ?? t.value;

/** Joins adjacent text pieces so the AST (and the printer) see one piece per run of text. */
function mergeText(parts: StringPart[]): StringPart[] {
  const out: StringPart[] = [];
  for (const p of parts) {
    const last = out[out.length - 1];
    if (typeof p === 'string' && typeof last === 'string') out[out.length - 1] = last + p;
    else if (p !== '') out.push(p);
  }
  return out;
}

export function string(open: Token, seq: Seq<StringPart>, close: Token): Expr {
  const parts = items(seq);
  const quote = open.text.endsWith("'") ? "'" : '"';
  const p: Pos = { offset: open.offset, line: open.line, col: open.col, length: close.offset + close.text.length - open.offset };
  if (open.type === 'dateOpen') return { kind: 'date', parts: mergeText(parts), quote, pos: p };
  return { kind: 'string', parts: mergeText(parts), quote, escaped: open.type === 'estrOpen', pos: p };
}

export const assign = (target: LValue, value: Expr, keyword?: Token): Stmt => ({
  kind: 'assign',
  target,
  value,
  keyword: keyword !== undefined,
  pos: keyword ? pos(keyword) : startOf(target),
});

/** The position of the first token of an lvalue (its root variable). */
function startOf(e: LValue): Pos {
  let cur: Expr = e;
  while (cur.kind === 'member' || cur.kind === 'index') cur = cur.object;
  return cur.pos;
}

export const dynamic = (kw: Token, name: Token, init?: Expr): Stmt =>
  init === undefined ? { kind: 'dynamic', name: name.text, pos: pos(kw) } : { kind: 'dynamic', name: name.text, init, pos: pos(kw) };
export const functionStmt = (kw: Token, name: Token, params: Seq<Token>, body: Seq<Stmt>): Stmt => ({
  kind: 'function',
  name: name.text,
  params: items(params).map((p) => p.text),
  body: items(body),
  pos: pos(kw),
});
export const returnStmt = (kw: Token, value?: Expr): Stmt => (value === undefined ? { kind: 'return', pos: pos(kw) } : { kind: 'return', value, pos: pos(kw) });
export const breakStmt = (kw: Token): Stmt => ({ kind: 'break', pos: pos(kw) });
export const traceStmt = (kw: Token, value: Expr): Stmt => ({ kind: 'trace', value, pos: pos(kw) });
export const usesStmt = (kw: Token, value: Expr): Stmt => ({ kind: 'uses', value, pos: pos(kw) });
export const callStmt = (c: Extract<Expr, { kind: 'call' }>): Stmt => ({ kind: 'call', call: c, pos: callStart(c) });

function callStart(c: Extract<Expr, { kind: 'call' }>): Pos {
  if (!c.method) return c.pos;
  let cur: Expr = c.args[0]!;
  for (;;) {
    if (cur.kind === 'member' || cur.kind === 'index') cur = cur.object;
    else if (cur.kind === 'call' && cur.method) cur = cur.args[0]!;
    else return cur.pos;
  }
}

export const ifStmt = (kw: Token, cond: Expr, then: Seq<Stmt>, otherwise?: Seq<Stmt>): Stmt =>
  otherwise === undefined ? { kind: 'if', cond, then: items(then), pos: pos(kw) } : { kind: 'if', cond, then: items(then), else: items(otherwise), pos: pos(kw) };
type SwitchCase = { labels: Expr[]; body: Stmt[] };
type SelectCase = { conds: Expr[]; body: Stmt[] };
export const switchCase = (labels: Seq<Expr>, body: Seq<Stmt>): SwitchCase => ({ labels: items(labels), body: items(body) });
export const switchStmt = (kw: Token, subject: Expr, cases: Seq<SwitchCase>, dflt?: Seq<Stmt>): Stmt =>
  dflt === undefined
    ? { kind: 'switch', subject, cases: items(cases), pos: pos(kw) }
    : { kind: 'switch', subject, cases: items(cases), default: items(dflt), pos: pos(kw) };
export const selectCase = (conds: Seq<Expr>, body: Seq<Stmt>): SelectCase => ({ conds: items(conds), body: items(body) });
export const selectStmt = (kw: Token, cases: Seq<SelectCase>, dflt?: Seq<Stmt>): Stmt =>
  dflt === undefined ? { kind: 'select', cases: items(cases), pos: pos(kw) } : { kind: 'select', cases: items(cases), default: items(dflt), pos: pos(kw) };
export const forStmt = (kw: Token, v: Token, from: Expr, to: Expr, body: Seq<Stmt>): Stmt => ({ kind: 'for', variable: v.text, from, to, body: items(body), pos: pos(kw) });
export const foreachStmt = (kw: Token, v: Token, source: LValue, body: Seq<Stmt>): Stmt => ({
  kind: 'foreach',
  variable: v.text,
  source,
  body: items(body),
  pos: pos(kw),
});
export const repeatStmt = (kw: Token, count: Expr, body: Seq<Stmt>): Stmt => ({ kind: 'repeat', count, body: items(body), pos: pos(kw) });
export const whileStmt = (kw: Token, cond: Expr, body: Seq<Stmt>): Stmt => ({ kind: 'while', cond, body: items(body), pos: pos(kw) });
