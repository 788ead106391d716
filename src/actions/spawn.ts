// SPAWN: starts another script as a new run (new contact id) and continues at once.
import { flow } from '../contract/flow.js';
import { DateValue, isDdo } from '../contract/value.js';
import { defineAction, list, text, variable } from './define.js';
import { MAX_PARAMETERS } from './runsub.js';

export default defineAction({
  type: 'SPAWN',
  description: 'Starts ScriptName as a new run with Parameters, at StartDate or now; its id goes to SpawnIdVariable.',
  source: 'Studio help page https://help.nicecxone.com/content/Studio/actionscx/spawn/spawn.htm (documented; its branches are not: an emulator decision)',
  props: {
    ScriptName: text({ required: true, description: 'The script to start, by name, in quotes.' }),
    Parameters: list('value', { description: 'Values passed as p1…pN (at most 20), as text: pass a DDO as JSON (asjson()).' }),
    SpawnIdVariable: variable({ default: 'spawnid', description: 'The variable that receives the new run\'s id.' }),
    StartDate: text({ description: 'When to start (a date); empty: now.' }),
  },
  studio: {
    evidence: 'help-page',
    params: ['ScriptName', 'SpawnIdVariable', 'StartDate'],
    rest: 'Parameters',
    source: 'SPAWN help page; parameters one per position, as RUNSUB writes them',
  },
  callsScript: { prop: 'ScriptName', mode: 'spawn' },
  branches: ['Default', 'OnError'],
  errorBranch: 'OnError',
  execute(ctx, props) {
    const f = flow(ctx);
    const params = props.Parameters ?? [];
    if (params.length > MAX_PARAMETERS) return ctx.error(`SPAWN ${props.ScriptName}: at most ${MAX_PARAMETERS} parameters (got ${params.length})`);
    // Studio passes a spawned script's parameters as text: a DDO must be sent as JSON (asjson()).
    const ddo = params.findIndex((p) => isDdo(p) || (Array.isArray(p) && p.some((item) => isDdo(item) || Array.isArray(item))));
    if (ddo >= 0) return ctx.error(`SPAWN ${props.ScriptName}: parameter p${ddo + 1} is a dynamic data object; pass it as JSON text (asjson()) and rebuild it in the spawned script`);
    let startMs: number | null = null;
    if (props.StartDate && props.StartDate.trim() !== '') {
      const date = f.parseDate(props.StartDate);
      if (!(date instanceof DateValue)) return ctx.error(`SPAWN ${props.ScriptName}: StartDate "${props.StartDate}" is not a date`);
      startMs = date.epochMs;
    }
    const started = f.spawn({ script: props.ScriptName, params, startMs });
    if ('error' in started) return ctx.error(started.error, started.limit ? { limit: true } : undefined);
    return { branch: 'Default', vars: { [props.SpawnIdVariable]: started.spawnId } };
  },
});
