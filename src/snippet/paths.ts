// Reading and writing through member and index steps (`a.b`, `a[i]`,
// `a[i].b`): text arrays, DDO members and DDO arrays. Writes are
// copy-on-write: values from the environment are frozen run state.
import { countOf, isNumericText, toText } from './convert.js';
import { setMember } from './json.js';
import { jsonTextLength, knownMeasure, measure, remember, type Measure } from './object-size.js';
import { Fault, RunState, checkIndex } from './run-state.js';
import { DateValue, isDdo, type DdoObject, type Value } from '../contract/value.js';
import { raiseLimitHint } from '../contract/limits.js';

/** One resolved step of a path: a member name, or a 1-based index (a text index names a member). */
export type Step = { member: string } | { index: number } | { key: string };

const SIZE_NAMES = new Set(['size', 'count']);

/**
 * `$value`, the read-only property every member has, in any case (`$Value` in
 * production code). **Emulator decision:** member names are case-sensitive
 * (documented), but `$value` is a property of the language, not a member, so
 * its case does not matter; a member really named `$Value` still wins.
 */
const isValueProperty = (name: string): boolean => name.length === 6 && name.toLowerCase() === '$value';

/** `obj.name`: a DDO member (case-sensitive; missing → null), `$value`, `.size`/`.count` of an array, `.length` of text. */
export function readMember(obj: Value, name: string): Value {
  if (isDdo(obj)) {
    const m = Object.prototype.hasOwnProperty.call(obj, name) ? obj[name] : undefined;
    if (m !== undefined) return m;
    if (isValueProperty(name)) return obj;
    return null;
  }
  if (isValueProperty(name)) return obj;
  if (obj instanceof DateValue) return null;
  const lower = name.toLowerCase();
  if (SIZE_NAMES.has(lower)) return countOf(obj);
  // `.length` is the text's length, like length(); for a DDO array, its element count.
  if (lower === 'length') return Array.isArray(obj) ? obj.length : toText(obj).length;
  return null;
}

/** `obj[i]`: an element of a DDO array or text array ("" past the end), or a DDO member by text key. */
export function readIndex(obj: Value, idx: Value, r: RunState): Value {
  if (isDdo(obj) && typeof idx === 'string' && !/^\s*\d+\s*$/.test(idx)) return readMember(obj, idx);
  const i = checkIndex(idx, r);
  if (Array.isArray(obj)) return obj[i - 1] ?? null;
  // A lone object reads as a one-element array (JSON/XML give an object where one element was expected).
  if (isDdo(obj)) return i === 1 ? obj : null;
  if (obj === null) return '';
  const t = toText(obj);
  let start = 0;
  for (let k = 1; k < i; k++) {
    const p = t.indexOf('|', start);
    if (p < 0) return '';
    start = p + 1;
  }
  const end = t.indexOf('|', start);
  return end < 0 ? t.slice(start) : t.slice(start, end);
}

const isEmptyContainer = (v: Value | undefined): boolean => v === null || v === undefined || v === '' || (isDdo(v) && Object.keys(v).length === 0);

/** Takes back one change setIn made in place (when the write is then refused, for instance by the object limit). */
export type Undo = () => void;

const EMPTY: Measure = { size: 2, depth: 1 };

/** Members and elements copied by writes so far (a cost counter the tests read: growth must stay linear). */
export const copied = { members: 0 };

/**
 * Returns `container` with `steps[i…]` set to `v`, creating missing members
 * (objects), array elements (padding with empty objects, or with nulls for a
 * final step) and text-array elements (padding with empty elements).
 * Containers this execution owns (RunState.owns) are changed in place, each
 * change recorded in `undo`; any other is copied first (values from the
 * environment are run state, never changed). Remembered sizes are updated by
 * the difference, so the object limit is checked without re-measuring.
 * `v` must already be shared (RunState.share): stored as it is, it is never
 * one of the containers changed in place.
 */
