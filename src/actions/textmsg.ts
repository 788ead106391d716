// TEXTMSG (Digital): sends a text (or rich) message to the digital contact on
// its channel and sets the contact's status. Properties and branches from the
// TEXTMSG help page (zh-cn copy, research digital-and-proactive.md §2.4).
import { DIGITAL_STATUSES } from '../contract/contact.js';
import { defineAction, oneOf, text } from './define.js';
import { digitalContactOf, isOutcome, MESSAGE_FORMATS, sendToContact, setDigitalStatus } from './digital.js';

export default defineAction({
  type: 'TEXTMSG',
  description: 'Sends Message to the digital contact on its BYOC channel (through the middleware) and sets the contact status to MessageStatus.',
  source: 'Studio help page https://help.nicecxone.com/Content/studio/actionscx/textmsg_digital/textmsg_digital.htm (documented; what the emulator decides is in docs/digital.md)',
  props: {
    Message: text({ required: true, description: 'The text sent; JSON text when MessageFormat is PromptSequence or JSON.' }),
    MessageFormat: oneOf(MESSAGE_FORMATS, { default: 'Text', description: 'Text, PromptSequence (JSON built in a Snippet) or JSON (a GETRICHMESSAGE template).' }),
    MessageSender: text({ default: '', description: 'Internal use in Studio; kept, not interpreted.' }),
    MessageStatus: oneOf(DIGITAL_STATUSES.filter((s) => s !== 'Closed'), { default: 'Pending', description: 'The contact status after the message: Pending, Escalated, Resolved or Open.' }),
    MessageAuthor: text({ default: 'System', description: 'System, or an agent allowed to send digital messages.' }),
  },
  branches: ['Default', 'Error'],
  errorBranch: 'Error',
  studioParams: ['Message', 'MessageFormat', 'MessageSender', 'MessageStatus', 'MessageAuthor'],
  execute(ctx, props) {
    const contact = digitalContactOf(ctx, 'TEXTMSG');
    if (isOutcome(contact)) return contact;
    const failed = sendToContact(ctx, 'TEXTMSG', contact, props.Message, props.MessageFormat, props.MessageAuthor);
    if (typeof failed !== 'number') return failed;
    setDigitalStatus(ctx, contact.contactId, props.MessageStatus);
    return ctx.branch('Default');
  },
});
