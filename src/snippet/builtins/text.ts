// Text functions. Positions are 1-based; a position past the end gives "" (or 0 for searches).
import { snippetEquals, toText } from '../convert.js';
import { formatValue } from '../format.js';
import { DateValue, isDdo, type Value } from '../../contract/value.js';
import { fn, type Builtin } from './types.js';
import { argError, int, text } from './util.js';

export function utf8ToBase64(s: string): string {
  return Buffer.from(s, 'utf8').toString('base64');
}
export function base64ToUtf8(name: string, s: string): string {
  const t = s.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(t) || t.length % 4 === 1) throw argError(name, 'the text is not valid Base64');
  return Buffer.from(t, 'base64').toString('utf8');
}
export function urlDecode(s: string): string {
  try {
    return decodeURIComponent(s.replace(/\+/g, ' '));
  } catch {
    throw argError('urldecode', `the text is not valid URL encoding ("${s}")`);
  }
}

function pad(name: string, left: boolean) {
  return fn(name, 2, 3, ([s, w, ch], site) => {
    const width = int(name, 'the width', w);
    if (width > site.run.env.maxStringSize) throw site.run.tooLong(width);
    const c = ch === undefined ? ' ' : text(ch);
    if (c.length !== 1) throw argError(name, 'the padding must be one character');
    return left ? text(s).padStart(width, c) : text(s).padEnd(width, c);
  });
}

/** 1-based position of `find` in `s` from `start`, 0 when absent; for DDO arrays the position of the element. */
function indexOf(args: Value[]): number {
  const [s, find, start] = args;
  if (Array.isArray(s)) {
    const i = s.findIndex((e) => snippetEquals(e, find ?? null));
    return i + 1;
  }
  const from = start === undefined ? 1 : Math.max(1, int('indexof', 'the start', start));
  const i = text(s).indexOf(text(find), from - 1);
  return i + 1;
}

export const textFunctions: Builtin[] = [
  fn('len', 1, 1, ([s]) => text(s).length),
  fn('length', 1, 1, ([s]) => text(s).length),
  fn('left', 2, 2, ([s, n]) => text(s).slice(0, Math.max(0, int('left', 'the length', n)))),
  fn('right', 2, 2, ([s, n]) => {
    const k = Math.max(0, int('right', 'the length', n));
    const t = text(s);
    return k === 0 ? '' : t.slice(Math.max(0, t.length - k));
  }),
  fn('mid', 2, 3, ([s, start, n]) => {
    const from = Math.max(1, int('mid', 'the start', start));
    const t = text(s);
    if (n === undefined) return t.slice(from - 1);
    return t.substr(from - 1, Math.max(0, int('mid', 'the length', n)));
  }),
  fn('upper', 1, 1, ([s]) => text(s).toUpperCase()),
  fn('lower', 1, 1, ([s]) => text(s).toLowerCase()),
  fn('trim', 1, 1, ([s]) => text(s).trim()),
  fn('ltrim', 1, 1, ([s]) => text(s).trimStart()),
  fn('rtrim', 1, 1, ([s]) => text(s).trimEnd()),
  fn('replace', 3, 3, ([s, find, by], site) => {
    const f = text(find);
    const t = text(s);
    if (f === '') return t;
    const b = text(by);
    // The result's length is known before it is built: a short text can ask for gigabytes (every "a" by 32K characters).
    if (b.length > f.length) {
      let count = 0;
      for (let at = t.indexOf(f); at >= 0; at = t.indexOf(f, at + f.length)) count++;
      const length = t.length + count * (b.length - f.length);
      if (length > site.run.env.maxStringSize) throw site.run.tooLong(length);
    }
    return t.split(f).join(b);
  }),
  fn('indexof', 2, 3, indexOf),
  fn('contains', 2, 2, ([s, find]) => text(s).includes(text(find))),
  fn('startswith', 2, 2, ([s, find]) => text(s).startsWith(text(find))),
  fn('endswith', 2, 2, ([s, find]) => text(s).endsWith(text(find))),
  fn('split', 2, 2, ([s, d]) => {
    const delim = text(d);
    if (delim === '') throw argError('split', 'the delimiter must not be empty');
    return text(s).split(delim).join('|');
  }),
  fn('char', 1, 1, ([c]) => {
    const code = int('char', 'the character code', c);
    if (code < 0 || code > 0x10ffff) throw argError('char', `${code} is not a character code`);
    return String.fromCodePoint(code);
  }),
  pad('padleft', true),
  pad('padright', false),
  fn('format', 2, 2, ([v, f]) => formatValue(v ?? null, text(f), 'format')),
  fn('urlencode', 1, 1, ([s]) => encodeURIComponent(text(s))),
  fn('urldecode', 1, 1, ([s]) => urlDecode(text(s))),
  fn('base64encode', 1, 1, ([s]) => utf8ToBase64(text(s))),
  fn('base64decode', 1, 1, ([s]) => base64ToUtf8('base64decode', text(s))),
  // Method form on a variable writes the result back: `body.append("more")`.
  fn('append', 2, 2, ([s, more], site) => {
    let out: Value;
    // `x.list.append(v)` writes the next element through the path, in place on an array the snippet built: appending in a loop is linear.
    if (Array.isArray(s) && site.appendToReceiver) return site.appendToReceiver(more ?? null, s.length + 1);
    if (Array.isArray(s)) out = [...s, site.run.share(more ?? null)];
    else if (isDdo(s) || s instanceof DateValue) throw argError('append', 'the target must be text or an array');
    else out = text(s) + toText(more ?? null);
    site.setReceiver(out);
    return out;
  }),
];

