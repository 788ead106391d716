// The step engine: executes one action of one run (runtime.md "One step"):
// evaluate and check properties, execute (or ask the interceptor), write
// outputs, set `_err`, follow control requests (END, RETURN, RUNSUB,
// RUNSCRIPT) and choose the next action. Run state is replaced, never mutated.
// The engine owns its step context; services come in one object and the only
// call back up (spawning a run) goes through the RunSystem it is given.
import type { Outcome } from '../contract/action.js';
import { raiseLimitHint } from '../contract/limits.js';
import { oneVar } from '../contract/flow.js';
import type { EncodedValue, Value } from '../contract/value.js';
import type { RunDriver, RunSystem } from './driver.js';
import { evaluateProps, PropError } from './props.js';
import { REDACTED } from './redactor.js';
import type { RunStatus } from './result.js';
import { eventBase, warn, writeVars } from './run-changes.js';
import { endRun } from './run-end.js';
import type { PreparedAction, PreparedScript } from './scripts.js';
import type { RuntimeServices } from './services.js';
import type { EndedBy, FrameState, RunState } from './state.js';
import { CallEngine } from './call-engine.js';
import { paramVars, replaceTop, stepped, type Advance } from './state-build.js';
import { StepContext } from './step-context.js';
import { popFrame, pushFrame, replaceScript, withLastError } from './transitions.js';
import { toResultJson } from './trace.js';
import { isDiskFull, StateFileError } from '../tenant/state-file.js';

const isThenable = (x: unknown): x is PromiseLike<Outcome> => typeof (x as { then?: unknown } | null)?.then === 'function';

export class Engine {
  private readonly ctx: StepContext;
  /** The call side of runs that are calls (docs/phone.md). */
  private readonly calls: CallEngine;

  constructor(
    private readonly services: RuntimeServices,
    system: RunSystem,
  ) {
    this.calls = new CallEngine(services, system.contacts, {
      complete: (d, action, targets, outcome, seconds) => this.route(d, action, targets, outcome, seconds),
      interrupted: (d, action, seconds, event) => this.emitExit(d, action, '', EMPTY_OUTPUTS, seconds, undefined, event),
      end: (d, status, endedBy, reason, atMs) => this.end(d, status, endedBy, reason, atMs),
    });
    this.ctx = new StepContext(services, system, this.calls.step);
  }

  /** When the run next needs the scheduler: its next step, or something earlier on its call (an event, the end of a stretch). */
  dueMs(s: RunState): number {
    return s.contact ? this.calls.dueMs(s) : s.dueMs;
  }

  /** Completes a stretch of the call that ended, or delivers a contact event that came; false when the run should simply step. */
  advance(d: RunDriver): boolean {
    return d.state.contact !== undefined && this.calls.advance(d);
  }

  /** Why a run waiting for an event that never comes stops. */
  waitingReason(d: RunDriver): string | undefined {
    return this.calls.waitingReason(d);
  }

  /** Executes the next action of `d`; returns a promise only when the action is asynchronous. */
  step(d: RunDriver): void | Promise<void> {
    // The step's events leave together when it ends, redacted with every secret it learned.
    const { trace } = this.services;
    trace.hold();
    let pending: void | Promise<void> = undefined;
    try {
      pending = this.run(d);
    } finally {
      if (!pending) trace.release();
    }
    return pending ? pending.finally(() => trace.release()) : undefined;
  }

