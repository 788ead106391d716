// UPDATE DIGITAL CONTACT STATUS: sets the status of a digital contact (DX
// case) — Open, Pending, Escalated, Resolved or Closed — this run's or any
// other by id, as a `status` contact event. Properties and branches from its
// help page (research digital-and-proactive.md §2.5); a closed contact does
// not change any more (OnError: emulator decision, docs/digital.md).
import { memorializeDigitalContact } from '../tenant/crm/memorialize.js';
import { DIGITAL_STATUSES } from '../contract/contact.js';
import { defineAction, text } from './define.js';
import { closedMessage, setDigitalStatus } from './digital.js';

export default defineAction({
  type: 'UPDATE DIGITAL CONTACT STATUS',
  description: 'Sets the status of the digital contact ContactId (default: this run’s) to UpdateContactStatus: Open, Pending, Escalated, Resolved or Closed.',
  source: 'Studio help page https://help.nice-incontact.com/content/studio/actionscx/set_digi_contact_status/set_digi_contact_status.htm (documented; what the emulator decides is in docs/digital.md)',
  props: {
    ContactId: text({ default: '', description: 'The digital contact’s id, as Studio’s default {ContactId} gives it; empty: the contact of this run.' }),
    UpdateContactStatus: text({ required: true, description: 'Open, Pending, Escalated, Resolved or Closed.' }),
  },
  branches: ['Default', 'OnError', 'OnInvalidContactId', 'OnInvalidStatus'],
  errorBranch: 'OnError',
  studioParams: ['ContactId', 'UpdateContactStatus'],
  messages: {
    invalidContact: 'UPDATE DIGITAL CONTACT STATUS: {{id}} is not a digital contact',
    invalidStatus: 'UPDATE DIGITAL CONTACT STATUS: "{{status}}" is not a status (Open, Pending, Escalated, Resolved, Closed)',
  },
  execute(ctx, props) {
    const id = props.ContactId.trim() || ctx.run.contactId;
    const status = DIGITAL_STATUSES.find((s) => s.toLowerCase() === props.UpdateContactStatus.trim().toLowerCase());
    if (!status) return ctx.error(ctx.message('invalidStatus', { status: props.UpdateContactStatus }), { branch: 'OnInvalidStatus' });
    const contact = ctx.contacts.get(id);
    if (contact?.kind !== 'digital') return ctx.error(ctx.message('invalidContact', { id: id || '(empty)' }), { branch: 'OnInvalidContactId' });
    if (contact.status === 'Closed') return ctx.error(closedMessage('UPDATE DIGITAL CONTACT STATUS', id));
    setDigitalStatus(ctx, id, status);
    if (status === 'Closed' && id === ctx.run.contactId) memorializeDigitalContact(ctx);
    return ctx.branch('Default');
  },
});
