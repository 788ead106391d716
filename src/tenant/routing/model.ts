// The ACD on the virtual clock, as a pure model: contacts (and callbacks)
// queue on a skill, agents become available over the day, and each routing
// moment matches waiting contacts to free agents. A routed agent rings, then
// answers, talks for its talk time and hangs up, then wraps up. The model
// never reads a clock or the network: its owner calls `advance(nowMs)` at
// `nextDueMs()` and turns the events it returns into ONANSWER and releases.
//
// Matching (emulator decisions, docs/routing.md): contacts are served by
// current priority (initial + acceleration per minute waited, capped; a
// callback ranks above every live contact), then by time queued; a contact
// goes to the free agent with the best proficiency for its skill, then the
// one idle longest, then the lowest id. Everything is ordered, so equal
// inputs give equal timelines.
import type { AgentCounts, QueuePhase, QueueRequest } from '../../contract/routing.js';
import { inWeek, nextWeekChangeMs } from '../hours/evaluate.js';
import type { AgentRoutingRecord } from './records.js';

export type AgentPhase = 'idle' | 'ringing' | 'talking' | 'wrapUp';

export interface QueuedContact {
  request: Required<QueueRequest>;
  seq: number;
  queuedMs: number;
  phase: QueuePhase;
  agentId: number | null;
  /** When the current ringing or talking ends. */
  phaseEndsMs: number | null;
}

export interface AgentState {
  id: number;
  phase: AgentPhase;
  contactId: string | null;
  phaseEndsMs: number | null;
  idleSinceMs: number;
  handled: number;
}

export type RoutingEvent =
  | { type: 'routed'; atMs: number; contactId: string; agentId: number; skill: number }
  | { type: 'answered'; atMs: number; contactId: string; agent: AgentRoutingRecord; skill: number; callback: QueueRequest['callback'] }
  | { type: 'agentHungUp'; atMs: number; contactId: string; agentId: number; skill: number; callback: boolean };

/**
 * The model's state as plain JSON, for snapshots (saved-state.ts checks one
 * read back). A model built with the same agents and `startMs` that restores
 * it goes on exactly as this one would.
 */
export interface RoutingSnapshot {
  /** The start of the agents' day: `availableAfterSeconds` counts from here. */
  startMs: number;
  /** The time of the last change. */
  lastMs: number;
  /** The last queue sequence number given. */
  seq: number;
  /** Every contact (queued, ringing, talking), in the order the model holds them. */
  contacts: QueuedContact[];
  /** Each agent's state, in agent id order. */
  agents: AgentState[];
}

export class RoutingModel {
  private readonly agents: AgentRoutingRecord[];
  private readonly state = new Map<number, AgentState>();
  private readonly contacts = new Map<string, QueuedContact>();
  private seq = 0;
  /** Time of the last change; availability is judged from here. */
  private lastMs: number;
  private cachedDue: number | null | undefined;

  constructor(
    agents: readonly AgentRoutingRecord[],
    private readonly opts: { zone: string; startMs: number },
  ) {
    this.agents = [...agents].sort((a, b) => a.id - b.id);
    this.lastMs = opts.startMs;
    for (const a of this.agents) this.state.set(a.id, { id: a.id, phase: 'idle', contactId: null, phaseEndsMs: null, idleSinceMs: opts.startMs, handled: 0 });
  }

  agent(id: number): AgentRoutingRecord | undefined {
    return this.agents.find((a) => a.id === id);
  }

  /** Queues a contact; a contact already queued gets the new request and keeps its time in queue. */
  enqueue(req: QueueRequest, nowMs: number): QueuedContact {
    const request: Required<QueueRequest> = {
      targetAgent: null,
      highProficiency: 1,
      lowProficiency: 20,
      callback: null,
      notBeforeMs: null,
      ...req,
    };
    const old = this.contacts.get(req.contactId);
    const entry: QueuedContact =
      old && old.phase === 'queued'
        ? { ...old, request }
        : { request, seq: ++this.seq, queuedMs: Math.max(nowMs, request.notBeforeMs ?? nowMs), phase: 'queued', agentId: null, phaseEndsMs: null };
    this.contacts.set(req.contactId, entry);
    this.touch(nowMs);
    return entry;
  }