  private run(d: RunDriver): void | Promise<void> {
    const core = this.services;
    const state = d.state;
    const frame = state.frames[state.frames.length - 1]!;
    const script = core.catalog.resolve(frame.script);
    const action = typeof script === 'string' ? undefined : script.actions.get(frame.label);
    if (!action) {
      this.end(d, 'failed', 'script', `Internal error: action ${frame.script}.${frame.label} not found`);
      return;
    }
    // maxActions is one budget for a run and everything it spawns, so a tree of spawned runs cannot outlive it.
    const taken = d.budget?.actions ?? state.steps;
    if (taken >= core.limits.maxActions) {
      this.end(d, 'failed', 'script', actionLimitMessage(core.limits.maxActions, action.where, taken !== state.steps));
      return;
    }
    d.log.path.push(action.where);
    const ctx = this.ctx;
    ctx.begin(d, action);
    if (state.contact?.call) this.calls.step.begin(d, action, (seconds) => ctx.elapse(seconds));
    let props: Record<string, unknown> = {};
    let outcome: Outcome | PromiseLike<Outcome> | undefined;
    try {
      props = evaluateProps(action, ctx.propEnv(), core.catalog.registry);
      // A secret property's value (a password, a token) is scrubbed from everything shown later, not only from action.enter.
      const secret = action.def.secretProps;
      if (secret) for (const name of secret) core.trace.redactor.learn(props[name] as Value | undefined);
    } catch (err) {
      outcome = ctx.error(err instanceof PropError ? err.message : `Property evaluation failed: ${messageOf(err)}`);
    }
    if (core.trace.active) this.emitEnter(d, action, props);
    if (!outcome && core.interceptor) {
      const calls = (d.log.calls ??= {});
      const callIndex = (calls[action.where] = (calls[action.where] ?? 0) + 1);
      const answer = core.interceptor({
        script: script && typeof script !== 'string' ? script.graph.name : frame.script,
        label: action.node.label,
        type: action.def.type,
        ...(action.def.version !== undefined ? { version: action.def.version } : {}),
        caption: action.node.caption,
        props: props as Record<string, Value>,
        callIndex,
        ...(action.def.errorBranch !== undefined ? { errorBranch: action.def.errorBranch } : {}),
      });
      if (answer) {
        if (answer.seconds) ctx.elapse(answer.seconds);
        outcome = answer.outcome;
      }
    }
    if (!outcome) {
      try {
        outcome = action.def.execute(ctx, props as never);
      } catch (err) {
        if (isDiskFull(err)) return this.haltOnFullDisk(d, action, err);
        outcome = ctx.error(`${action.def.type} failed: ${messageOf(err)}`);
      }
    }
    if (isThenable(outcome)) {
      return Promise.resolve(outcome).then(
        (o) => this.finish(d, action, props, o),
        (err: unknown) =>
          isDiskFull(err) ? this.haltOnFullDisk(d, action, err) : this.finish(d, action, props, ctx.error(`${action.def.type} failed: ${messageOf(err)}`)),
      );
    }
    this.finish(d, action, props, outcome);
  }

  private finish(d: RunDriver, action: PreparedAction, props: Record<string, unknown>, outcome: Outcome): void {
    const core = this.services;
    // A user-defined action (or a stub) that returns something else than an outcome gets a clear error, not a crash.
    if (outcome === null || typeof outcome !== 'object' || typeof outcome.branch !== 'string')
      outcome = this.ctx.error(`${action.def.type} returned no outcome (expected ctx.branch(...) or ctx.error(...))`);
    const seconds = this.ctx.elapsed;
    const s = d.state;
    const typeKey = action.typeKey;
    // Applied together with the move to the next action: one state object per step on the common path.
    const advance: Advance = {
      steps: s.steps + 1,
      dueMs: core.clock.ms + Math.round(seconds * 1000),
      actionTypes: s.actionTypes.includes(typeKey) ? s.actionTypes : [...s.actionTypes, typeKey],
    };
    // On a call, an action that takes time completes when its stretch of the call ends.
    if (s.contact?.call && this.calls.settle(d, action, props, outcome, seconds, advance)) return;
    const control = outcome.error ? undefined : outcome.control;
    if (control) {
      d.state = { ...d.state, ...advance };
      switch (control.op) {
        case 'end':
          this.emitExit(d, action, '', EMPTY_OUTPUTS, seconds);
          this.end(d, 'completed', 'script', `END at ${action.where}`);
          return;
        case 'fail':
          this.emitExit(d, action, '', EMPTY_OUTPUTS, seconds, control.reason);
          this.end(d, 'failed', 'script', control.reason);
          return;
        case 'return':
          this.emitExit(d, action, '', EMPTY_OUTPUTS, seconds);
          this.returnFromFrame(d, action, control.value);
          return;
        case 'call': {
          const problem = this.call(d, action, control.script, control.params, control.returnVariable ?? '');
          if (problem === undefined) return;
          outcome = this.ctx.error(problem.message, problem.limit ? { limit: true } : undefined);
          break;
        }
        case 'replace': {
          const problem = this.replace(d, action, control.script, control.params, seconds);
          if (problem === undefined) return;
          outcome = this.ctx.error(problem);
          break;
        }
        case 'suspend':
          this.emitExit(d, action, '', EMPTY_OUTPUTS, seconds);
          this.calls.suspend(d, `${action.def.type} at ${action.where}`);
          return;
      }
    }
    this.route(d, action, props, outcome, seconds, control ? undefined : advance);
  }

