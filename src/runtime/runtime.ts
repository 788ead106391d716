// The embedding API: `createRuntime(options)` and the Runtime it returns —
// `run`, `on`, `snapshot` — over one scheduler, one virtual clock and one
// tenant. Bad options throw RuntimeOptionError with a message naming them.
import type { DateTime } from 'luxon';
import { ACTIONS_PER_VIRTUAL_DAY, DEFAULT_LIMITS, isLimitName, LIMIT_NAMES, PROCESS_HORIZON_DAYS, type Limits } from '../contract/limits.js';
import { didYouMean } from '../contract/diagnostics.js';
import { type Clock } from '../contract/clock.js';
import type { ActionDefinition } from '../actions/define.js';
import { builtinRegistry } from '../actions/registry.js';
import { noNetwork } from '../http/no-network.js';
import { type HttpClient } from '../contract/http.js';
import type { EncodedValue, Value } from '../contract/value.js';
import { variableName } from '../contract/variables.js';
import { MemoryTenantStore } from '../tenant/memory-store.js';
import { arrivalAt } from '../tenant/pocs/arrival.js';
import { RoutingProcess } from '../tenant/routing/process.js';
import { CrmState } from '../tenant/crm/state.js';
import type { TenantStore } from '../contract/tenant-store.js';
import type { Tenant } from '../tenant/tenant.js';
import { checkZone, parseInstant, parseUntil, VirtualClock } from './clock.js';
import type { BackgroundProcess } from '../contract/process.js';
import type { RunDriver } from './driver.js';
import { TraceEmitter } from './emitter.js';
import { SeededRandom } from './random.js';
import { Redactor } from './redactor.js';
import { UNTIL_REASON, type RunResult, type TraceEvent, type TraceEventType } from './result.js';
import type { ContactHub } from './contact-hub.js';
import { Scheduler, type ContactInfo, type StartOptions } from './scheduler.js';
import type { Interceptor, RuntimeServices } from './services.js';
import { ScriptCatalog, type RuntimeScripts } from './scripts.js';
import { checkSnapshot, decodeRun, encodeRun } from './snapshot.js';
import { SnapshotError } from './snapshot-check.js';
import { StateError, within } from '../contract/state-check.js';
import { SNAPSHOT_VERSION, partSinceVersion3, type Snapshot } from './state.js';
import { TraceHub } from './trace.js';
import type { TraceWriter } from './trace-writer.js';
import { setMember } from '../snippet/json.js';
import { CallEngine } from './call-engine.js';
import type { PreparedScript } from './scripts.js';
import { parseCallerScript, type CallerScript, type StepSpan } from '../phone/caller-script.js';
import { transcriptLines } from '../phone/transcript.js';
import { attachTrace, TraceLog } from './trace-log.js';

/** What the `tenant` option takes: a Tenant as `loadTenant` / `emptyTenant` return it (its store and background processes), or a bare store. */
export type TenantLike = Tenant | TenantStore;

export interface RuntimeOptions {
  scripts: RuntimeScripts;
  /** Default: an empty in-memory tenant in UTC. */
  tenant?: TenantLike;
  /** Start time (ISO-8601, DateTime or epoch ms). Default: the machine time when the runtime is created. */
  now?: string | DateTime | number | Date;
  /** IANA zone of the clock. Default: the tenant's time zone. */
  zone?: string;
  seed?: number;
  /** Default: `noNetwork` (every request fails with a message naming it). */
  http?: HttpClient;
  /** User-defined actions (defineAction); theirs win on a name clash. */
  actions?: ActionDefinition[];
  limits?: Partial<Limits>;
  /** Continue from `runtime.snapshot()` (after a JSON round trip). */
  resume?: Snapshot;
  intercept?: Interceptor;
  background?: BackgroundProcess[];
  /** Variable names whose values never appear in traces, results or errors (`***`). */
  redact?: string[];
  contact?: ContactInfo;
}

