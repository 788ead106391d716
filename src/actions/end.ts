// END: ends the run (inside a subscript, the whole run). On a live phone
// contact it also releases the call, so ONRELEASE runs first when the script
// has one (studio-actions.md §2: END "invokes the OnRelease event").
import { defineAction } from './define.js';
import { releaseByScript } from './release.js';

export default defineAction({
  type: 'END',
  description: 'Ends the run; inside a subscript it ends the whole run. On a live call it releases the call first (ONRELEASE runs).',
  source: 'Studio help page https://help.nicecxone.com/Content/studio/actionscx/end/end.htm (documented)',
  props: {},
  studio: { evidence: 'observed', params: [], source: 'CXone Studio JSON: no properties' },
  branches: [],
  execute(ctx) {
    return releaseByScript(ctx);
  },
});
