// TRANSFER: connects the caller to a number outside the contact center
// (research voice-actions.md §14.1). The dial plan decides: busy, no answer
// within NoAnswerTimeout, invalid number or a dialing error take their
// branch; an answer takes Default, the contact leaves the ACD (queue or
// agent) and talks to the far end (a thread with nothing left to do waits),
// which hangs up after its talk time: the
// call is released as transferred and ONRELEASE runs.
import { defineAction, number, text } from './define.js';
import { dial } from './dial.js';
import { callOf, isOutcome } from './voice.js';

export default defineAction({
  type: 'TRANSFER',
  description:
    'Transfers the call to Destination (the tenant’s dialPlan decides the outcome): Default once it answers (the call is then released as transferred when the far end hangs up), OnBusy, OnNoAnswer, OnInvalidNumber, OnDialingError.',
  source:
    'Studio help page https://help.nice-incontact.com/content/studio/actionscx/transfer/transfer.htm (documented; the 30 s NoAnswerTimeout default and an answering machine counting as an answer are emulator decisions: docs/routing.md)',
  props: {
    Destination: text({ required: true, description: 'The number to transfer to.' }),
    CallerID: text({ default: '', description: 'The number the destination sees as the caller.' }),
    NoAnswerTimeout: number({ default: 30, min: 0, description: 'Seconds of ringing before OnNoAnswer.' }),
    Skill: text({ default: '', description: 'Skill number the outbound leg is reported on (default: the contact’s skill); kept, not interpreted.' }),
  },
  studioParams: ['Destination', 'CallerID', 'NoAnswerTimeout', 'Skill'],
  branches: ['Default', 'OnDialingError', 'OnBusy', 'OnNoAnswer', 'OnInvalidNumber'],
  messages: { released: 'TRANSFER: the call is already released; nothing is transferred' },
  execute(ctx, props) {
    const contact = callOf(ctx, 'TRANSFER');
    if (isOutcome(contact)) return contact;
    if (contact.view.status === 'released') {
      ctx.warn(ctx.message('released'));
      return ctx.branch('OnDialingError');
    }
    const d = dial(ctx, 'TRANSFER', props.Destination, { callerId: props.CallerID, timeoutSeconds: props.NoAnswerTimeout });
    ctx.elapse(d.seconds);
    if (d.result === 'invalidNumber') return ctx.branch('OnInvalidNumber');
    if (d.result === 'error') return ctx.branch('OnDialingError');
    if (d.result === 'busy') return ctx.branch('OnBusy');
    if (d.timedOut) return ctx.branch('OnNoAnswer');
    // Answered: the ACD lets go of the contact; the far end talks, then hangs up.
    ctx.routing.leave(ctx.run.contactId);
    contact.setStatus('agent');
    contact.note(`transferred to ${d.e164} (answers after ${d.seconds} s)`);
    contact.raise({ type: 'release', by: 'transfer' }, { afterSeconds: d.seconds + d.talkSeconds });
    return ctx.branch('Default');
  },
});
