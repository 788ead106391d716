// The call side of the engine (docs/phone.md). A phone run's actions are
// stretches of a call on the virtual clock: an action that takes time
// completes — its outcome applied — only when its stretch ends, so an event
// that comes first (the caller hangs up, an agent answers) cuts it short with
// nothing applied. Delivering an event runs the script's event action for it
// (ONRELEASE, ONANSWER…) in place of whatever thread was running; a thread
// that has nothing left to do while the contact waits for an agent or talks
// to one waits for the next event. Owned by the engine, which hands it the
// three things it needs back (EngineHooks).
import type { ContactEvent } from '../contract/contact.js';
import type { Outcome } from '../contract/action.js';
import { decodeValues, encodeValues } from '../snippet/index.js';
import type { CallerScript } from '../phone/caller-script.js';
import { resolveCaller, type ResolvedCaller } from '../phone/caller.js';
import { applyEvent, newContact, releaseVariables, waitsForEvents } from '../phone/contact.js';
import { describeEvent, enqueue, nextEventMs, NO_EVENTS, type EventQueue } from '../phone/events.js';
import { simulateStretch, type StretchResult, type StretchSpec } from '../phone/media.js';
import { AUDIO_FILES_COLLECTION, audioFileKey } from '../tenant/sections/audio-files.js';
import { changeStatus, keyCatcherOf, recordTranscript, statusText, viewOf, writeSystem } from './call-state.js';
import type { RunContacts, RunDriver } from './driver.js';
import type { RunStatus } from './result.js';
import { eventBase, recordEffect, warn } from './run-changes.js';
import type { PreparedAction, PreparedScript } from './scripts.js';
import type { RuntimeServices } from './services.js';
import type { Advance } from './state-build.js';
import type { EncodedOutcome, EndedBy, PendingStretch, RunContact, RunState } from './state.js';
import { observedWhere, StepContact } from './step-contact.js';
import { isCallMedia } from '../contract/script-graph.js';

/** What the call engine asks back of the engine that owns it. */
export interface EngineHooks {
  /** Applies the outcome of an action whose stretch has just ended (outputs, _err, action.exit, the next action). */
  complete(d: RunDriver, action: PreparedAction, targets: Readonly<Record<string, string>>, outcome: Outcome, seconds: number): void;
  /** The action.exit of an action an event cut short. */
  interrupted(d: RunDriver, action: PreparedAction, seconds: number, event: string): void;
  end(d: RunDriver, status: RunStatus, endedBy: EndedBy, reason: string, atMs?: number): void;
}

export class CallEngine {
  private readonly callers = new Map<string, ResolvedCaller | null>();
  private readonly handlers = new Map<string, ReadonlyMap<string, string>>();
  readonly step: StepContact;

  constructor(
    private readonly services: RuntimeServices,
    private readonly hub: RunContacts,
    private readonly hooks: EngineHooks,
  ) {
    const audio = services.tenant.collection<{ seconds: number }>(AUDIO_FILES_COLLECTION);
    this.step = new StepContact({
      clockMs: () => services.clock.ms,
      caller: (d) => this.callerOf(d),
      audioSeconds: (f) => audio.get(audioFileKey(f))?.seconds,
      warn: (d, m) => warn(services, d, m),
      raise: (id, e, at) => hub.raise(id, e, at),
      view: (d) => viewOf(d),
      setStatus: (d, s, info) => changeStatus(services, d, s, info),
      note: (d, text, who) => recordTranscript(services, d, [{ atMs: services.clock.ms, kind: 'contact', who, text }]),
    });
  }

  /** Whether runs of this script are calls. */
  static isCall(script: PreparedScript): boolean {
    return isCallMedia(script.graph.mediaType);
  }

  /** The contact of a new entry run of a phone script. */
  static startCall(caller: CallerScript | undefined, startMs: number): RunContact {
    return { call: newContact(caller, startMs), events: NO_EVENTS };
  }

  // ---------------------------------------------------------------- scheduling

  /** When the run next needs the scheduler: its next step, the end of its stretch, or its next event. */
  dueMs(s: RunState): number {
    const c = s.contact;
    if (!c) return s.dueMs;
    const own = c.pending ? (c.pending.endMs ?? Infinity) : s.dueMs;
    const event = nextEventMs(c.events);
    return event < own ? event : own;
  }

  /**
   * Does what is due for the run before any step: completes a stretch that
   * ended, or delivers an event that came. Returns false when the run's next
   * action should simply be stepped.
   */
  advance(d: RunDriver): boolean {
    const c = d.state.contact;
    if (!c) return false;
    const now = this.services.clock.ms;
    const eventMs = nextEventMs(c.events);
    const pending = c.pending;
    // An action completes before an event of the same instant.
    if (pending?.endMs != null && pending.endMs <= now && pending.endMs <= eventMs) {
      this.complete(d);
      return true;
    }
    if (eventMs <= now) {
      this.deliver(d);
      return true;
    }
    return false;
  }

