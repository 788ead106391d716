// Trace events as JSON lines (`run --trace-json`): exactly the text
// JSON.stringify gives for the event, made faster for long runs. The events of
// one action (or one variable) have the same members each time, and most of
// their values repeat too: contact, type, script, label, action type, caption,
// the literal props, an empty outputs map. Each (type, label) keeps a shape:
// its members in order, with the props/outputs/vars maps flattened into it, and
// which values have been seen to change. The unchanged runs of it are kept as
// text, so an event costs a walk comparing its members with the shape and the
// serialisation of the few values that change. An event that does not fit its
// shape (another member, another order, a value that changed for the first
// time) is written by JSON.stringify and teaches the shape. The line goes
// straight into the output's bytes: a shape's fixed texts are encoded once, only
// the changing values are encoded per event, and no line string is built.
// The events of actions and variables do not come here when they come as
// records (trace-json-writer.ts).
import type { TraceEvent } from './result.js';
import { LineBytes } from './line-bytes.js';

/** How many labels (and variable names) keep shapes; past it, events are written by JSON.stringify. */
const MAX_CACHED = 4096;
/** How many event types of one label keep a shape. */
const MAX_TYPES = 32;
/** Events with more members (maps flattened) than this are not worth a shape. */
const MAX_SLOTS = 256;

/** A member whose value is written as it is (a scalar, or an array or object too deep to flatten). */
const VALUE = 0;
/** A member whose value is a plain object: its members follow as slots, up to CLOSE. */
const OPEN = 1;
const CLOSE = 2;

type Members = Record<string, unknown>;

/** The members of the events of one type and label, in order, and the bytes of what does not change. */
interface Shape {
  readonly kinds: readonly number[];
  readonly keys: readonly string[];
  /** The value of each VALUE slot when the shape was made (what a fixed slot must still hold). */
  readonly values: readonly unknown[];
  /** VALUE slots whose value changes: written for each event. Objects and arrays always are. */
  readonly varying: boolean[];
  /** For a varying slot: the fixed text since the previous varying slot, then with this member's `,"name":`. */
  before: Buffer[];
  beforeKey: Buffer[];
  /** A varying slot that may be the first member of its object: when it is left out, the commas after it move. */
  first: boolean[];
  /** The fixed text after the last varying slot, closing brace included. */
  tail: Buffer;
  /** The first varying slot, whose fixed text is kept with the line's opening (`{"time":…`) for the time `headFor`. */
  firstVarying: number;
  headFor: Buffer | undefined;
  headKey: Buffer;
  headBefore: Buffer;
  /** No slot varies: `line` is the whole line of events whose time opens with `lineHead`. */
  fixed: boolean;
  lineHead: Buffer | undefined;
  line: Buffer | undefined;
  hits: number;
  misses: number;
}

/** A shape for a key whose events keep changing their members: JSON.stringify serves them better. */
const PLAIN = 'plain';
type Known = Shape | typeof PLAIN;

/** The last event time and the bytes that open an event with it. */
interface Time {
  value: unknown;
  head: Buffer;
}

const EMPTY = Buffer.alloc(0);

/**
 * Returns a function writing each event as one line of `out`: exactly the
 * text JSON.stringify(event) gives, UTF-8 encoded, then a line break.
 */
export function traceJsonTo(out: LineBytes): (event: TraceEvent) => void {
  // Per label (or variable name): its event types and their shapes, [type, shape, type, shape…]. A label has few types.
  const shapes = new Map<string, (string | Known)[]>();
  const time: Time = { value: undefined, head: Buffer.alloc(0) };
  return (event) => {
    const e = event as unknown as Members;
    const type = event.type;
    const label = typeof e.label === 'string' ? e.label : typeof e.name === 'string' ? e.name : '';
    const types = shapes.get(label);
    let at = -1;
    if (types !== undefined)
      for (let j = 0; j < types.length; j += 2)
        if (types[j] === type) {
          at = j + 1;
          break;
        }
    const shape = at < 0 ? undefined : (types![at] as Known);
    if (shape !== undefined && shape !== PLAIN) {
      if (write(shape, e, time, out)) return out.end();
      out.drop();
    }
    const text = JSON.stringify(e);
    // An event whose toJSON gives nothing is an empty line, as it always was.
    if (text !== undefined) out.text(text);
    out.end();
    if (shape === PLAIN || !startsWithTime(e)) return;
    if (shape !== undefined) types![at] = relearn(shape, e);
    else if (typeof type !== 'string') return;
    else if (types !== undefined) {
      if (types.length < MAX_TYPES * 2) types.push(type, learn(e, 0));
    } else if (shapes.size < MAX_CACHED) shapes.set(label, [type, learn(e, 0)]);
  };
}

