// The state of one snippet (or expression) execution: variable writes made so
// far, globals, TRACE lines, effects, the current function frame and the loop
// counter. Errors are thrown as Fault; BREAK and RETURN never throw.
import type { SnippetEnv } from '../contract/snippet.js';
import type { Pos } from './ast.js';
import { toNumber, toText } from './convert.js';
import { formatGmt, fromDateTime, ticksOf } from './dates.js';
import { DateValue, type Value } from '../contract/value.js';
import { MAX_NESTING } from './json.js';
import { exactDepth, measure } from './object-size.js';
import { raiseLimitHint } from '../contract/limits.js';

/** A run-time error: a stable code and a one-line message (the snippet line is added when reported). */
export class Fault extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'Fault';
  }
}

/** Names that read the clock and can never be written. */
export const RESERVED = new Set(['now', 'date', 'time', 'dow', 'gmt', 'utc', 'timestamp', 'timezoneid']);

export function reservedValue(name: string, env: SnippetEnv): Value {
  const now = env.clock.now();
  const zone = env.clock.zone;
  switch (name) {
    case 'now':
      return fromDateTime(now.setZone(zone));
    case 'date':
      return new DateValue(now.toMillis(), zone, 'date');
    case 'time':
      return new DateValue(now.toMillis(), zone, 'time');
    case 'dow':
      return now.setZone(zone).weekday % 7;
    case 'gmt':
      return formatGmt(now.toMillis());
    case 'utc':
      return new DateValue(now.toMillis(), 'UTC');
    case 'timestamp':
      return ticksOf(now.toMillis());
    default:
      return zone;
  }
}

export class RunState {
  /** Variables written by this run (created on the first write: expressions write none). */
  private written: Map<string, Value> | null = null;
  /** Globals written (created on the first write: most runs write none). */
  globals: Map<string, Value> | null = null;
  // Effects, created on first use: most evaluations record none.
  trace: string[] | null = null;
  savedToDb: { name: string; value: Value }[] | null = null;
  http: { method: string; url: string; status: number }[] | null = null;
  /** Variables this run removed (FOREACH iterators); they read as unknown afterwards. */
  removed: Set<string> | null = null;
  /** Locals of the function being executed (null at the snippet's top level). */
  frame: Map<string, Value> | null = null;
  depth = 0;
  iterations = 0;
  /** The statement being executed, for error locations. */
  pos: Pos | undefined;
  returnValue: Value = null;
  readonly maxIterations: number;
  /**
   * Objects and arrays this execution created (copies made by a write) that
   * nothing else refers to yet: a path write changes them in place, so
   * building an object member by member costs amortised constant time. Once
   * a value is stored anywhere else it is shared (share()), and the next
   * write through a path copies it again.
   */
  private owned: WeakSet<object> | null = null;

  constructor(readonly env: SnippetEnv) {
    this.maxIterations = env.limits.maxLoopIterations;
  }

  read(name: string): Value {
    const frame = this.frame;
    if (frame !== null) {
      const l = frame.get(name);
      if (l !== undefined) return l;
    }
    if (this.written !== null) {
      const a = this.written.get(name);
      if (a !== undefined) return a;
    }
    return this.readOuter(name) ?? null;
  }

  /** What the snippet sees of variables it has not written: the environment, and globals written by this run. */
  readOuter(name: string): Value | undefined {
    const outer = this.env.vars.get(name);
    if (this.removed === null && this.globals === null) return outer;
    if (this.removed?.has(name)) return undefined;
    const g = this.globals?.get(name);
    if (g !== undefined) {
      // A local of the frame shadows the global just written.
      if (outer !== undefined && outer !== this.env.vars.getGlobal(name)) return outer;
      return g;
    }
    return outer;
  }

  addTrace(line: string): void {
    (this.trace ??= []).push(line);
  }

  addSaved(name: string, value: Value): void {
    (this.savedToDb ??= []).push({ name, value });
  }

  addHttp(method: string, url: string, status: number): void {
    (this.http ??= []).push({ method, url, status });
  }

  /** The variables this run assigned, in first-assignment order. */
  get assignments(): Map<string, Value> {
    return (this.written ??= new Map());
  }

  readGlobal(name: string): Value {
    const g = this.globals?.get(name);
    if (g !== undefined) return g;
    return this.env.vars.getGlobal(name) ?? null;
  }

