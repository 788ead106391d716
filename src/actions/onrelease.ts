// ONRELEASE: the event action that runs when the call is released — the
// caller or the agent hung up, or HANGUP/END ran — for end-of-call work. Its
// CauseCode variable (p1 when left empty) gets the carrier cause code;
// `_CALLRESULT`, `_CAUSECODE` and `_CAUSECODECATEGORYID` are set as well.
// No media after it; one per script (research voice-actions.md §3, §0.2).
import { defineAction, text } from './define.js';

export default defineAction({
  type: 'ONRELEASE',
  description: 'Runs when the call is released (hang-up by either side, HANGUP, END); CauseCode (p1) receives the cause code.',
  source: 'Studio help page https://help.incontact.com/Content/Studio/Actions/ONRELEASE/ONRELEASE.htm (documented; the cause values are an emulator decision: docs/phone.md)',
  props: { CallResult: text({ default: '', description: 'Not used by Studio ("N/A").' }) },
  outputs: { CauseCode: 'p1' },
  studioParams: ['CauseCode', 'CallResult'],
  branches: ['Default'],
  event: 'release',
  execute(ctx) {
    const released = ctx.contact?.view.released;
    return ctx.branch('Default', { CauseCode: released ? released.cause.causeCode : '' });
  },
});