export interface RunOptions {
  /** Entry script variables (names are case-insensitive). */
  vars?: Record<string, Value>;
  /** Positional parameters p1…pN (the entry BEGIN renames them). */
  params?: Value[];
  /** Stop at this virtual time: an ISO time, or a duration after the run's start (`90s`, `30m`, `2h`). */
  until?: string;
  signal?: AbortSignal;
  /** Keep every trace event in `result.trace`. */
  keepTrace?: boolean;
  /** Pause after this many steps (all runs together): status `stopped`, resumable with snapshot(). */
  maxSteps?: number;
  /** Overrides the runtime's `contact` for this run. */
  contact?: ContactInfo;
  /**
   * The point of contact the contact arrives at (number, e-mail address or
   * channel): its script runs, with DNIS, SKILLNO and POC filled from it. A
   * script named as well must be the POC's.
   */
  poc?: string;
  /**
   * Other calls (or contacts) on the same tenant and virtual clock, each its
   * own run: they share the agents, queues and stubs, and come in at their
   * `at`. Their results are `result.calls`, in this order.
   */
  calls?: CallStart[];
}

/** One more contact of a run (RunOptions.calls). */
export interface CallStart {
  /** Default: the run's script (or the point of contact's, with `poc`). */
  script?: string;
  /** The point of contact this contact arrives at (see RunOptions.poc). */
  poc?: string;
  /** When it comes in: seconds or a duration (`30s`, `2m`) after the run's start, or an ISO time. Default: with the run. */
  at?: string | number;
  /** Its ANI, DNIS, caller… (the runtime's `contact` option is not used for it). */
  contact?: ContactInfo;
  vars?: Record<string, Value>;
  params?: Value[];
}

export interface Runtime {
  /** Runs `script`, or the script of the point of contact `{ poc }` (see RunOptions.poc). */
  run(script: string | { poc: string }, options?: RunOptions): Promise<RunResult>;
  on<T extends TraceEventType | '*'>(type: T, listener: (event: T extends TraceEventType ? Extract<TraceEvent, { type: T }> : TraceEvent) => void): () => void;
  /** Adds a trace writer: it gets every event after the listeners, those of actions and variables as records (trace-writer.ts). Returns the function removing it. */
  writeTrace(writer: TraceWriter): () => void;
  snapshot(): Snapshot;
  readonly clock: Clock;
  readonly tenant: TenantStore;
}

/** A problem with createRuntime/run options (unknown script, bad time, bad snapshot). */
export class RuntimeOptionError extends Error {
  override name = 'RuntimeOptionError';
}

export function createRuntime(options: RuntimeOptions): Runtime {
  return new StudioRuntime(options);
}

class StudioRuntime implements Runtime {
  private readonly scheduler: Scheduler;
  private readonly services: RuntimeServices;
  /** The background processes, in the scheduler's order. */
  private readonly processes: readonly BackgroundProcess[];
  private readonly hub = new TraceHub();
  private readonly contact: ContactInfo;
  private entry: RunDriver | null = null;
  /** The runs of the entry's RunOptions.calls, in the order given. */
  private calls: RunDriver[] = [];
  private running = false;
  /** The host set maxActions itself (then it does not grow with until). */
  private readonly maxActionsGiven: boolean;
  readonly clock: VirtualClock;
  readonly tenant: TenantStore;

  constructor(options: RuntimeOptions) {
    if (!options || !options.scripts || !(options.scripts.scripts instanceof Map))
      throw new RuntimeOptionError('createRuntime needs `scripts`: the result of loadFolder()');
    const { store, background } = splitTenant(options.tenant);
    this.tenant = store;
    const catalog = new ScriptCatalog(options.scripts, (options.scripts.registry ?? builtinRegistry()).with(options.actions ?? []));
    const snap = options.resume ? guard(() => checkSnapshot(options.resume, catalog)) : undefined;
    const zone = guard(() => checkZone(snap?.zone ?? options.zone ?? store.timeZone ?? 'UTC'));
    const nowMs = snap ? snap.nowMs : options.now === undefined ? Date.now() : guard(() => parseInstant(options.now!, zone, 'now'));
    this.clock = new VirtualClock(nowMs, zone);
    const limits = { ...DEFAULT_LIMITS, ...checkLimits(options.limits) };
    const processes = [...background, ...(options.background ?? [])];
    // Routing always runs: with a bare store (no tenant file) it has no agents, and contacts just wait.
    let routing = processes.find((p): p is RoutingProcess => p instanceof RoutingProcess);
    if (!routing) processes.push((routing = new RoutingProcess(store)));
    this.maxActionsGiven = options.limits?.maxActions !== undefined;
    this.services = {
      catalog,
      clock: this.clock,
      random: new SeededRandom(snap ? snap.randomState : (options.seed ?? 1)),
      tenant: store,
      http: options.http ?? noNetwork,
      limits,
      // Secrets known before anything is emitted: the redacted names and the tenant's credentials.
      trace: new TraceEmitter(this.hub, new Redactor(options.redact ?? [], new CrmState(store).secrets())),
      interceptor: options.intercept,
      routing,
    };
    this.processes = processes;
    this.scheduler = new Scheduler({
      services: this.services,
      processes,
      ...(snap ? { nextContact: snap.nextContact } : {}),
    });
    this.contact = options.contact ?? {};
    if (snap) {
      // Attached above; each takes back its own part (an older snapshot lacks some or all: those start afresh).
      guard(() => restoreProcesses(processes, snap.version === 1 ? null : snap.processes!, snap.version));
      for (const run of snap.runs) this.scheduler.add(decodeRun(run));
      relearnSecrets(this.services.trace.redactor, this.scheduler.drivers);
      this.entry = snap.entry === null ? null : (this.scheduler.byContact.get(snap.entry) ?? null);
      this.calls = (snap.calls ?? []).map((id) => this.scheduler.byContact.get(id)!);
    }
  }

