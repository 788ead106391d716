// Contact events: what happens to a contact from outside its script (the
// caller hangs up, an agent answers, the agent holds the call, another script
// signals it). Studio runs an event's event action (ONRELEASE, ONANSWER…) as
// an entry point that interrupts whatever the script was doing (research
// voice-actions.md §0.1–§0.2). The runtime queues events per contact and
// delivers them in time order; an event action declares which event it
// handles with `event` in defineAction, so digital and preview work can add
// their own events the same way.

import type { AgentInfo, ContactEvent, ReleaseCause, ReleasedBy } from '../contract/contact.js';

/** An event waiting for its time; `seq` keeps events of the same instant in the order they were raised. */
export interface QueuedEvent {
  readonly atMs: number;
  readonly seq: number;
  readonly event: ContactEvent;
}

/**
 * Release causes by who released the call (emulator decision: Q.850 cause 16,
 * "normal call clearing", category 1, with a call result naming the side).
 * A routing model or a test may give its own cause with the event.
 */
export const RELEASE_CAUSES: Readonly<Record<ReleasedBy, ReleaseCause>> = {
  caller: { callResult: 'CallerDisconnect', causeCode: 16, categoryId: 1 },
  agent: { callResult: 'AgentDisconnect', causeCode: 16, categoryId: 1 },
  script: { callResult: 'ScriptDisconnect', causeCode: 16, categoryId: 1 },
  transfer: { callResult: 'Transferred', causeCode: 16, categoryId: 1 },
  system: { callResult: 'SystemDisconnect', causeCode: 16, categoryId: 1 },
};

export function releaseCause(event: Extract<ContactEvent, { type: 'release' }>): ReleaseCause {
  return { ...RELEASE_CAUSES[event.by], ...event.cause };
}

/** A run's events waiting for their time, in delivery order; `seq` numbers them as they are raised. */
export interface EventQueue {
  readonly queue: readonly QueuedEvent[];
  readonly seq: number;
}

export const NO_EVENTS: EventQueue = Object.freeze({ queue: [], seq: 0 });

/** Adds an event in time order (after events raised earlier for the same instant). */
export function enqueue(events: EventQueue, event: ContactEvent, atMs: number): EventQueue {
  const q: QueuedEvent = { atMs, seq: events.seq, event };
  const i = events.queue.findIndex((e) => e.atMs > atMs);
  const queue = i < 0 ? [...events.queue, q] : [...events.queue.slice(0, i), q, ...events.queue.slice(i)];
  return { queue, seq: events.seq + 1 };
}

/** Time of the next event, or Infinity. */
export const nextEventMs = (events: EventQueue | undefined): number => events?.queue[0]?.atMs ?? Infinity;

const agentName = (a: AgentInfo): string => `${[a.firstName, a.lastName].filter(Boolean).join(' ') || a.id} (${a.id})`;

/** One line for the transcript and the trace. */
export function describeEvent(event: ContactEvent): string {
  switch (event.type) {
    case 'answer':
      return `agent ${agentName(event.agent)} answered${event.skillName ? ` for ${event.skillName}` : ''}`;
    case 'release':
      return event.by === 'caller' ? 'caller hung up' : event.by === 'agent' ? 'agent hung up' : event.by === 'script' ? 'the script hung up' : event.by === 'transfer' ? 'call transferred away' : 'call released';
    case 'hold':
      return 'agent put the call on hold';
    case 'resume':
      return 'agent took the call off hold';
    case 'signal':
      return `signal from ${event.from}${event.params.length ? ` (${event.params.join(', ')})` : ''}`;
    case 'preview':
      return `record ${event.record} offered to agent ${agentName(event.agent)} for preview (campaign ${event.campaign})`;
    case 'status':
      return `${event.by === 'agent' ? 'the agent' : 'the script'} set the contact ${event.status}`;
    case 'dtmf':
      return `the caller pressed ${event.digit}: INTERRUPTV2 takes OnDTMF`;
  }
}
