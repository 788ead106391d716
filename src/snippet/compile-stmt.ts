// Statements → closures returning a completion (NORMAL / BREAK / RETURN), so
// loops and functions never use exceptions for control flow.
import type { LValue, Stmt } from './ast.js';
import {
  BREAK, NORMAL, RETURN, compileExpr, compileSteps, compileWriter, splitPath, writePath, type Ev, type Exec, type Scope,
} from './compile-expr.js';
import { compareValues, isTruthy, toNumber, toText } from './convert.js';
import { JsonTextError, parseJsonObject } from './json.js';
import type { Step } from './paths.js';
import { Fault, RESERVED } from './run-state.js';
import { isDdo, type Value } from '../contract/value.js';
import { XmlTextError, parseXmlObject } from './xml.js';
import { raiseLimitHint } from '../contract/limits.js';

const lower = (s: string): string => s.toLowerCase();

export function compileBlock(stmts: Stmt[], sc: Scope): Exec {
  const fns = stmts.filter((s) => s.kind !== 'function').map((s) => compileStmt(s, sc));
  if (fns.length === 0) return () => NORMAL;
  if (fns.length === 1) return fns[0]!;
  const n = fns.length;
  return (r) => {
    for (let i = 0; i < n; i++) {
      const c = fns[i]!(r);
      if (c !== NORMAL) return c;
    }
    return NORMAL;
  };
}

function compileStmt(s: Stmt, sc: Scope): Exec {
  const pos = s.pos;
  switch (s.kind) {
    case 'assign': {
      const v = compileExpr(s.value, sc);
      const w = compileWriter(s.target, sc);
      return (r) => {
        r.pos = pos;
        w(r, v(r));
        return NORMAL;
      };
    }
    case 'dynamic': {
      const name = lower(s.name);
      const init = s.init === undefined ? undefined : compileExpr(s.init, sc);
      return (r) => {
        r.pos = pos;
        if (RESERVED.has(name)) throw new Fault('E-SNIPPET-READONLY', `${name} is a reserved variable and cannot be assigned`);
        r.write(name, init === undefined ? {} : toObject(init(r), r.env.limits.maxObjectBytes));
        return NORMAL;
      };
    }
    case 'function':
      return () => NORMAL;
    case 'return': {
      if (!sc.inFunction) sc.problems.push({ code: 'E-SNIPPET-RETURN', message: 'RETURN is only allowed inside a FUNCTION', pos });
      const v = s.value === undefined ? undefined : compileExpr(s.value, sc);
      return (r) => {
        r.pos = pos;
        r.returnValue = v === undefined ? null : v(r);
        return RETURN;
      };
    }
    case 'break':
      if (sc.loopDepth === 0) sc.problems.push({ code: 'E-SNIPPET-BREAK', message: 'BREAK is only allowed inside FOR, FOREACH, REPEAT or WHILE', pos });
      return (r) => {
        r.pos = pos;
        return BREAK;
      };
    case 'trace': {
      const v = compileExpr(s.value, sc);
      return (r) => {
        r.pos = pos;
        r.addTrace(toText(v(r)));
        return NORMAL;
      };
    }
    case 'uses':
      return (r) => {
        r.pos = pos;
        throw new Fault('E-SNIPPET-UNSUPPORTED', 'USES (web service proxies) is not supported by the emulator');
      };
    case 'call': {
      const c = compileExpr(s.call, sc);
      return (r) => {
        r.pos = pos;
        c(r);
        return NORMAL;
      };
    }
    case 'if': {
      const cond = compileExpr(s.cond, sc);
      const then = compileBlock(s.then, sc);
      const otherwise = s.else === undefined ? undefined : compileBlock(s.else, sc);
      if (otherwise === undefined) {
        return (r) => {
          r.pos = pos;
          return isTruthy(cond(r)) ? then(r) : NORMAL;
        };
      }
      return (r) => {
        r.pos = pos;
        return isTruthy(cond(r)) ? then(r) : otherwise(r);
      };
    }
    case 'switch': {
      const subject = compileExpr(s.subject, sc);
      const asText = s.subject.kind === 'var' && s.subject.name.endsWith('$');
      const cases = s.cases.map((c) => ({ labels: c.labels.map((l) => compileExpr(l, sc)), body: compileBlock(c.body, sc) }));
      const dflt = s.default === undefined ? undefined : compileBlock(s.default, sc);
      return (r) => {
        r.pos = pos;
        const v = subject(r);
        for (const c of cases) if (c.labels.some((label) => compareValues(v, label(r), asText) === 0)) return c.body(r);
        return dflt === undefined ? NORMAL : dflt(r);
      };
    }
    case 'select': {
      const cases = s.cases.map((c) => ({ conds: c.conds.map((cond) => compileExpr(cond, sc)), body: compileBlock(c.body, sc) }));
      const dflt = s.default === undefined ? undefined : compileBlock(s.default, sc);
      return (r) => {
        r.pos = pos;
        for (const c of cases) if (c.conds.some((cond) => isTruthy(cond(r)))) return c.body(r);
        return dflt === undefined ? NORMAL : dflt(r);
      };
    }
    case 'for':
      return compileFor(s, sc);
    case 'foreach':
      return compileForeach(s, sc);
    case 'repeat': {
      const count = compileExpr(s.count, sc);
      const body = loopBody(s.body, sc);
      return (r) => {
        r.pos = pos;
        const n = Math.trunc(toNumber(count(r)));
        for (let i = 0; i < n; i++) {
          r.tick();
          const c = body(r);
          if (c === BREAK) break;
          if (c === RETURN) return RETURN;
        }
        return NORMAL;
      };
    }
    case 'while': {
      const cond = compileExpr(s.cond, sc);
      const body = loopBody(s.body, sc);
      return (r) => {
        for (;;) {
          r.pos = pos;
          if (!isTruthy(cond(r))) return NORMAL;
          r.tick();
          const c = body(r);
          if (c === BREAK) return NORMAL;
          if (c === RETURN) return RETURN;
        }
      };
    }
  }
}