/** Returns a function giving each event's JSON text (without a line break), identical to JSON.stringify(event). */
export function traceJson(): (event: TraceEvent) => string {
  let line = '';
  const out = new LineBytes((buf, length) => {
    line = buf.toString('utf8', 0, length - 1);
  });
  const write = traceJsonTo(out);
  return (event) => {
    write(event);
    out.flush();
    return line;
  };
}

/** Events open with their time, a string; any other event is left to JSON.stringify. */
function startsWithTime(e: Members): boolean {
  for (const k in e) return k === 'time' && typeof e[k] === 'string';
  return false;
}

/**
 * Writes the event from its shape; false when the event does not fit it (what
 * was written of the line is then dropped). Walks the members in
 * JSON.stringify's order (for…in gives own members in the same order),
 * comparing each with its slot.
 */
function write(shape: Shape, e: Members, time: Time, out: LineBytes): boolean {
  const { kinds, keys } = shape;
  const n = kinds.length;
  let started = false;
  let i = 0;
  for (const k in e) {
    const v = e[k];
    if (!started) {
      // Every event opens with its time, which changes less often than anything else.
      if (k !== 'time' || typeof v !== 'string') return false;
      if (v !== time.value) time.head = Buffer.from(`{"time":${JSON.stringify((time.value = v))}`);
      // The opening is written with the first varying slot's text.
      if (!shape.fixed && shape.headFor !== time.head) {
        shape.headKey = Buffer.concat([time.head, shape.beforeKey[shape.firstVarying]!]);
        shape.headBefore = Buffer.concat([time.head, shape.before[shape.firstVarying]!]);
        shape.headFor = time.head;
      }
      started = true;
      continue;
    }
    if (i >= n || keys[i] !== k) return false;
    if (kinds[i] === OPEN) {
      if (!isPlainObject(v)) return false;
      i++;
      for (const k2 in v) {
        if (kinds[i] !== VALUE || keys[i] !== k2) return false;
        if (!writeSlot(shape, i++, v[k2], out)) return false;
      }
      if (kinds[i] !== CLOSE) return false;
      i++;
    } else if (kinds[i] !== VALUE) return false;
    else if (!writeSlot(shape, i++, v, out)) return false;
  }
  if (i !== n || !started) return false;
  shape.hits++;
  if (!shape.fixed) out.bytes(shape.tail);
  else {
    // Nothing varies: the whole line is the same while the time is.
    if (shape.lineHead !== time.head) shape.line = Buffer.concat([(shape.lineHead = time.head), shape.tail]);
    out.bytes(shape.line!);
  }
  return true;
}

/** Writes what slot `i` adds for value `v`: nothing for a fixed slot that still holds its value; false when `v` does not fit. */
function writeSlot(shape: Shape, i: number, v: unknown, out: LineBytes): boolean {
  if (!shape.varying[i]) return v === shape.values[i];
  // A varying slot: the fixed text since the one before, then the member.
  switch (typeof v) {
    case 'string':
    case 'number':
    case 'boolean':
      break;
    case 'undefined':
    case 'function':
    case 'symbol':
      return leftOut(shape, i, out);
    default: {
      if (v === null) break;
      // An object or array (or a value with toJSON, which may give nothing at all).
      const json = JSON.stringify(v) as string | undefined;
      if (json === undefined) return leftOut(shape, i, out);
      out.bytes(beforeValue(shape, i));
      out.text(json);
      return true;
    }
  }
  out.bytes(beforeValue(shape, i));
  out.scalar(v as string | number | boolean | null);
  return true;
}

/** The fixed text before varying slot `i`, up to its value (the first one's with the line's opening). */
function beforeValue(shape: Shape, i: number): Buffer {
  return i === shape.firstVarying ? shape.headKey : shape.beforeKey[i]!;
}

/** A varying member JSON.stringify leaves out; when it could be the first of its object, the next one's comma would be wrong. */
function leftOut(shape: Shape, i: number, out: LineBytes): boolean {
  if (shape.first[i]) return false;
  out.bytes(i === shape.firstVarying ? shape.headBefore : shape.before[i]!);
  return true;
}

/**
 * The event did not fit its shape: a fixed value that changed makes that slot
 * varying; other members or order, a new shape (or PLAIN for a label whose
 * events keep changing their members). Returns what the label keeps now.
 */
function relearn(shape: Shape, e: Members): Known {
  const changed = changedSlots(shape, e);
  if (changed !== undefined) {
    // Same members: only values that were fixed so far changed.
    for (const i of changed) shape.varying[i] = true;
    if (changed.length > 0) plan(shape);
    return shape;
  }
  shape.misses++;
  if (givesUp(shape.misses, shape.hits)) return PLAIN;
  return learn(e, shape.misses, shape.hits);
}

