// The ActionContext the engine hands to `execute` (owned by the engine: one
// object, re-armed for every step — steps never overlap, so reuse saves an
// allocation per action). It also carries the extra FlowContext services of
// flow actions. It changes runs only through run-changes.ts and starts runs
// only through the RunSystem the scheduler hands down: it never calls back
// into the engine.
import type { Outcome, RunInfo } from '../contract/action.js';
import type { Clock } from '../contract/clock.js';
import type { ContactContext, ContactEvent, ContactServices } from '../contract/contact.js';
import type { EffectKind } from '../contract/effects.js';
import type { FlowContext, SpawnRequest } from '../contract/flow.js';
import type { HttpClient } from '../contract/http.js';
import type { Limits } from '../contract/limits.js';
import type { CompiledExpression, SnippetEnv, VariableReader } from '../contract/snippet.js';
import type { RoutingService } from '../contract/routing.js';
import type { TenantStore } from '../contract/tenant-store.js';
import type { Value } from '../contract/value.js';
import { bareName, globalPart, isGlobalName } from '../contract/variables.js';
import { formatMessage } from '../actions/define.js';
import { compileExpression, parseDate } from '../snippet/index.js';
import type { RunDriver, RunSystem } from './driver.js';
import { eventBase, recordEffect, removeVars, runInfo, warn, writeVars } from './run-changes.js';
import type { PreparedAction } from './scripts.js';
import type { RuntimeServices } from './services.js';
import { withContactData, withScreenPop } from './transitions.js';

/** Characters of substituted property text (the largest MaxStringSize). */
const PROP_TEXT_LIMIT = 32 * 1024;
const EXPRESSION_CACHE_LIMIT = 1000;

export class StepContext implements FlowContext {
  readonly isFlowContext = true as const;
  d!: RunDriver;
  action!: PreparedAction;
  elapsed = 0;
  private readonly envs = new Map<number, SnippetEnv>();
  private readonly bareOutcomes = new Map<string, Outcome>();
  private readonly expressions = new Map<string, CompiledExpression>();
  private readonly reader: VariableReader;

  constructor(
    private readonly services: RuntimeServices,
    private readonly system: RunSystem,
    /** The call side of the engine's steps (absent when steps never run on a call). */
    private readonly call?: ContactContext,
  ) {
    const self = this;
    this.reader = {
      get(name) {
        const s = self.d.state;
        const vars = s.frames[s.frames.length - 1]!.vars;
        if (Object.hasOwn(vars, name)) return vars[name];
        if (Object.hasOwn(s.globals, name)) return s.globals[name];
        if (Object.hasOwn(s.system, name)) return s.system[name];
        return undefined;
      },
      getGlobal(name) {
        const g = self.d.state.globals;
        return Object.hasOwn(g, name) ? g[name] : undefined;
      },
    };
  }

  begin(d: RunDriver, action: PreparedAction): void {
    this.d = d;
    this.action = action;
    this.elapsed = 0;
  }

  get run(): RunInfo {
    return runInfo(this.services, this.d, this.action.node.label);
  }

  get contact(): ContactContext | undefined {
    return this.d.state.contact?.call ? this.call : undefined;
  }
  get contacts(): ContactServices {
    return this.system.contacts;
  }
  get event(): ContactEvent | null {
    return this.d.state.contact?.handling ?? null;
  }

  get depth(): number {
    return this.d.state.frames.length - 1;
  }
  get clock(): Clock {
    return this.services.clock;
  }
  get random(): () => number {
    return this.services.random.next;
  }
  get routing(): RoutingService {
    return this.services.routing;
  }
  get tenant(): TenantStore {
    return this.services.tenant;
  }
  get http(): HttpClient {
    return this.services.http;
  }
  get limits(): Limits {
    return this.services.limits;
  }

  getVar(name: string): Value | undefined {
    const lower = name.toLowerCase();
    return isGlobalName(lower) ? this.reader.getGlobal(globalPart(lower)) : this.reader.get(lower);
  }

  elapse(seconds: number): void {
    if (Number.isFinite(seconds) && seconds > 0) this.elapsed += seconds;
  }

  effect(kind: EffectKind, data: Value): void {
    recordEffect(this.services, this.d, kind, data);
  }

  warn(message: string): void {
    warn(this.services, this.d, `${this.action.where}: ${message}`);
  }

  message(id: string, data?: Record<string, unknown>): string {
    const template = (this.action.def.messages as Record<string, string> | undefined)?.[id];
    return template === undefined ? id : formatMessage(template, data);
  }

