// Building run states: the explicit-literal constructors the engine uses on
// every step (V8 builds a literal of known shape far faster than a spread with
// overrides), and the small helpers for frames and parameters.
import type { Value } from '../contract/value.js';
import type { FrameState, RunState } from './state.js';

/** What every step changes besides the frame: applied with the move to the next action. */
export interface Advance {
  steps: number;
  dueMs: number;
  actionTypes: readonly string[];
}

/**
 * The state after an ordinary step, written out field by field: V8 builds a
 * literal of known shape far faster than a spread with overrides, and this is
 * the one allocation every step makes. Only running runs step, so `endedBy`
 * and `reason` are never set here.
 */
export function stepped(s: RunState, frames: FrameState[], a: Advance): RunState {
  return rebuilt(s, frames, s.globals, s.system, a.steps, a.dueMs, a.actionTypes);
}

/** A running run's state with new frames, globals, system variables and step fields (see stepped). */
export function rebuilt(
  s: RunState,
  frames: readonly FrameState[],
  globals: RunState['globals'],
  system: RunState['system'],
  steps: number,
  dueMs: number,
  actionTypes: readonly string[],
): RunState {
  if (s.status !== 'running') return { ...s, frames, globals, system, steps, dueMs, actionTypes };
  return {
    id: s.id,
    frames,
    globals,
    system,
    status: s.status,
    dueMs,
    steps,
    lastError: s.lastError,
    warnings: s.warnings,
    contactData: s.contactData,
    screenPop: s.screenPop,
    actionTypes,
    contact: s.contact,
  };
}

export function replaceTop(frames: readonly FrameState[], top: FrameState): FrameState[] {
  const copy = frames.slice();
  copy[copy.length - 1] = top;
  return copy;
}

/** p1…pN from positional parameters (BEGIN renames them). */
export function paramVars(base: Readonly<Record<string, Value>>, params: readonly Value[]): Record<string, Value> {
  if (params.length === 0) return base as Record<string, Value>;
  const vars = { ...base };
  params.forEach((p, i) => (vars[`p${i + 1}`] = p));
  return vars;
}
