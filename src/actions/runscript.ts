// RUNSCRIPT: continues in another script, keeping every variable; never returns.
import type { Outcome } from '../contract/action.js';
import { defineAction, list, text } from './define.js';
import { MAX_PARAMETERS } from './runsub.js';

export default defineAction({
  type: 'RUNSCRIPT',
  description: 'Replaces the current script with ScriptName, keeping all variables; there is no return.',
  props: { ScriptName: text({ required: true }), Parameters: list('value') },
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