  branch(name: string, outputs?: Partial<Record<string, Value>>): Outcome {
    if (outputs) return { branch: name, outputs: outputs as Record<string, Value> };
    // A bare branch outcome is the same for every step: share one frozen object per name.
    let outcome = this.bareOutcomes.get(name);
    if (!outcome) this.bareOutcomes.set(name, (outcome = Object.freeze({ branch: name })));
    return outcome;
  }

  error(message: string, opts?: { branch?: string; outputs?: Partial<Record<string, Value>>; limit?: true }): Outcome {
    const branch = opts?.branch ?? errorBranchOf(this.action.def);
    const outcome: Outcome = opts?.outputs ? { branch, error: message, outputs: opts.outputs as Record<string, Value> } : { branch, error: message };
    if (opts?.limit) outcome.limit = true;
    return outcome;
  }

  getContactData(key: string): Value | undefined {
    const data = this.d.state.contactData;
    return Object.hasOwn(data, key) ? data[key] : undefined;
  }

  setContactData(key: string, value: Value): void {
    this.d.state = withContactData(this.d.state, key, value);
  }

  // ---- FlowContext ----

  snippetEnv(maxStringSize: number): SnippetEnv {
    let env = this.envs.get(maxStringSize);
    if (!env) {
      const { clock, random, http, limits } = this.services;
      env = { vars: this.reader, clock, random: random.next, http, limits, maxStringSize };
      this.envs.set(maxStringSize, env);
    }
    return env;
  }

  propEnv(): SnippetEnv {
    return this.snippetEnv(PROP_TEXT_LIMIT);
  }

  evaluateExpression(text: string, maxStringSize: number): Value {
    let compiled = this.expressions.get(text);
    if (!compiled) {
      const node = this.action.node;
      const span = node.props.Value?.span ?? node.span;
      const result = compileExpression(text, { file: span.file, span });
      if (!result.ok) throw new Error(result.diagnostics[0]?.message ?? `Invalid expression "${text}"`);
      if (this.expressions.size >= EXPRESSION_CACHE_LIMIT) this.expressions.clear();
      this.expressions.set(text, result.value);
      return result.value.evaluate(this.snippetEnv(maxStringSize));
    }
    return compiled.evaluate(this.snippetEnv(maxStringSize));
  }

  loopCounter(): number | undefined {
    const top = this.d.state.frames[this.d.state.frames.length - 1]!;
    return top.loops[this.action.node.label];
  }

  setLoopCounter(value: number | undefined): void {
    const s = this.d.state;
    const top = s.frames[s.frames.length - 1]!;
    const loops = { ...top.loops };
    if (value === undefined) delete loops[this.action.node.label];
    else loops[this.action.node.label] = value;
    const frames = s.frames.slice();
    frames[frames.length - 1] = { ...top, loops };
    this.d.state = { ...s, frames };
  }

  spawn(request: SpawnRequest): { spawnId: string } | { error: string; limit?: true } {
    return this.system.spawn(this.d, this.action, request);
  }

  renameParams(names: readonly string[]): void {
    // A variable write like any other: the hand-written fast path, as BEGIN runs on every subscript call.
    const s = this.d.state;
    const top = s.frames[s.frames.length - 1]!;
    let vars: Record<string, Value> | undefined;
    const renamed: [string, Value][] = [];
    names.forEach((raw, i) => {
      const from = `p${i + 1}`;
      const to = raw.trim().toLowerCase();
      if (!to || to === from || !Object.hasOwn(top.vars, from)) return;
      vars ??= { ...top.vars };
      renamed.push([to, vars[from]!]);
      delete vars[from];
    });
    if (!vars) return;
    const frames = s.frames.slice();
    frames[frames.length - 1] = { ...top, vars };
    this.d.state = { ...s, frames };
    // Written like any assignment, so the new names get var.set events.
    writeVars(this.services, this.d, renamed);
  }

  removeVariables(names: readonly string[]): void {
    removeVars(this.services, this.d, names);
  }

  flagScreenPop(name: string): void {
    this.d.state = withScreenPop(this.d.state, bareName(name));
  }

  trace(text: string): void {
    const { trace } = this.services;
    if (trace.active) trace.emit({ ...eventBase(this.services, this.d), type: 'trace', script: this.action.script, label: this.action.node.label, text });
  }

  parseDate(text: string): Value {
    return parseDate(text, this.services.clock.zone);
  }
}

/** The branch of an action's error outcome: its declared error branch, else OnError when it has one, else Default. */
export function errorBranchOf(def: { errorBranch?: string; branches: readonly string[] }): string {
  return def.errorBranch ?? (def.branches.includes('OnError') ? 'OnError' : 'Default');
}
