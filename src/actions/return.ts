// RETURN: ends a subscript and hands ReturnValue back to the caller.
import { defineAction, value } from './define.js';

export default defineAction({
  type: 'RETURN',
  description: 'Ends a subscript started by RUNSUB; ReturnValue is stored in the caller\'s ReturnVariable.',
  source: 'Studio help page https://help.nicecxone.com/es/content/studio/actionscx/return/return.htm (documented, read on a translated page)',
  props: { ReturnValue: value({ description: 'The value stored in the calling RUNSUB\'s ReturnVariable; empty text when left out.' }) },
  studio: { evidence: 'help-page', params: ['ReturnValue'], source: 'RETURN help page' },
  branches: [],
  execute(_ctx, props) {
    // A RETURN without a value hands back empty text, as an unset Studio variable reads.
    return { branch: '', control: { op: 'return', value: props.ReturnValue === undefined ? '' : props.ReturnValue } };
  },
});