  /**
   * PULLAGENT: the free agent on shift with the request's skill whom matching
   * would choose (best proficiency, idle longest, lowest id) rings for the
   * contact now, ahead of every contact waiting on that skill. Undefined when
   * no agent is free: nothing changes.
   */
  pull(req: QueueRequest, nowMs: number): AgentRoutingRecord | undefined {
    const old = this.contacts.get(req.contactId);
    if (old && old.phase !== 'queued') return undefined;
    const best = this.choose(this.agents, (a) => (this.onShift(a, nowMs) ? (a.skills.find((k) => k.skill === req.skill)?.proficiency ?? null) : null));
    if (!best) return undefined;
    const entry = this.enqueue({ ...req, targetAgent: best.id, highProficiency: 1, lowProficiency: 20 }, nowMs);
    this.ring(entry, best, nowMs);
    return best;
  }

  /**
   * A queued contact becomes a callback under `newId` (CALLBACK): it keeps its
   * time in queue and, as a callback, ranks first. Undefined when it is not waiting.
   */
  toCallback(contactId: string, newId: string, callback: NonNullable<QueueRequest['callback']>, nowMs: number): QueuedContact | undefined {
    const c = this.contacts.get(contactId);
    if (!c || c.phase !== 'queued') return undefined;
    this.contacts.delete(contactId);
    const entry: QueuedContact = { ...c, request: { ...c.request, contactId: newId, callback } };
    this.contacts.set(newId, entry);
    this.touch(nowMs);
    return entry;
  }

  /** The contact left (caller hung up, transferred, released): off the queue; its agent wraps up. */
  drop(contactId: string, nowMs: number): void {
    const c = this.contacts.get(contactId);
    if (!c) return;
    this.contacts.delete(contactId);
    if (c.agentId !== null) {
      const a = this.state.get(c.agentId)!;
      // An agent whose phone was still ringing never talked: no after-call work.
      this.endCall(a, this.agent(c.agentId)!, nowMs, c.phase === 'talking');
    }
    this.touch(nowMs);
  }

  contact(contactId: string): Readonly<QueuedContact> | undefined {
    return this.contacts.get(contactId);
  }

  /** Every entry (queued, ringing, talking), in queue order. */
  entries(): readonly Readonly<QueuedContact>[] {
    return [...this.contacts.values()].sort((a, b) => a.seq - b.seq);
  }

  /** Current priority of a queued entry. */
  priority(c: QueuedContact, nowMs: number): number {
    if (c.request.callback) return Number.POSITIVE_INFINITY;
    const waitedMin = Math.max(0, nowMs - c.queuedMs) / 60_000;
    return Math.min(c.request.maxPriority, c.request.initialPriority + c.request.acceleration * waitedMin);
  }

  /** Next time the model has something to do, or null when idle until something changes. */
  nextDueMs(): number | null {
    if (this.cachedDue === undefined) this.cachedDue = this.computeDue();
    return this.cachedDue;
  }

  /** Runs everything due at or before `nowMs`, in time order; returns what happened. */
  advance(nowMs: number): RoutingEvent[] {
    const events: RoutingEvent[] = [];
    // Each timer frees or moves an agent at its own moment; a zero ring time answers in the same moment.
    for (let t = this.nextTimerMs(); t !== null && t <= nowMs; t = this.nextTimerMs()) {
      this.fireTimersAt(t, events);
      this.match(t, events);
    }
    this.lastMs = Math.max(this.lastMs, nowMs);
    this.match(nowMs, events);
    for (let t = this.nextTimerMs(); t !== null && t <= nowMs; t = this.nextTimerMs()) {
      this.fireTimersAt(t, events);
      this.match(t, events);
    }
    this.cachedDue = undefined;
    return events;
  }

  /** Queued entries of a skill and the longest wait in whole seconds; proficiency bounds keep entries whose window overlaps. */
  queueStats(skill: number, nowMs: number, high = 1, low = 20): { queued: number; longestWaitSeconds: number } {
    let queued = 0;
    let oldest: number | null = null;
    for (const c of this.contacts.values()) {
      if (c.phase !== 'queued' || c.request.skill !== skill || c.queuedMs > nowMs) continue;
      if (c.request.lowProficiency < high || c.request.highProficiency > low) continue;
      queued++;
      if (oldest === null || c.queuedMs < oldest) oldest = c.queuedMs;
    }
    return { queued, longestWaitSeconds: oldest === null ? 0 : Math.floor((nowMs - oldest) / 1000) };
  }

  /** 1-based place of a queued contact among those waiting on its skill; null when not queued. */
  position(contactId: string, nowMs: number): number | null {
    const me = this.contacts.get(contactId);
    if (!me || me.phase !== 'queued') return null;
    const ahead = [...this.contacts.values()].filter(
      (c) => c.phase === 'queued' && c.request.skill === me.request.skill && c.queuedMs <= nowMs && this.before(c, me, nowMs),
    );
    return ahead.length + 1;
  }

