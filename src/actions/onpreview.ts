// ONPREVIEW: the event action that runs when a preview campaign offers the
// contact's record to an agent (the contact enters the Preview state), before
// anything is dialed; a screen pop (PAGE) usually follows. Studio documents no
// properties and a Default branch; RUNSUB/RUNAPP may not follow it (help page
// ONPREVIEW, research digital-and-proactive.md §3.6). One per script.
import { defineAction } from './define.js';

export default defineAction({
  type: 'ONPREVIEW',
  description:
    'Runs when a preview campaign offers the contact’s record to an agent, before the record is dialed (docs/preview-campaigns.md); the agent’s accept, skip, reject or timeout comes after it as an answer or a release.',
  source:
    'Studio help page https://help.nicecxone.com/Content/studio/actions/onpreview/onpreview.htm (documented: event, Phone scripts, no properties, Default); when it runs and what follows the agent’s decision are emulator decisions (docs/preview-campaigns.md)',
  props: {},
  studioParams: [],
  branches: ['Default'],
  event: 'preview',
  execute(ctx) {
    return ctx.branch('Default');
  },
});