  on(type: TraceEventType | '*', listener: (event: never) => void): () => void {
    return this.hub.on(type, listener as (e: TraceEvent) => void);
  }

  writeTrace(writer: TraceWriter): () => void {
    return this.hub.write(writer);
  }

  async run(scriptOrPoc: string | { poc: string }, options: RunOptions = {}): Promise<RunResult> {
    if (this.running) throw new RuntimeOptionError('This runtime is already running a script; await it first');
    const arrived = this.arrival(scriptOrPoc, options);
    const script = arrived.script;
    const sched = this.scheduler;
    // Runs left running (a maxSteps pause, or a resumed snapshot — possibly only spawned runs) continue first.
    const resumed = this.entry !== null && sched.active.length > 0;
    if (resumed && this.entry!.state.id.script.toLowerCase() !== script.trim().toLowerCase())
      throw new RuntimeOptionError(`This runtime continues ${this.entry!.state.id.script}; it cannot start ${script} before that run ends`);
    checkVarsAndParams(options, '');
    if (options.calls !== undefined && !Array.isArray(options.calls)) throw new RuntimeOptionError('calls must be a list of { script?, poc?, at?, contact?, vars? }');
    if (options.maxSteps !== undefined && !(Number.isInteger(options.maxSteps) && options.maxSteps >= 0))
      throw new RuntimeOptionError(`maxSteps must be a whole number ≥ 0 (got ${String(options.maxSteps)})`);
    this.running = true;
    this.hub.kept = options.keepTrace ? new TraceLog() : null;
    try {
      // Options are checked before a new run starts, so a refused call leaves nothing half-started.
      const startedMs = resumed ? this.entry!.state.id.startedMs : this.clock.ms;
      const stopAtMs = options.until === undefined ? null : guard(() => parseUntil(options.until!, startedMs, this.clock.zone));
      // An until before the start would stop the run before its first action and look like success.
      if (stopAtMs !== null && stopAtMs < startedMs) throw new RuntimeOptionError(`until ${options.until} is before the run's start (${this.clock.iso(startedMs)})`);
      // The default action limit grows with the virtual time the run covers (ACTIONS_PER_VIRTUAL_DAY).
      if (!this.maxActionsGiven && stopAtMs !== null)
        this.services.limits.maxActions = ACTIONS_PER_VIRTUAL_DAY * Math.max(1, Math.ceil((stopAtMs - startedMs) / 86_400_000));
      if (!resumed) {
        const target = this.services.catalog.resolve(script);
        if (typeof target === 'string') throw new RuntimeOptionError(target);
        const { locals, globals } = splitVars(options.vars ?? {});
        const called = checkContact(arrived.contact, target);
        // Every call is checked before any starts, so a refused call leaves nothing half-started.
        const calls = (options.calls ?? []).map((c, i) => this.prepareCall(c, `calls[${i}]`, script, startedMs));
        // Files the processes read (a digital skill's calling list) stream in before anything starts.
        await sched.prepare(this.clock.ms);
        this.entry = sched.start(target, { vars: locals, params: options.params ?? [], globals, contact: called, startMs: this.clock.ms });
        // Started in arrival order, so contact ids grow with time as Studio's do.
        const order = calls.map((_, i) => i).sort((a, b) => calls[a]!.startMs - calls[b]!.startMs);
        const started: RunDriver[] = [];
        for (const i of order) started[i] = sched.start(calls[i]!.target, calls[i]!.start);
        this.calls = started;
      }
      if (resumed) await sched.prepare(this.clock.ms);
      const entry = this.entry!;
      const horizonMs = stopAtMs === null ? startedMs + PROCESS_HORIZON_DAYS * 86_400_000 : null;
      const outcome = await sched.drive({ stopAtMs, horizonMs, ...(options.signal ? { signal: options.signal } : {}), ...(options.maxSteps !== undefined ? { maxSteps: options.maxSteps } : {}) });
      if (outcome === 'done') sched.stopWaiting();
      else if (outcome === 'until') sched.stopAll(UNTIL_REASON);
      else if (outcome === 'aborted') sched.stopAll('Aborted by the caller');
      const result = this.result(entry);
      if (this.calls.length > 0) result.calls = this.calls.map((d) => this.result(d));
      if (this.hub.kept) attachTrace(result, this.hub.kept);
      return result;
    } finally {
      this.hub.kept = null;
      this.running = false;
    }
  }

