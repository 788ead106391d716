// A fast reader for the YAML that test and tenant files are made of: block
// mappings and lists, one-line flow collections, plain and one-line quoted
// scalars, comments. It builds plain values and their ranges in one pass,
// with no syntax tree, where the `yaml` package spends most of a large file's
// reading time. It gives up (undefined) on anything else and on anything
// doubtful (aliases, tags, block scalars, multi-line scalars or flow
// collections, duplicate keys, tabs, document markers, deep nesting), and the
// caller then reads the text with the `yaml` package, so every error message
// comes from there. What it does read, it reads as `yaml` does with the core
// schema (the same values and ranges: test/tenant/yaml-subset.test.ts compares them).
import type { LocatedMap, LocatedNode, LocatedPair, LocatedScalar, LocatedSeq } from './yaml-located.js';

export interface SubsetRead {
  data: unknown;
  root: LocatedNode | undefined;
}

/** Deeper than this, the `yaml` package reads the text (and applies the nesting limit with its messages). */
const MAX_DEPTH = 40;
/** `yaml` refuses implicit keys longer than 1024 characters; leave long keys to it. */
const MAX_KEY = 1000;

const NL = 10;
const SPACE = 32;
const HASH = 35;
const DASH = 45;
const COLON = 58;
const DQUOTE = 34;
const SQUOTE = 39;
const BACKSLASH = 92;
const COMMA = 44;
const LBRACKET = 91;
const RBRACKET = 93;
const LBRACE = 123;
const RBRACE = 125;

class GiveUp {}
const GIVE_UP = new GiveUp();
function giveUp(): never {
  throw GIVE_UP;
}

/** Tabs, carriage returns, control characters and a byte-order mark: the `yaml` package's rules apply. */
const UNUSUAL = /[\x00-\x09\x0b-\x1f\x7f\ufeff]/;

/** The document's data and ranges, or undefined when the text is outside the subset. */
export function readYamlSubset(text: string): SubsetRead | undefined {
  if (UNUSUAL.test(text)) return undefined;
  try {
    return new Reader(text).document();
  } catch (err) {
    if (err === GIVE_UP) return undefined;
    throw err;
  }
}

interface Read {
  node: LocatedNode;
  value: unknown;
}

/** Characters that cannot start a plain scalar (or that start one only in ways left to `yaml`). */
function plainStartOk(code: number): boolean {
  switch (code) {
    case DASH: case 63 /* ? */: case COLON: case COMMA: case LBRACKET: case RBRACKET: case LBRACE: case RBRACE:
    case HASH: case 38 /* & */: case 42 /* * */: case 33 /* ! */: case 124 /* | */: case 62 /* > */:
    case SQUOTE: case DQUOTE: case 37 /* % */: case 64 /* @ */: case 96 /* ` */: case SPACE: case NL:
      return false;
    default:
      return !Number.isNaN(code);
  }
}

function isFlowIndicator(code: number): boolean {
  return code === COMMA || code === LBRACKET || code === RBRACKET || code === LBRACE || code === RBRACE;
}

class Reader {
  private readonly n: number;

  constructor(private readonly text: string) {
    this.n = text.length;
  }

  document(): SubsetRead {
    const first = this.nextContent(0);
    if (first >= this.n) return { data: null, root: undefined };
    const indent = this.indentAt(first);
    const start = first + indent;
    let read: Read;
    let next: number;
    if (this.isItem(start) || this.keyEnd(start) !== -1) [read, next] = this.block(first, indent, 0);
    else {
      const line = this.inline(start, 0);
      read = line;
      next = this.afterValue(line.node.range[1]);
    }
    if (next < this.n) giveUp();
    return { data: read.value, root: read.node };
  }

  // ------------------------------------------------------------ lines

  private lineEnd(p: number): number {
    const e = this.text.indexOf('\n', p);
    return e === -1 ? this.n : e;
  }

  private indentAt(lineStart: number): number {
    let i = lineStart;
    while (this.text.charCodeAt(i) === SPACE) i++;
    return i - lineStart;
  }