  /**
   * After an action executed on a call: its stretch (media it played, or the
   * silence of the time it took) is applied now when it takes no time, else
   * kept as pending with the outcome, which applies when it completes.
   * Returns true when the outcome was kept for later.
   */
  settle(d: RunDriver, action: PreparedAction, props: Record<string, unknown>, outcome: Outcome, seconds: number, advance: Advance): boolean {
    const c = d.state.contact;
    const call = c?.call;
    if (!c || !call) return false;
    const now = this.services.clock.ms;
    const made = this.step.stretch;
    const spec: StretchSpec = made?.spec ?? {
      where: observedWhere(action),
      action: action.where,
      clearDigits: false,
      silenceMs: Math.max(0, Math.round(seconds * 1000)),
      ...(keyCatcherOf(d.state) ? { interruptOnKey: true } : {}),
    };
    const result = made?.result ?? simulateStretch(this.callerOf(d), spec, call.side, now);
    const events = eventsOf(c.events, result);
    if (result.endMs <= now || outcome.control) {
      d.state = { ...d.state, contact: { ...c, events, call: { ...call, side: result.side } } };
      this.applyStretch(d, result, made?.recordFile);
      return false;
    }
    const pending: PendingStretch = {
      action: { script: d.state.frames[d.state.frames.length - 1]!.script, label: action.node.label, outcome: encodeOutcome(outcome), targets: targetsOf(action, props, outcome), seconds },
      startMs: now,
      // Cut short by the hang-up or a caught key: it never completes; the event ends it.
      endMs: result.ended === 'hangup' || result.ended === 'interrupt' ? null : result.endMs,
      stretch: {
        spec,
        side: call.side,
        ...(made?.recordFile !== undefined ? { recordFile: made.recordFile } : {}),
        result: { side: result.side, transcript: result.transcript, ended: result.ended, ...(result.recording ? { recording: result.recording } : {}) },
      },
    };
    d.state = { ...d.state, steps: advance.steps, actionTypes: advance.actionTypes, dueMs: result.endMs, contact: { ...c, events, pending } };
    return true;
  }

  /** The thread stops and waits for the next event (STOP, a thread with nothing left to do while an agent has the call). */
  suspend(d: RunDriver, reason: string): void {
    const c = d.state.contact ?? { events: NO_EVENTS };
    if (c.handling?.type === 'release') {
      this.hooks.end(d, 'completed', endedByOf(c), `ONRELEASE finished (${reason})`);
      return;
    }
    const now = this.services.clock.ms;
    let events = c.events;
    let stretch: PendingStretch['stretch'];
    if (c.call) {
      // The caller lives on while nothing plays: a hang-up during the wait is found now.
      const spec: StretchSpec = { where: '', action: '', clearDigits: false, endless: true, completes: false, ...(keyCatcherOf(d.state) ? { interruptOnKey: true } : {}) };
      const r = simulateStretch(this.callerOf(d), spec, c.call.side, now);
      events = eventsOf(events, r);
      stretch = { spec, side: c.call.side };
    }
    d.state = { ...d.state, contact: { ...c, events, pending: { startMs: now, endMs: null, reason, ...(stretch ? { stretch } : {}) } } };
  }

  /**
   * A thread ran out of actions: with a contact queued or talking to an agent
   * it waits for events; in ONRELEASE the run is over. Returns false when the
   * run is simply stuck.
   */
  threadEnded(d: RunDriver, where: string): boolean {
    const c = d.state.contact;
    if (!c) return false;
    if (c.handling?.type === 'release' || c.call?.status === 'released') {
      this.hooks.end(d, 'completed', endedByOf(c), `ONRELEASE finished at ${where}`);
      return true;
    }
    if (c.call && waitsForEvents(c.call)) {
      this.suspend(d, `the contact is ${statusText(c.call.status)} and the script has nothing more to do after ${where}`);
      return true;
    }
    // An event's thread that has nothing more to do ends; the script waits for the next event.
    if (c.handling) {
      this.suspend(d, `the ${c.handling.type} event's thread ended at ${where}`);
      return true;
    }
    return false;
  }

  /** Before the run ends: a call still up is released (by the script or the emulator), so routing lets go of it. */
  runEnding(d: RunDriver, atMs: number): void {
    const c = d.state.contact;
    // What played until the run stopped (until, a limit) is still part of the call.
    if (c?.pending?.stretch && c.call) {
      const r = simulateStretch(this.callerOf(d), c.pending.stretch.spec, c.pending.stretch.side, c.pending.startMs, atMs);
      d.state = { ...d.state, contact: { ...c, pending: undefined, call: { ...c.call, side: r.side } } };
      this.applyStretch(d, r, c.pending.stretch.recordFile);
    }
    const call = d.state.contact?.call;
    if (!call || call.status === 'released') return;
    const next = applyEvent(call, { type: 'release', by: 'system' }, atMs)!;
    d.state = { ...d.state, contact: { ...d.state.contact!, call: next } };
    this.hub.released(d, atMs, 'system');
  }

