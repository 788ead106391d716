// ASKCALLER (Digital): sends a question to the digital contact and waits for
// the reply — for days if need be, on the virtual clock — then takes
// CallerResponded with the reply in ResultVar, or Timeout. Properties and
// branches from the ASKCALLER (Digital) help pages (research
// digital-and-proactive.md §2.3). A reply that arrived before the question is
// answered at once (emulator decision, docs/digital.md).
import { takeNext } from '../tenant/digital/inbox.js';
import { defineAction, number, oneOf, text } from './define.js';
import { digitalContactOf, isOutcome, MESSAGE_FORMATS, sendToContact } from './digital.js';

export default defineAction({
  type: 'ASKCALLER',
  description: 'Sends Message to the digital contact, then waits up to TimeoutSec (virtual; days are fine) for the reply: CallerResponded with the reply in ResultVar, or Timeout.',
  source: 'Studio help page https://help.nice-incontact.com/content/studio/actionscx/askcaller_digital/askcaller_digital.htm (documented; what the emulator decides is in docs/digital.md)',
  props: {
    Message: text({ required: true, description: 'The question sent; JSON text when MessageFormat is PromptSequence or JSON.' }),
    MessageFormat: oneOf(MESSAGE_FORMATS, { default: 'Text', description: 'Text, PromptSequence (JSON built in a Snippet) or JSON (a GETRICHMESSAGE template).' }),
    TimeoutSec: number({ default: 300, min: 0, description: 'Seconds the contact has to answer (virtual time; 604800 is a week).' }),
  },
  outputs: { ResultVar: 'result', ResultPostback: 'resultpostback' },
  branches: ['Default', 'CallerResponded', 'Timeout', 'Error'],
  errorBranch: 'Error',
  studioParams: ['Message', 'MessageFormat', 'ResultVar', 'TimeoutSec', 'ResultPostback'],
  execute(ctx, props) {
    const contact = digitalContactOf(ctx, 'ASKCALLER');
    if (isOutcome(contact)) return contact;
    const sent = sendToContact(ctx, 'ASKCALLER', contact, props.Message, props.MessageFormat, 'System');
    if (typeof sent !== 'number') return sent;
    const sentMs = ctx.clock.now().toMillis() + Math.round(sent * 1000);
    const reply = takeNext(ctx.tenant, contact.channel, contact.thread, sentMs + props.TimeoutSec * 1000);
    if (!reply) {
      ctx.elapse(props.TimeoutSec);
      return ctx.branch('Timeout');
    }
    const waitedMs = Math.max(0, reply.atMs - sentMs);
    ctx.elapse(waitedMs / 1000);
    const at = ctx.clock.now().plus({ milliseconds: Math.round(sent * 1000) + waitedMs });
    ctx.effect('messages', { direction: 'inbound', contactId: contact.contactId, channel: contact.channel, from: contact.thread, text: reply.text, status: 'received', at: at.toISO()! });
    return ctx.branch('CallerResponded', { ResultVar: reply.text, ResultPostback: '' });
  },
});
