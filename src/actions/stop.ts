// STOP: the thread stops without ending the contact; only an event (an agent
// answering, a hold, a signal, the release) runs the script again (research
// voice-actions.md §12). In ONRELEASE it ends the run.
import { defineAction } from './define.js';

export default defineAction({
  type: 'STOP',
  description: 'Stops the script logic without ending the contact; the next event (ONANSWER, ONSIGNAL, ONRELEASE…) continues it.',
  source: 'Studio help page https://help.nice-incontact.com/content/studio/actionscx/stop/stop.htm (documented)',
  props: {},
  studioParams: [],
  branches: [],
  execute() {
    return { branch: '', control: { op: 'suspend' } };
  },
});
