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

/** `getvalue(obj, "a.b[2].c")`: members by name (case-sensitive), 1-based indexes; missing → null. */
function getPath(obj: Value, path: string, r: Parameters<typeof readIndex>[2]): Value {
  const re = /\s*(?:\.?\s*([^.[\]\s]+)|\[\s*([^\]]*?)\s*\])/y;
  let cur: Value = obj;
  let at = 0;
  while (at < path.length) {
    re.lastIndex = at;
    const m = re.exec(path);
    if (m === null) throw argError('getvalue', `invalid path "${path}"`);
    at = re.lastIndex;
    if (m[1] !== undefined) cur = readMember(cur, m[1]);
    else {
      const key = m[2]!.replace(/^["']|["']$/g, '');
      cur = /^\d+$/.test(key) ? readIndex(cur, Number(key), r) : readMember(cur, key);
    }
    if (cur === null) return null;
  }
  return cur;
}

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