  /** The start of the first line at or after `lineStart` that is neither blank nor a comment (n at the end). */
  private nextContent(lineStart: number): number {
    const t = this.text;
    let p = lineStart;
    while (p < this.n) {
      let i = p;
      while (t.charCodeAt(i) === SPACE) i++;
      const c = t.charCodeAt(i);
      if (i < this.n && c !== NL && c !== HASH) {
        // A document marker or directive is left to `yaml`.
        if (i === p && (t.startsWith('---', p) || t.startsWith('...', p))) giveUp();
        return p;
      }
      const e = this.lineEnd(i);
      p = e + 1;
    }
    return this.n;
  }

  /**
   * After a value that ends its line (at `end`): only spaces and a comment may follow on the line.
   * Returns the start of the next content line.
   */
  private afterValue(end: number): number {
    const t = this.text;
    let i = end;
    while (t.charCodeAt(i) === SPACE) i++;
    if (i < this.n && t.charCodeAt(i) !== NL) {
      if (t.charCodeAt(i) !== HASH || i === end) giveUp();
    }
    return this.nextContent(this.lineEnd(i) + 1);
  }

  /** A list item's dash at `p`: "-" then a space or the end of the line. */
  private isItem(p: number): boolean {
    if (this.text.charCodeAt(p) !== DASH) return false;
    const c = this.text.charCodeAt(p + 1);
    return c === SPACE || c === NL || p + 1 >= this.n;
  }

  // ------------------------------------------------------------ block collections

  /** The block collection whose first line starts at `lineStart` with `indent` spaces; returns it and the next content line. */
  private block(lineStart: number, indent: number, depth: number): [Read, number] {
    if (depth > MAX_DEPTH) giveUp();
    const start = lineStart + indent;
    if (this.isItem(start)) return this.seq(lineStart, indent, depth);
    if (this.keyEnd(start) !== -1) return this.map(indent, start, depth);
    return giveUp();
  }

  private map(indent: number, firstKey: number, depth: number): [Read, number] {
    const pairs: LocatedPair[] = [];
    const value: Record<string, unknown> = {};
    let k = firstKey;
    let next: number;
    for (;;) {
      const colon = this.keyEnd(k);
      if (colon === -1) giveUp();
      const key = this.key(k, colon);
      if (Object.prototype.hasOwnProperty.call(value, key.name) || key.name === '__proto__' || key.name === '<<') giveUp();
      const [item, after] = this.value(this.skipSpaces(colon + 1), indent, depth, true);
      next = after;
      pairs.push({ name: key.name, key: key.node, value: item.node });
      value[key.name] = item.value;
      if (!this.continues(next, indent)) break;
      k = next + indent;
      if (this.isItem(k)) break;
    }
    const node: LocatedMap = { kind: 'map', range: [firstKey, this.lastLineEnd(next)], pairs };
    return [{ node, value }, next];
  }

  private seq(lineStart: number, indent: number, depth: number): [Read, number] {
    const items: LocatedNode[] = [];
    const value: unknown[] = [];
    let line = lineStart;
    let next: number;
    for (;;) {
      const q = this.skipSpaces(line + indent + 1);
      let item: Read;
      if (this.isItem(q)) return giveUp();
      // A compact mapping: its keys line up with the first one.
      if (this.keyEnd(q) !== -1) [item, next] = this.map(q - line, q, depth + 1);
      else [item, next] = this.value(q, indent, depth, false);
      items.push(item.node);
      value.push(item.value);
      if (!this.continues(next, indent)) break;
      line = next;
      if (!this.isItem(line + indent)) break;
    }
    const node: LocatedSeq = { kind: 'seq', range: [lineStart + indent, this.lastLineEnd(next)], items };
    return [{ node, value }, next];
  }