export function setIn(container: Value | undefined, steps: readonly Step[], i: number, v: Value, r: RunState, what: string, undo: Undo[] = []): Value {
  const step = steps[i]!;
  const last = i === steps.length - 1;
  if ('member' in step || 'key' in step) {
    const name = 'member' in step ? step.member : step.key;
    if (name === '__type') throw new Fault('E-SNIPPET-RESERVED-MEMBER', 'A member may not be named __type');
    let obj: DdoObject;
    let base: Measure | undefined;
    if (isDdo(container)) {
      if (r.owns(container)) {
        obj = container;
        base = knownMeasure(obj);
      } else {
        base = measure(container);
        obj = r.own({ ...container });
        copied.members += Object.keys(obj).length;
      }
    } else if (isEmptyContainer(container)) {
      obj = r.own({});
      base = EMPTY;
    } else throw new Fault('E-SNIPPET-TYPE', `${what} is not a dynamic data object (it holds ${describe(container!)})`);
    const had = Object.prototype.hasOwnProperty.call(obj, name);
    const old = had ? obj[name] : undefined;
    const oldSize = base && had ? measure(old).size : 0;
    if (obj === container) {
      const before = base;
      undo.push(() => {
        if (had) setMember(obj, name, old!);
        else delete obj[name];
        remember(obj, before);
      });
    }
    const child = last ? v : setIn(old, steps, i + 1, v, r, `${what}.${name}`, undo);
    setMember(obj, name, child);
    if (base) {
      const c = measure(child);
      const size = had ? base.size - oldSize + c.size : base.size + (base.size > 2 ? 1 : 0) + jsonTextLength(name) + 1 + c.size;
      remember(obj, { size, depth: Math.max(base.depth, c.depth + 1) });
    } else remember(obj, undefined);
    return obj;
  }
  const k = step.index;
  // Inside an object, a missing member indexed becomes an array; a top-level variable becomes a text array.
  const missingMember = i > 0 && (container === null || container === undefined);
  if (Array.isArray(container) || (isEmptyContainer(container) && (!last || isDdo(v) || Array.isArray(v) || isDdo(container) || missingMember))) {
    // Every element takes at least a byte of the object's 32 KB.
    if (k - 1 > r.env.limits.maxObjectBytes && k > (Array.isArray(container) ? container.length : 0) + 1) {
      throw new Fault('E-SNIPPET-OBJECT-SIZE', `${what}[${k}] would make the object larger than its ${r.env.limits.maxObjectBytes}-byte limit (${raiseLimitHint('maxObjectBytes')})`);
    }
    let arr: Value[];
    let base: Measure | undefined;
    if (Array.isArray(container) && r.owns(container)) {
      arr = container;
      base = knownMeasure(arr);
    } else if (Array.isArray(container)) {
      base = measure(container);
      arr = r.own(container.slice());
      copied.members += arr.length;
    } else {
      arr = r.own([]);
      base = EMPTY;
    }
    const length = arr.length;
    const had = k <= length;
    const old = had ? arr[k - 1] : undefined;
    const oldSize = base && had ? measure(old).size : 0;
    if (arr === container) {
      const before = base;
      undo.push(() => {
        arr.length = length;
        if (had) arr[k - 1] = old!;
        remember(arr, before);
      });
    }
    const nextIsMember = !last && !('index' in steps[i + 1]!);
    while (arr.length < k - 1) arr.push(nextIsMember ? r.own({}) : null);
    const child = last ? v : setIn(arr[k - 1] ?? (nextIsMember ? {} : null), steps, i + 1, v, r, `${what}[${k}]`, undo);
    arr[k - 1] = child;
    if (base) {
      const c = measure(child);
      let size: number;
      let depth = Math.max(base.depth, c.depth + 1);
      if (had) size = base.size - oldSize + c.size;
      else {
        const pads = k - 1 - length;
        // The new elements (pads and the child) and one comma each, but no comma before the first element of an empty array.
        size = base.size + pads * (nextIsMember ? 2 : 4) + c.size + (length > 0 ? pads + 1 : pads);
        if (pads > 0 && nextIsMember) depth = Math.max(depth, 2);
      }
      remember(arr, { size, depth });
    } else remember(arr, undefined);
    return arr;
  }
  if (isDdo(container)) {
    if (k === 1) return last ? v : setIn(container, steps, i + 1, v, r, what, undo);
    throw new Fault('E-SNIPPET-TYPE', `${what} is an object, not an array: only [1] refers to it`);
  }
  if (!last) throw new Fault('E-SNIPPET-TYPE', `${what} is text; its elements have no members`);
  return setTextElement(container === null || container === undefined ? '' : toText(container), k, toText(v), r);
}

/**
 * A text array (`a|b|c`) with element `k` (1-based) set, padded with empty
 * elements when it has fewer: one scan to the element, no split and join.
 */
function setTextElement(text: string, k: number, value: string, r: RunState): string {
  if (k - 1 > r.env.maxStringSize) throw r.tooLong(k - 1);
  if (text === '') return '|'.repeat(k - 1) + value;
  let start = 0;
  let at = 1;
  while (at < k) {
    const bar = text.indexOf('|', start);
    if (bar < 0) break;
    start = bar + 1;
    at++;
  }
  // Fewer elements than k: `at` elements, so k - at more (empty ones, then the value).
  if (at < k) return text + '|'.repeat(k - at) + value;
  const end = text.indexOf('|', start);
  return text.slice(0, start) + value + (end < 0 ? '' : text.slice(end));
}

function describe(v: Value): string {
  if (typeof v === 'string') return 'text';
  if (typeof v === 'number') return 'a number';
  if (typeof v === 'boolean') return 'a boolean';
  if (v instanceof DateValue) return 'a date';
  if (Array.isArray(v)) return 'an array';
  return 'a value';
}

/** Builds the step of `[idx]`: a whole-number index, or a member name when the index is non-numeric text. */
export function indexStep(idx: Value, r: RunState): Step {
  if (typeof idx === 'string' && idx.trim() !== '' && !isNumericText(idx, false)) return { key: idx };
  return { index: checkIndex(idx, r) };
}
