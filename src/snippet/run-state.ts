// The state of one snippet (or expression) execution: variable writes made so
// far, globals, TRACE lines, effects, the current function frame and the loop
// counter. Errors are thrown as Fault; BREAK and RETURN never throw.
import type { SnippetEnv } from '../contract/snippet.js';
import type { Pos } from './ast.js';
import { toNumber, toText } from './convert.js';
import { formatGmt, fromDateTime, ticksOf } from './dates.js';
import { DateValue, type Value } from '../contract/value.js';

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

  write(name: string, v: Value): void {
    if (typeof v === 'string' && v.length > this.env.maxStringSize) throw this.tooLong(v);
    const frame = this.frame;
    if (frame !== null && (frame.has(name) || !this.exists(name))) {
      frame.set(name, v);
      return;
    }
    (this.written ??= new Map()).set(name, v);
    if (this.removed !== null) this.removed.delete(name);
  }

  writeGlobal(name: string, v: Value): void {
    if (typeof v === 'string' && v.length > this.env.maxStringSize) throw this.tooLong(v);
    (this.globals ??= new Map()).set(name, v);
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
      throw new Fault('E-SNIPPET-LOOP-LIMIT', `Loop iteration limit exceeded (${this.maxIterations} per snippet execution)`);
    }
  }
}

/** An index for `a[i]`: a whole number from 1 to the array limit. */
export function checkIndex(v: Value, r: RunState): number {
  const n = toNumber(v);
  if (!Number.isInteger(n) || n < 1) throw new Fault('E-SNIPPET-INDEX', `Invalid array index (${toText(v)}): indexes are whole numbers starting at 1`);
  const max = r.env.limits.maxArrayElements;
  if (n > max) {
    throw new Fault('E-SNIPPET-ARRAY-BOUNDS', `Array index out of bounds. The current array index (${n}) exceeds the maximum allowed index (${max})`);
  }
  return n;
}
