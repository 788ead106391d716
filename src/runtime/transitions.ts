// The structural, infrequent changes of run state — frames pushed and popped
// (RUNSUB, RETURN, RUNSCRIPT), the end of a run, errors and warnings, contact
// data and screen pop, variables a snippet removed, and the state decoded from
// a snapshot — written as immer recipes. The per-step hot path (variable
// writes and the move to the next action) stays hand-written in
// state-build.ts and engine.ts: see docs/runtime.md "How it works" for the
// measurement behind the split.
import { castDraft, enableArrayMethods, enablePatches, Immer, type Patch } from 'immer';
import type { EncodedValue, Value } from '../contract/value.js';
import type { EncodedRunState, EndedBy, FrameState, RunState } from './state.js';
import type { RunStatus } from './result.js';

enablePatches();
// Draft array methods (push, pop) without the generic proxy traps: about half the cost of a frame pop.
enableArrayMethods();

// Auto-freeze is off: the hand-written hot path does not freeze what it builds
// either, and deep-freezing the values a transition touches (DDOs shared with
// actions and trace events) would be paid on every transition. That nothing
// mutates run state is proven by a test that deep-freezes it between steps.
const immer = new Immer({ autoFreeze: false });

/** RUNSUB: the subscript's frame goes on top. */
export function pushFrame(s: RunState, frame: FrameState): RunState {
  return immer.produce(s, (draft) => {
    draft.frames.push(castDraft(frame));
  });
}

/** RETURN (or a subscript that ran out of actions): back to the caller's frame. */
export function popFrame(s: RunState): RunState {
  return immer.produce(s, (draft) => {
    draft.frames.pop();
  });
}

/** RUNSCRIPT: the current frame continues in another script, keeping its variables plus the parameters. */
export function replaceScript(s: RunState, script: string, label: string, params: readonly Value[]): RunState {
  return immer.produce(s, (draft) => {
    const top = draft.frames[draft.frames.length - 1]!;
    top.script = script;
    top.label = label;
    top.loops = {};
    params.forEach((p, i) => (top.vars[`p${i + 1}`] = castDraft(p)));
  });
}

export function withLastError(s: RunState, message: string): RunState {
  return immer.produce(s, (draft) => {
    draft.lastError = message;
  });
}

export function withWarning(s: RunState, message: string): RunState {
  return immer.produce(s, (draft) => {
    draft.warnings.push(message);
  });
}

export function ended(s: RunState, status: RunStatus, endedBy: EndedBy, reason: string, atMs: number): RunState {
  return immer.produce(s, (draft) => {
    draft.status = status;
    draft.endedBy = endedBy;
    draft.reason = reason;
    draft.dueMs = atMs;
  });
}

export function withContactData(s: RunState, key: string, value: Value): RunState {
  return immer.produce(s, (draft) => {
    draft.contactData[key] = castDraft(value);
  });
}

export function withScreenPop(s: RunState, name: string): RunState {
  if (s.screenPop.includes(name)) return s;
  return immer.produce(s, (draft) => {
    draft.screenPop.push(name);
  });
}

/** A variable a step removed, as the patch that removed it says. */
export interface Removal {
  name: string;
  scope: 'local' | 'global';
  old: Value;
}

/**
 * Deletes variables from the current frame, or from the globals when only a
 * global has the name (the same rule as a write without `global:`). The
 * removals reported are read from immer's patches, so only variables that
 * really existed produce a `var.set` event.
 */
export function removeVariables(s: RunState, names: readonly string[]): { state: RunState; removed: Removal[] } {
  const topIndex = s.frames.length - 1;
  const [state, patches] = immer.produceWithPatches(s, (draft) => {
    const top = draft.frames[topIndex]!;
    for (const raw of names) {
      const name = raw.toLowerCase();
      if (Object.hasOwn(top.vars, name)) delete top.vars[name];
      else if (Object.hasOwn(draft.globals, name)) delete draft.globals[name];
    }
  });
  return { state, removed: patches.flatMap((p) => removalOf(p, s, topIndex)) };
}

function removalOf(p: Patch, before: RunState, topIndex: number): Removal[] {
  if (p.op !== 'remove') return [];
  const path = p.path;
  if (path.length === 4 && path[0] === 'frames' && path[1] === topIndex && path[2] === 'vars') {
    const name = String(path[3]);
    return [{ name, scope: 'local', old: before.frames[topIndex]!.vars[name]! }];
  }
  if (path.length === 2 && path[0] === 'globals') {
    const name = String(path[1]);
    return [{ name, scope: 'global', old: before.globals[name]! }];
  }
  return [];
}

/**
 * Run state from a snapshot: the encoded values are replaced by decoded ones in
 * a draft, so the caller's snapshot object is never changed. Values are read
 * from `e` itself (not the draft) so no draft ends up inside a decoded value.
 */
export function decodeState(e: EncodedRunState, decodeRecord: (r: Readonly<Record<string, EncodedValue>>) => Record<string, Value>): RunState {
  const decoded = immer.produce(e, (draft) => {
    draft.frames.forEach((f, i) => (f.vars = decodeRecord(e.frames[i]!.vars) as typeof f.vars));
    draft.globals = decodeRecord(e.globals) as typeof draft.globals;
    draft.system = decodeRecord(e.system) as typeof draft.system;
    draft.contactData = decodeRecord(e.contactData) as typeof draft.contactData;
  });
  return decoded as unknown as RunState;
}
