// The ActionContext the engine hands to `execute` (one object per runtime,
// re-armed for every step: steps never overlap, so reuse saves an allocation
// per action). It also carries the extra FlowContext services of flow actions
// and runs the onRunEnd hooks.
import type { Clock } from '../contract/clock.js';
import type { EffectKind } from '../contract/effects.js';
import type { Limits } from '../contract/limits.js';
import type { Outcome, RunInfo } from '../contract/action.js';
import type { RunEndContext } from '../contract/run-end.js';
import { formatMessage } from '../actions/define.js';
import type { HttpClient } from '../contract/http.js';
import type { CompiledExpression, SnippetEnv, VariableReader } from '../contract/snippet.js';
import { compileExpression, parseDate } from '../snippet/index.js';
import type { Value } from '../contract/value.js';
import type { TenantStore } from '../contract/tenant-store.js';
import type { RuntimeCore } from './core.js';
import type { RunDriver } from './engine.js';
import type { FlowContext, SpawnRequest } from '../contract/flow.js';
import type { RunStatus } from './result.js';
import type { PreparedAction, PreparedScript } from './scripts.js';
import type { EndedBy } from './state.js';
import { withContactData, withScreenPop } from './transitions.js';

/** Characters of substituted property text (the largest MaxStringSize). */
const PROP_TEXT_LIMIT = 32 * 1024;
const EXPRESSION_CACHE_LIMIT = 1000;

export class StepContext implements FlowContext {
  readonly isFlowContext = true as const;
  d!: RunDriver;
  action!: PreparedAction;
  elapsed = 0;
  /** Set when the step's error came from a run limit: an unrouted limit error fails the run. */
  limitHit = false;
  private readonly envs = new Map<number, SnippetEnv>();
  private readonly bareOutcomes = new Map<string, Outcome>();
  private readonly expressions = new Map<string, CompiledExpression>();
  private readonly reader: VariableReader;

  constructor(private readonly core: RuntimeCore) {
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
    this.limitHit = false;
  }

  get run(): RunInfo {
    return this.runInfo(this.d, this.action);
  }

  runInfo(d: RunDriver, action?: PreparedAction): RunInfo {
    const s = d.state;
    const top = s.frames[s.frames.length - 1]!;
    const script = this.core.catalog.resolve(top.script) as PreparedScript;
    const num = (v: Value | undefined): number | null => (v === undefined || v === null || v === '' || !Number.isFinite(Number(v)) ? null : Number(v));
    return {
      contactId: s.id.contactId,
      masterId: s.id.masterId,
      script: script.graph.name,
      label: action?.node.label ?? top.label,
      mediaType: script.graph.mediaType,
      ani: String(s.system.ani ?? ''),
      dnis: String(s.system.dnis ?? ''),
      skillNo: num(s.system.skillno),
      businessUnit: num(s.system.bu),
      depth: s.frames.length - 1,
    };
  }

  get depth(): number {
    return this.d.state.frames.length - 1;
  }
  get clock(): Clock {
    return this.core.clock;
  }
  get random(): () => number {
    return this.core.random.next;
  }
  get tenant(): TenantStore {
    return this.core.tenant;
  }
  get http(): HttpClient {
    return this.core.http;
  }
  get limits(): Limits {
    return this.core.limits;
  }

  getVar(name: string): Value | undefined {
    const lower = name.toLowerCase();
    return lower.startsWith('global:') ? this.reader.getGlobal(lower.slice(7)) : this.reader.get(lower);
  }

  elapse(seconds: number): void {
    if (Number.isFinite(seconds) && seconds > 0) this.elapsed += seconds;
  }

  effect(kind: EffectKind, data: Value): void {
    this.core.effect(this.d, kind, data);
  }

  warn(message: string): void {
    this.core.engine.warn(this.d, `${this.action.where}: ${message}`);
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

  error(message: string, opts?: { branch?: string; outputs?: Partial<Record<string, Value>> }): Outcome {
    const def = this.action.def;
    const branch = opts?.branch ?? def.errorBranch ?? (def.branches.includes('OnError') ? 'OnError' : 'Default');
    return opts?.outputs ? { branch, error: message, outputs: opts.outputs as Record<string, Value> } : { branch, error: message };
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
      const core = this.core;
      env = { vars: this.reader, clock: core.clock, random: core.random.next, http: core.http, limits: core.limits, maxStringSize };
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

  spawn(request: SpawnRequest): { spawnId: string } | { error: string } {
    const result = this.core.spawn(this.d, this.action, request);
    if ('limit' in result) {
      this.limitHit = true;
      return { error: result.error };
    }
    return result;
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
    // Written through the engine so the new names get var.set events like any assignment.
    this.core.engine.write(this.d, renamed);
  }

  removeVariables(names: readonly string[]): void {
    this.core.engine.remove(this.d, names);
  }

  flagScreenPop(name: string): void {
    const lower = name.toLowerCase().replace(/^global:/, '');
    this.d.state = withScreenPop(this.d.state, lower);
  }

  trace(text: string): void {
    const core = this.core;
    if (core.hub.active)
      core.hub.emit({
        ...core.engine.base(this.d),
        type: 'trace',
        script: this.action.where.slice(0, this.action.where.length - this.action.node.label.length - 1),
        label: this.action.node.label,
        text: core.redactor.text(text),
      });
  }

  parseDate(text: string): Value {
    return parseDate(text, this.core.clock.zone);
  }

  // ---- run end ----

  /** Calls each executed action type's onRunEnd once (data memorialization). */
  runEndHooks(d: RunDriver, status: RunStatus, endedBy: EndedBy): void {
    const core = this.core;
    const registry = core.catalog.registry;
    for (const key of d.state.actionTypes) {
      const m = /^(.*) V(\d+)$/.exec(key);
      const def = m ? registry.lookup(m[1]!, Number(m[2])) : registry.lookup(key);
      if (!def?.onRunEnd) continue;
      const s = d.state;
      const end: RunEndContext = {
        run: this.runInfo(d),
        tenant: core.tenant,
        clock: core.clock,
        startedAt: core.clock.at(s.id.startedMs),
        endedBy,
        status,
        variables: s.frames[0]?.vars ?? {},
        screenPop: s.screenPop,
        contactData: s.contactData,
        effect: (kind, data) => core.effect(d, kind, data),
      };
      try {
        def.onRunEnd(end);
      } catch (err) {
        core.engine.warn(d, `${def.type} at run end: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
  }
}
