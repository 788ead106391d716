// RUNSUB: calls another script of the folder as a subscript and waits for its RETURN.
import type { Control } from '../contract/action.js';
import { defineAction, list, text, variable } from './define.js';

/** Studio passes at most 20 positional parameters (p1…p20). */
export const MAX_PARAMETERS = 20;

export default defineAction({
  type: 'RUNSUB',
  description: 'Runs ScriptName as a subscript with Parameters as p1…pN; its RETURN value goes to ReturnVariable.',
  source: 'Studio help page https://help.nicecxone.com/content/Studio/actions/runsub/runsub.htm (documented; its branches are not: Default and OnError are an emulator decision)',
  props: {
    ScriptName: text({ required: true, description: 'The script to call, by name, in quotes.' }),
    Parameters: list('value', { description: 'Values passed as p1…pN (at most 20).' }),
    ReturnVariable: variable({ description: 'The variable that receives the subscript\'s RETURN value.' }),
  },
  studio: {
    evidence: 'third-party',
    params: ['ScriptName', { unknown: true }, 'ReturnVariable'],
    rest: 'Parameters',
    source: 'a public tool writing Desktop exports: script, an empty position, the return variable, one position per parameter',
  },
  callsScript: { prop: 'ScriptName', mode: 'call' },
  branches: ['Default', 'OnError'],
  errorBranch: 'OnError',
  execute(ctx, props) {
    const params = props.Parameters ?? [];
    if (params.length > MAX_PARAMETERS) return ctx.error(`RUNSUB ${props.ScriptName}: at most ${MAX_PARAMETERS} parameters (got ${params.length})`);
    // The engine pushes the frame; the RETURN of the subscript later completes this action on Default.
    const control: Control = props.ReturnVariable
      ? { op: 'call', script: props.ScriptName, params, returnVariable: props.ReturnVariable }
      : { op: 'call', script: props.ScriptName, params };
    return { branch: 'Default', control };
  },
});
