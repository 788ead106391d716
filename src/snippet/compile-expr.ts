// Expressions → closures over the run state. Everything decidable at compile
// time (operators, `$` text comparison, which function a call names, arity)
// is decided here, so evaluation only does the work of the value rules.
import { didYouMean } from '../contract/diagnostics.js';
import type { Expr, LValue, Pos, StringPart, Stmt } from './ast.js';
import { BUILTINS } from './builtins/index.js';
import type { Builtin, CallSite } from './builtins/types.js';
import { compareValues, isTruthy, mayBeNumeric, toNumber, toText } from './convert.js';
import { parseDate } from './dates.js';
import { indexStep, readIndex, readMember, setIn, type Step, type Undo } from './paths.js';
import { Fault, RESERVED, RunState, reservedValue } from './run-state.js';
import type { Value } from '../contract/value.js';
import { GLOBAL_PREFIX } from '../contract/variables.js';

export type Ev = (r: RunState) => Value;
export type Writer = (r: RunState, v: Value) => void;
/** A statement: returns its completion (NORMAL, BREAK or RETURN). */
export type Exec = (r: RunState) => number;
export const NORMAL = 0;
export const BREAK = 1;
export const RETURN = 2;

export interface CompileProblem {
  code: string;
  message: string;
  pos: Pos;
}

export interface UserFunction {
  name: string;
  params: string[];
  body: Exec;
}

/** Compile-time context: user functions (hoisted), problems found, where we are. */
export interface Scope {
  functions: Map<string, { decl: Extract<Stmt, { kind: 'function' }>; fn: UserFunction }>;
  problems: CompileProblem[];
  loopDepth: number;
  inFunction: boolean;
}

/** Deepest user-function recursion before the run fails (Studio has no documented limit). */
export const MAX_CALL_DEPTH = 100;

const lower = (s: string): string => s.toLowerCase();
const isTextVar = (e: Expr): boolean => e.kind === 'var' && e.name.endsWith('$');

export function compileExpr(e: Expr, sc: Scope): Ev {
  switch (e.kind) {
    case 'number': {
      const v = e.value;
      return () => v;
    }
    case 'bool': {
      const v = e.value;
      return () => v;
    }
    case 'string':
      return compileText(e.parts, sc);
    case 'date': {
      const text = compileText(e.parts, sc);
      return (r) => {
        const t = toText(text(r));
        const d = parseDate(t, r.env.clock.zone);
        if (d === null) throw new Fault('E-SNIPPET-DATE', `Invalid date literal #"${t}"`);
        return d;
      };
    }
    case 'var': {
      const n = lower(e.name);
      if (e.global) return (r) => r.readGlobal(n);
      if (RESERVED.has(n)) return (r) => reservedValue(n, r.env);
      return (r) => r.read(n);
    }
    case 'member': {
      const o = compileExpr(e.object, sc);
      const name = e.name;
      return (r) => readMember(o(r), name);
    }
    case 'index': {
      const o = compileExpr(e.object, sc);
      const i = compileExpr(e.index, sc);
      return (r) => readIndex(o(r), i(r), r);
    }
    case 'call':
      return compileCall(e, sc);
    case 'unary': {
      const a = compileExpr(e.operand, sc);
      return e.op === '-' ? (r) => -toNumber(a(r)) : (r) => toNumber(a(r));
    }
    case 'binary':
      return compileBinary(e, sc);
  }
}

/** Text with `{expr}` substitutions: one string, each substitution by its text form. */
export function compileText(parts: StringPart[], sc: Scope): Ev {
  if (parts.length === 0) return () => '';
  if (parts.every((p) => typeof p === 'string')) {
    const s = (parts as string[]).join('');
    return () => s;
  }
  const fns = parts.map((p): Ev => (typeof p === 'string' ? () => p : compileExpr(p, sc)));
  if (fns.length === 1) {
    const f = fns[0]!;
    return (r) => toText(f(r));
  }
  return (r) => {
    let s = '';
    for (let i = 0; i < fns.length; i++) s += toText(fns[i]!(r));
    return s;
  };
}

/** A number from an operand, with the common case (already a number) inline. */
const n = (v: Value): number => (typeof v === 'number' ? v : toNumber(v));

/** Compares two operands; numbers and plainly non-numeric text take a fast path before the full rules. */
function comparer(a: Ev, b: Ev, asText: boolean): (r: RunState) => number {
  if (asText) return (r) => compareValues(a(r), b(r), true);
  return (r) => {
    const l = a(r);
    const m = b(r);
    if (typeof l === 'number' && typeof m === 'number') return l < m ? -1 : l > m ? 1 : 0;
    if (typeof l === 'string' && typeof m === 'string' && (!mayBeNumeric(l) || !mayBeNumeric(m))) return l < m ? -1 : l > m ? 1 : 0;
    return compareValues(l, m, false);
  };
}

