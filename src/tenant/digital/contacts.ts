// Digital contacts (Digital Experience cases): the contact of a digital
// conversation, the same contact model as a call (src/contract/contact.ts: an
// id, a status, an agent, a release, events) with the statuses and
// transitions of digital contacts. A reply on a channel opens it; TEXTMSG and
// UPDATE DIGITAL CONTACT STATUS move it between Open, Pending, Escalated and
// Resolved; Closed ends it (its release). It outlives the script run that
// answers it (END stops the script, not the contact), so the tenant store
// keeps it (collection `digital.contacts`, keyed by contact id) and a later
// invocation (`--state`) finds it again. Status changes arrive as contact
// events through the runtime's contact services (runtime/contact-hub.ts).
import type { AgentInfo, ContactEvent, ContactView, DigitalStatus, ReleaseCause, ReleasedBy } from '../../contract/contact.js';
import type { TenantStore } from '../../contract/tenant-store.js';
import { DIGITAL_CONTACTS_COLLECTION } from './records.js';

export interface DigitalContactState {
  readonly contactId: string;
  /** The channel id (the digital point of contact). */
  readonly channel: string;
  /** The customer's id on the channel. */
  readonly thread: string;
  /** The skill the contact is routed with (the channel's, then REQAGENT DIGITAL's). */
  readonly skill: number | null;
  readonly status: DigitalStatus;
  readonly startedMs: number;
  /** Routing requested by REQAGENT DIGITAL. */
  readonly routed: { readonly skill: number; readonly priority: number; readonly targetAgent: string | null } | null;
  /** The agent who took the contact from the queue. */
  readonly agent: AgentInfo | null;
  /** Set when the contact was closed. */
  readonly released: { readonly atMs: number; readonly by: ReleasedBy; readonly cause: ReleaseCause } | null;
}

/** A contact opened by a customer's message (DX opens a case as Open: research digital-and-proactive.md §1). */
export function newDigitalContact(c: { contactId: string; channel: string; thread: string; skill: number | null; startedMs: number }): DigitalContactState {
  return { ...c, status: 'Open', routed: null, agent: null, released: null };
}

/** What closing a digital contact puts in the release cause (emulator decision, docs/digital.md). */
const CLOSED_CAUSE: ReleaseCause = Object.freeze({ callResult: 'Closed', causeCode: 0, categoryId: 0 });

/**
 * The contact after `event`, or undefined when it does not apply (then
 * nothing happens): a closed contact takes nothing; a status event sets the
 * status (Closed releases it); an agent's answer records the agent (ONANSWER
 * does not run in digital scripts, research §1); the agent's end of work,
 * holds and signals leave the contact as it is.
 */
export function applyDigitalEvent(c: DigitalContactState, event: ContactEvent, atMs: number): DigitalContactState | undefined {
  if (c.status === 'Closed') return undefined;
  switch (event.type) {
    case 'status':
      if (event.status !== 'Closed') return { ...c, status: event.status };
      return { ...c, status: 'Closed', released: { atMs, by: event.by, cause: CLOSED_CAUSE } };
    case 'answer':
      return { ...c, agent: event.agent };
    case 'release':
    case 'hold':
    case 'resume':
    case 'signal':
    case 'preview':
    case 'dtmf':
      return undefined;
  }
}

/** The contact as actions and background processes see it: ANI is the customer's id on the channel, DNIS the channel. */
export function digitalView(c: DigitalContactState, skillName: string): ContactView {
  return {
    contactId: c.contactId,
    masterId: c.contactId,
    kind: 'digital',
    status: c.status,
    ani: c.thread,
    dnis: c.channel,
    skillNo: c.skill,
    skillName,
    agent: c.agent,
    released: c.released,
  };
}

export function digitalContact(store: TenantStore, contactId: string): DigitalContactState | undefined {
  const c = store.collection<DigitalContactState>(DIGITAL_CONTACTS_COLLECTION).get(contactId);
  // Contacts kept by an earlier version have no agent or release yet.
  return c && (c.agent === undefined || c.released === undefined) ? { ...c, agent: c.agent ?? null, released: c.released ?? null } : c;
}

export function putDigitalContact(store: TenantStore, c: DigitalContactState): void {
  store.collection<DigitalContactState>(DIGITAL_CONTACTS_COLLECTION).put(c.contactId, c);
}

/** Records where REQAGENT DIGITAL routed the contact (its skill and queue settings; not its status). */
export function routeDigitalContact(store: TenantStore, contactId: string, routed: NonNullable<DigitalContactState['routed']>): void {
  const c = digitalContact(store, contactId);
  if (c) putDigitalContact(store, { ...c, skill: routed.skill, routed });
}
