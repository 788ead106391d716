// HANGUP: releases the call (research voice-actions.md §11). With an
// ONRELEASE in the script the thread continues there (end-of-call work);
// without one the run ends. After the release, HANGUP simply ends the run.
import { defineAction } from './define.js';
import { releaseByScript } from './release.js';

export default defineAction({
  type: 'HANGUP',
  description: 'Hangs up the call; ONRELEASE runs next if the script has one, otherwise the run ends.',
  source: 'Studio help page https://help.nice-incontact.com/content/studio/actionscx/hangup/hangup.htm (documented)',
  props: {},
  studio: { evidence: 'observed', params: [], source: 'CXone Studio JSON request bodies' },
  branches: [],
  execute(ctx) {
    return releaseByScript(ctx);
  },
});