function compileBinary(e: Extract<Expr, { kind: 'binary' }>, sc: Scope): Ev {
  const a = compileExpr(e.left, sc);
  const b = compileExpr(e.right, sc);
  const divisor = (r: RunState): number => {
    const d = n(b(r));
    if (d === 0) throw new Fault('E-SNIPPET-DIV-ZERO', 'Division by zero');
    return d;
  };
  switch (e.op) {
    case '+':
      return (r) => n(a(r)) + n(b(r));
    case '-':
      return (r) => n(a(r)) - n(b(r));
    case '*':
      return (r) => n(a(r)) * n(b(r));
    case '/':
      return (r) => {
        const l = n(a(r));
        return l / divisor(r);
      };
    case '%':
      return (r) => {
        const l = n(a(r));
        return l % divisor(r);
      };
    case '\\':
      return (r) => {
        const l = n(a(r));
        return Math.trunc(l / divisor(r));
      };
    case '^':
      return (r) => {
        const l = n(a(r));
        return Math.pow(l, n(b(r)));
      };
    // Both sides are always evaluated (no short-circuit).
    case '&':
      return (r) => {
        const l = isTruthy(a(r));
        return isTruthy(b(r)) && l ? 1 : 0;
      };
    case '|':
      return (r) => {
        const l = isTruthy(a(r));
        return isTruthy(b(r)) || l ? 1 : 0;
      };
    case '~':
      return (r) => {
        const l = isTruthy(a(r));
        return isTruthy(b(r)) !== l ? 1 : 0;
      };
  }
  const cmp = comparer(a, b, isTextVar(e.left) || isTextVar(e.right));
  switch (e.op) {
    case '=':
      return (r) => (cmp(r) === 0 ? 1 : 0);
    case '!=':
      return (r) => (cmp(r) !== 0 ? 1 : 0);
    case '<':
      return (r) => (cmp(r) < 0 ? 1 : 0);
    case '<=':
      return (r) => (cmp(r) <= 0 ? 1 : 0);
    case '>':
      return (r) => (cmp(r) > 0 ? 1 : 0);
    case '>=':
      return (r) => (cmp(r) >= 0 ? 1 : 0);
  }
}

function compileCall(e: Extract<Expr, { kind: 'call' }>, sc: Scope): Ev {
  const n = lower(e.name);
  const args = e.args.map((a) => compileExpr(a, sc));
  const user = sc.functions.get(n);
  if (user !== undefined) {
    const params = user.decl.params.map(lower);
    if (params.length !== args.length) {
      sc.problems.push({
        code: 'E-SNIPPET-ARITY',
        message: `${user.decl.name} takes ${params.length} argument${params.length === 1 ? '' : 's'} (${user.decl.params.join(', ') || 'none'}), but ${args.length} ${args.length === 1 ? 'is' : 'are'} given`,
        pos: e.pos,
      });
      return () => null;
    }
    const fn = user.fn;
    return (r) => callUser(fn, params, args, r);
  }
  const builtin = BUILTINS.get(n);
  if (builtin === undefined) {
    const hint = didYouMean(e.name, [...BUILTINS.values()].map((b) => b.name).concat([...sc.functions.values()].map((f) => f.decl.name)));
    sc.problems.push({ code: 'E-SNIPPET-UNKNOWN-FUNCTION', message: `Unknown function ${e.name}${hint ? ` (did you mean ${hint}?)` : ''}`, pos: e.pos });
    return () => null;
  }
  if (args.length < builtin.minArgs || args.length > builtin.maxArgs) {
    const range = builtin.minArgs === builtin.maxArgs ? `${builtin.minArgs}` : builtin.maxArgs === Infinity ? `at least ${builtin.minArgs}` : `${builtin.minArgs} to ${builtin.maxArgs}`;
    sc.problems.push({ code: 'E-SNIPPET-ARITY', message: `${builtin.name} takes ${range} argument${range === '1' ? '' : 's'}, but ${args.length} ${args.length === 1 ? 'is' : 'are'} given`, pos: e.pos });
    return () => null;
  }
  const receiver = e.method ? e.args[0]! : undefined;
  const writeBack = receiver !== undefined && isLValue(receiver) ? compileWriter(receiver, sc) : undefined;
  const appendBack = receiver !== undefined && isLValue(receiver) ? compileAppender(receiver, sc) : undefined;
  const first = e.args[0];
  const receiverName = first?.kind === 'var' ? lower(first.name) : undefined;
  return callBuiltin(builtin, args, writeBack, receiverName, appendBack);
}

type Appender = (r: RunState, item: Value, index: number) => Value;

/**
 * `x.list.append(v)`: a path write of element `index` (the one after the
 * last), so an array the snippet built grows in place; returns the array.
 */
