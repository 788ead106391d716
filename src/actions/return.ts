// RETURN: ends a subscript and hands ReturnValue back to the caller.
import { defineAction, value } from './define.js';

export default defineAction({
  type: 'RETURN',
  description: 'Ends a subscript started by RUNSUB; ReturnValue is stored in the caller\'s ReturnVariable.',
  props: { ReturnValue: value() },
  studio: { evidence: 'help-page', params: ['ReturnValue'], source: 'RETURN help page' },
  branches: [],
  execute(_ctx, props) {
    // A RETURN without a value hands back empty text, as an unset Studio variable reads.
    return { branch: '', control: { op: 'return', value: props.ReturnValue === undefined ? '' : props.ReturnValue } };
  },
});