  /**
   * The value of an entry of a block collection at `indent` whose value would start at `q`: on the
   * same line, a block collection on the next lines (a list may sit at its key's indentation when
   * `listAtIndent`), or null. Returns it and the next content line.
   */
  private value(q: number, indent: number, depth: number, listAtIndent: boolean): [Read, number] {
    const c = this.text.charCodeAt(q);
    if (q >= this.n || c === NL || c === HASH) {
      const next = this.nextContent(this.lineEnd(q) + 1);
      if (next >= this.n) return [this.nullAt(q), next];
      const nextIndent = this.indentAt(next);
      if (nextIndent > indent || (listAtIndent && nextIndent === indent && this.isItem(next + nextIndent))) return this.block(next, nextIndent, depth + 1);
      return [this.nullAt(q), next];
    }
    const item = this.inline(q, depth + 1);
    const next = this.afterValue(item.node.range[1]);
    // A value continued on the next line (a multi-line plain scalar) is left to `yaml`.
    if (next < this.n && this.indentAt(next) > indent) giveUp();
    return [item, next];
  }

  /** Whether the collection at `indent` goes on at the content line `next` (deeper is left to `yaml`). */
  private continues(next: number, indent: number): boolean {
    if (next >= this.n) return false;
    const nextIndent = this.indentAt(next);
    if (nextIndent > indent) giveUp();
    return nextIndent === indent;
  }

  /**
   * The end of the last line with content before the content line `next`: a block collection's
   * range ends on its last line (only how far its first line is underlined depends on it).
   */
  private lastLineEnd(next: number): number {
    const t = this.text;
    let p = next >= this.n ? this.n : next - 1;
    // Back over blank and comment lines to the end of the last line of content.
    for (;;) {
      const s = t.lastIndexOf('\n', p - 1) + 1;
      let i = s;
      while (t.charCodeAt(i) === SPACE) i++;
      if (i < p && t.charCodeAt(i) !== HASH) return p;
      if (s === 0) return p;
      p = s - 1;
    }
  }

  /** A missing value: null, located where `yaml` puts it (after the indicator and its spaces). */
  private nullAt(p: number): Read {
    const node: LocatedScalar = { kind: 'scalar', range: [p, p] };
    return { node, value: null };
  }

  // ------------------------------------------------------------ keys

  /**
   * When a block mapping key starts at `p` (a plain or quoted scalar followed by ": " or ":" at the
   * end of the line), the offset of its colon; otherwise -1.
   */
  private keyEnd(p: number): number {
    const t = this.text;
    const c = t.charCodeAt(p);
    let i: number;
    if (c === DQUOTE || c === SQUOTE) {
      i = this.quotedEnd(p);
      if (i === -1) return -1;
    } else {
      if (!plainStartOk(c)) return -1;
      i = p;
      for (;;) {
        const d = t.charCodeAt(i);
        if (i >= this.n || d === NL) return -1;
        if (d === COLON) {
          const e = t.charCodeAt(i + 1);
          if (e === SPACE || e === NL || i + 1 >= this.n) break;
        } else if (d === HASH && t.charCodeAt(i - 1) === SPACE) return -1;
        else if (isFlowIndicator(d)) return -1;
        i++;
      }
      if (t.charCodeAt(i - 1) === SPACE) return -1;
    }
    if (t.charCodeAt(i) !== COLON) return -1;
    const e = t.charCodeAt(i + 1);
    if (!(e === SPACE || e === NL || i + 1 >= this.n)) return -1;
    if (i - p > MAX_KEY) return -1;
    return i;
  }

  /** The key from `p` to its colon. */
  private key(p: number, colon: number): { name: string; node: LocatedScalar } {
    const c = this.text.charCodeAt(p);
    const node: LocatedScalar = { kind: 'scalar', range: [p, colon] };
    if (c === DQUOTE) return { name: this.doubleQuoted(p, colon), node };
    if (c === SQUOTE) return { name: this.singleQuoted(p, colon), node };
    const raw = this.text.slice(p, colon);
    const value = plainValue(raw);
    // A number names its entry as its text in JavaScript does ("1"); other kinds of keys are left to `yaml`.
    if (typeof value === 'number') return { name: String(value), node };
    if (typeof value !== 'string') giveUp();
    return { name: value, node };
  }

  // ------------------------------------------------------------ values on one line

