// The scheduler: every run of a runtime (entry runs, spawned runs) and the
// background processes (dialer simulation…) on one virtual timeline. It always
// resumes whatever is due earliest — ties: runs in start order, then
// processes — so equal inputs give equal traces. It owns the list of runs and
// the engine; the engine reaches back only through RunSystem.spawn.
import type { SpawnRequest } from '../contract/flow.js';
import { raiseLimitHint } from '../contract/limits.js';
import type { BackgroundProcess, ProcessServices } from '../contract/process.js';
import type { EncodedValue, Value } from '../contract/value.js';
import { GLOBAL_PREFIX } from '../contract/variables.js';
import type { RunDriver, RunSystem } from './driver.js';
import { Engine } from './engine.js';
import type { PreparedAction, PreparedScript } from './scripts.js';
import type { RuntimeServices } from './services.js';
import { recordEffect, warn } from './run-changes.js';
import { paramVars } from './state-build.js';
import type { RunState } from './state.js';
import { toResultJson } from './trace.js';
import { setMember } from '../snippet/json.js';
import { CallEngine } from './call-engine.js';
import { ContactHub } from './contact-hub.js';
import { parseCallerScript, type CallerScript } from '../phone/caller-script.js';

export interface ContactInfo {
  ani?: string;
  dnis?: string;
  skillNo?: number;
  poc?: string;
  /** The contact hangs up this many seconds after the run starts (phone scripts: ONRELEASE runs; others: the run ends, `endedBy: contact`). */
  hangUpAfterSeconds?: number;
  /** Phone scripts: what the caller does (docs/phone.md): steps as text (`press 2; wait 5s; hangup`), a list of steps, or a parsed script. */
  caller?: string | readonly string[] | CallerScript;
}

export type DriveEnd = 'done' | 'until' | 'aborted' | 'paused';

export interface DriveOptions {
  /** The run's until: everything stops there. */
  stopAtMs: number | null;
  /** Without an until: once no run has anything due, background processes are followed up to here (PROCESS_HORIZON_DAYS). */
  horizonMs?: number | null;
  signal?: AbortSignal;
  maxSteps?: number;
}

export interface SchedulerOptions {
  services: RuntimeServices;
  /** Work interleaved with the runs (dialers…); each is attached to the runtime's services first. */
  processes?: readonly BackgroundProcess[];
  /** Contact id of the next run (a resumed snapshot continues its numbering). */
  nextContact?: number;
}

/** How a run starts: its first variables, parameters p1…pN, globals, contact and virtual start time. */
export interface StartOptions {
  vars?: Record<string, Value>;
  params?: Value[];
  globals?: Record<string, Value>;
  contact?: ContactInfo;
  startMs: number;
  /** The spawning run, for a spawned run. */
  parent?: RunDriver;
  /** A run started by a background process that is a call of its own (a phone script's run), though listed under `parent`. */
  call?: boolean;
}

/** Contact ids start here so they look like Studio's (and never collide with small test numbers). */
const FIRST_CONTACT_ID = 100_000_001;

/** The run and the background process due earliest, with their times (Infinity: none). */
interface Due {
  run: RunDriver | undefined;
  runDue: number;
  proc: BackgroundProcess | undefined;
  procDue: number;
}

/** Process runs between two script steps that share one store transaction at most (Scheduler.runProcesses). */
const PROCESS_BATCH = 256;

export class Scheduler implements RunSystem {
  readonly services: RuntimeServices;
  readonly engine: Engine;
  private readonly processes: readonly BackgroundProcess[];
  /** Warnings of processes given before the entry run started (prepare). */
  private readonly earlyWarnings: string[] = [];
  /** Every run, in start order. */
  readonly drivers: RunDriver[] = [];
  readonly byContact = new Map<string, RunDriver>();
  /** Runs still running, in start order. */
  active: RunDriver[] = [];
  nextContact = FIRST_CONTACT_ID;
  readonly contacts: ContactHub;

  constructor(options: SchedulerOptions) {
    const services = (this.services = options.services);
    this.contacts = new ContactHub(services, (id) => this.byContact.get(id));
    this.engine = new Engine(services, this);
    this.processes = options.processes ?? [];
    if (options.nextContact !== undefined) this.nextContact = options.nextContact;
    const { clock, tenant, random, limits } = services;
    const attached: ProcessServices = { clock, tenant, random: random.next, limits, contacts: this.contacts, ...this.processServices() };
    for (const p of this.processes) p.attach?.(attached);
  }

