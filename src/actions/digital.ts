// What the digital actions share (TEXTMSG, ASKCALLER, REQAGENT DIGITAL,
// UPDATE DIGITAL CONTACT STATUS): the run's digital contact, the message
// formats, and sending one message on the contact's channel through the
// middleware (docs/digital.md). Status changes go through the contact
// services as `status` events, like every contact event.
import type { ActionContext, Outcome } from '../contract/action.js';
import { findChannel, sendOnChannel } from '../tenant/digital/channel.js';
import type { DigitalStatus } from '../contract/contact.js';
import { digitalContact, type DigitalContactState } from '../tenant/digital/contacts.js';

export const MESSAGE_FORMATS = ['Text', 'PromptSequence', 'JSON'] as const;
export type MessageFormat = (typeof MESSAGE_FORMATS)[number];

/**
 * The run's digital contact, or the error outcome of a run that no message on
 * a digital channel started, or whose contact is closed (a closed contact
 * takes no more messages or routing: emulator decision, docs/digital.md).
 */
export function digitalContactOf(ctx: ActionContext, type: string): DigitalContactState | Outcome {
  const c = digitalContact(ctx.tenant, ctx.run.contactId);
  if (!c) return ctx.error(`${type} needs a digital contact: ${ctx.run.script} was not started by a message on a BYOC channel (docs/digital.md)`);
  if (c.status === 'Closed') return ctx.error(closedMessage(type, c.contactId));
  return c;
}

export const closedMessage = (type: string, contactId: string): string => `${type}: digital contact ${contactId} is Closed; a closed contact does not change any more`;

/** Moves a digital contact to `status` (a `status` contact event). */
export function setDigitalStatus(ctx: ActionContext, contactId: string, status: DigitalStatus): void {
  ctx.contacts.raise(contactId, { type: 'status', status, by: 'script' });
}

export const isOutcome = (x: object): x is Outcome => 'branch' in x;

/**
 * Sends `message` to the contact on its channel; the action takes as long as
 * the middleware took (the seconds returned). Returns the error outcome when
 * the message cannot go out.
 */
export function sendToContact(ctx: ActionContext, type: string, contact: DigitalContactState, message: string, format: MessageFormat, author: string): Outcome | number {
  if (format !== 'Text') {
    try {
      JSON.parse(message);
    } catch {
      return ctx.error(`${type}: MessageFormat ${format} needs Message to be JSON text (found ${JSON.stringify(message.length > 40 ? message.slice(0, 40) + '…' : message)})`);
    }
  }
  const channel = findChannel(ctx.tenant, contact.channel);
  if (!channel) return ctx.error(`${type}: channel ${contact.channel} is not in the tenant`);
  const nowMs = ctx.clock.now().toMillis();
  const r = sendOnChannel(ctx.tenant, ctx.http, channel, { thread: contact.thread, text: message, rtl: false, contactId: contact.contactId, author }, nowMs);
  ctx.effect('messages', {
    direction: 'outbound',
    contactId: contact.contactId,
    channel: channel.id,
    to: contact.thread,
    text: message,
    format,
    author,
    status: r.ok ? 'sent' : 'failed',
    at: ctx.clock.now().toISO()!,
    ...(r.ok ? {} : { reason: r.reason }),
  });
  ctx.elapse(r.seconds);
  return r.ok ? r.seconds : ctx.error(`${type}: ${r.reason}`);
}
