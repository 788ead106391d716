// The scripted caller as a small state machine over virtual time. Its state is
// plain data (kept in the run state, so snapshots carry it). The caller acts on
// its own — it presses keys and hangs up — and waits for what it observes of
// the call: an action starting or completing, a prompt finishing. Whoever
// simulates the call (media.ts) asks for the next act and feeds observations
// in time order.
import type { CallerScript, CallerStep } from './caller-script.js';

export interface CallerState {
  /** Index of the current step (steps.length: no steps left, the caller stays silent). */
  readonly step: number;
  /** Earliest time the current step may act. */
  readonly readyMs: number;
  /** Keys of the current `press` step already pressed. */
  readonly pressed: number;
  /** `hangup at`: the absolute time the caller hangs up, whatever else happens. */
  readonly deadlineMs: number | null;
  readonly hungUpMs: number | null;
}

/** What the caller notices of the call. `where` is `script.label`, script lowercase. */
export type CallerObservation =
  | { kind: 'start'; where: string }
  | { kind: 'end'; where: string }
  | { kind: 'heard'; text: string };

export type CallerAct = { kind: 'press'; digit: string; atMs: number } | { kind: 'say'; text: string; ms: number; atMs: number } | { kind: 'hangup'; atMs: number };

/** A caller script whose step labels are resolved to `script.label` (script lowercase). */
export interface ResolvedCaller {
  readonly steps: readonly CallerStep[];
  /** Lowercase `script.label` per step index (for `at`/`after`), '' otherwise. */
  readonly where: readonly string[];
}

/** Resolves `label` to the entry script's action and `Script.label` to that script's (script names are case-insensitive). */
export function resolveCaller(script: CallerScript, entryScript: string): ResolvedCaller {
  const where = script.steps.map((s) => {
    if (s.kind !== 'at' && s.kind !== 'after') return '';
    const dot = s.label.indexOf('.');
    return dot < 0 ? `${entryScript.toLowerCase()}.${s.label}` : `${s.label.slice(0, dot).toLowerCase()}.${s.label.slice(dot + 1)}`;
  });
  return { steps: script.steps, where };
}

export function startCaller(script: CallerScript, startMs: number): CallerState {
  const deadlineMs = script.hangUpAfterMs === undefined ? null : startMs + script.hangUpAfterMs;
  return settle(script.steps, { step: 0, readyMs: startMs, pressed: 0, deadlineMs, hungUpMs: null });
}

/** Time of the caller's next act (a key or the hang-up); Infinity when it waits for something or has nothing left to do. */
export function nextActMs(caller: ResolvedCaller, state: CallerState): number {
  if (state.hungUpMs !== null) return Infinity;
  const own = ownActMs(caller.steps, state);
  return state.deadlineMs !== null && state.deadlineMs <= own ? state.deadlineMs : own;
}

/** Performs the next act (call only when nextActMs is finite). */
export function act(caller: ResolvedCaller, state: CallerState): { state: CallerState; act: CallerAct } {
  const own = ownActMs(caller.steps, state);
  if (state.deadlineMs !== null && state.deadlineMs <= own) {
    return { state: { ...state, hungUpMs: state.deadlineMs }, act: { kind: 'hangup', atMs: state.deadlineMs } };
  }
  const step = caller.steps[state.step]!;
  if (step.kind === 'hangup') return { state: { ...state, hungUpMs: own }, act: { kind: 'hangup', atMs: own } };
  if (step.kind === 'say')
    return { state: settle(caller.steps, { ...state, step: state.step + 1, readyMs: own + step.ms, pressed: 0 }), act: { kind: 'say', text: step.text, ms: step.ms, atMs: own } };
  if (step.kind !== 'press') throw new Error(`caller step ${step.kind} does not act`);
  const digit = step.digits[state.pressed]!;
  const next: CallerState =
    state.pressed + 1 < step.digits.length ? { ...state, pressed: state.pressed + 1 } : settle(caller.steps, { ...state, step: state.step + 1, readyMs: own, pressed: 0 });
  return { state: next, act: { kind: 'press', digit, atMs: own } };
}

/**
 * Tells the caller what happened at `atMs`. A waiting step (`at`, `after`,
 * `hear`) that matches moves on; an observation made while the caller is
 * still busy with an earlier step (pressing, waiting) is missed, as a person
 * would miss it.
 */
export function observe(caller: ResolvedCaller, state: CallerState, seen: CallerObservation, atMs: number): CallerState {
  if (state.hungUpMs !== null || state.readyMs > atMs) return state;
  const step = caller.steps[state.step];
  if (!step) return state;
  let match = false;
  if (step.kind === 'at' && seen.kind === 'start') match = caller.where[state.step] === seen.where;
  else if (step.kind === 'after' && seen.kind === 'end') match = caller.where[state.step] === seen.where;
  else if (step.kind === 'hear' && seen.kind === 'heard') match = hears(step, seen.text);
  return match ? settle(caller.steps, { ...state, step: state.step + 1, readyMs: atMs, pressed: 0 }) : state;
}

function hears(step: Extract<CallerStep, { kind: 'hear' }>, text: string): boolean {
  if (step.pattern) return new RegExp(step.pattern.source, step.pattern.flags).test(text);
  return text.toLowerCase().includes(step.text.toLowerCase());
}

function ownActMs(steps: readonly CallerStep[], state: CallerState): number {
  const step = steps[state.step];
  if (!step) return Infinity;
  if (step.kind === 'press') return state.readyMs + state.pressed * step.gapMs;
  if (step.kind === 'hangup' || step.kind === 'say') return state.readyMs;
  return Infinity;
}

/** Moves over `wait` steps: they only push the time of whatever comes next. */
function settle(steps: readonly CallerStep[], state: CallerState): CallerState {
  let { step, readyMs } = state;
  while (steps[step]?.kind === 'wait') {
    readyMs += (steps[step] as Extract<CallerStep, { kind: 'wait' }>).ms;
    step++;
  }
  return step === state.step && readyMs === state.readyMs ? state : { ...state, step, readyMs };
}