  /** What background processes may do with the runs: HTTP, effects and warnings on the entry run, starting scripts. */
  private processServices(): Pick<ProcessServices, 'http' | 'effect' | 'warn' | 'startScript' | 'isRunning'> {
    const services = this.services;
    const entry = () => this.drivers[0];
    return {
      http: services.http,
      effect: (kind, data, contactId) => {
        const d = (contactId !== undefined ? this.byContact.get(contactId) : undefined) ?? entry();
        if (d) recordEffect(services, d, kind, data);
      },
      warn: (message) => {
        const d = entry();
        if (d) warn(services, d, message);
        // A process's prepare() runs before the entry starts: its warnings wait for it.
        else this.earlyWarnings.push(message);
      },
      startScript: (script, { vars = {}, skillNo, atMs, call }) => {
        const target = services.catalog.resolve(script);
        if (typeof target === 'string') return { error: target };
        if (call && !CallEngine.isCall(target)) return { error: `${target.graph.name} is a ${target.graph.mediaType} script; a call runs a Phone script` };
        const parent = entry();
        const contact: ContactInfo = { ...(skillNo !== undefined ? { skillNo } : {}), ...call };
        const d = this.start(target, { vars, contact, startMs: Math.max(atMs, services.clock.ms), ...(parent ? { parent } : {}), ...(call ? { call: true } : {}) });
        return { contactId: d.state.id.contactId };
      },
      isRunning: (contactId) => this.byContact.get(contactId)?.state.status === 'running',
    };
  }

  /** Starts an entry run (or, with `parent`, a spawned one) at `startMs`, with its first variables and globals. */
  start(script: PreparedScript, options: StartOptions): RunDriver {
    const { vars = {}, params = [], globals = {}, contact = {}, startMs, parent } = options;
    const ownCall = !parent || options.call === true;
    const { trace, tenant, clock } = this.services;
    const contactId = String(this.nextContact++);
    const frameVars = paramVars(vars, params);
    // An entry run of a phone script is a call: its caller, and a hang-up after some time, belong to the call.
    const call = ownCall && CallEngine.isCall(script);
    const caller = call ? callerOf(contact) : undefined;
    const system: Record<string, Value> = {
      contactid: contactId,
      masterid: contactId,
      skillno: contact.skillNo ?? (parent ? (parent.state.system.skillno ?? '') : ''),
      ani: contact.ani ?? '',
      dnis: contact.dnis ?? '',
      bu: tenant.businessUnit ?? '',
      poc: contact.poc ?? '',
      // A spawned run can read the id its spawner received; an entry run was not spawned.
      spawnid: parent && !ownCall ? contactId : '',
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
        hangUpAtMs: !call && contact.hangUpAfterSeconds !== undefined ? startMs + Math.round(contact.hangUpAfterSeconds * 1000) : null,
        ...(caller ? { caller } : {}),
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
      ...(call ? { contact: CallEngine.startCall(caller, startMs) } : {}),
    };
    const { redactor } = trace;
    for (const [name, value] of [...Object.entries(frameVars), ...Object.entries(globals)]) if (redactor.isSecretName(name)) redactor.learn(value);
    const d: RunDriver = { state, log: { path: [], effects: emptyEffects() } };
    this.add(d);
    if (trace.active) {
      const encoded: Record<string, EncodedValue> = {};
      for (const [k, v] of Object.entries(frameVars)) setMember(encoded, k, toResultJson(v));
      for (const [k, v] of Object.entries(globals)) setMember(encoded, GLOBAL_PREFIX + k, toResultJson(v));
      trace.emit({ time: clock.iso(startMs), contactId, type: 'run.start', script: script.graph.name, vars: encoded });
    }
    return d;
  }

  /** Takes a run (new, or decoded from a snapshot; start order) into the timeline. */
  add(d: RunDriver): void {
    const id = d.state.id;
    const root = id.root !== id.contactId ? this.byContact.get(id.root) : undefined;
    if (root) d.rootLog = root.log;
    // One budget per spawn tree: a resumed snapshot's runs add up their actions again.
    d.budget = root?.budget ?? { actions: 0 };
    d.budget.actions += d.state.steps;
    this.drivers.push(d);
    this.byContact.set(id.contactId, d);
    if (this.drivers.length === 1) for (const message of this.earlyWarnings.splice(0)) warn(this.services, d, message);
    if (d.state.status === 'running') this.active.push(d);
  }

  /** Drops a run that has ended from the runs still to step. */
  private retire(d: RunDriver): void {
    if (d.state.status === 'running') return;
    const i = this.active.indexOf(d);
    if (i >= 0) this.active.splice(i, 1);
  }

