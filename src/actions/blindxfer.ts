// BLINDXFER: hands the call to another number and lets go of it at once: no
// more monitoring, recording or control, and a failed transfer cannot be
// recovered. It releases the call (as transferred), so ONRELEASE runs
// (research voice-actions.md §14.2). Its properties are not documented where
// we could read: the emulator takes TRANSFER's (emulator decision, docs/routing.md).
import { defineAction, text } from './define.js';
import { dial } from './dial.js';
import { callOf, isOutcome } from './voice.js';

export default defineAction({
  type: 'BLINDXFER',
  description: 'Blind-transfers the call to Destination and releases it at once (ONRELEASE runs); the attempt is a calls effect, whatever its outcome.',
  source:
    'Studio help page https://help.nice-incontact.com/ja/content/studio/actions/blindxfer/blindxfer.htm (documented, read on a translated page: the call is released and ONRELEASE runs; its properties were not readable, so TRANSFER’s Destination and CallerID and no branches are emulator decisions: docs/routing.md)',
  props: {
    Destination: text({ required: true, description: 'The number to transfer to.' }),
    CallerID: text({ default: '', description: 'The number the destination sees (the original caller’s ANI is kept).' }),
  },
  studioParams: ['Destination', 'CallerID'],
  branches: [],
  execute(ctx, props) {
    const contact = callOf(ctx, 'BLINDXFER');
    if (isOutcome(contact)) return contact;
    if (contact.view.status === 'released') return { branch: '', control: { op: 'end' } };
    const d = dial(ctx, 'BLINDXFER', props.Destination, { callerId: props.CallerID || contact.view.ani, timeoutSeconds: null });
    ctx.routing.leave(ctx.run.contactId);
    contact.note(`blind transfer to ${d.e164 ?? props.Destination.trim()} (${d.result})`);
    contact.raise({ type: 'release', by: 'transfer' });
    return { branch: '', control: { op: 'suspend' } };
  },
});