/** The fixed slots whose values differ in `e`, when `e` has the shape's members in its order; undefined otherwise. */
function changedSlots(shape: Shape, e: Members): number[] | undefined {
  const { kinds, keys, values, varying } = shape;
  const changed: number[] = [];
  const value = (i: number, v: unknown): void => {
    if (!varying[i] && v !== values[i]) changed.push(i);
  };
  let i = 0;
  let started = false;
  for (const k in e) {
    if (!started) {
      started = true;
      continue;
    }
    if (i >= kinds.length || keys[i] !== k) return undefined;
    const v = e[k];
    if (kinds[i] === OPEN) {
      if (!isPlainObject(v)) return undefined;
      i++;
      for (const k2 in v) {
        if (kinds[i] !== VALUE || keys[i] !== k2) return undefined;
        value(i++, v[k2]);
      }
      if (kinds[i++] !== CLOSE) return undefined;
    } else if (kinds[i] !== VALUE) return undefined;
    else value(i++, v);
  }
  // Nothing changed: a varying slot was left out where it decides the commas; JSON.stringify serves this event.
  return i === kinds.length ? changed : undefined;
}

/** True when a kept shape (or plan) failed too often for what it saves: its events are better written plainly. */
export function givesUp(misses: number, hits: number): boolean {
  return misses > 16 && misses * 8 > hits;
}

/** Makes the shape of `e` (its members after `time`), every scalar fixed to its value; PLAIN when it has too many. */
function learn(e: Members, misses: number, hits = 0): Known {
  const kinds: number[] = [];
  const keys: string[] = [];
  const values: unknown[] = [];
  const varying: boolean[] = [];
  const slot = (kind: number, k: string, v: unknown): void => {
    kinds.push(kind);
    keys.push(k);
    values.push(v);
    // Objects and arrays may change inside while staying the same object: never fixed.
    varying.push(kind === VALUE && v !== null && (typeof v === 'object' || typeof v === 'function'));
  };
  let started = false;
  for (const k in e) {
    if (!started) {
      started = true;
      continue;
    }
    const v = e[k];
    if (isPlainObject(v)) {
      slot(OPEN, k, undefined);
      for (const k2 in v) slot(VALUE, k2, v[k2]);
      slot(CLOSE, '', undefined);
    } else slot(VALUE, k, v);
    if (kinds.length > MAX_SLOTS) return PLAIN;
  }
  const n = kinds.length;
  const shape: Shape = {
    kinds,
    keys,
    values,
    varying,
    before: new Array<Buffer>(n),
    beforeKey: new Array<Buffer>(n),
    first: new Array<boolean>(n),
    tail: Buffer.alloc(0),
    firstVarying: -1,
    headFor: undefined,
    headKey: EMPTY,
    headBefore: EMPTY,
    fixed: true,
    lineHead: undefined,
    line: undefined,
    hits,
    misses,
  };
  plan(shape);
  return shape;
}

/** Computes the fixed texts around the varying slots. */
function plan(shape: Shape): void {
  const { kinds, keys, values, varying } = shape;
  let fixed = '';
  // Whether a member of the current object is written before this point (the event's own object always has `time`).
  let written = true;
  for (let i = 0; i < kinds.length; i++) {
    const kind = kinds[i];
    const comma = written ? ',' : '';
    if (kind === OPEN) {
      fixed += `${comma}${JSON.stringify(keys[i])}:{`;
      written = false;
    } else if (kind === CLOSE) {
      fixed += '}';
      written = true; // the map's own member
    } else if (varying[i]) {
      shape.before[i] = Buffer.from(fixed);
      shape.beforeKey[i] = Buffer.from(`${fixed}${comma}${JSON.stringify(keys[i])}:`);
      shape.first[i] = !written;
      fixed = '';
      written = true;
    } else {
      const json = jsonOf(values[i]);
      if (json !== undefined) {
        fixed += `${comma}${JSON.stringify(keys[i])}:${json}`;
        written = true;
      }
    }
  }
  shape.tail = Buffer.from(`${fixed}}`);
  shape.firstVarying = varying.indexOf(true);
  shape.fixed = shape.firstVarying < 0;
  shape.headFor = undefined;
  shape.lineHead = undefined;
}

/** JSON.stringify of a member's value; undefined when it leaves the member out. */
function jsonOf(v: unknown): string | undefined {
  switch (typeof v) {
    case 'string':
      return JSON.stringify(v);
    case 'number':
      return Number.isFinite(v) ? `${v}` : 'null';
    case 'boolean':
      return v ? 'true' : 'false';
    case 'undefined':
    case 'function':
    case 'symbol':
      return undefined;
    default:
      return v === null ? 'null' : JSON.stringify(v);
  }
}

/** A map JSON.stringify writes member by member: no array, no other prototype, no toJSON. */
function isPlainObject(v: unknown): v is Members {
  if (typeof v !== 'object' || v === null) return false;
  const proto = Object.getPrototypeOf(v) as unknown;
  return (proto === Object.prototype || proto === null) && !Array.isArray(v) && typeof (v as Members).toJSON !== 'function';
}
