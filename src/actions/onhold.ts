// ONHOLD: the event action that runs while the agent holds the call
// (typically music); leaving hold ends its thread. Without it the held caller
// hears silence (research voice-actions.md §4). One per script.
import { defineAction } from './define.js';

export default defineAction({
  type: 'ONHOLD',
  description: 'Runs when the agent puts the call on hold (play music or a message); taking the call off hold stops it.',
  source: 'Studio help page https://help.nice-incontact.com/content/studio/actionscx/onhold/onhold.htm (documented; leaving hold has no Studio event: an emulator decision)',
  props: {},
  studioParams: [],
  branches: ['Default'],
  event: 'hold',
  execute(ctx) {
    return ctx.branch('Default');
  },
});