function loopBody(stmts: Stmt[], sc: Scope): Exec {
  sc.loopDepth++;
  const body = compileBlock(stmts, sc);
  sc.loopDepth--;
  return body;
}

/** `DYNAMIC d = value`: JSON text (XML when it starts with `<`), or a copy of an object. Objects are limited to 32 KB. */
function toObject(v: Value, maxBytes: number): Value {
  if (isDdo(v) || Array.isArray(v)) return v;
  const text = toText(v).trim();
  if (text === '') return {};
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > maxBytes) throw new Fault('E-SNIPPET-OBJECT-SIZE', `Dynamic data object text of ${bytes} bytes exceeds the ${maxBytes}-byte limit (${raiseLimitHint('maxObjectBytes')})`);
  try {
    return text.startsWith('<') ? parseXmlObject(text) : parseJsonObject(text);
  } catch (e) {
    if (e instanceof JsonTextError || e instanceof XmlTextError) throw new Fault('E-SNIPPET-JSON', e.message);
    throw e;
  }
}

/**
 * FOR: bounds evaluated once; steps by +1, or -1 when the end is below the
 * start; always runs at least once. The next value is the loop variable's
 * current value plus the step, so the body may move the loop on.
 */
function compileFor(s: Extract<Stmt, { kind: 'for' }>, sc: Scope): Exec {
  const pos = s.pos;
  const from = compileExpr(s.from, sc);
  const to = compileExpr(s.to, sc);
  const target: LValue = { kind: 'var', name: s.variable, global: false, pos };
  const write = compileWriter(target, sc);
  const name = lower(s.variable);
  const body = loopBody(s.body, sc);
  return (r) => {
    r.pos = pos;
    const start = toNumber(from(r));
    const end = toNumber(to(r));
    const step = end >= start ? 1 : -1;
    let i = start;
    for (;;) {
      r.tick();
      write(r, i);
      const c = body(r);
      if (c === BREAK) return NORMAL;
      if (c === RETURN) return RETURN;
      i = toNumber(r.read(name)) + step;
      if (step > 0 ? i > end : i < end) return NORMAL;
    }
  };
}

/**
 * FOREACH: the iterator is a temporary variable holding each element; when
 * the body changes it, the new value is written back into the element. After
 * the loop the iterator no longer exists.
 */
function compileForeach(s: Extract<Stmt, { kind: 'foreach' }>, sc: Scope): Exec {
  const pos = s.pos;
  const source: Ev = compileExpr(s.source, sc);
  const { root, steps } = splitPath(s.source);
  const rootName = lower(root.name);
  const resolve = compileSteps(steps, sc);
  const name = lower(s.variable);
  const body = loopBody(s.body, sc);
  const readRoot: Ev = root.global ? (r) => r.readGlobal(rootName) : (r) => r.read(rootName);
  return (r) => {
    r.pos = pos;
    if (RESERVED.has(name)) throw new Fault('E-SNIPPET-READONLY', `${name} is a reserved variable and cannot be assigned`);
    const list = source(r);
    const path = resolve(r);
    const keys: Step[] = [];
    const items: Value[] = [];
    if (Array.isArray(list)) list.forEach((v, i) => (keys.push({ index: i + 1 }), items.push(v)));
    else if (isDdo(list)) for (const k of Object.keys(list)) keys.push({ member: k }), items.push(list[k]!);
    else if (list !== null && toText(list) !== '') toText(list).split('|').forEach((v, i) => (keys.push({ index: i + 1 }), items.push(v)));
    let completion = NORMAL;
    try {
      for (let i = 0; i < items.length; i++) {
        r.tick();
        const item = items[i]!;
        r.write(name, item);
        const c = body(r);
        const after = r.read(name);
        if (after !== item) writePath(r, readRoot(r), [...path, keys[i]!], after, rootName, root.global ? (x, v) => x.writeGlobalOwned(rootName, v) : (x, v) => x.writeOwned(rootName, v));
        if (c === BREAK) break;
        if (c === RETURN) {
          completion = RETURN;
          break;
        }
      }
    } finally {
      r.remove(name);
    }
    return completion;
  };
}