  exists(name: string): boolean {
    return (this.written !== null && this.written.has(name)) || this.readOuter(name) !== undefined;
  }

  /** Writes a variable; an object stored here is shared from now on (see `owned`). */
  write(name: string, v: Value): void {
    this.store(name, this.share(v));
  }

  /** A path write's new value for the variable (setIn's result): objects it owns stay owned. */
  writeOwned(name: string, v: Value): void {
    this.store(name, v);
  }

  private store(name: string, v: Value): void {
    this.check(name, v);
    const frame = this.frame;
    if (frame !== null && (frame.has(name) || !this.exists(name))) {
      frame.set(name, v);
      return;
    }
    (this.written ??= new Map()).set(name, v);
    if (this.removed !== null) this.removed.delete(name);
  }

  writeGlobal(name: string, v: Value): void {
    this.writeGlobalOwned(name, this.share(v));
  }

  writeGlobalOwned(name: string, v: Value): void {
    this.check(`global:${name}`, v);
    (this.globals ??= new Map()).set(name, v);
  }

  /** The limits every stored value honours: MaxStringSize for text, the object size limit and nesting depth for objects. */
  private check(name: string, v: Value): void {
    if (typeof v === 'string') {
      if (v.length > this.env.maxStringSize) throw this.tooLong(v);
    } else if (v !== null && typeof v === 'object' && !(v instanceof DateValue)) {
      const m = measure(v);
      const max = this.env.limits.maxObjectBytes;
      if (m.size > max) throw new Fault('E-SNIPPET-OBJECT-SIZE', `${name} would be ${m.size} bytes, over the ${max}-byte object limit (${raiseLimitHint('maxObjectBytes')})`);
      if (m.depth > MAX_NESTING && exactDepth(v) > MAX_NESTING)
        throw new Fault('E-SNIPPET-OBJECT-DEPTH', `${name} would nest objects and arrays more than ${MAX_NESTING} levels deep`);
    }
  }

  /** True when `o` was created by this execution and nothing else refers to it. */
  owns(o: object): boolean {
    return this.owned !== null && this.owned.has(o);
  }

  /** Marks a new object or array as this execution's own. */
  own<T extends object>(o: T): T {
    (this.owned ??= new WeakSet()).add(o);
    return o;
  }

  /** `v` is about to be referred to from a second place: it, and every owned object inside it, is no longer changed in place. */
  share<T extends Value | undefined>(v: T): T {
    const owned = this.owned;
    if (owned === null || v === null || typeof v !== 'object' || !owned.has(v)) return v;
    const stack: object[] = [v];
    while (stack.length > 0) {
      const o = stack.pop()!;
      if (!owned.delete(o)) continue;
      for (const child of Array.isArray(o) ? o : Object.values(o)) if (child !== null && typeof child === 'object' && owned.has(child)) stack.push(child);
    }
    return v;
  }

  /** Removes a variable (the FOREACH iterator after its loop). */
  remove(name: string): void {
    if (this.frame !== null && this.frame.has(name)) {
      this.frame.delete(name);
      return;
    }
    this.written?.delete(name);
    (this.removed ??= new Set()).add(name);
  }

  tooLong(v: string | number): Fault {
    const length = typeof v === 'string' ? v.length : v;
    return new Fault('E-SNIPPET-STRING-SIZE', `Text of ${length} characters exceeds MaxStringSize (${this.env.maxStringSize})`);
  }

  /** Counts one loop iteration against the run's limit. */
  tick(): void {
    if (++this.iterations > this.maxIterations) {
      throw new Fault('E-SNIPPET-LOOP-LIMIT', `Loop iteration limit exceeded (${this.maxIterations} per snippet execution); ${raiseLimitHint('maxLoopIterations')}`);
    }
  }
}

/** An index for `a[i]`: a whole number from 1 to the array limit. */
export function checkIndex(v: Value, r: RunState): number {
  const n = toNumber(v);
  if (!Number.isInteger(n) || n < 1) throw new Fault('E-SNIPPET-INDEX', `Invalid array index (${toText(v)}): indexes are whole numbers starting at 1`);
  const max = r.env.limits.maxArrayElements;
  if (n > max) {
    throw new Fault('E-SNIPPET-ARRAY-BOUNDS', `Array index out of bounds. The current array index (${n}) exceeds the maximum allowed index (${max}). ${raiseLimitHint('maxArrayElements')}`);
  }
  return n;
}
