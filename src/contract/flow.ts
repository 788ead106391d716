// What flow actions (BEGIN, ASSIGN, SNIPPET, CASE, LOOP, SPAWN…) need from the
// engine beyond the public ActionContext: the action's node and compiled
// snippet, snippet environments, per-frame loop counters and the scheduler.
// Only built-in flow actions use it; user-defined actions see ActionContext.
import type { ActionContext } from './action.js';
import type { ActionNode } from './script-graph.js';
import type { CompiledSnippet, SnippetEnv } from './snippet.js';
import { setMember, type Value } from './value.js';

/** The running action as flow actions see it: its node (CASE's value branches) and its compiled snippet (SNIPPET). */
export interface FlowAction {
  readonly node: ActionNode;
  readonly compiled: { readonly snippet?: CompiledSnippet };
}

export interface SpawnRequest {
  script: string;
  params: Value[];
  /** Epoch ms; null: now. */
  startMs: number | null;
}

export interface FlowContext extends ActionContext {
  /** Brand checked by flow(): a property read is cheaper than an `in` test on every flow action. */
  readonly isFlowContext: true;
  readonly action: FlowAction;
  /** Frame depth (entry script = 0). */
  readonly depth: number;
  /** A snippet environment over the current frame, with the given MaxStringSize in characters. */
  snippetEnv(maxStringSize: number): SnippetEnv;
  /** Compiles (cached) and evaluates snippet expression text (ASSIGN Numeric). Throws with a message on errors. */
  evaluateExpression(text: string, maxStringSize: number): Value;
  /** The LOOP/FOR counter of this action in the current frame, undefined when the loop is not running. */
  loopCounter(): number | undefined;
  setLoopCounter(value: number | undefined): void;
  /** Starts a new run; returns its contact id, or an error message (`limit`: maxSpawnedRuns refused it). */
  spawn(request: SpawnRequest): { spawnId: string } | { error: string; limit?: true };
  /** BEGIN: renames p1…pN of the current frame to `names`, by position (missing pX are skipped). */
  renameParams(names: readonly string[]): void;
  /** Deletes variables of the current frame (or globals), as a snippet's FOREACH does with its iterator. */
  removeVariables(names: readonly string[]): void;
  /** Marks a variable for screen pop and voice memorialization. */
  flagScreenPop(name: string): void;
  /** A snippet TRACE line. */
  trace(text: string): void;
  /** Parses a date for ASSIGN Datetime in the business unit's zone (null when invalid). */
  parseDate(text: string): Value;
}

/**
 * `{ name: value }` for an outcome's `vars`. A keyed store into an empty object
 * is several times faster in V8 than a computed-key literal (`{ [name]: value }`),
 * and ASSIGN, LOOP and FOR return one on every step.
 */
export function oneVar(name: string, value: Value): Record<string, Value> {
  const vars: Record<string, Value> = {};
  // A variable named __proto__ stays a variable.
  setMember(vars, name, value);
  return vars;
}

export const isFlowContext = (ctx: ActionContext): ctx is FlowContext => (ctx as { isFlowContext?: boolean }).isFlowContext === true;

/** The flow actions only run inside this runtime; anything else is a programming error. */
export function flow(ctx: ActionContext): FlowContext {
  if (!isFlowContext(ctx)) throw new Error('flow actions need the studio-script runtime context');
  return ctx;
}