  agentCounts(skill: number, nowMs: number): AgentCounts {
    const out: AgentCounts = { loggedIn: 0, available: 0, working: 0 };
    for (const a of this.agents) {
      if (!a.skills.some((s) => s.skill === skill)) continue;
      const st = this.state.get(a.id)!;
      const on = this.onShift(a, nowMs);
      if (st.phase !== 'idle') out.working++;
      if (on) out.loggedIn++;
      if (on && st.phase === 'idle') out.available++;
    }
    return out;
  }

  /** What each agent is doing (for traces and `tenant show`-style listings). */
  agentPhases(): { id: number; phase: AgentPhase; contactId: string | null; handled: number }[] {
    return this.agents.map((a) => {
      const s = this.state.get(a.id)!;
      return { id: a.id, phase: s.phase, contactId: s.contactId, handled: s.handled };
    });
  }

  snapshot(): RoutingSnapshot {
    const agents = this.agents.map((a) => this.state.get(a.id)!);
    return JSON.parse(JSON.stringify({ startMs: this.opts.startMs, lastMs: this.lastMs, seq: this.seq, contacts: [...this.contacts.values()], agents })) as RoutingSnapshot;
  }

  /**
   * Takes back a snapshot() of a model built with the same agents and start
   * (a copy: later changes do not reach `s`). An agent the snapshot does not
   * list keeps its state; one the model does not have is left out.
   */
  restore(s: RoutingSnapshot): void {
    const copy = JSON.parse(JSON.stringify(s)) as RoutingSnapshot;
    this.seq = copy.seq;
    this.lastMs = copy.lastMs;
    this.contacts.clear();
    for (const c of copy.contacts) this.contacts.set(c.request.contactId, c);
    for (const a of copy.agents) if (this.state.has(a.id)) this.state.set(a.id, a);
    this.cachedDue = undefined;
  }

  // --- inside ---

  private touch(nowMs: number): void {
    this.lastMs = Math.max(this.lastMs, nowMs);
    this.cachedDue = undefined;
  }

  /** Logged in and inside the agent's working time. */
  private onShift(a: AgentRoutingRecord, ms: number): boolean {
    if (!a.loggedIn) return false;
    if (a.availableAfterSeconds !== null && ms < this.opts.startMs + a.availableAfterSeconds * 1000) return false;
    return a.schedule === null || inWeek(a.schedule, ms, this.opts.zone);
  }

  /** When an agent that is off shift now comes on (null: never by itself). */
  private nextShiftStartMs(a: AgentRoutingRecord, ms: number): number | null {
    if (!a.loggedIn) return null;
    const after = a.availableAfterSeconds === null ? null : this.opts.startMs + a.availableAfterSeconds * 1000;
    let t = after !== null && ms < after ? after : ms;
    if (a.schedule === null) return t > ms ? t : null;
    for (let i = 0; i < 16; i++) {
      if (t > ms && inWeek(a.schedule, t, this.opts.zone)) return t;
      if (t === ms && inWeek(a.schedule, t, this.opts.zone)) return null;
      const next = nextWeekChangeMs(a.schedule, t, this.opts.zone);
      if (next === null) return null;
      t = next;
    }
    return null;
  }

  private nextTimerMs(): number | null {
    let t: number | null = null;
    for (const s of this.state.values()) if (s.phaseEndsMs !== null && (t === null || s.phaseEndsMs < t)) t = s.phaseEndsMs;
    return t;
  }

  private fireTimersAt(t: number, events: RoutingEvent[]): void {
    // Agents in id order: simultaneous timers fire in a fixed order.
    for (const a of this.agents) {
      const s = this.state.get(a.id)!;
      if (s.phaseEndsMs !== t) continue;
      const c = s.contactId !== null ? this.contacts.get(s.contactId) : undefined;
      if (s.phase === 'ringing' && c) {
        s.phase = 'talking';
        s.phaseEndsMs = t + Math.round(a.talkSeconds * 1000);
        c.phase = 'talking';
        c.phaseEndsMs = s.phaseEndsMs;
        events.push({ type: 'answered', atMs: t, contactId: c.request.contactId, agent: a, skill: c.request.skill, callback: c.request.callback });
      } else if (s.phase === 'talking' && c) {
        this.contacts.delete(c.request.contactId);
        this.endCall(s, a, t, true);
        events.push({ type: 'agentHungUp', atMs: t, contactId: c.request.contactId, agentId: a.id, skill: c.request.skill, callback: c.request.callback !== null });
      } else {
        // Wrap-up over (or a timer left by a contact that is gone): free again.
        s.phase = 'idle';
        s.phaseEndsMs = null;
        s.contactId = null;
        s.idleSinceMs = t;
      }
    }
    this.lastMs = Math.max(this.lastMs, t);
  }