function compileAppender(lv: LValue, sc: Scope): Appender | undefined {
  const { root, steps } = splitPath(lv);
  const name = lower(root.name);
  if (!root.global && RESERVED.has(name)) return undefined;
  const readRoot: Ev = root.global ? (r) => r.readGlobal(name) : (r) => r.read(name);
  const writeUpdated: Writer = root.global ? (r, v) => r.writeGlobalOwned(name, v) : (r, v) => r.writeOwned(name, v);
  const resolve = compileSteps(steps, sc);
  const label = root.global ? GLOBAL_PREFIX + name : name;
  return (r, item, index) => {
    const path = resolve(r);
    writePath(r, readRoot(r), [...path, { index }], item, label, writeUpdated);
    let v: Value = readRoot(r);
    for (const step of path) v = 'index' in step ? readIndex(v, step.index, r) : readMember(v, 'member' in step ? step.member : step.key);
    return v;
  };
}

function callBuiltin(builtin: Builtin, args: Ev[], writeBack: Writer | undefined, receiverName: string | undefined, appendBack?: Appender): Ev {
  const n = args.length;
  return (r) => {
    const values = new Array<Value>(n);
    for (let i = 0; i < n; i++) values[i] = args[i]!(r);
    const site: CallSite = {
      run: r,
      receiverName,
      ...(appendBack !== undefined ? { appendToReceiver: (item: Value, index: number) => appendBack(r, item, index) } : {}),
      setReceiver: (v) => {
        if (writeBack !== undefined) writeBack(r, v);
      },
    };
    return builtin.call(values, site);
  };
}

function callUser(fn: UserFunction, params: string[], args: Ev[], r: RunState): Value {
  const frame = new Map<string, Value>();
  // An argument is now referred to from the function's frame too: shared, never changed in place.
  for (let i = 0; i < params.length; i++) frame.set(params[i]!, r.share(args[i]!(r)));
  if (r.depth >= MAX_CALL_DEPTH) throw new Fault('E-SNIPPET-RECURSION', `Too many nested function calls (${MAX_CALL_DEPTH}) in ${fn.name}`);
  const savedFrame = r.frame;
  const savedPos = r.pos;
  r.frame = frame;
  r.depth++;
  r.returnValue = null;
  let c: number;
  try {
    c = fn.body(r);
  } catch (e) {
    // The error keeps the failing statement's position (inside the function).
    r.frame = savedFrame;
    r.depth--;
    throw e;
  }
  const v = c === RETURN ? r.returnValue : null;
  r.frame = savedFrame;
  r.depth--;
  r.returnValue = null;
  r.pos = savedPos;
  return v;
}

export const isLValue = (e: Expr): e is LValue =>
  e.kind === 'var' || ((e.kind === 'member' || e.kind === 'index') && isLValue(e.object));

/** The root variable of an lvalue and its steps, outermost first. */
export function splitPath(lv: LValue): { root: Extract<Expr, { kind: 'var' }>; steps: (string | Expr)[] } {
  const steps: (string | Expr)[] = [];
  let cur: LValue = lv;
  while (cur.kind !== 'var') {
    steps.unshift(cur.kind === 'member' ? cur.name : cur.index);
    cur = cur.object as LValue;
  }
  return { root: cur, steps };
}

/** A closure that stores a value into an lvalue (copy-on-write through its path). */
export function compileWriter(lv: LValue, sc: Scope): Writer {
  const { root, steps } = splitPath(lv);
  const name = lower(root.name);
  if (!root.global && RESERVED.has(name)) {
    return () => {
      throw new Fault('E-SNIPPET-READONLY', `${name} is a reserved variable and cannot be assigned`);
    };
  }
  const writeRoot: Writer = root.global ? (r, v) => r.writeGlobal(name, v) : (r, v) => r.write(name, v);
  if (steps.length === 0) return writeRoot;
  const writeUpdated: Writer = root.global ? (r, v) => r.writeGlobalOwned(name, v) : (r, v) => r.writeOwned(name, v);
  const readRoot: Ev = root.global ? (r) => r.readGlobal(name) : (r) => r.read(name);
  const resolve = compileSteps(steps, sc);
  const label = root.global ? GLOBAL_PREFIX + name : name;
  return (r, v) => writePath(r, readRoot(r), resolve(r), v, label, writeUpdated);
}

/**
 * Sets `steps` inside `root` to `v` and stores the result with `write`. A
 * store that refuses the result (a limit) takes back what setIn changed in
 * place, so the variable keeps its old value, as for any failed assignment.
 */
export function writePath(r: RunState, root: Value, steps: Step[], v: Value, label: string, write: Writer): void {
  const undo: Undo[] = [];
  // Shared before the path is walked: a value that is also on the path (`x.id = x`, `x.a.b = x.a`) is then
  // copied there instead of changed in place, so it is stored as it was, never inside itself.
  const updated = setIn(root, steps, 0, r.share(v), r, label, undo);
  try {
    write(r, updated);
  } catch (err) {
    for (let k = undo.length - 1; k >= 0; k--) undo[k]!();
    throw err;
  }
}

/** Evaluates a path's index expressions into steps. */
export function compileSteps(steps: (string | Expr)[], sc: Scope): (r: RunState) => Step[] {
  const fns = steps.map((s) => (typeof s === 'string' ? s : compileExpr(s, sc)));
  return (r) => fns.map((f): Step => (typeof f === 'string' ? { member: f } : indexStep(f(r), r)));
}
