// RUNSCRIPT: continues in another script, keeping every variable; never returns.
import type { Outcome } from '../contract/action.js';
import { defineAction, list, text } from './define.js';
import { MAX_PARAMETERS } from './runsub.js';

export default defineAction({
  type: 'RUNSCRIPT',
  description: 'Replaces the current script with ScriptName, keeping all variables; there is no return.',
  source: 'Studio help page https://help.nicecxone.com/content/studio/actions/runscript/runscript.htm (documented; Parameters and the branches are not: an emulator decision)',
  props: {
    ScriptName: text({ required: true, description: 'The script that takes over, by name, in quotes.' }),
    Parameters: list('value', { description: 'Values passed as p1…pN (at most 20).' }),
  },
  studio: { evidence: 'third-party', params: ['ScriptName'], source: 'a public tool writing Desktop exports' },
  callsScript: { prop: 'ScriptName', mode: 'replace' },
  branches: ['OnError'],
  errorBranch: 'OnError',
  execute(ctx, props) {
    const params = props.Parameters ?? [];
    if (params.length > MAX_PARAMETERS) return ctx.error(`RUNSCRIPT ${props.ScriptName}: at most ${MAX_PARAMETERS} parameters (got ${params.length})`);
    const outcome: Outcome = { branch: '', control: { op: 'replace', script: props.ScriptName, params } };
    return outcome;
  },
});
