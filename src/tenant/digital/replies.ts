// Replies that start digital scripts: when a customer's message arrives on a
// thread no running script is answering, the channel's Digital script starts
// for it (a new digital contact). A thread whose script waits in ASKCALLER is
// left to it: the action takes the message itself. Snapshots keep the order
// in which threads are looked at (two replies due at once start in it).
import type { BackgroundProcess, ProcessServices } from '../../contract/process.js';
import { array, fail, object, text } from '../../contract/state-check.js';
import type { TenantStore } from '../../contract/tenant-store.js';
import { luxon } from '../../deps.js';
import { findChannel } from './channel.js';
import { newDigitalContact, putDigitalContact } from './contacts.js';
import { assignThread, onInbound, takeNext } from './inbox.js';
import { CHANNELS_COLLECTION, INBOX_COLLECTION, type InboxRecord } from './records.js';

/** The variables a reply gives the script it starts (emulator decision, docs/digital.md). */
export const REPLY_VARIABLES = { message: 'inboundmessage', thread: 'threadid', channel: 'channelid' } as const;

export class ReplyProcess implements BackgroundProcess {
  readonly name = 'digital:replies';
  readonly keepsRunning = true;
  private services: ProcessServices | undefined;
  /** Inbox keys that may hold unread messages. */
  private readonly pending = new Set<string>();
  private dirty = true;

  constructor(private readonly store: TenantStore) {
    onInbound(store, () => (this.dirty = true));
  }

  attach(services: ProcessServices): void {
    this.services = services;
  }

  /** The threads that may hold unread messages, in the order they are looked at: the part of a snapshot. */
  saveState(): { pending: string[] } {
    return { pending: [...this.pending] };
  }

  /**
   * Takes back saveState() (after attach). The inbox is looked at again all
   * the same (it may have grown meanwhile): a thread found then comes after
   * the saved ones, as it would have. Throws StateError naming what is damaged.
   */
  restoreState(state: unknown): void {
    const pending = array(object(state, '').pending, 'pending').map((k, i) => text(k, `pending[${i}]`));
    this.pending.clear();
    pending.forEach((key, i) => {
      if (this.pending.has(key)) fail(`pending[${i}]`, `repeats thread ${JSON.stringify(key)}`);
      this.pending.add(key);
    });
    this.dirty = true;
  }

  private unreadThreads(): Map<string, InboxRecord> {
    const col = this.store.collection<InboxRecord>(INBOX_COLLECTION);
    if (this.dirty) {
      this.dirty = false;
      for (const [key, rec] of col.entries()) if (rec.messages.length > rec.taken) this.pending.add(key);
    }
    const out = new Map<string, InboxRecord>();
    for (const key of this.pending) {
      const rec = col.get(key);
      if (!rec || rec.messages.length <= rec.taken) this.pending.delete(key);
      else if (!(rec.contactId && this.services?.isRunning?.(rec.contactId))) out.set(key, rec);
    }
    return out;
  }

  nextDueMs(): number | null {
    if (this.pending.size === 0 && !this.dirty) return null;
    let due: number | null = null;
    for (const rec of this.unreadThreads().values()) {
      const at = rec.messages[rec.taken]!.atMs;
      if (due === null || at < due) due = at;
    }
    return due;
  }

  runDue(nowMs: number): void {
    for (const rec of this.unreadThreads().values()) {
      if (rec.messages[rec.taken]!.atMs > nowMs) continue;
      this.store.transaction(() => this.start(rec, nowMs));
    }
  }

  private start(rec: InboxRecord, nowMs: number): void {
    const message = takeNext(this.store, rec.channel, rec.thread, nowMs)!;
    const channel = findChannel(this.store, rec.channel);
    const base = { direction: 'inbound', channel: rec.channel, from: rec.thread, text: message.text, at: luxon().DateTime.fromMillis(message.atMs, { zone: this.store.timeZone }).toISO()! };
    const started =
      !channel?.script || !this.services?.startScript
        ? { error: `channel ${rec.channel} has no script to answer replies` }
        : this.services.startScript(channel.script, {
            vars: { [REPLY_VARIABLES.message]: message.text, [REPLY_VARIABLES.thread]: rec.thread, [REPLY_VARIABLES.channel]: rec.channel },
            ...(channel.skill !== null ? { skillNo: channel.skill } : {}),
            atMs: message.atMs,
          });
    if ('error' in started) {
      this.services?.effect?.('messages', { ...base, status: 'unanswered', reason: started.error });
      return;
    }
    assignThread(this.store, rec.channel, rec.thread, started.contactId);
    putDigitalContact(this.store, newDigitalContact({ contactId: started.contactId, channel: rec.channel, thread: rec.thread, skill: channel!.skill, startedMs: message.atMs }));
    this.services?.effect?.('messages', { ...base, status: 'received', contactId: started.contactId });
  }
}

/** Replies need a process only where a BYOC channel exists. */
export const hasDigitalChannels = (store: TenantStore): boolean => store.collection(CHANNELS_COLLECTION).count() > 0;
