// Dynamic data object functions: JSON/XML text, member counts, path lookups.
import { compactJson, toText } from '../convert.js';
import { readIndex, readMember } from '../paths.js';
import { Fault } from '../run-state.js';
import { DateValue, isDdo, type Value } from '../../contract/value.js';
import { toXml } from '../xml.js';
import { fn, type Builtin } from './types.js';
import { argError } from './util.js';

/** Studio cuts JSON/XML produced from an object at the object size limit (32 KB). */
const cut = (s: string, max: number): string => (s.length > max ? s.slice(0, max) : s);

/**
 * `getvalue(obj, "a.b[2].c")`: members by name (case-sensitive), 1-based
 * indexes; missing → null. Read in one pass over the path (a pattern with
 * nested optional spaces took cubic time on a crafted path).
 */
function getPath(obj: Value, path: string, r: Parameters<typeof readIndex>[2]): Value {
  const invalid = (): never => {
    throw argError('getvalue', `invalid path "${path.length > 80 ? `${path.slice(0, 80)}…` : path}"`);
  };
  const n = path.length;
  let cur: Value = obj;
  let i = 0;
  while (i < n) {
    while (i < n && isSpace(path[i]!)) i++;
    if (i >= n) invalid();
    let key: string;
    let member: boolean;
    if (path[i] === '[') {
      const close = path.indexOf(']', i + 1);
      if (close < 0) invalid();
      key = path.slice(i + 1, close).trim().replace(/^["']|["']$/g, '');
      member = !/^\d+$/.test(key);
      i = close + 1;
    } else {
      if (path[i] === '.') {
        i++;
        while (i < n && isSpace(path[i]!)) i++;
      }
      const start = i;
      while (i < n && path[i] !== '.' && path[i] !== '[' && path[i] !== ']' && !isSpace(path[i]!)) i++;
      if (i === start) invalid();
      key = path.slice(start, i);
      member = true;
    }
    cur = member ? readMember(cur, key) : readIndex(cur, Number(key), r);
    if (cur === null) return null;
  }
  return cur;
}

/** A white-space character as `\s` matches one. */
const isSpace = (c: string): boolean => /\s/.test(c);

export const objectFunctions: Builtin[] = [
  fn('asjson', 1, 1, ([v], site) => {
    if (v instanceof DateValue || !(isDdo(v) || Array.isArray(v))) return JSON.stringify(toText(v ?? null));
    return cut(compactJson(v), site.run.env.limits.maxObjectBytes);
  }),
  fn('asxml', 1, 1, ([v], site) => cut(toXml(v ?? null), site.run.env.limits.maxObjectBytes)),
  fn('getvalue', 2, 2, ([o, p], site) => {
    if (!isDdo(o) && !Array.isArray(o)) {
      if (o === null || o === undefined) return null;
      throw new Fault('E-SNIPPET-TYPE', 'getvalue needs a dynamic data object');
    }
    return getPath(o, toText(p ?? null), site.run);
  }),
];