  /** Writes outputs and variables, sets `_err`, emits action.exit and moves to the next action. */
  private route(d: RunDriver, action: PreparedAction, props: Readonly<Record<string, unknown>>, outcome: Outcome, seconds: number, advance?: Advance): void {
    const writes: [string, Value][] = [];
    if (outcome.outputs) {
      for (const name in outcome.outputs) {
        const target = props[name] ?? action.def.outputs?.[name];
        if (typeof target === 'string' && target !== '') writes.push([target, outcome.outputs[name]!]);
      }
    }
    if (outcome.vars) for (const name in outcome.vars) writes.push([name, outcome.vars[name]!]);
    if (outcome.error !== undefined) {
      const message = this.services.trace.redactor.text(outcome.error);
      writes.push(['_err', message], ['__err', message]);
      d.state = withLastError(d.state, message);
      if (this.services.trace.active)
        this.services.trace.emit({ ...eventBase(this.services, d), type: 'error', script: action.script, label: action.node.label, message });
    }
    if (writes.length > 0) writeVars(this.services, d, writes);
    this.emitExit(d, action, outcome.branch, outcome.outputs ?? EMPTY_OUTPUTS, seconds, outcome.error);
    const next = action.edges.get(outcome.branch.toLowerCase()) ?? action.defaultTarget;
    const frames = d.state.frames;
    if (next !== undefined) {
      const top = frames[frames.length - 1]!;
      const moved = replaceTop(frames, { script: top.script, label: next, vars: top.vars, loops: top.loops, returnVariable: top.returnVariable });
      d.state = advance ? stepped(d.state, moved, advance) : { ...d.state, frames: moved };
      return;
    }
    if (advance) d.state = { ...d.state, ...advance };
    if (outcome.limit) {
      this.end(d, 'failed', 'script', outcome.error ?? 'limit reached');
      return;
    }
    if (frames.length > 1 && action.edges.size === 0 && action.def.branches.length > 0) {
      // The subscript simply ran out of actions: the caller's RUNSUB fails (runtime.md).
      this.popWithError(d, `Subscript ${frames[frames.length - 1]!.script} ended at ${action.where} without RETURN`);
      return;
    }
    // A call waiting for an agent (or talking to one) waits for its next event; ONRELEASE's end ends the run.
    if (this.calls.threadEnded(d, action.where)) return;
    const branch = outcome.branch || '(none)';
    const warning = `Stuck at ${action.where} ("${action.node.caption}"): ${branch === 'Default' ? 'its Default branch is not connected' : `branch ${branch} is not connected and there is no Default branch`}`;
    warn(this.services, d, warning);
    this.end(d, 'stuck', 'script', warning);
  }

