// The contact of a phone run: where the call stands (in the IVR, queued, with
// an agent, on hold, released), the caller's side (scripted caller and digit
// buffer) and the speech settings VOICEPARAMS and TTSVOICE chose. Plain data
// kept in the run state; every change returns a new object.
import type { AgentInfo, CallStatus, ContactEvent, ReleasedBy, ReleaseCause, SpeechSettings } from '../contract/contact.js';
import type { CallerScript } from './caller-script.js';
import { startCaller } from './caller.js';
import { releaseCause } from './events.js';
import type { CallSide } from './media.js';

export interface ContactState {
  readonly status: CallStatus;
  readonly side: CallSide;
  readonly agent: AgentInfo | null;
  readonly skillName: string;
  readonly speech: SpeechSettings;
  readonly released: { readonly atMs: number; readonly by: ReleasedBy; readonly cause: ReleaseCause } | null;
  /** The INTERRUPTV2 that catches the caller's keys, once one ran: where its OnDTMF branch continues. */
  readonly keyCatcher?: KeyCatcher;
}

/**
 * Where a caught key continues the script: frame `frame` (by depth, running
 * `script`) at `label`, the target of the OnDTMF branch of the INTERRUPTV2 at
 * `action` (`Script.label`). It catches keys while that frame runs that script.
 */
export interface KeyCatcher {
  readonly frame: number;
  readonly script: string;
  readonly label: string;
  readonly action: string;
}

/** Native TTS defaults (VOICEPARAMS documents volume 70). */
export const DEFAULT_SPEECH: SpeechSettings = Object.freeze({ rate: 0, volume: 70, voice: '', cloud: null });

export function newContact(caller: CallerScript | undefined, startMs: number): ContactState {
  return {
    status: 'ivr',
    side: { caller: caller ? startCaller(caller, startMs) : null, keys: [] },
    agent: null,
    skillName: '',
    speech: DEFAULT_SPEECH,
    released: null,
  };
}

/**
 * The contact after `event`, or undefined when the event does not apply in
 * its state (a second release, a hold without an agent, anything after the
 * release): then nothing happens.
 */
export function applyEvent(c: ContactState, event: ContactEvent, atMs: number): ContactState | undefined {
  if (c.status === 'released') return undefined;
  switch (event.type) {
    case 'answer':
      return { ...c, status: 'agent', agent: event.agent, skillName: event.skillName || c.skillName };
    case 'hold':
      return c.status === 'agent' ? { ...c, status: 'hold' } : undefined;
    case 'resume':
      return c.status === 'hold' ? { ...c, status: 'agent' } : undefined;
    case 'release':
      return { ...c, status: 'released', released: { atMs, by: event.by, cause: releaseCause(event) } };
    case 'signal':
    case 'dtmf':
      return c;
    case 'preview':
      return c.status === 'ivr' || c.status === 'preview' ? { ...c, status: 'preview', agent: event.agent } : undefined;
    case 'status':
      // A call has no case status (digital contacts: src/tenant/digital/contacts.ts).
      return undefined;
  }
}

/** The system variables Studio sets when a contact is released (research §0.6). */
export function releaseVariables(cause: ReleaseCause): Record<string, string | number> {
  return { _callresult: cause.callResult, _causecode: cause.causeCode, _causecodecategoryid: cause.categoryId };
}

/** A thread that runs out of actions waits for events in these states instead of leaving the contact stuck. */
export const waitsForEvents = (c: ContactState): boolean => c.status === 'queued' || c.status === 'agent' || c.status === 'hold' || c.status === 'preview';