  /** One more call of a run, checked: its script, contact and start. */
  private prepareCall(call: CallStart, what: string, runScript: string, startedMs: number): { target: PreparedScript; start: StartOptions; startMs: number } {
    if (call === null || typeof call !== 'object' || Array.isArray(call)) throw new RuntimeOptionError(`${what} must be an object { script?, poc?, at?, contact?, vars? }`);
    checkVarsAndParams(call, `${what}.`);
    const named = call.script ?? (call.poc !== undefined ? undefined : runScript);
    const arrived = guardAt(what, () => this.arrival(named ?? { poc: call.poc! }, { contact: call.contact ?? {}, ...(call.poc !== undefined ? { poc: call.poc } : {}) }));
    const target = this.services.catalog.resolve(arrived.script);
    if (typeof target === 'string') throw new RuntimeOptionError(`${what}: ${target}`);
    const startMs = call.at === undefined ? startedMs : guardAt(`${what}.at`, () => parseUntil(typeof call.at === 'number' ? `${call.at}s` : String(call.at), startedMs, this.clock.zone));
    if (!(startMs >= startedMs)) throw new RuntimeOptionError(`${what}.at ${String(call.at)} is before the run's start (${this.clock.iso(startedMs)})`);
    const contact = guardAt(what, () => checkContact(arrived.contact, target));
    const { locals, globals } = splitVars(call.vars ?? {});
    return { target, startMs, start: { vars: locals, params: call.params ?? [], globals, contact, startMs } };
  }

  /** The script and contact of a run: as given, or from the point of contact it arrives at. */
  private arrival(scriptOrPoc: string | { poc: string }, options: RunOptions): { script: string; contact: ContactInfo } {
    const contact = options.contact ?? this.contact;
    const named = typeof scriptOrPoc === 'string' ? scriptOrPoc : undefined;
    const poc = typeof scriptOrPoc === 'object' && scriptOrPoc !== null ? scriptOrPoc.poc : options.poc;
    if (poc === undefined) {
      if (named === undefined) throw new RuntimeOptionError('run needs a script name or { poc: "<number or address>" }');
      return { script: named, contact };
    }
    if (typeof poc !== 'string' || poc.trim() === '') throw new RuntimeOptionError('poc must be a point of contact: a phone number, e-mail address or channel name');
    const at = arrivalAt(this.tenant, poc);
    if (typeof at === 'string') throw new RuntimeOptionError(at);
    if (named !== undefined && named.trim().toLowerCase() !== at.script.toLowerCase())
      throw new RuntimeOptionError(`point of contact ${at.poc.id} runs ${at.script}, not ${named} (leave the script out to run the POC's)`);
    return { script: at.script, contact: { ...contact, dnis: contact.dnis ?? at.dnis, skillNo: at.skillNo, poc: at.poc.id } };
  }