  spawn(d: RunDriver, action: PreparedAction, request: SpawnRequest): { spawnId: string } | { error: string; limit?: true } {
    const { catalog, limits, clock, trace } = this.services;
    const target = catalog.resolve(request.script);
    if (typeof target === 'string') return { error: target };
    let alive = 0;
    for (const r of this.active) if (r.state.id.parent !== null) alive++;
    if (alive >= limits.maxSpawnedRuns)
      return {
        error: `Spawned run limit reached: maxSpawnedRuns = ${limits.maxSpawnedRuns} runs alive at once (SPAWN at ${action.where}); ${raiseLimitHint('maxSpawnedRuns')}`,
        limit: true,
      };
    const startMs = Math.max(clock.ms, request.startMs ?? clock.ms);
    const skillNo = d.state.system.skillno;
    if (trace.active)
      trace.emit({
        time: clock.iso(),
        contactId: d.state.id.contactId,
        type: 'script.call',
        from: action.script,
        to: target.graph.name,
        params: request.params.map((p) => toResultJson(p)),
        mode: 'spawn',
      });
    const child = this.start(target, { params: request.params, contact: typeof skillNo === 'number' ? { skillNo } : {}, startMs, parent: d });
    return { spawnId: child.state.id.contactId };
  }

  /** Awaits each process's `prepare` (files it streams in) at the run's start time. */
  async prepare(nowMs: number): Promise<void> {
    for (const p of this.processes) await p.prepare?.(nowMs);
  }

  /**
   * Runs steps until every run ended or a stop condition holds. Background
   * work left waiting for a commit (runProcesses) is committed when it
   * returns, and before it waits for anything outside the timeline.
   */
  async drive(opts: DriveOptions): Promise<DriveEnd> {
    try {
      return await this.driveSteps(opts);
    } finally {
      this.services.tenant.settle();
    }
  }

  private async driveSteps(opts: DriveOptions): Promise<DriveEnd> {
    const { stopAtMs, signal, maxSteps } = opts;
    const horizonMs = opts.horizonMs ?? null;
    const tenant = this.services.tenant;
    const clock = this.services.clock;
    const engine = this.engine;
    let steps = 0;
    let sinceYield = 0;
    // What is due next when the processes just run worked it out already.
    let known: Due | undefined;
    for (;;) {
      if (signal?.aborted) return 'aborted';
      const { run, runDue, proc, procDue } = known ?? this.nextDue();
      known = undefined;
      // No run is due (none left, or every one waits for an event) and no process will do anything: nothing more happens.
      if (runDue === Infinity && !proc) return 'done';
      // Nor when only background processes are due, past the horizon of a run without an until.
      if (runDue === Infinity && horizonMs !== null && procDue > horizonMs) return 'done';
      const next = runDue <= procDue ? runDue : procDue;
      if (stopAtMs !== null && next > stopAtMs) {
        if (stopAtMs > clock.ms) clock.ms = stopAtMs;
        return 'until';
      }
      if (proc && procDue < runDue) {
        known = this.runProcesses(proc, procDue, stopAtMs ?? horizonMs, signal);
        continue;
      }
      if (!run) return 'done';
      if (maxSteps !== undefined && steps >= maxSteps) return 'paused';
      if (runDue > clock.ms) clock.ms = runDue;
      // Contact events come before the next step: today the caller's hang-up (contact.hangUpAfterSeconds).
      const hangUp = run.state.id.hangUpAtMs;
      if (hangUp !== null && clock.ms >= hangUp) {
        engine.end(run, 'completed', 'contact', 'The contact hung up', hangUp);
        this.retire(run);
        continue;
      }
      const stepsBefore = run.state.steps;
      try {
        // A stretch of the call that ended, or a contact event that came, goes before the next step.
        if (run.state.contact && engine.advance(run)) {
          this.retire(run);
          steps++;
          continue;
        }
        const pending = engine.step(run);
        if (pending) {
          tenant.settle();
          await pending;
        }
      } catch (err) {
        // A fault outside any action (a bug, a throwing trace listener) fails this run, not the process.
        if (run.state.status === 'running') engine.end(run, 'failed', 'script', `Internal error: ${err instanceof Error ? err.message : String(err)}`);
      }
      if (run.budget) run.budget.actions += run.state.steps - stepsBefore;
      this.retire(run);
      steps++;
      // Let timers and abort signals fire during long runs without paying for an await per step.
      if (++sinceYield >= 8192) {
        sinceYield = 0;
        tenant.settle();
        await new Promise<void>((resolve) => setImmediate(resolve));
      }
    }
  }

