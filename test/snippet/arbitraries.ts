// fast-check generators of snippet ASTs (canonical: no positions that matter,
// text the printer can always write) and of numeric expressions.
import fc from 'fast-check';
import type { BinaryOp, Expr, LValue, Program, Stmt } from '../../src/snippet/ast.js';

const P = { offset: 0, line: 1, col: 1, length: 1 };
const NAMES = ['a', 'b', 'c', 'x', 'Total', 'n$', 'list', 'obj'];
const name = fc.constantFrom(...NAMES);
const member = fc.constantFrom('id', 'Name', 'items', 'size', 'count', 'default');
const text = fc.stringMatching(/^[A-Za-z0-9 |.,:;!?-]{0,8}$/);
const OPS: BinaryOp[] = ['^', '*', '/', '%', '\\', '+', '-', '=', '!=', '<', '<=', '>', '>=', '&', '|', '~'];
const FUNCS: [string, number][] = [['len', 1], ['upper', 1], ['left', 2], ['mid', 3], ['abs', 1], ['max', 2], ['round', 1], ['replace', 3], ['indexof', 2], ['tonumber', 1]];

const variable: fc.Arbitrary<LValue> = name.map((n) => ({ kind: 'var', name: n, global: false, pos: P }));

export const expr: fc.Arbitrary<Expr> = fc.letrec<{ e: Expr }>((tie) => ({
  e: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.nat(1000).map((v): Expr => ({ kind: 'number', value: v, pos: P })),
    fc.constantFrom(0.5, 2.25, 10).map((v): Expr => ({ kind: 'number', value: v, pos: P })),
    variable,
    fc.boolean().map((v): Expr => ({ kind: 'bool', value: v, pos: P })),
    fc
      .array(fc.oneof(text, tie('e')), { maxLength: 3 })
      .map((parts): Expr => ({ kind: 'string', parts: mergeText(parts), quote: '"', escaped: false, pos: P })),
    fc.tuple(fc.constantFrom(...OPS), tie('e'), tie('e')).map(([op, left, right]): Expr => ({ kind: 'binary', op, left, right, pos: P })),
    tie('e').map((operand): Expr => ({ kind: 'unary', op: '-', operand, pos: P })),
    fc.tuple(tie('e'), member).map(([object, m]): Expr => ({ kind: 'member', object, name: m, pos: P })),
    fc.tuple(tie('e'), tie('e')).map(([object, index]): Expr => ({ kind: 'index', object, index, pos: P })),
    fc.constantFrom(...FUNCS).chain(([f, n]) =>
      fc.tuple(fc.boolean(), fc.array(tie('e'), { minLength: n, maxLength: n })).map(([method, args]): Expr => ({ kind: 'call', name: f, args, method, pos: P })),
    ),
  ),
})).e;

function mergeText(parts: (string | Expr)[]): (string | Expr)[] {
  const out: (string | Expr)[] = [];
  for (const p of parts) {
    const last = out[out.length - 1];
    if (typeof p === 'string' && typeof last === 'string') out[out.length - 1] = last + p;
    else if (p !== '') out.push(p);
  }
  return out;
}

const lvalue: fc.Arbitrary<LValue> = fc.oneof(
  variable,
  fc.tuple(name, member).map(([n, m]): LValue => ({ kind: 'member', object: { kind: 'var', name: n, global: false, pos: P }, name: m, pos: P })),
  fc.tuple(name, fc.integer({ min: 1, max: 5 })).map(([n, i]): LValue => ({
    kind: 'index',
    object: { kind: 'var', name: n, global: false, pos: P },
    index: { kind: 'number', value: i, pos: P },
    pos: P,
  })),
);

export const stmt: fc.Arbitrary<Stmt> = fc.letrec<{ s: Stmt; block: Stmt[] }>((tie) => ({
  block: fc.array(tie('s'), { maxLength: 3 }),
  s: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.tuple(lvalue, expr, fc.boolean()).map(([target, value, keyword]): Stmt => ({ kind: 'assign', target, value, keyword, pos: P })),
    expr.map((value): Stmt => ({ kind: 'trace', value, pos: P })),
    fc.tuple(expr, tie('block'), fc.option(tie('block'), { nil: undefined })).map(([cond, then, otherwise]): Stmt =>
      otherwise ? { kind: 'if', cond, then, else: otherwise, pos: P } : { kind: 'if', cond, then, pos: P },
    ),
    fc.tuple(name, fc.integer({ min: -3, max: 5 }), fc.integer({ min: -3, max: 5 }), tie('block')).map(([v, a, b, body]): Stmt => ({
      kind: 'for',
      variable: v,
      from: { kind: 'number', value: Math.abs(a), pos: P },
      to: { kind: 'number', value: Math.abs(b), pos: P },
      body,
      pos: P,
    })),
    fc.tuple(fc.integer({ min: 0, max: 4 }), tie('block')).map(([n, body]): Stmt => ({ kind: 'repeat', count: { kind: 'number', value: n, pos: P }, body, pos: P })),
    fc.tuple(expr, tie('block')).map(([cond, body]): Stmt => ({ kind: 'while', cond, body, pos: P })),
    fc.tuple(name, variable, tie('block')).map(([v, source, body]): Stmt => ({ kind: 'foreach', variable: v, source, body, pos: P })),
    fc.tuple(expr, fc.array(fc.tuple(fc.array(fc.nat(9), { minLength: 1, maxLength: 2 }), tie('block')), { maxLength: 3 }), fc.option(tie('block'), { nil: undefined })).map(([subject, cs, d]): Stmt => {
      const cases = cs.map(([ns, body]) => ({ labels: ns.map((n) => ({ kind: 'number', value: n, pos: P }) as Expr), body }));
      return d ? { kind: 'switch', subject, cases, default: d, pos: P } : { kind: 'switch', subject, cases, pos: P };
    }),
    fc.tuple(fc.array(fc.tuple(fc.array(expr, { minLength: 1, maxLength: 2 }), tie('block')), { maxLength: 3 }), fc.option(tie('block'), { nil: undefined })).map(([cs, d]): Stmt => {
      const cases = cs.map(([conds, body]) => ({ conds, body }));
      return d ? { kind: 'select', cases, default: d, pos: P } : { kind: 'select', cases, pos: P };
    }),
    name.map((n): Stmt => ({ kind: 'dynamic', name: n, pos: P })),
    fc.constant<Stmt>({ kind: 'break', pos: P }),
  ),
})).s;

export const program: fc.Arbitrary<Program> = fc.array(stmt, { maxLength: 5 }).map((body) => ({ body }));

/** Numeric expressions over small integers, for comparing arithmetic with a reference. */
export type Num = { k: 'n'; v: number } | { k: 'op'; op: '+' | '-' | '*' | '/' | '%' | '\\' | '^'; l: Num; r: Num } | { k: 'neg'; e: Num };
export const numExpr: fc.Arbitrary<Num> = fc.letrec<{ n: Num }>((tie) => ({
  n: fc.oneof(
    { depthSize: 'small' },
    fc.integer({ min: 0, max: 50 }).map((v): Num => ({ k: 'n', v })),
    fc.tuple(fc.constantFrom('+', '-', '*', '/', '%', '\\', '^') as fc.Arbitrary<'+'>, tie('n'), tie('n')).map(([op, l, r]): Num => ({ k: 'op', op, l, r })),
    tie('n').map((e): Num => ({ k: 'neg', e })),
  ),
})).n;
