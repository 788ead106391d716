// RUNSCRIPT: continues in another script, keeping every variable; never returns.
import { defineAction, list, text } from './define.js';

export default defineAction({
  type: 'RUNSCRIPT',
  description: 'Replaces the current script with ScriptName, keeping all variables; there is no return.',
  props: { ScriptName: text({ required: true }), Parameters: list('value') },
  branches: ['OnError'],
  errorBranch: 'OnError',
  execute(ctx) {
    return ctx.error('RUNSCRIPT is not implemented yet');
  },
});
