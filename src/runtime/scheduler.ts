// The scheduler: every run of a runtime (entry runs, spawned runs) and the
// background processes (dialer simulation…) on one virtual timeline. It always
// resumes whatever is due earliest — ties: runs in start order, then
// processes — so equal inputs give equal traces.
import type { EffectKind } from '../contract/effects.js';
import type { Limits } from '../contract/limits.js';
import type { HttpClient } from '../contract/http.js';
import type { Value } from '../contract/value.js';
import type { TenantStore } from '../contract/tenant-store.js';
import type { VirtualClock } from './clock.js';
import type { RuntimeCore } from './core.js';
import { Engine, type Interceptor, type RunDriver } from './engine.js';
import { paramVars } from './state-build.js';
import type { SpawnRequest } from '../contract/flow.js';
import type { SeededRandom } from './random.js';
import type { PreparedAction, PreparedScript, ScriptCatalog } from './scripts.js';
import type { RunState } from './state.js';
import { toResultJson, type Redactor, type TraceHub } from './trace.js';

/** Something that acts on the tenant over virtual time (the dialer simulation). */
export interface BackgroundProcess {
  name: string;
  /** Next virtual time (epoch ms) it wants to run, or null when idle. */
  nextDueMs(): number | null;
  runDue(nowMs: number): void;
}

export interface ContactInfo {
  ani?: string;
  dnis?: string;
  skillNo?: number;
  poc?: string;
  /** The contact hangs up this many seconds after the run starts (ends the run, `endedBy: contact`). */
  hangUpAfterSeconds?: number;
}

export type DriveEnd = 'done' | 'until' | 'aborted' | 'paused';

export const EFFECT_KINDS = ['prospects', 'crm', 'agentEvents', 'savedToDb', 'http'] as const;

/** Contact ids start here so they look like Studio's (and never collide with small test numbers). */
const FIRST_CONTACT_ID = 100_000_001;

export class Scheduler implements RuntimeCore {
  readonly engine: Engine;
  /** Every run, in start order. */
  readonly drivers: RunDriver[] = [];
  readonly byContact = new Map<string, RunDriver>();
  /** Runs still running, in start order. */
  active: RunDriver[] = [];
  nextContact = FIRST_CONTACT_ID;

  constructor(
    readonly catalog: ScriptCatalog,
    readonly limits: Limits,
    readonly clock: VirtualClock,
    readonly random: SeededRandom,
    readonly hub: TraceHub,
    readonly redactor: Redactor,
    readonly interceptor: Interceptor | undefined,
    readonly tenant: TenantStore,
    readonly http: HttpClient,
    readonly processes: BackgroundProcess[],
  ) {
    this.engine = new Engine(this);
  }

  /** Starts an entry run (or, with `parent`, a spawned one) at `startMs`, with its first variables and globals. */
  start(
    script: PreparedScript,
    vars: Record<string, Value>,
    params: Value[],
    contact: ContactInfo,
    startMs: number,
    parent?: RunDriver,
    globals: Record<string, Value> = {},
  ): RunDriver {
    const contactId = String(this.nextContact++);
    const frameVars = paramVars(vars, params);
    const system: Record<string, Value> = {
      contactid: contactId,
      masterid: contactId,
      skillno: contact.skillNo ?? (parent ? (parent.state.system.skillno ?? '') : ''),
      ani: contact.ani ?? '',
      dnis: contact.dnis ?? '',
      bu: this.tenant.businessUnit ?? '',
      poc: contact.poc ?? '',
      // A spawned run can read the id its spawner received; an entry run was not spawned.
      spawnid: parent ? contactId : '',
      _err: '',
      __err: '',
    };
    const state: RunState = {
      id: {
        seq: this.drivers.length,
        contactId,
        masterId: contactId,
        script: script.graph.name,
        parent: parent?.state.id.contactId ?? null,
        root: parent?.state.id.root ?? contactId,
        startedMs: startMs,
        hangUpAtMs: contact.hangUpAfterSeconds !== undefined ? startMs + Math.round(contact.hangUpAfterSeconds * 1000) : null,
      },
      frames: [{ script: script.key, label: script.begin, vars: frameVars, loops: {}, returnVariable: '' }],
      globals,
      system,
      status: 'running',
      dueMs: startMs,
      steps: 0,
      lastError: '',
      warnings: [],
      contactData: {},
      screenPop: [],
      actionTypes: [],
    };
    for (const [name, value] of [...Object.entries(frameVars), ...Object.entries(globals)]) if (this.redactor.isSecretName(name)) this.redactor.learn(value);
    const d: RunDriver = { state, log: { path: [], effects: emptyEffects() } };
    this.add(d);
    if (this.hub.active) {
      const encoded: Record<string, ReturnType<typeof toResultJson>> = {};
      for (const [k, v] of Object.entries(frameVars)) encoded[k] = this.engine.json(v, k);
      for (const [k, v] of Object.entries(globals)) encoded[`global:${k}`] = this.engine.json(v, k);
      this.hub.emit({ time: this.clock.iso(startMs), contactId, type: 'run.start', script: script.graph.name, vars: encoded });
    }
    return d;
  }