  snapshot(): Snapshot {
    const sched = this.scheduler;
    return {
      version: SNAPSHOT_VERSION,
      zone: this.clock.zone,
      nowMs: this.clock.ms,
      randomState: this.services.random.state,
      nextContact: sched.nextContact,
      entry: this.entry?.state.id.contactId ?? null,
      ...(this.calls.length > 0 ? { calls: this.calls.map((d) => d.state.id.contactId) } : {}),
      runs: sched.drivers.map(encodeRun),
      processes: saveProcesses(this.processes),
    };
  }

  private result(d: RunDriver): RunResult {
    const s = d.state;
    const redactor = this.services.trace.redactor;
    const encode = (vars: Readonly<Record<string, Value>>): Record<string, EncodedValue> => {
      const out: Record<string, EncodedValue> = {};
      for (const k of Object.keys(vars)) setMember(out, k, redactor.value(vars[k], k));
      return out;
    };
    const spawned = this.scheduler.drivers.filter((r) => r.state.id.root === s.id.contactId && r !== d);
    return {
      status: s.status === 'running' ? 'stopped' : s.status,
      script: s.id.script,
      startedAt: this.clock.iso(s.id.startedMs),
      endedAt: this.clock.iso(s.status === 'running' ? this.clock.ms : s.dueMs),
      steps: s.steps,
      path: [...d.log.path],
      variables: encode(s.frames[0]?.vars ?? {}),
      globals: encode(s.globals),
      lastError: redactor.text(s.lastError),
      ...(s.status === 'stopped' && s.reason ? { reason: s.reason } : {}),
      warnings: [...s.warnings],
      effects: structuredClone(d.log.effects) as RunResult['effects'],
      ...contactOf(d, this.scheduler.contacts, (ms) => this.clock.iso(ms)),
      ...(spawned.length
        ? {
            spawned: spawned.map((r) => ({
              contactId: r.state.id.contactId,
              script: r.state.id.script,
              status: r.state.status === 'running' ? ('stopped' as const) : r.state.status,
              steps: r.state.steps,
              path: [...r.log.path],
              variables: encode(r.state.frames[0]?.vars ?? {}),
              lastError: redactor.text(r.state.lastError),
              ...(r.state.status === 'stopped' && r.state.reason ? { reason: r.state.reason } : {}),
              warnings: [...r.state.warnings],
              ...contactOf(r, this.scheduler.contacts, (ms) => this.clock.iso(ms), false),
            })),
          }
        : {}),
    };
  }
}

/** Checks the contact of a run: a caller script must parse, and only a phone script has a caller. */
function checkContact(contact: ContactInfo, script: PreparedScript): ContactInfo {
  if (contact.caller === undefined) return contact;
  if (!CallEngine.isCall(script))
    throw new RuntimeOptionError(`A caller needs a phone script: ${script.graph.name} is a ${script.graph.mediaType} script (its header says "type ${script.graph.mediaType}")`);
  if (typeof contact.caller === 'object' && !Array.isArray(contact.caller)) return contact;
  const parsed = parseCallerScript(contact.caller as string | string[]);
  if (!parsed.ok) throw new RuntimeOptionError(`Invalid caller: ${parsed.problems.map((p) => `${p.message} (at "${stepText(contact.caller!, p.at)}")`).join('; ')}`);
  return { ...contact, caller: parsed.script };
}

function stepText(caller: string | readonly string[] | CallerScript, at: StepSpan): string {
  const text = typeof caller === 'string' ? caller : Array.isArray(caller) ? (caller[at.item] ?? '') : '';
  return text.slice(at.offset, at.offset + at.length);
}

/**
 * The contact of a run at the end, the same way for both kinds: a phone run's
 * call (with its transcript), or the digital contact a message opened (the
 * store has it as it is now: it outlives the run).
 */
function contactOf(d: RunDriver, contacts: ContactHub, iso: (ms: number) => string, withTranscript = true): Pick<RunResult, 'contact' | 'transcript'> {
  const v = contacts.ofRun(d);
  if (!v) return {};
  const contact = { contactId: v.contactId, kind: v.kind, ani: v.ani, dnis: v.dnis, status: v.status, releasedBy: v.released?.by ?? null, agent: v.agent };
  return v.kind === 'phone' && withTranscript ? { contact, transcript: transcriptLines(d.log.transcript ?? [], d.state.id.startedMs, iso) } : { contact };
}