  /** A value that starts at `p` and ends on its line: a scalar or a flow collection. */
  private inline(p: number, depth: number): Read {
    const c = this.text.charCodeAt(p);
    if (c === LBRACKET || c === LBRACE) return this.flow(p, depth)[0];
    if (c === DQUOTE || c === SQUOTE) return this.quotedScalar(p);
    if (!plainStartOk(c) && !this.dashNumber(p)) giveUp();
    const t = this.text;
    let i = p;
    let last = p;
    for (;;) {
      const d = t.charCodeAt(i);
      if (i >= this.n || d === NL) break;
      if (d === HASH && t.charCodeAt(i - 1) === SPACE) break;
      if (d === COLON) {
        const e = t.charCodeAt(i + 1);
        if (e === SPACE || e === NL || i + 1 >= this.n) giveUp();
      }
      if (d !== SPACE) last = i + 1;
      i++;
    }
    const node: LocatedScalar = { kind: 'scalar', range: [p, last] };
    return { node, value: plainValue(t.slice(p, last)) };
  }

  /** "-" before a digit starts a negative number, not a list item. */
  private dashNumber(p: number): boolean {
    if (this.text.charCodeAt(p) !== DASH) return false;
    const d = this.text.charCodeAt(p + 1);
    return d >= 48 && d <= 57;
  }

  private quotedScalar(p: number): Read {
    const end = this.quotedEnd(p);
    if (end === -1) giveUp();
    const value = this.text.charCodeAt(p) === DQUOTE ? this.doubleQuoted(p, end) : this.singleQuoted(p, end);
    const node: LocatedScalar = { kind: 'scalar', range: [p, end] };
    return { node, value };
  }

  /** The offset after the closing quote of the quoted scalar at `p`, on the same line; -1 when there is none. */
  private quotedEnd(p: number): number {
    const t = this.text;
    const q = t.charCodeAt(p);
    let i = p + 1;
    for (;;) {
      if (i >= this.n) return -1;
      const d = t.charCodeAt(i);
      if (d === NL) return -1;
      if (q === DQUOTE && d === BACKSLASH) {
        if (i + 1 >= this.n || t.charCodeAt(i + 1) === NL) return -1;
        i += 2;
        continue;
      }
      if (d === q) {
        if (q === SQUOTE && t.charCodeAt(i + 1) === SQUOTE) {
          i += 2;
          continue;
        }
        return i + 1;
      }
      i++;
    }
  }

  private doubleQuoted(p: number, end: number): string {
    const body = this.text.slice(p + 1, end - 1);
    if (!body.includes('\\')) return body;
    return body.replace(/\\([\s\S])/g, (_, e: string) => {
      const out = ESCAPES[e];
      if (out === undefined) giveUp();
      return out;
    });
  }

  private singleQuoted(p: number, end: number): string {
    const body = this.text.slice(p + 1, end - 1);
    return body.includes("''") ? body.replace(/''/g, "'") : body;
  }

  // ------------------------------------------------------------ flow collections on one line

  private flow(p: number, depth: number): [Read, number] {
    if (depth > MAX_DEPTH) giveUp();
    const t = this.text;
    const isMap = t.charCodeAt(p) === LBRACE;
    const close = isMap ? RBRACE : RBRACKET;
    const pairs: LocatedPair[] = [];
    const items: LocatedNode[] = [];
    const obj: Record<string, unknown> = {};
    const arr: unknown[] = [];
    let i = this.skipSpaces(p + 1);
    if (t.charCodeAt(i) !== close) {
      for (;;) {
        if (isMap) {
          const [key, colon] = this.flowKey(i);
          if (Object.prototype.hasOwnProperty.call(obj, key.name) || key.name === '__proto__' || key.name === '<<') giveUp();
          if (t.charCodeAt(colon + 1) !== SPACE) giveUp();
          const [item, after] = this.flowValue(this.skipSpaces(colon + 1), depth + 1);
          pairs.push({ name: key.name, key: key.node, value: item.node });
          obj[key.name] = item.value;
          i = after;
        } else {
          const [item, after] = this.flowValue(i, depth + 1);
          items.push(item.node);
          arr.push(item.value);
          i = after;
        }
        i = this.skipSpaces(i);
        const c = t.charCodeAt(i);
        if (c === close) break;
        if (c !== COMMA) giveUp();
        i = this.skipSpaces(i + 1);
        // A trailing comma, an empty entry: left to `yaml`.
        if (t.charCodeAt(i) === close || t.charCodeAt(i) === COMMA) giveUp();
      }
    }
    const end = i + 1;
    const node: LocatedNode = isMap ? { kind: 'map', range: [p, end], pairs } : { kind: 'seq', range: [p, end], items };
    return [{ node, value: isMap ? obj : arr }, end];
  }

