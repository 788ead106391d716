// Sending one message on a BYOC channel: the request the emulated CXone posts
// to the integration's middleware, how the middleware's answer is read
// (delivered, worth a retry, or refused), and the inbound side effects of a
// delivery (scripted replies released, replies the middleware announces).
// Used by the outreach sender and by the digital actions alike.
import { HttpError, type HttpClient, type HttpRequest } from '../../contract/http.js';
import type { TenantStore } from '../../contract/tenant-store.js';
import { deliverInbound, releaseScripted } from './inbox.js';
import { CHANNELS_COLLECTION, INTEGRATIONS_COLLECTION, type ChannelRecord, type IntegrationRecord } from './records.js';

/** Seconds the emulated CXone waits for the middleware (emulator decision). */
export const OUTBOUND_TIMEOUT_SECONDS = 10;

/** A channel by id, or by name ignoring case. */
export function findChannel(store: TenantStore, nameOrId: string): ChannelRecord | undefined {
  const col = store.collection<ChannelRecord>(CHANNELS_COLLECTION);
  const byId = col.get(nameOrId);
  if (byId) return byId;
  const lower = nameOrId.toLowerCase();
  return col.find((c) => c.name.toLowerCase() === lower)[0];
}

export interface OutboundMessage {
  /** The customer's id on the channel: the calling-list destination, or the thread of a reply. */
  thread: string;
  text: string;
  rtl: boolean;
  /** Who the message is for (the record's name), when known. */
  recipientName?: string;
  /** The calling-list record and skill of an outreach message. */
  externalId?: string;
  skill?: number;
  /** The digital contact of a script's message. */
  contactId?: string;
  author?: string;
}

/**
 * The middleware request (observed in a public BYOC middleware's description:
 * CXone posts to `/channels/{channelId}/outbound` with the channel id, the
 * thread's `idOnExternalPlatform` and the message content; the other members
 * are emulator decisions, docs/digital.md).
 */
export function outboundRequest(integration: IntegrationRecord, channel: ChannelRecord, m: OutboundMessage): HttpRequest {
  const fixed = fixedParts(integration, channel);
  const thread = JSON.stringify(m.thread);
  // Built by concatenation around the parts every message of the channel shares: the sender posts 100,000s (bench outreach.100k).
  let body = `${fixed.head}${thread}},"recipients":[{"idOnExternalPlatform":${thread}${m.recipientName ? `,"name":${JSON.stringify(m.recipientName)}` : ''}}],"messageContent":{"type":"TEXT","payload":{"text":${JSON.stringify(m.text)}}},"direction":"outbound","isRightToLeft":${m.rtl}`;
  if (m.externalId !== undefined) body += `,"externalId":${JSON.stringify(m.externalId)}`;
  if (m.skill !== undefined) body += `,"skillId":${JSON.stringify(m.skill)}`;
  if (m.contactId !== undefined) body += `,"contactId":${JSON.stringify(m.contactId)}`;
  if (m.author !== undefined) body += `,"author":{"name":${JSON.stringify(m.author)}}`;
  return { method: 'POST', url: fixed.url, headers: { 'content-type': 'application/json' }, body: body + '}', timeoutSeconds: OUTBOUND_TIMEOUT_SECONDS };
}

/** The URL and the body's start for the last channel used (a campaign posts every message on one channel). */
let lastFixed: { integration: IntegrationRecord; channel: ChannelRecord; url: string; head: string } | null = null;
function fixedParts(integration: IntegrationRecord, channel: ChannelRecord): { url: string; head: string } {
  const f = lastFixed;
  if (f && f.integration.id === integration.id && f.integration.outboundUrl === integration.outboundUrl && f.channel.id === channel.id) return f;
  lastFixed = {
    integration,
    channel,
    url: `${integration.outboundUrl}/channels/${encodeURIComponent(channel.id)}/outbound`,
    head: `{"channelId":${JSON.stringify(channel.id)},"integrationId":${JSON.stringify(integration.id)},"thread":{"idOnExternalPlatform":`,
  };
  return lastFixed;
}

export type SendResult =
  | { ok: true; seconds: number }
  /** `retry`: worth another attempt later (no answer, a server error); else the middleware refused the message. */
  | { ok: false; retry: boolean; reason: string; seconds: number };

/**
 * Sends `m` on `channel` through `http` (synchronously: a background process
 * cannot await) and records what the delivery makes happen on the thread.
 */
export function sendOnChannel(store: TenantStore, http: HttpClient, channel: ChannelRecord, m: OutboundMessage, nowMs: number): SendResult {
  const integration = store.collection<IntegrationRecord>(INTEGRATIONS_COLLECTION).get(channel.integration);
  if (!integration) return { ok: false, retry: false, reason: `integration ${channel.integration} of channel ${channel.id} is not in the tenant`, seconds: 0 };
  let status: number;
  let statusText: string;
  let body: string;
  let seconds: number;
  try {
    const res = http.requestSync(outboundRequest(integration, channel, m));
    ({ status, statusText, body } = res);
    seconds = res.elapsedSeconds;
  } catch (err) {
    if (!(err instanceof HttpError)) throw err;
    const waited = err.detail.elapsedSeconds ?? (err.kind === 'timeout' ? OUTBOUND_TIMEOUT_SECONDS : 0);
    const reason = err.kind === 'timeout' ? `middleware timeout (no answer in ${OUTBOUND_TIMEOUT_SECONDS} s)` : `middleware unreachable: ${err.message}`;
    return { ok: false, retry: true, reason, seconds: waited };
  }
  if (status >= 500 || status === 429 || status === 408) return { ok: false, retry: true, reason: `middleware answered ${status} ${statusText}`.trim(), seconds };
  if (status < 200 || status >= 300) return { ok: false, retry: false, reason: `${status === 400 || status === 404 || status === 422 ? 'invalid destination: ' : ''}middleware answered ${status} ${statusText}`.trim(), seconds };
  const sentMs = nowMs + Math.round(seconds * 1000);
  releaseScripted(store, channel.id, m.thread, sentMs);
  for (const r of announcedReplies(body)) deliverInbound(store, channel.id, m.thread, sentMs + r.afterMs, r.text);
  return { ok: true, seconds };
}

/**
 * Replies a middleware (or a stub standing for one) announces in its answer:
 * `{"replies": [{"afterSeconds": 120, "text": "YES"}]}` (emulator decision:
 * a real middleware posts replies to CXone's inbound API instead; this lets a
 * local middleware or a stub script the customer's side deterministically).
 */
export function announcedReplies(body: string): { afterMs: number; text: string }[] {
  if (!body || body[0] !== '{') return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return [];
  }
  const replies = (parsed as { replies?: unknown }).replies;
  if (!Array.isArray(replies)) return [];
  const out: { afterMs: number; text: string }[] = [];
  for (const r of replies) {
    if (!r || typeof r !== 'object') continue;
    const { afterSeconds, text } = r as { afterSeconds?: unknown; text?: unknown };
    if (typeof text !== 'string') continue;
    const after = typeof afterSeconds === 'number' && Number.isFinite(afterSeconds) && afterSeconds >= 0 ? afterSeconds : 0;
    out.push({ afterMs: Math.round(after * 1000), text });
  }
  return out;
}