  /** RUNSUB: pushes a frame for the subscript; returns a problem when it cannot. */
  private call(d: RunDriver, action: PreparedAction, name: string, params: Value[], returnVariable: string): { message: string; limit?: boolean } | undefined {
    const core = this.services;
    const frames = d.state.frames;
    if (frames.length > core.limits.maxCallDepth)
      return { message: `Call depth limit reached: maxCallDepth = ${core.limits.maxCallDepth} (RUNSUB ${name} at ${action.where}); ${raiseLimitHint('maxCallDepth')}`, limit: true };
    const target = core.catalog.resolve(name);
    if (typeof target === 'string') return { message: target };
    const caller = core.catalog.resolve(frames[frames.length - 1]!.script) as PreparedScript;
    if (target.graph.mediaType !== caller.graph.mediaType)
      return { message: `Script ${target.graph.name} is a ${target.graph.mediaType} script; RUNSUB needs the caller's media type (${caller.graph.mediaType})` };
    const frame: FrameState = { script: target.key, label: target.begin, vars: paramVars({}, params), loops: {}, returnVariable: returnVariable.toLowerCase() };
    d.state = pushFrame(d.state, frame);
    if (core.trace.active)
      core.trace.emit({ ...eventBase(core, d), type: 'script.call', from: action.script, to: target.graph.name, params: params.map((p) => toResultJson(p)), mode: 'runsub' });
    return undefined;
  }

  /** RUNSCRIPT: the current frame continues in another script with all its variables. */
  private replace(d: RunDriver, action: PreparedAction, name: string, params: Value[], seconds: number): string | undefined {
    const core = this.services;
    const target = core.catalog.resolve(name);
    if (typeof target === 'string') return target;
    const frames = d.state.frames;
    const top = frames[frames.length - 1]!;
    const current = core.catalog.resolve(top.script) as PreparedScript;
    if (target.graph.mediaType !== current.graph.mediaType)
      return `Script ${target.graph.name} is a ${target.graph.mediaType} script; RUNSCRIPT needs the same media type (${current.graph.mediaType})`;
    this.emitExit(d, action, '', EMPTY_OUTPUTS, seconds);
    d.state = replaceScript(d.state, target.key, target.begin, params);
    if (core.trace.active)
      core.trace.emit({ ...eventBase(core, d), type: 'script.call', from: action.script, to: target.graph.name, params: params.map((p) => toResultJson(p)), mode: 'runscript' });
    return undefined;
  }

  /** RETURN: completes the entry script, or hands the value to the caller's RUNSUB. */
  private returnFromFrame(d: RunDriver, action: PreparedAction, value: Value): void {
    const frames = d.state.frames;
    if (frames.length === 1) {
      this.end(d, 'completed', 'script', `RETURN at ${action.where}`);
      return;
    }
    const done = frames[frames.length - 1]!;
    d.state = popFrame(d.state);
    const caller = this.callerAction(d);
    const { trace } = this.services;
    if (trace.active) trace.emit({ ...eventBase(this.services, d), type: 'script.return', from: action.script, to: caller.script, value: trace.encode(value, done.returnVariable) });
    const outcome: Outcome = done.returnVariable ? { branch: 'Default', vars: oneVar(done.returnVariable, value) } : { branch: 'Default' };
    this.route(d, caller, {}, outcome, 0);
  }

  private popWithError(d: RunDriver, message: string): void {
    const frames = d.state.frames;
    const done = frames[frames.length - 1]!;
    d.state = popFrame(d.state);
    const caller = this.callerAction(d);
    if (this.services.trace.active)
      this.services.trace.emit({ ...eventBase(this.services, d), type: 'script.return', from: done.script, to: caller.script, value: null });
    this.route(d, caller, {}, { branch: caller.def.errorBranch ?? 'OnError', error: message }, 0);
  }

  private callerAction(d: RunDriver): PreparedAction {
    const top = d.state.frames[d.state.frames.length - 1]!;
    return (this.services.catalog.resolve(top.script) as PreparedScript).actions.get(top.label)!;
  }