  add(d: RunDriver): void {
    this.drivers.push(d);
    this.byContact.set(d.state.id.contactId, d);
    if (d.state.status === 'running') this.active.push(d);
  }

  runEnded(d: RunDriver): void {
    const i = this.active.indexOf(d);
    if (i >= 0) this.active.splice(i, 1);
  }

  effect(d: RunDriver, kind: EffectKind | string, data: Value): void {
    const encoded = this.redactor.enabled ? this.redactor.json(toResultJson(data)) : toResultJson(data);
    (d.log.effects[kind] ??= []).push(encoded);
    const root = d.state.id.root !== d.state.id.contactId ? this.byContact.get(d.state.id.root) : undefined;
    if (root) (root.log.effects[kind] ??= []).push(encoded);
    if (this.hub.active) this.hub.emit({ time: this.clock.iso(), contactId: d.state.id.contactId, type: 'effect', kind, data: encoded });
  }

  spawn(d: RunDriver, action: PreparedAction, request: SpawnRequest): { spawnId: string } | { error: string; limit?: true } {
    const target = this.catalog.resolve(request.script);
    if (typeof target === 'string') return { error: target };
    let alive = 0;
    for (const r of this.active) if (r.state.id.parent !== null) alive++;
    if (alive >= this.limits.maxSpawnedRuns)
      return { error: `Spawned run limit reached: maxSpawnedRuns = ${this.limits.maxSpawnedRuns} runs alive at once (SPAWN at ${action.where})`, limit: true };
    const startMs = Math.max(this.clock.ms, request.startMs ?? this.clock.ms);
    const skillNo = d.state.system.skillno;
    if (this.hub.active)
      this.hub.emit({
        time: this.clock.iso(),
        contactId: d.state.id.contactId,
        type: 'script.call',
        from: action.where.slice(0, action.where.length - action.node.label.length - 1),
        to: target.graph.name,
        params: request.params.map((p) => this.engine.json(p)),
        mode: 'spawn',
      });
    const child = this.start(target, {}, request.params, typeof skillNo === 'number' ? { skillNo } : {}, startMs, d);
    return { spawnId: child.state.id.contactId };
  }

  /** Runs steps until every run ended or a stop condition holds. */
  async drive(opts: { stopAtMs: number | null; signal?: AbortSignal; maxSteps?: number }): Promise<DriveEnd> {
    const { stopAtMs, signal, maxSteps } = opts;
    const clock = this.clock;
    const engine = this.engine;
    let steps = 0;
    let sinceYield = 0;
    for (;;) {
      if (signal?.aborted) return 'aborted';
      let run: RunDriver | undefined;
      let runDue = Infinity;
      for (const d of this.active) {
        const s = d.state;
        const due = s.id.hangUpAtMs !== null && s.id.hangUpAtMs < s.dueMs ? s.id.hangUpAtMs : s.dueMs;
        if (due < runDue) {
          run = d;
          runDue = due;
        }
      }
      if (!run) return 'done';
      let proc: BackgroundProcess | undefined;
      let procDue = Infinity;
      for (const p of this.processes) {
        const t = p.nextDueMs();
        if (t !== null && t < procDue) {
          proc = p;
          procDue = t;
        }
      }
      const next = runDue <= procDue ? runDue : procDue;
      if (stopAtMs !== null && next > stopAtMs) {
        if (stopAtMs > clock.ms) clock.ms = stopAtMs;
        return 'until';
      }
      if (proc && procDue < runDue) {
        if (procDue > clock.ms) clock.ms = procDue;
        proc.runDue(clock.ms);
        continue;
      }
      if (maxSteps !== undefined && steps >= maxSteps) return 'paused';
      if (runDue > clock.ms) clock.ms = runDue;
      const hangUp = run.state.id.hangUpAtMs;
      if (hangUp !== null && clock.ms >= hangUp) {
        engine.end(run, 'completed', 'contact', 'The contact hung up', hangUp);
        continue;
      }
      try {
        const pending = engine.step(run);
        if (pending) await pending;
      } catch (err) {
        // A fault outside any action (a bug, a throwing trace listener) fails this run, not the process.
        if (run.state.status === 'running') engine.end(run, 'failed', 'script', `Internal error: ${err instanceof Error ? err.message : String(err)}`);
      }
      steps++;
      // Let timers and abort signals fire during long runs without paying for an await per step.
      if (++sinceYield >= 8192) {
        sinceYield = 0;
        await new Promise<void>((resolve) => setImmediate(resolve));
      }
    }
  }

  /** Ends every running run at the current time (until reached, or aborted). */
  stopAll(reason: string): void {
    for (const d of [...this.active]) this.engine.end(d, 'stopped', 'script', reason, this.clock.ms);
  }
}

export function emptyEffects(): Record<string, ReturnType<typeof toResultJson>[]> {
  return { prospects: [], crm: [], agentEvents: [], savedToDb: [], http: [] };
}
