// What a built-in function is: its arity (checked at compile time) and an
// implementation that receives evaluated arguments and the call site.
import type { RunState } from '../run-state.js';
import type { Value } from '../../contract/value.js';

export interface CallSite {
  readonly run: RunState;
  /** The name of the receiver variable in the method form (`x.savetodb()`), lowercase. */
  readonly receiverName: string | undefined;
  /** Writes a new value back into the receiver (method form on a variable path); a no-op otherwise. */
  setReceiver(v: Value): void;
  /** In the method form on a variable path: sets element `index` of the receiver array to `item` and returns the array. */
  appendToReceiver?(item: Value, index: number): Value;
}

export interface Builtin {
  /** Canonical spelling (names are matched case-insensitively). */
  name: string;
  minArgs: number;
  maxArgs: number;
  call(args: Value[], site: CallSite): Value;
}

export const fn = (name: string, minArgs: number, maxArgs: number, call: Builtin['call']): Builtin => ({ name, minArgs, maxArgs, call });