  /** The run and the background process due earliest (ties: runs in start order, then processes in their order). */
  private nextDue(): Due {
    let run: RunDriver | undefined;
    let runDue = Infinity;
    for (const d of this.active) {
      const due = dueOf(d.state, this.engine);
      if (!run || due < runDue) {
        run = d;
        runDue = due;
      }
    }
    let proc: BackgroundProcess | undefined;
    let procDue = Infinity;
    for (const p of this.processes) {
      // With every run ended, only processes whose work outlives the scripts go on.
      if (!run && !p.keepsRunning) continue;
      const t = p.nextDueMs();
      if (t !== null && t < procDue) {
        proc = p;
        procDue = t;
      }
    }
    return { run, runDue, proc, procDue };
  }

  /**
   * Runs `first`, then every process due before the next run step, in the
   * order the main loop would (the same choice after each one), as one store
   * transaction of background work (`tenant.background`): on a state file it
   * is committed with the next script action that changes something (or when
   * driving stops), so the dialer's ticks between two polls of a brain script
   * cost no commit of their own, and the reads the processes make in between
   * (queue heads, skills) share it instead of opening a read transaction
   * each. Each process's own transaction is a savepoint inside it, so a
   * process that throws takes back only its own changes; the ones before it
   * are kept. A stretch of processes alone (a digital list sent after the
   * scripts ended) commits every PROCESS_BATCH runs. Returns what is due
   * next, as `nextDue()` found it after the last process (undefined when
   * aborted). The batch ends before a process due after `boundMs` (the
   * until, or the horizon of a run without one).
   */
  private runProcesses(first: BackgroundProcess, firstDue: number, boundMs: number | null, signal: AbortSignal | undefined): Due | undefined {
    const clock = this.services.clock;
    let failure: { err: unknown } | undefined;
    let next: Due | undefined;
    let n = 0;
    const tenant = this.services.tenant;
    tenant.background(() => {
      let proc: BackgroundProcess | undefined = first;
      let due = firstDue;
      for (; proc && n < PROCESS_BATCH; n++) {
        if (due > clock.ms) clock.ms = due;
        try {
          proc.runDue(clock.ms);
        } catch (err) {
          failure = { err };
          return;
        }
        if (signal?.aborted) {
          next = undefined;
          return;
        }
        next = this.nextDue();
        const beforeRun = next.proc !== undefined && next.procDue < next.runDue && (boundMs === null || next.procDue <= boundMs);
        proc = beforeRun ? next.proc : undefined;
        due = next.procDue;
      }
    });
    if (failure) throw failure.err;
    if (n >= PROCESS_BATCH) tenant.settle();
    return next;
  }

  /** Ends the runs left waiting for an event that never comes (nothing else is due). */
  stopWaiting(): void {
    for (const d of [...this.active]) {
      this.engine.end(d, 'stopped', 'script', this.engine.waitingReason(d) ?? 'Nothing more happens', this.services.clock.ms);
      this.retire(d);
    }
  }

  /** Ends every running run at the current time (until reached, or aborted). */
  stopAll(reason: string): void {
    for (const d of [...this.active]) {
      this.engine.end(d, 'stopped', 'script', reason, this.services.clock.ms);
      this.retire(d);
    }
  }
}

/**
 * When a run next needs the scheduler: its next step, or something earlier on
 * its call (an event, the end of a stretch), or the hang-up of a contact that
 * is not a call (contact.hangUpAfterSeconds). Whatever else can wake a run is added here.
 */
function dueOf(s: RunState, engine: Engine): number {
  const own = engine.dueMs(s);
  return s.id.hangUpAtMs !== null && s.id.hangUpAtMs < own ? s.id.hangUpAtMs : own;
}

/** The caller of a call: its script (parsed once), with a `hangUpAfterSeconds` folded in as its deadline. */
function callerOf(contact: ContactInfo): CallerScript | undefined {
  let script: CallerScript | undefined;
  const c = contact.caller;
  if (typeof c === 'string' || Array.isArray(c)) {
    const parsed = parseCallerScript(c as string | string[]);
    if (!parsed.ok) throw new Error(`Invalid caller script: ${parsed.problems.map((p) => p.message).join('; ')}`);
    script = parsed.script;
  } else if (c) script = c as CallerScript;
  if (contact.hangUpAfterSeconds === undefined) return script;
  const base = script ?? { steps: [] };
  const ms = Math.round(contact.hangUpAfterSeconds * 1000);
  return { ...base, hangUpAfterMs: base.hangUpAfterMs === undefined ? ms : Math.min(ms, base.hangUpAfterMs) };
}

/** The effect kinds every result lists, even when empty (runtime.md); other kinds appear once recorded. */
export function emptyEffects(): Record<string, EncodedValue[]> {
  return { prospects: [], crm: [], agentEvents: [], savedToDb: [], http: [] };
}
