// BEGIN: the entry point of a script; renames p1…pN to its Parameters by position.
import { flow } from '../contract/flow.js';
import { defineAction, list } from './define.js';

export default defineAction({
  type: 'BEGIN',
  description: 'Entry point of the script. Parameters renames the positional parameters p1…pN, in order.',
  source: 'Studio help page https://help.nice-incontact.com/content/studio/actionscx/begin/begin.htm (documented)',
  props: {
    Parameters: list('variable', { description: 'Names for the incoming parameters p1, p2…, in order; a parameter without a name keeps its pN name.' }),
  },
  studio: {
    evidence: 'observed',
    params: [{ studio: 'RootFolder' }, { studio: 'Application' }, { studio: 'ParamCount' }, 'Parameters'],
    source: 'Desktop exports write the first three (empty); CXone Studio JSON names all four, Parameters a list of names',
  },
  branches: ['Default'],
  execute(ctx, props) {
    // Names left out keep their pX name; values beyond the names stay pX too (Studio's documented example).
    const names = (props.Parameters ?? []).map((n) => String(n));
    if (names.length > 0) flow(ctx).renameParams(names);
    return ctx.branch('Default');
  },
});
