// Small helpers shared by the built-in function families.
import { numericValue, toNumber, toText } from '../convert.js';
import { Fault } from '../run-state.js';
import type { Value } from '../../contract/value.js';

export const argError = (fn: string, message: string): Fault => new Fault('E-SNIPPET-ARG', `${fn}: ${message}`);

export const text = (v: Value | undefined): string => toText(v ?? null);
export const num = (v: Value | undefined): number => toNumber(v ?? null);

/** A whole-number argument (counts, lengths, positions); fractions truncate. */
export function int(fn: string, what: string, v: Value | undefined): number {
  const n = numericValue(v ?? null);
  if (n === undefined || !Number.isFinite(n)) throw argError(fn, `${what} must be a number (got "${text(v)}")`);
  return Math.trunc(n);
}