  /** Why a run that waits for events with nothing coming stops. */
  waitingReason(d: RunDriver): string | undefined {
    const p = d.state.contact?.pending;
    return p && p.endMs === null ? `Waiting for an event that never comes: ${p.reason ?? 'the script is waiting'}` : undefined;
  }

  // ---------------------------------------------------------------- internals

  private complete(d: RunDriver): void {
    const c = d.state.contact!;
    const p = c.pending!;
    const call = c.call;
    const result = p.stretch?.result;
    d.state = { ...d.state, contact: { ...c, pending: undefined, ...(call && result ? { call: { ...call, side: result.side } } : {}) } };
    if (result) this.applyStretch(d, result, p.stretch?.recordFile);
    if (!p.action) return;
    const action = this.actionOf(p.action.script, p.action.label);
    this.hooks.complete(d, action, p.action.targets, decodeOutcome(p.action.outcome), p.action.seconds);
  }

  private deliver(d: RunDriver): void {
    let c = d.state.contact!;
    const [first, ...rest] = c.events.queue;
    const { event, atMs } = first!;
    c = { ...c, events: { queue: rest, seq: c.events.seq } };
    const next = c.call ? applyEvent(c.call, event, atMs) : event.type === 'signal' ? undefined : null;
    if (next === null || (c.call && next === undefined)) {
      // Does not apply (a second release, a hold with no agent on the call…): nothing happens.
      d.state = { ...d.state, contact: c };
      this.emitEvent(d, event, { ignored: true });
      return;
    }
    const handler = event.type === 'dtmf' ? keyCatcherOf(d.state) : this.handlerFor(d.state, event.type);
    const interrupts = handler !== undefined || event.type === 'release' || event.type === 'answer' || (event.type === 'resume' && c.handling?.type === 'hold');
    let interrupted: string | undefined;
    if (interrupts && c.pending) {
      interrupted = this.interrupt(d, c, atMs, event);
      c = d.state.contact!;
    }
    // Applied to the call as the interrupted stretch left it (the caller's side moved on).
    if (next) c = { ...c, call: applyEvent(c.call!, event, atMs)! };
    d.state = { ...d.state, contact: c };
    // The caller's own hang-up and keys are already in the transcript, from the stretch they ended.
    if ((event.type !== 'release' || event.by !== 'caller') && event.type !== 'dtmf') recordTranscript(this.services, d, [{ atMs, kind: 'contact', who: agentSide(event) ? 'agent' : 'system', text: describeEvent(event) }]);
    if (event.type === 'release' && next) {
      writeSystem(this.services, d, releaseVariables(next.released!.cause));
      this.hub.released(d, atMs, event.by);
    }
    this.emitEvent(d, event, { ...(handler ? { handler: handler.label } : {}), ...(interrupted ? { interrupted } : {}) });
    if (!interrupts) return;
    if (handler) {
      const frames = d.state.frames.slice(0, handler.frame + 1);
      frames[handler.frame] = { ...frames[handler.frame]!, label: handler.label };
      d.state = { ...d.state, frames, dueMs: atMs, contact: { ...d.state.contact!, pending: undefined, handling: event } };
      return;
    }
    d.state = { ...d.state, contact: { ...d.state.contact!, pending: undefined } };
    if (event.type === 'release') this.hooks.end(d, 'completed', event.by === 'caller' || event.by === 'agent' ? 'contact' : 'script', `${describeEvent(event)} (the script has no ONRELEASE)`);
    else this.suspend(d, event.type === 'answer' ? 'an agent answered and the script has no ONANSWER' : 'the call came off hold');
  }

  /** Cuts the pending stretch at `atMs`: the call up to then is applied, the action's outcome dropped. Returns the action cut. */
  private interrupt(d: RunDriver, c: RunContact, atMs: number, event: ContactEvent): string | undefined {
    const p = c.pending!;
    // A key the cut stretch would have caught later is pressed in whatever runs next, which catches it anew.
    if (c.events.queue.some((e) => e.event.type === 'dtmf' && e.atMs > atMs)) c = { ...c, events: { ...c.events, queue: c.events.queue.filter((e) => e.event.type !== 'dtmf' || e.atMs <= atMs) } };
    let call = c.call;
    if (p.stretch && call) {
      const r = simulateStretch(this.callerOf(d), p.stretch.spec, p.stretch.side, p.startMs, atMs);
      call = { ...call, side: r.side };
      d.state = { ...d.state, contact: { ...c, call, pending: undefined } };
      this.applyStretch(d, r, p.stretch.recordFile);
    } else d.state = { ...d.state, contact: { ...c, pending: undefined } };
    if (!p.action) return undefined;
    const action = this.actionOf(p.action.script, p.action.label);
    this.hooks.interrupted(d, action, (atMs - p.startMs) / 1000, event.type);
    return action.where;
  }

