// INTERRUPTV2: from the moment it runs, a key the caller presses anywhere
// later in the call interrupts whatever the script does and continues it at
// this action's OnDTMF branch (research voice-actions.md §0.4, §23); the
// action itself goes on through Default at once. Actions that read keys
// themselves (MENU, CAPTURE, RECORD) keep theirs, as the older help page says
// ("while no other capturing action is executing"). What else Studio leaves
// open is decided in docs/phone.md ("Catching keys: INTERRUPTV2").
import { defineAction } from './define.js';
import { callOf, isOutcome } from './voice.js';

export default defineAction({
  type: 'INTERRUPTV2',
  description:
    'Goes on through Default; from then on a key the caller presses while no MENU, CAPTURE or RECORD reads keys interrupts the script, which continues at OnDTMF with the key in the digit buffer. OnINFO is never taken.',
  source:
    'Studio help page https://help.incontact.com/Content/Studio/Actions/InterruptV2/InterruptV2.htm (documented: no properties, the branches, keys anywhere after it; which actions keep their keys, catching again after OnDTMF, and OnINFO never happening are emulator decisions: docs/phone.md)',
  props: {},
  branches: ['Default', 'OnDTMF', 'OnINFO'],
  studio: { evidence: 'help-page', params: [], branches: ['OnDTMF', 'OnINFO'], source: 'no properties on the help page' },
  messages: { unrouted: 'INTERRUPTV2: OnDTMF is not routed, so keys interrupt nothing' },
  execute(ctx) {
    const contact = callOf(ctx, 'INTERRUPTV2');
    if (isOutcome(contact)) return contact;
    if (!contact.catchKeys()) ctx.warn(ctx.message('unrouted'));
    return ctx.branch('Default');
  },
});
