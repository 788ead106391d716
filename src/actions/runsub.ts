// RUNSUB: calls another script of the folder as a subscript and waits for its RETURN.
import { defineAction, list, text, variable } from './define.js';

export default defineAction({
  type: 'RUNSUB',
  description: 'Runs ScriptName as a subscript with Parameters as p1…pN; its RETURN value goes to ReturnVariable.',
  props: { ScriptName: text({ required: true }), Parameters: list('value'), ReturnVariable: variable() },
  branches: ['Default', 'OnError'],
  errorBranch: 'OnError',
  execute(ctx) {
    return ctx.error('RUNSUB is not implemented yet');
  },
});
