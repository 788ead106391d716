// Changes to a run's call shared by the contact hub (routing and SIGNAL reach
// a contact by id), the call engine and ctx.contact: the contact as others see
// it, its status, its transcript (with `call` trace events) and the system
// variables a call sets.
import type { CallStatus, ContactView } from '../contract/contact.js';
import type { KeyCatcher } from '../phone/contact.js';
import type { Value } from '../contract/value.js';
import type { TranscriptEntry } from '../phone/transcript.js';
import type { RunDriver } from './driver.js';
import type { RuntimeServices } from './services.js';
import type { RunState } from './state.js';

const STATUS_TEXT: Record<CallStatus, string> = { ivr: 'in the IVR', queued: 'queued', agent: 'with an agent', hold: 'on hold', preview: 'in preview', released: 'released' };

/** How a status reads in messages ("the contact is queued"). */
export const statusText = (s: CallStatus): string => STATUS_TEXT[s];

export function viewOf(d: RunDriver): ContactView {
  const s = d.state;
  const call = s.contact!.call!;
  const skill = Number(s.system.skillno);
  return {
    contactId: s.id.contactId,
    masterId: s.id.masterId,
    kind: 'phone',
    status: call.status,
    ani: String(s.system.ani ?? ''),
    dnis: String(s.system.dnis ?? ''),
    skillNo: s.system.skillno === '' || s.system.skillno === undefined || !Number.isFinite(skill) ? null : skill,
    skillName: call.skillName,
    agent: call.agent,
    released: call.released,
  };
}

/** Appends to the call transcript, and sends each line as a `call` trace event. */
export function recordTranscript(services: RuntimeServices, d: RunDriver, entries: readonly TranscriptEntry[]): void {
  const log = (d.log.transcript ??= []);
  const { trace, clock } = services;
  for (const e of entries) {
    const text = trace.redactor.text(e.text);
    log.push(text === e.text ? e : { ...e, text });
    if (trace.active)
      trace.emit({
        time: clock.iso(e.atMs),
        contactId: d.state.id.contactId,
        type: 'call',
        kind: e.kind,
        who: e.who,
        text,
        ...(e.action ? { action: e.action } : {}),
        ...(e.playedMs !== undefined ? { playedSeconds: e.playedMs / 1000 } : {}),
        ...(e.cut ? { cut: e.cut } : {}),
      });
  }
}

/** Sets system variables (the release cause, the contact's skill), with var.set events. */
export function writeSystem(services: RuntimeServices, d: RunDriver, vars: Readonly<Record<string, Value>>): void {
  const { trace } = services;
  const system = { ...d.state.system };
  for (const name in vars) {
    const old = system[name];
    system[name] = vars[name]!;
    if (trace.active) trace.varSet(services.clock.iso(), d.state.id.contactId, name, 'local', old === undefined ? undefined : trace.encode(old, name), trace.encode(vars[name]!, name));
  }
  d.state = { ...d.state, system };
}

/** Moves a call to another status (queued by a routing action…); released calls stay released. */
export function changeStatus(services: RuntimeServices, d: RunDriver, status: Exclude<CallStatus, 'released'>, info?: { skillNo?: number; skillName?: string }): void {
  const c = d.state.contact;
  const call = c?.call;
  if (!c || !call || call.status === 'released') return;
  d.state = { ...d.state, contact: { ...c, call: { ...call, status, skillName: info?.skillName ?? call.skillName } } };
  if (info?.skillNo !== undefined) writeSystem(services, d, { skillno: info.skillNo });
  if (status === 'queued') {
    const skill = info?.skillName || call.skillName || `skill ${info?.skillNo ?? d.state.system.skillno}`;
    recordTranscript(services, d, [{ atMs: services.clock.ms, kind: 'contact', who: 'system', text: `queued for ${skill}` }]);
  }
}

/** The INTERRUPTV2 catching the caller's keys now: one ran, and its frame still runs its script. */
export function keyCatcherOf(s: RunState): KeyCatcher | undefined {
  const k = s.contact?.call?.keyCatcher;
  return k && s.frames[k.frame]?.script === k.script ? k : undefined;
}
