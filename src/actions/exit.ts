// EXIT: the chat counterpart of HANGUP: ends the chat session; ONRELEASE runs
// if the script has one (research voice-actions.md §21).
import { defineAction } from './define.js';
import { releaseByScript } from './release.js';

export default defineAction({
  type: 'EXIT',
  description: 'Ends the chat session and disconnects the contact; ONRELEASE runs next if the script has one.',
  source: 'Studio help page https://help.nice-incontact.com/content/studio/actionscx/exit/exit.htm (documented)',
  props: {},
  studioParams: [],
  branches: [],
  execute(ctx) {
    return releaseByScript(ctx);
  },
});
