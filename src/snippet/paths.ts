// Reading and writing through member and index steps (`a.b`, `a[i]`,
// `a[i].b`): text arrays, DDO members and DDO arrays. Writes are
// copy-on-write: values from the environment are frozen run state.
import { countOf, toText } from './convert.js';
import { setMember } from './json.js';
import { Fault, RunState, checkIndex } from './run-state.js';
import { DateValue, isDdo, type DdoObject, type Value } from '../contract/value.js';

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

/**
 * Returns `container` with `steps[i…]` set to `v`, copying every object and
 * array on the way and creating missing members (objects), array elements
 * (padding with empty objects, or with nulls for a final step) and text-array
 * elements (padding with empty elements).
 */
export function setIn(container: Value | undefined, steps: readonly Step[], i: number, v: Value, r: RunState, what: string): Value {
  const step = steps[i]!;
  const last = i === steps.length - 1;
  if ('member' in step || 'key' in step) {
    const name = 'member' in step ? step.member : step.key;
    if (name === '__type') throw new Fault('E-SNIPPET-RESERVED-MEMBER', 'A member may not be named __type');
    let obj: DdoObject;
    if (isDdo(container)) obj = { ...container };
    else if (isEmptyContainer(container)) obj = {};
    else throw new Fault('E-SNIPPET-TYPE', `${what} is not a dynamic data object (it holds ${describe(container!)})`);
    const own = Object.prototype.hasOwnProperty.call(obj, name) ? obj[name] : undefined;
    setMember(obj, name, last ? v : setIn(own, steps, i + 1, v, r, `${what}.${name}`));
    return obj;
  }
  const k = step.index;
  // Inside an object, a missing member indexed becomes an array; a top-level variable becomes a text array.
  const missingMember = i > 0 && (container === null || container === undefined);
  if (Array.isArray(container) || (isEmptyContainer(container) && (!last || isDdo(v) || Array.isArray(v) || isDdo(container) || missingMember))) {
    const arr = Array.isArray(container) ? container.slice() : [];
    // Every element takes at least a byte of the object's 32 KB.
    if (k > arr.length + 1 && k - 1 > r.env.limits.maxObjectBytes) {
      throw new Fault('E-SNIPPET-OBJECT-SIZE', `${what}[${k}] would make the object larger than its ${r.env.limits.maxObjectBytes}-byte limit`);
    }
    const nextIsMember = !last && !('index' in steps[i + 1]!);
    while (arr.length < k - 1) arr.push(nextIsMember ? {} : null);
    arr[k - 1] = last ? v : setIn(arr[k - 1] ?? (nextIsMember ? {} : null), steps, i + 1, v, r, `${what}[${k}]`);
    return arr;
  }
  if (isDdo(container)) {
    if (k === 1) return last ? v : setIn(container, steps, i + 1, v, r, what);
    throw new Fault('E-SNIPPET-TYPE', `${what} is an object, not an array: only [1] refers to it`);
  }
  if (!last) throw new Fault('E-SNIPPET-TYPE', `${what} is text; its elements have no members`);
  // A text array: pad with empty elements up to k.
  const text = container === null || container === undefined ? '' : toText(container);
  const parts = text === '' ? [] : text.split('|');
  if (k - 1 > r.env.maxStringSize) throw r.tooLong(k - 1);
  while (parts.length < k) parts.push('');
  parts[k - 1] = toText(v);
  return parts.join('|');
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
  if (typeof idx === 'string' && idx.trim() !== '' && !/^\s*[+-]?(\d+\.?\d*|\.\d+)\s*$/.test(idx)) return { key: idx };
  return { index: checkIndex(idx, r) };
}
