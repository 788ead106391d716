// The contacts of running scripts, reached by contact id: what SIGNAL and
// background processes (routing) use to raise events on a contact, read it,
// move it, and hear about every release. The scheduler owns it (it knows the
// runs); the engine and processes receive it.
import type { ContactEvent, ContactStatus, ContactView, ReleasedBy } from '../contract/contact.js';
import { enqueue, NO_EVENTS } from '../phone/events.js';
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
    const d = this.find(contactId.trim());
    if (!d || d.state.status !== 'running') return false;
    const now = this.services.clock.ms;
    const at = Math.max(now, atMs ?? now);
    const c = d.state.contact ?? { events: NO_EVENTS };
    d.state = { ...d.state, contact: { ...c, events: enqueue(c.events, event, at) } };
    return true;
  }

  get(contactId: string): ContactView | undefined {
    const d = this.find(contactId);
    return d?.state.contact?.call ? viewOf(d) : undefined;
  }

  setStatus(contactId: string, status: Exclude<ContactStatus, 'released'>, info?: { skillNo?: number; skillName?: string }): void {
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
}