  private endCall(s: AgentState, a: AgentRoutingRecord, t: number, talked: boolean): void {
    s.contactId = null;
    if (talked) s.handled++;
    if (talked && a.wrapUpSeconds > 0) {
      s.phase = 'wrapUp';
      s.phaseEndsMs = t + Math.round(a.wrapUpSeconds * 1000);
    } else {
      s.phase = 'idle';
      s.phaseEndsMs = null;
      s.idleSinceMs = t;
    }
  }

  /** True when `a` is served before `b`. */
  private before(a: QueuedContact, b: QueuedContact, nowMs: number): boolean {
    const pa = this.priority(a, nowMs);
    const pb = this.priority(b, nowMs);
    if (pa !== pb) return pa > pb;
    if (a.queuedMs !== b.queuedMs) return a.queuedMs < b.queuedMs;
    return a.seq < b.seq;
  }

  private eligible(a: AgentRoutingRecord, c: QueuedContact): number | null {
    if (c.request.targetAgent !== null && c.request.targetAgent !== a.id) return null;
    const s = a.skills.find((k) => k.skill === c.request.skill);
    if (!s || s.proficiency < c.request.highProficiency || s.proficiency > c.request.lowProficiency) return null;
    return s.proficiency;
  }

  private match(nowMs: number, events: RoutingEvent[]): void {
    const waiting = [...this.contacts.values()].filter((c) => c.phase === 'queued' && c.queuedMs <= nowMs);
    if (waiting.length === 0) return;
    const free = this.agents.filter((a) => this.state.get(a.id)!.phase === 'idle' && this.onShift(a, nowMs));
    if (free.length === 0) return;
    waiting.sort((x, y) => (this.before(x, y, nowMs) ? -1 : this.before(y, x, nowMs) ? 1 : 0));
    for (const c of waiting) {
      const best = this.choose(free, (a) => this.eligible(a, c));
      if (!best) continue;
      this.ring(c, best, nowMs);
      events.push({ type: 'routed', atMs: nowMs, contactId: c.request.contactId, agentId: best.id, skill: c.request.skill });
    }
  }

  /**
   * The agent routing gives a contact, among `agents` (in id order) that are
   * idle and for whom `proficiency` gives a number: the best (lowest)
   * proficiency, then the one idle longest, then the lowest id.
   */
  private choose(agents: readonly AgentRoutingRecord[], proficiency: (a: AgentRoutingRecord) => number | null): AgentRoutingRecord | undefined {
    let best: AgentRoutingRecord | undefined;
    let bestProf = Infinity;
    let bestIdleSince = Infinity;
    for (const a of agents) {
      const s = this.state.get(a.id)!;
      if (s.phase !== 'idle') continue;
      const prof = proficiency(a);
      if (prof === null) continue;
      if (best === undefined || prof < bestProf || (prof === bestProf && s.idleSinceMs < bestIdleSince)) {
        best = a;
        bestProf = prof;
        bestIdleSince = s.idleSinceMs;
      }
    }
    return best;
  }

  /** The agent's phone rings for the contact; it answers after its ring time. */
  private ring(c: QueuedContact, agent: AgentRoutingRecord, nowMs: number): void {
    const s = this.state.get(agent.id)!;
    s.phase = 'ringing';
    s.contactId = c.request.contactId;
    s.phaseEndsMs = nowMs + Math.round(agent.ringSeconds * 1000);
    c.phase = 'ringing';
    c.agentId = agent.id;
    c.phaseEndsMs = s.phaseEndsMs;
    this.cachedDue = undefined;
  }

  private computeDue(): number | null {
    let due = this.nextTimerMs();
    const min = (t: number | null) => {
      if (t !== null && (due === null || t < due)) due = t;
    };
    const waiting = [...this.contacts.values()].filter((c) => c.phase === 'queued');
    if (waiting.length === 0) return due;
    const now = this.lastMs;
    for (const c of waiting) if (c.queuedMs > now) min(c.queuedMs);
    const ready = waiting.filter((c) => c.queuedMs <= now);
    for (const a of this.agents) {
      const s = this.state.get(a.id)!;
      if (s.phase !== 'idle' || !ready.some((c) => this.eligible(a, c) !== null)) continue;
      // A free agent on shift with a contact it can take: route now.
      if (this.onShift(a, now)) return now;
      min(this.nextShiftStartMs(a, now));
    }
    return due;
  }
}
