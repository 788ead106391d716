// JSON text read the fast way, with positions on demand: JSON.parse gives the
// data (a tenant of 24,000 leads in tens of milliseconds, where a YAML reader
// takes seconds), and the text is scanned only for what JSON.parse does not
// say: where a syntax error is, which key repeats, and where a path's value
// sits when a diagnostic needs it (each container scanned once, on first use).
// Every scan is a loop, never recursion, so deep nesting cannot overflow.

/** A value's place in the text: [start, end) of the value, and of its key when it is an object member. */
export interface JsonRange {
  start: number;
  end: number;
  keyStart?: number;
  keyEnd?: number;
}

const WS = new Set([32, 9, 10, 13]);
const LITERAL = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null/y;

function skipWs(text: string, i: number): number {
  while (i < text.length && WS.has(text.charCodeAt(i))) i++;
  return i;
}

const ESCAPE = /\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4})/y;

/** Index just past the string starting at `i` (a `"`), or -1 when it never closes, holds a raw control character or a bad escape. */
function skipString(text: string, i: number): number {
  for (let k = i + 1; k < text.length; k++) {
    const c = text.charCodeAt(k);
    if (c === 34) return k + 1;
    if (c === 92) {
      ESCAPE.lastIndex = k;
      if (!ESCAPE.test(text)) return -1;
      k = ESCAPE.lastIndex - 1;
    } else if (c < 32) return -1;
  }
  return -1;
}

/** Index just past the value starting at `i` (already past white space), or -1 when it is not well formed. */
function skipValue(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c === 34) return skipString(text, i);
  if (c === 123 || c === 91) {
    let depth = 0;
    for (let k = i; k < text.length; k++) {
      const d = text.charCodeAt(k);
      if (d === 34) {
        k = skipString(text, k) - 1;
        if (k < 0) return -1;
      } else if (d === 123 || d === 91) depth++;
      else if (d === 125 || d === 93) if (--depth === 0) return k + 1;
    }
    return -1;
  }
  LITERAL.lastIndex = i;
  return LITERAL.test(text) ? LITERAL.lastIndex : -1;
}

function keyOf(text: string, start: number, end: number): string {
  const raw = text.slice(start + 1, end - 1);
  return raw.includes('\\') ? (JSON.parse(text.slice(start, end)) as string) : raw;
}

/**
 * The first problem a strict JSON reader finds: the offset of the first
 * character it rejects (`kind: 'syntax'`), or (unless `duplicates` is false)
 * of the first object key that repeats within its object (`kind: 'duplicate'`,
 * with the key); null when there is none. A text that is not JSON at all gets
 * its syntax error even after a repeated key: that is what JSON.parse says.
 */
export function jsonProblem(text: string, duplicates = true): { offset: number; kind: 'syntax' } | Duplicate | null {
  // One frame per open container: its kind and, for objects, the keys seen.
  const stack: { object: boolean; keys: Set<string> | null }[] = [];
  let i = skipWs(text, 0);
  let expectValue = true;
  const bad = (at: number) => ({ offset: Math.min(at, Math.max(0, text.length - 1)), kind: 'syntax' as const });
  let repeated: Duplicate | null = null;
  const repeat = (dup: Duplicate): void => void (repeated ??= dup);
  for (;;) {
    if (expectValue) {
      const c = text.charCodeAt(i);
      if (c === 123 || c === 91) {
        const object = c === 123;
        i = skipWs(text, i + 1);
        if (text.charCodeAt(i) === (object ? 125 : 93)) {
          i = skipWs(text, i + 1);
          expectValue = false;
        } else {
          stack.push({ object, keys: object && duplicates ? new Set() : null });
          if (object) {
            const key = readKey(text, i, stack[stack.length - 1]!.keys, repeat);
            if (key < 0) return bad(~key);
            i = key;
          }
        }
        continue;
      }
      const end = skipValue(text, i);
      if (end < 0) return bad(i);
      i = skipWs(text, end);
      expectValue = false;
      continue;
    }
    const top = stack[stack.length - 1];
    if (!top) return i < text.length ? bad(i) : repeated;
    const c = text.charCodeAt(i);
    if (c === 44) {
      i = skipWs(text, i + 1);
      if (top.object) {
        const key = readKey(text, i, top.keys, repeat);
        if (key < 0) return bad(~key);
        i = key;
      }
      expectValue = true;
    } else if (c === (top.object ? 125 : 93)) {
      stack.pop();
      i = skipWs(text, i + 1);
    } else return bad(i);
  }
}

type Duplicate = { offset: number; length: number; kind: 'duplicate'; key: string };

/** Reads `"key":` at `i`: the index of the value after it, or `~offset` of the character rejected; a repeated key goes to `repeated`. */
function readKey(text: string, i: number, keys: Set<string> | null, repeated: (dup: Duplicate) => void): number {
  if (text.charCodeAt(i) !== 34) return ~i;
  const end = skipString(text, i);
  if (end < 0) return ~i;
  if (keys) {
    const key = keyOf(text, i, end);
    if (keys.has(key)) repeated({ offset: i, length: end - i, kind: 'duplicate', key });
    else keys.add(key);
  }
  const colon = skipWs(text, end);
  if (text.charCodeAt(colon) !== 58) return ~colon;
  return skipWs(text, colon + 1);
}

/** Finds where paths of a well-formed JSON text sit; each container is scanned the first time a path goes through it. */
export class JsonLocator {
  private readonly members = new Map<number, Map<string | number, JsonRange>>();

  constructor(private readonly text: string) {}

  /** The range of the value at `path`, or of the deepest part of the path that exists. */
  locate(path: readonly (string | number)[]): { range: JsonRange; found: boolean } {
    const start = skipWs(this.text, 0);
    let range: JsonRange = { start, end: Math.max(start + 1, skipValue(this.text, start)) };
    for (const seg of path) {
      const child = this.children(range.start).get(typeof seg === 'number' && this.text.charCodeAt(range.start) === 123 ? String(seg) : seg);
      if (!child) return { range, found: false };
      range = child;
    }
    return { range, found: true };
  }

  private children(start: number): Map<string | number, JsonRange> {
    let out = this.members.get(start);
    if (out) return out;
    out = new Map();
    this.members.set(start, out);
    const text = this.text;
    const open = text.charCodeAt(start);
    if (open !== 123 && open !== 91) return out;
    const object = open === 123;
    let i = skipWs(text, start + 1);
    for (let index = 0; i < text.length && text.charCodeAt(i) !== (object ? 125 : 93); index++) {
      let keyStart: number | undefined;
      let keyEnd: number | undefined;
      if (object) {
        keyStart = i;
        keyEnd = skipString(text, i);
        if (keyEnd < 0) break;
        i = skipWs(text, skipWs(text, keyEnd) + 1);
      }
      const end = skipValue(text, i);
      if (end < 0) break;
      const range: JsonRange = object ? { start: i, end, keyStart: keyStart!, keyEnd: keyEnd! } : { start: i, end };
      out.set(object ? keyOf(text, keyStart!, keyEnd!) : index, range);
      i = skipWs(text, end);
      if (text.charCodeAt(i) === 44) i = skipWs(text, i + 1);
    }
    return out;
  }
}