  /**
   * A full disk is not the action's failure (no error branch, no _err): the
   * run stops there. The action's transaction was rolled back, so the tenant
   * state holds every action before it and nothing of this one.
   */
  private haltOnFullDisk(d: RunDriver, action: PreparedAction, err: unknown): void {
    const what = err instanceof StateFileError ? err.describe() : `the disk is full (${messageOf(err)})`;
    const reason = `${what}; the run stopped at ${action.where} (${action.def.type}): the tenant state keeps every action before it and nothing of this one. Free some space and run again`;
    d.state = withLastError(d.state, this.services.trace.redactor.text(reason));
    this.end(d, 'failed', 'script', reason);
  }

  /** Ends a run: status, onRunEnd hooks of every action type it executed, run.end. */
  end(d: RunDriver, status: RunStatus, endedBy: EndedBy, reason: string, atMs = this.services.clock.ms): void {
    this.calls.runEnding(d, atMs);
    endRun(this.services, d, status, endedBy, reason, atMs);
  }

  private emitEnter(d: RunDriver, action: PreparedAction, props: Record<string, unknown>): void {
    const core = this.services;
    core.trace.enter(core.clock.iso(), d.state.id.contactId, action.site, this.encodeProps(action, props));
  }

  /**
   * Properties as JSON for action.enter. Evaluated props are never mutated, so
   * when they are already plain JSON (the usual case) the object itself is
   * shared with the event instead of copied: a kept trace costs less memory.
   */
  private encodeProps(action: PreparedAction, props: Record<string, unknown>): Record<string, EncodedValue> {
    const secret = action.def.secretProps;
    if (!secret?.length && !this.services.trace.redactor.enabled && allPrimitive(props)) return props as Record<string, EncodedValue>;
    const encoded: Record<string, EncodedValue> = {};
    for (const k in props) encoded[k] = secret?.includes(k) ? REDACTED : toResultJson(props[k] as Value);
    return encoded;
  }

  private emitExit(d: RunDriver, action: PreparedAction, branch: string, outputs: Record<string, Value>, seconds: number, error?: string, interrupted?: string): void {
    const core = this.services;
    if (!core.trace.active) return;
    let encoded: Record<string, EncodedValue> = NO_OUTPUTS;
    if (!allPrimitive(outputs) || core.trace.redactor.enabled) {
      encoded = {};
      for (const k in outputs) encoded[k] = toResultJson(outputs[k]!);
    } else if (outputs !== EMPTY_OUTPUTS) {
      for (const _ in outputs) {
        encoded = outputs as Record<string, EncodedValue>;
        break;
      }
    }
    core.trace.exit(core.clock.iso(), d.state.id.contactId, action.site, branch, encoded, seconds, error, interrupted);
  }
}

const EMPTY_OUTPUTS: Record<string, Value> = Object.freeze({}) as Record<string, Value>;
/** Shared by every action.exit without outputs; frozen so no subscriber can change it for the others. */
const NO_OUTPUTS: Record<string, EncodedValue> = Object.freeze({}) as Record<string, EncodedValue>;

function allPrimitive(values: Record<string, unknown>): boolean {
  for (const k in values) {
    const v = values[k];
    if (v !== null && typeof v === 'object') {
      if (!Array.isArray(v)) return false;
      for (const item of v) if (item !== null && typeof item === 'object') return false;
    }
  }
  return true;
}

export function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/**
 * The action-limit message says how to raise the limit wherever a run is
 * started from (the limit guards against endless loops, not long runs).
 */
export function actionLimitMessage(max: number, where: string, shared = false): string {
  return (
    `Action limit reached: ${max.toLocaleString('en-US')} actions in this run${shared ? ' and the runs spawned with it' : ''} (at ${where}). ` +
    `If the script is not looping, ${raiseLimitHint('maxActions')}; --max-actions N (run) and maxActions: N (a test case) are short for it`
  );
}