/** The state of each process that holds some outside the store, by name (Snapshot.processes). */
function saveProcesses(processes: readonly BackgroundProcess[]): Record<string, unknown> {
  const saved: Record<string, unknown> = {};
  for (const p of processes) if (p.saveState) setMember(saved, p.name, p.saveState());
  return saved;
}

/**
 * Hands each process its part of a snapshot (`saved`: null for a version-1
 * snapshot, which has none: the processes start afresh; a version-2 one
 * lacks those added in version 3, which start afresh). A part missing, one no process of this runtime takes, or a
 * damaged one is refused naming where.
 */
function restoreProcesses(processes: readonly BackgroundProcess[], saved: Record<string, unknown> | null, version: number): void {
  if (saved === null) return;
  const takers = processes.filter((p) => p.restoreState);
  for (const p of takers)
    if (!Object.hasOwn(saved, p.name) && !(version === 2 && partSinceVersion3(p.name)))
      throw new SnapshotError(`Invalid snapshot: processes.${p.name} is missing (the state of the ${p.name} process)`);
  for (const name of Object.keys(saved)) {
    const p = takers.find((q) => q.name === name);
    if (!p) throw new SnapshotError(`Invalid snapshot: processes.${name} is the state of a background process this runtime does not have`);
    try {
      within(`processes.${name}`, () => p.restoreState!(saved[name]));
    } catch (err) {
      // A process that throws something else still refuses its part, named.
      throw new SnapshotError(`Invalid snapshot: ${err instanceof StateError ? err.message : `processes.${name}: ${err instanceof Error ? err.message : String(err)}`}`);
    }
  }
}

/**
 * The values of redacted variables in resumed runs, learned again so text
 * that embeds them stays masked after the pause, as it was before it. (Values
 * they held earlier, or an action's secret property took, are not in a
 * snapshot: docs/runtime.md.)
 */
function relearnSecrets(redactor: Redactor, drivers: readonly RunDriver[]): void {
  if (redactor.names.size === 0) return;
  for (const d of drivers)
    for (const vars of [d.state.globals, ...d.state.frames.map((f) => f.vars)])
      for (const [name, value] of Object.entries(vars)) if (redactor.isSecretName(name)) redactor.learn(value);
}

function splitTenant(t: TenantLike | undefined): { store: TenantStore; background: BackgroundProcess[] } {
  if (!t) return { store: new MemoryTenantStore(), background: [] };
  return 'store' in t ? { store: t.store, background: t.background() } : { store: t, background: [] };
}

function checkLimits(limits: Partial<Limits> | undefined): Partial<Limits> {
  if (!limits) return {};
  for (const [k, v] of Object.entries(limits)) {
    if (!isLimitName(k)) {
      const hint = didYouMean(k, LIMIT_NAMES);
      throw new RuntimeOptionError(`Unknown limit "${k}"${hint ? `; did you mean "${hint}"?` : ''} (known: ${LIMIT_NAMES.join(', ')})`);
    }
    if (typeof v !== 'number' || !(v >= 0)) throw new RuntimeOptionError(`Limit ${k} must be a number ≥ 0 (got ${String(v)})`);
  }
  return limits;
}

/** Entry variables by lowercase name; a `global:` prefix makes a global, as in a script. */
function splitVars(vars: Record<string, Value>): { locals: Record<string, Value>; globals: Record<string, Value> } {
  const locals: Record<string, Value> = {};
  const globals: Record<string, Value> = {};
  for (const [k, v] of Object.entries(vars)) {
    const { name, global } = variableName(k);
    setMember(global ? globals : locals, name, v === undefined ? null : v);
  }
  return { locals, globals };
}

function checkVarsAndParams(o: { vars?: unknown; params?: unknown }, prefix: string): void {
  if (o.vars !== undefined && (o.vars === null || typeof o.vars !== 'object' || Array.isArray(o.vars))) throw new RuntimeOptionError(`${prefix}vars must be an object of name: value`);
  if (o.params !== undefined && !Array.isArray(o.params)) throw new RuntimeOptionError(`${prefix}params must be an array of values (p1…pN)`);
}

/** A problem of one call of `calls`, named with it. */
function guardAt<T>(what: string, fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    throw new RuntimeOptionError(`${what}: ${err instanceof Error ? err.message : String(err)}`);
  }
}

function guard<T>(fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    throw new RuntimeOptionError(err instanceof Error ? err.message : String(err));
  }
}
