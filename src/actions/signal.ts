// SIGNAL: interrupts another running script (by contact id) and hands it up
// to nine parameters; the target jumps to its ONSIGNAL, which receives them as
// SP1…SPn (research voice-actions.md §22).
import { toText } from '../snippet/index.js';
import { defineAction, list, text } from './define.js';

export default defineAction({
  type: 'SIGNAL',
  description: 'Signals the script running ContactID: it jumps to its ONSIGNAL with Parameters as SP1…SPn.',
  source: 'Studio help page https://help.nice-incontact.com/Content/studio/actionscx/signal/signal.htm (documented; its branches are not: Default and OnError for an unknown contact id are an emulator decision)',
  props: {
    ContactID: text({ required: true, description: 'Contact id of the script to signal (often kept earlier with PUTVALUE or SPAWN’s id).' }),
    Parameters: list('value', { description: 'Up to nine values, received as SP1…SP9.' }),
  },
  studioParams: ['ContactID', 'Parameters'],
  branches: ['Default', 'OnError'],
  errorBranch: 'OnError',
  messages: { noTarget: 'SIGNAL: no running contact has id "{{id}}"', tooMany: 'SIGNAL passes at most 9 parameters, found {{count}}' },
  execute(ctx, props) {
    const id = props.ContactID.trim();
    const params = (props.Parameters ?? []).map((v) => toText(v));
    if (params.length > 9) return ctx.error(ctx.message('tooMany', { count: params.length }));
    if (!ctx.contacts.raise(id, { type: 'signal', from: ctx.run.contactId, params })) return ctx.error(ctx.message('noTarget', { id }));
    return ctx.branch('Default');
  },
});
