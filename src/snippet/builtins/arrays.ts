// Text-array (`a|b|c`) and DDO-array functions. Positions are 1-based.
import { countOf, snippetEquals, toText } from '../convert.js';
import { checkIndex } from '../run-state.js';
import { isDdo } from '../../contract/value.js';
import { fn, type Builtin } from './types.js';
import { argError, text } from './util.js';

export const arrayFunctions: Builtin[] = [
  fn('size', 1, 1, ([a]) => countOf(a)),
  fn('count', 1, 1, ([a]) => countOf(a)),
  // index(array, value): 1-based position of the first element equal to value, 0 when absent.
  fn('index', 2, 2, ([a, v]) => {
    const items = Array.isArray(a) ? a : text(a) === '' ? [] : text(a).split('|');
    return items.findIndex((e) => snippetEquals(e, v ?? null)) + 1;
  }),
  // remove(array, i): the array without element i; the method form writes it back.
  fn('remove', 2, 2, ([a, i], site) => {
    const k = checkIndex(i ?? null, site.run);
    if (isDdo(a)) throw argError('remove', 'the target must be an array');
    let out;
    if (Array.isArray(a)) out = a.filter((_, j) => j !== k - 1);
    else {
      const items = text(a) === '' ? [] : toText(a ?? null).split('|');
      out = items.filter((_, j) => j !== k - 1).join('|');
    }
    site.setReceiver(out);
    return out;
  }),
];