  private applyStretch(d: RunDriver, r: Pick<StretchResult, 'transcript' | 'recording'>, recordFile: string | undefined): void {
    if (r.transcript.length > 0) recordTranscript(this.services, d, r.transcript);
    if (r.recording && recordFile !== undefined)
      recordEffect(this.services, d, 'recordings', { file: recordFile, seconds: r.recording.ms / 1000, text: r.recording.text, key: r.recording.key, contactId: d.state.id.contactId });
  }

  private emitEvent(d: RunDriver, event: ContactEvent, info: { handler?: string; interrupted?: string; ignored?: true }): void {
    const { trace } = this.services;
    if (trace.active) trace.emit({ ...eventBase(this.services, d), type: 'contact', event: event.type, text: describeEvent(event), ...info });
  }

  private callerOf(d: RunDriver): ResolvedCaller | null {
    const id = d.state.id;
    let caller = this.callers.get(id.contactId);
    if (caller === undefined) {
      caller = id.caller ? resolveCaller(id.caller, id.script) : null;
      this.callers.set(id.contactId, caller);
    }
    return caller;
  }

  /** The event action for `type` nearest the top of the frame stack (frames above it are dropped when it runs). */
  private handlerFor(s: RunState, type: string): { frame: number; label: string } | undefined {
    for (let i = s.frames.length - 1; i >= 0; i--) {
      const label = this.handlersOf(s.frames[i]!.script).get(type);
      if (label !== undefined) return { frame: i, label };
    }
    return undefined;
  }

  private handlersOf(scriptKey: string): ReadonlyMap<string, string> {
    let map = this.handlers.get(scriptKey);
    if (!map) {
      const script = this.services.catalog.resolve(scriptKey) as PreparedScript;
      const found = new Map<string, string>();
      for (const [label, a] of script.actions) if (a.def.event && !found.has(a.def.event)) found.set(a.def.event, label);
      this.handlers.set(scriptKey, (map = found));
    }
    return map;
  }

  private actionOf(scriptKey: string, label: string): PreparedAction {
    return (this.services.catalog.resolve(scriptKey) as PreparedScript).actions.get(label)!;
  }
}

/** The events a stretch raises: the caller's hang-up, or a key an INTERRUPTV2 caught (the first key of that instant). */
function eventsOf(events: EventQueue, r: StretchResult): EventQueue {
  if (r.ended === 'hangup') return enqueue(events, { type: 'release', by: 'caller' }, r.endMs);
  if (r.ended === 'interrupt') return enqueue(events, { type: 'dtmf', digit: r.side.keys.find((k) => k.atMs === r.endMs)?.digit ?? '' }, r.endMs);
  return events;
}

const agentSide = (e: ContactEvent): boolean => e.type === 'answer' || e.type === 'preview' || e.type === 'hold' || e.type === 'resume' || (e.type === 'release' && e.by === 'agent');

function endedByOf(c: RunContact): 'contact' | 'script' {
  const by = c.call?.released?.by;
  return by === 'caller' || by === 'agent' ? 'contact' : 'script';
}

/** Output name -> variable, resolved when the action ran (the props are gone by the time it completes). */
function targetsOf(action: PreparedAction, props: Record<string, unknown>, outcome: Outcome): Record<string, string> {
  const targets: Record<string, string> = {};
  for (const name in outcome.outputs ?? {}) {
    const t = props[name] ?? action.def.outputs?.[name];
    if (typeof t === 'string') targets[name] = t;
  }
  return targets;
}

// Outputs and variables go through the snapshot's value maps, so a member named `__proto__` stays a member.
function encodeOutcome(o: Outcome): EncodedOutcome {
  const outputs = o.outputs && encodeValues(o.outputs);
  const vars = o.vars && encodeValues(o.vars);
  return { branch: o.branch, ...(outputs ? { outputs } : {}), ...(vars ? { vars } : {}), ...(o.error !== undefined ? { error: o.error } : {}) };
}

function decodeOutcome(o: EncodedOutcome): Outcome {
  const outputs = o.outputs && decodeValues(o.outputs);
  const vars = o.vars && decodeValues(o.vars);
  return { branch: o.branch, ...(outputs ? { outputs } : {}), ...(vars ? { vars } : {}), ...(o.error !== undefined ? { error: o.error } : {}) };
}
