// The customer's side of digital threads: messages that arrive on a channel
// (from the middleware's answer, a scripted reply of a test or the CLI), kept
// per thread in time order until a script takes them. Scripted replies answer
// the emulated messages one by one: reply n arrives `after` the first message
// sent on the thread once reply n-1 was read (docs/digital.md).
import type { TenantStore } from '../../contract/tenant-store.js';
import { toE164 } from '../phones.js';
import { INBOX_COLLECTION, inboxKey, type InboundMessage, type InboxRecord } from './records.js';

/** Scripted replies waiting for the emulated side's messages, keyed by thread. */
export const SCRIPTED_COLLECTION = 'digital.scripted';

export interface ScriptedReply {
  /** The customer's id on the channel (a phone number or an e-mail address, as the calling list has it). */
  to: string;
  /** Milliseconds after the message it answers. */
  afterMs: number;
  text: string;
  /** Only on this channel (id or name); any channel when absent. */
  channel?: string;
}

interface ScriptedThread {
  replies: { afterMs: number; text: string; channel?: string }[];
  /** Replies released so far. */
  released: number;
}

/** How a destination names its thread: E.164 for phone numbers, lower case for e-mail addresses, else as written. */
export function threadOf(destination: string): string {
  const t = destination.trim();
  if (t.includes('@')) return t.toLowerCase();
  return toE164(t) ?? t;
}

const listeners = new WeakMap<TenantStore, Set<() => void>>();

/** Calls `fn` whenever a message arrives on any thread of `store`; returns the unsubscribe function. */
export function onInbound(store: TenantStore, fn: () => void): () => void {
  let set = listeners.get(store);
  if (!set) listeners.set(store, (set = new Set()));
  set.add(fn);
  return () => void set.delete(fn);
}

/** Records a message from the customer on a thread, arriving at `atMs`. */
export function deliverInbound(store: TenantStore, channel: string, thread: string, atMs: number, text: string): void {
  const col = store.collection<InboxRecord>(INBOX_COLLECTION);
  const key = inboxKey(channel, thread);
  const rec = col.get(key) ?? { channel, thread, messages: [], taken: 0, contactId: null };
  const messages = [...rec.messages];
  const at = messages.findIndex((m, i) => i >= rec.taken && m.atMs > atMs);
  messages.splice(at < 0 ? messages.length : at, 0, { atMs, text });
  col.put(key, { ...rec, messages });
  for (const fn of listeners.get(store) ?? []) fn();
}

export function inboxOf(store: TenantStore, channel: string, thread: string): InboxRecord | undefined {
  return store.collection<InboxRecord>(INBOX_COLLECTION).get(inboxKey(channel, thread));
}

/** The next unread message of a thread if it arrives by `untilMs` (marked read), else undefined. */
export function takeNext(store: TenantStore, channel: string, thread: string, untilMs: number): InboundMessage | undefined {
  const rec = inboxOf(store, channel, thread);
  const next = rec?.messages[rec.taken];
  if (!rec || !next || next.atMs > untilMs) return undefined;
  store.collection<InboxRecord>(INBOX_COLLECTION).put(inboxKey(channel, thread), { ...rec, taken: rec.taken + 1 });
  return next;
}

/** Links a thread to the digital contact that answers it. */
export function assignThread(store: TenantStore, channel: string, thread: string, contactId: string): void {
  const col = store.collection<InboxRecord>(INBOX_COLLECTION);
  const key = inboxKey(channel, thread);
  const rec = col.get(key) ?? { channel, thread, messages: [], taken: 0, contactId: null };
  col.put(key, { ...rec, contactId });
}

/**
 * Scripted replies (a test's or the CLI's) for the customers they name. They
 * replace the scripted replies of earlier invocations (kept with `--state`).
 */
export function scriptReplies(store: TenantStore, replies: readonly ScriptedReply[]): void {
  const col = store.collection<ScriptedThread>(SCRIPTED_COLLECTION);
  if (replies.length > 0) col.clear();
  for (const r of replies) {
    const key = threadOf(r.to);
    const rec = col.get(key) ?? { replies: [], released: 0 };
    col.put(key, { ...rec, replies: [...rec.replies, { afterMs: r.afterMs, text: r.text, ...(r.channel ? { channel: r.channel } : {}) }] });
  }
}

/** A message went out on a thread at `sentMs`: the next scripted reply, if the previous ones were read, now has its arrival time. */
export function releaseScripted(store: TenantStore, channel: string, thread: string, sentMs: number): void {
  const col = store.collection<ScriptedThread>(SCRIPTED_COLLECTION);
  const rec = col.get(thread);
  if (!rec || rec.released >= rec.replies.length) return;
  const reply = rec.replies[rec.released]!;
  if (reply.channel !== undefined && reply.channel !== channel) return;
  const inbox = inboxOf(store, channel, thread);
  if ((inbox?.messages.length ?? 0) > (inbox?.taken ?? 0)) return; // an earlier reply is still unread: this message does not get an answer of its own
  col.put(thread, { ...rec, released: rec.released + 1 });
  deliverInbound(store, channel, thread, sentMs + reply.afterMs, reply.text);
}
