// The contacts of running scripts and the tenant's digital contacts, reached
// by contact id: what SIGNAL, the digital actions and background processes
// (routing) use to raise events on a contact, read it, move it, and hear
// about every release. A call's events wait in its run and are delivered by
// the call engine; a digital contact (kept in the store, it may outlive its
// script) takes its events here, at once. The scheduler owns the hub (it
// knows the runs); the engine and processes receive it.
import type { CallStatus, ContactEvent, ContactView, ReleasedBy } from '../contract/contact.js';
import { describeEvent, enqueue, NO_EVENTS } from '../phone/events.js';
import { applyDigitalEvent, digitalContact, digitalView, putDigitalContact, type DigitalContactState } from '../tenant/digital/contacts.js';
import { changeStatus, viewOf } from './call-state.js';
import type { RunContacts, RunDriver } from './driver.js';
import type { RuntimeServices } from './services.js';

type ReleaseListener = (contactId: string, atMs: number, by: ReleasedBy) => void;

export class ContactHub implements RunContacts {
  private readonly listeners = new Set<ReleaseListener>();

  constructor(
    private readonly services: RuntimeServices,
    private readonly find: (contactId: string) => RunDriver | undefined,
  ) {}

  raise(contactId: string, event: ContactEvent, atMs?: number): boolean {
    const id = contactId.trim();
    const now = this.services.clock.ms;
    const at = Math.max(now, atMs ?? now);
    const d = this.find(id);
    if (!d?.state.contact?.call && event.type !== 'signal') {
      const digital = digitalContact(this.services.tenant, id);
      if (digital) {
        this.applyDigital(digital, event, at);
        return true;
      }
    }
    if (!d || d.state.status !== 'running') return false;
    const c = d.state.contact ?? { events: NO_EVENTS };
    d.state = { ...d.state, contact: { ...c, events: enqueue(c.events, event, at) } };
    return true;
  }

  get(contactId: string): ContactView | undefined {
    return this.view(contactId, this.find(contactId));
  }

  /** The contact of run `d`: its call, or the digital contact a message opened (as the store has it now). */
  ofRun(d: RunDriver): ContactView | undefined {
    return this.view(d.state.id.contactId, d);
  }

  private view(contactId: string, d: RunDriver | undefined): ContactView | undefined {
    if (d?.state.contact?.call) return viewOf(d);
    const digital = digitalContact(this.services.tenant, contactId.trim());
    return digital && digitalView(digital, digital.skill === null ? '' : (this.services.tenant.skill(digital.skill)?.name ?? ''));
  }

  setStatus(contactId: string, status: Exclude<CallStatus, 'released'>, info?: { skillNo?: number; skillName?: string }): void {
    const d = this.find(contactId);
    if (d) changeStatus(this.services, d, status, info);
  }

  onRelease(listener: ReleaseListener): () => void {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }

  /** Tells every listener that `d`'s call was released. */
  released(d: RunDriver, atMs: number, by: ReleasedBy): void {
    for (const l of this.listeners) l(d.state.id.contactId, atMs, by);
  }

  /**
   * A digital contact's event, applied now (its script may have ended): the
   * store keeps the new contact, the trace shows the event (or that it did
   * not apply), and closing it is its release (routing lets go of it).
   */
  private applyDigital(c: DigitalContactState, event: ContactEvent, atMs: number): void {
    const next = applyDigitalEvent(c, event, atMs);
    if (next) putDigitalContact(this.services.tenant, next);
    const { trace, clock } = this.services;
    if (trace.active)
      trace.emit({ time: clock.iso(atMs), contactId: c.contactId, type: 'contact', event: event.type, text: describeEvent(event), ...(next ? {} : { ignored: true as const }) });
    if (next?.released && !c.released) for (const l of this.listeners) l(c.contactId, atMs, next.released.by);
  }
}
