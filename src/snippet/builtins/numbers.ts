// Number functions and conversions.
import { formatNumber, numericValue, toText } from '../convert.js';
import { formatValue, roundAway } from '../format.js';
import type { Value } from '../../contract/value.js';
import { fn, type Builtin } from './types.js';
import { argError, int, num } from './util.js';

function extreme(name: string, pick: (a: number, b: number) => number) {
  return fn(name, 1, Infinity, (args) => {
    const list = args.length === 1 && typeof args[0] === 'string' && args[0].includes('|') ? args[0].split('|') : args;
    let best: number | undefined;
    for (const v of list) {
      const n = numericValue(v as Value);
      if (n !== undefined) best = best === undefined ? n : pick(best, n);
    }
    return best ?? null;
  });
}

export const numberFunctions: Builtin[] = [
  fn('abs', 1, 1, ([x]) => Math.abs(num(x))),
  fn('ceil', 1, 1, ([x]) => Math.ceil(num(x))),
  fn('floor', 1, 1, ([x]) => Math.floor(num(x))),
  fn('round', 1, 2, ([x, d]) => {
    const digits = d === undefined ? 0 : int('round', 'the number of decimals', d);
    if (digits < 0 || digits > 15) throw argError('round', 'the number of decimals must be between 0 and 15');
    return roundAway(num(x), digits);
  }),
  extreme('min', Math.min),
  extreme('max', Math.max),
  fn('logn', 2, 2, ([x, b]) => {
    const v = num(x);
    const base = num(b);
    if (v <= 0) throw argError('logn', `the value must be greater than 0 (got ${formatNumber(v)})`);
    if (base <= 0 || base === 1) throw argError('logn', `the base must be greater than 0 and not 1 (got ${formatNumber(base)})`);
    return Math.log(v) / Math.log(base);
  }),
  // random(n): a whole number from 0 to n-1; random(): a fraction in [0, 1).
  fn('random', 0, 1, ([n], site) => {
    const r = site.run.env.random();
    if (n === undefined) return r;
    const max = int('random', 'the limit', n);
    if (max < 1) throw argError('random', `the limit must be at least 1 (got ${max})`);
    return Math.floor(r * max);
  }),
  fn('isnumeric', 1, 1, ([x]) => typeof x !== 'boolean' && numericValue(x ?? null) !== undefined),
  fn('tonumber', 1, 1, ([x]) => numericValue(x ?? null) ?? 0),
  fn('totext', 1, 2, ([x, f]) => (f === undefined ? toText(x ?? null) : formatValue(x ?? null, toText(f), 'totext'))),
  fn('tostring', 1, 2, ([x, f]) => (f === undefined ? toText(x ?? null) : formatValue(x ?? null, toText(f), 'tostring'))),
];