  private skipSpaces(i: number): number {
    while (this.text.charCodeAt(i) === SPACE) i++;
    return i;
  }

  /** A flow mapping's key at `i` and the offset of its colon (which must follow it directly). */
  private flowKey(i: number): [{ name: string; node: LocatedScalar }, number] {
    const t = this.text;
    const c = t.charCodeAt(i);
    let end: number;
    if (c === DQUOTE || c === SQUOTE) {
      end = this.quotedEnd(i);
      if (end === -1) giveUp();
    } else {
      if (!plainStartOk(c)) giveUp();
      end = i;
      for (;;) {
        const d = t.charCodeAt(end);
        if (end >= this.n || d === NL || d === HASH || isFlowIndicator(d)) giveUp();
        if (d === COLON) break;
        end++;
      }
      if (t.charCodeAt(end - 1) === SPACE) giveUp();
    }
    if (t.charCodeAt(end) !== COLON || end - i > MAX_KEY) giveUp();
    return [this.key(i, end), end];
  }

  /** A value inside a flow collection at `i`; returns it and the offset after it. */
  private flowValue(i: number, depth: number): [Read, number] {
    const t = this.text;
    const c = t.charCodeAt(i);
    if (c === LBRACKET || c === LBRACE) return this.flow(i, depth);
    if (c === DQUOTE || c === SQUOTE) {
      const read = this.quotedScalar(i);
      return [read, read.node.range[1]];
    }
    if (!plainStartOk(c) && !this.dashNumber(i)) giveUp();
    let j = i;
    let last = i;
    for (;;) {
      const d = t.charCodeAt(j);
      if (j >= this.n || d === NL || d === HASH) giveUp();
      if (d === COMMA || d === RBRACKET || d === RBRACE) break;
      if (d === LBRACKET || d === LBRACE) giveUp();
      if (d === COLON) {
        const e = t.charCodeAt(j + 1);
        if (e === SPACE || isFlowIndicator(e) || j + 1 >= this.n || e === NL) giveUp();
      }
      if (d !== SPACE) last = j + 1;
      j++;
    }
    const node: LocatedScalar = { kind: 'scalar', range: [i, last] };
    return [{ node, value: plainValue(t.slice(i, last)) }, last];
  }
}

/** The escapes of double-quoted scalars read here; any other is left to `yaml`. */
const ESCAPES: Record<string, string> = { '\\': '\\', '"': '"', '/': '/', n: '\n', t: '\t' };

/** A plain scalar's value under the YAML 1.2 core schema, in the `yaml` package's order of tags. */
export function plainValue(s: string): unknown {
  const c = s.charCodeAt(0);
  // Only "~", n, N, t, T, f, F, a digit, a sign or a dot can start anything but a string.
  if (c === 126 || c === 110 || c === 78 || s.length === 0) return /^(?:~|[Nn]ull|NULL)?$/.test(s) ? null : s;
  if (c === 116 || c === 84 || c === 102 || c === 70) return /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/.test(s) ? c === 116 || c === 84 : s;
  if (!((c >= 48 && c <= 57) || c === 43 || c === 45 || c === 46)) return s;
  if (/^0o[0-7]+$/.test(s)) return parseInt(s.substring(2), 8);
  if (/^[-+]?[0-9]+$/.test(s)) return parseInt(s, 10);
  if (/^0x[0-9a-fA-F]+$/.test(s)) return parseInt(s.substring(2), 16);
  if (/^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/.test(s))
    return s.slice(-3).toLowerCase() === 'nan' ? NaN : s[0] === '-' ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
  if (/^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/.test(s)) return parseFloat(s);
  if (/^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/.test(s)) return parseFloat(s);
  return s;
}
