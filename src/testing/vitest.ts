// `studio-script/vitest`: registers run-result matchers with vitest's expect.
//   import 'studio-script/vitest';
//   expect(result).toHaveVisited(['start', 'CreateProspectsSub.create']);
// Failure messages show the path the run took.
import { expect } from 'vitest';
import type { RunStatus } from '../runtime/result.js';
import { assertResult, endedWith, hasEffect, hasVariable, takenBranch, visited, type MatchOutcome } from './matchers.js';

export interface StudioScriptMatchers<R = unknown> {
  /** Visited the action (`Script.label`, or a label of the entry script); with a list, in that order. */
  toHaveVisited(labels: string | readonly string[]): R;
  /** The action took `branch` (at least once). */
  toHaveTakenBranch(label: string, branch: string): R;
  /** The run ended with this status: completed, stuck, stopped or failed. */
  toHaveEndedWith(status: RunStatus): R;
  /** The entry script has the variable at the end (equal to `value` when given; mappings match partially). */
  toHaveVariable(name: string, value?: unknown): R;
  /** The run recorded an effect of `kind`: any, one matching `match`, or exactly `match` of them when a number. */
  toHaveEffect(kind: string, match?: unknown): R;
}

declare module 'vitest' {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any, @typescript-eslint/no-empty-object-type
  interface Matchers<T = any> extends StudioScriptMatchers<T> {}
}

const wrap =
  <A extends unknown[]>(check: (r: ReturnType<typeof assertResult>, ...args: A) => MatchOutcome) =>
  (received: unknown, ...args: A) => {
    const outcome = check(assertResult(received), ...args);
    return { pass: outcome.pass, message: () => outcome.message };
  };

expect.extend({
  toHaveVisited: wrap(visited),
  toHaveTakenBranch: wrap(takenBranch),
  toHaveEndedWith: wrap(endedWith),
  toHaveVariable(received: unknown, name: string, ...value: unknown[]) {
    const outcome = hasVariable(assertResult(received), name, ...((value.length === 0 ? [] : [value[0]]) as [] | [unknown]));
    return { pass: outcome.pass, message: () => outcome.message };
  },
  toHaveEffect: wrap(hasEffect),
});
