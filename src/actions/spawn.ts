// SPAWN: starts another script as a new run (new contact id) and continues at once.
import { defineAction, list, text, variable } from './define.js';

export default defineAction({
  type: 'SPAWN',
  description: 'Starts ScriptName as a new run with Parameters, at StartDate or now; its id goes to SpawnIdVariable.',
  props: { ScriptName: text({ required: true }), Parameters: list('value'), SpawnIdVariable: variable({ default: 'spawnid' }), StartDate: text() },
  branches: ['Default', 'OnError'],
  errorBranch: 'OnError',
  execute(ctx) {
    return ctx.error('SPAWN is not implemented yet');
  },
});
