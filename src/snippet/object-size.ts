// The size and nesting depth of dynamic data objects, as Studio's object
// limit counts them: characters of the object's compact JSON (asjson()),
// objects and arrays nested inside it. Measures are kept per object, and a
// snippet write updates them by the difference it makes, so checking the
// limit on every write costs O(path depth), not O(object size).
import { DateValue, type Value } from '../contract/value.js';
import { formatDate } from './dates.js';

export interface Measure {
  /** Characters of compact JSON. */
  readonly size: number;
  /** Levels of objects and arrays (0 for text, numbers, dates, null). */
  readonly depth: number;
}

const known = new WeakMap<object, Measure>();
const SCALAR: Measure = { size: 4, depth: 0 };

/** The measure of any value; objects are measured once and remembered. */
export function measure(v: Value | undefined): Measure {
  if (v === null || v === undefined) return SCALAR;
  if (typeof v === 'string') return { size: jsonTextLength(v), depth: 0 };
  if (typeof v === 'number') return { size: Number.isFinite(v) ? String(v).length : 4, depth: 0 };
  if (typeof v === 'boolean') return { size: v ? 4 : 5, depth: 0 };
  if (v instanceof DateValue) return { size: jsonTextLength(formatDate(v)), depth: 0 };
  const cached = known.get(v);
  if (cached) return cached;
  let size = 2;
  let depth = 0;
  let n = 0;
  if (Array.isArray(v)) {
    for (const e of v) {
      const m = measure(e);
      size += m.size + (n++ > 0 ? 1 : 0);
      if (m.depth > depth) depth = m.depth;
    }
  } else {
    for (const k of Object.keys(v)) {
      const m = measure(v[k]);
      size += jsonTextLength(k) + 1 + m.size + (n++ > 0 ? 1 : 0);
      if (m.depth > depth) depth = m.depth;
    }
  }
  const result = { size, depth: depth + 1 };
  known.set(v, result);
  return result;
}

/** The measure of an object or array whose cached measure is known, or undefined. */
export const knownMeasure = (o: object): Measure | undefined => known.get(o);

/** Replaces the remembered measure of `o` (after a change made in place), or forgets it. */
export function remember(o: object, m: Measure | undefined): void {
  if (m) known.set(o, m);
  else known.delete(o);
}

/** Characters of `s` as a JSON string: quotes, and escapes for quotes, backslashes and control characters. */
export function jsonTextLength(s: string): number {
  let n = s.length + 2;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 34 || c === 92 || c === 8 || c === 9 || c === 10 || c === 12 || c === 13) n++;
    else if (c < 32) n += 5;
  }
  return n;
}

/** The exact nesting depth of `v` (a remembered depth may be an upper bound after members were replaced in place). */
export function exactDepth(v: Value): number {
  let max = 0;
  const stack: [Value, number][] = [[v, 0]];
  while (stack.length > 0) {
    const [x, d] = stack.pop()!;
    if (x === null || typeof x !== 'object' || x instanceof DateValue) continue;
    if (d + 1 > max) max = d + 1;
    for (const e of Array.isArray(x) ? x : Object.values(x)) stack.push([e, d + 1]);
  }
  return max;
}
