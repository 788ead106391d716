// RETURN: ends a subscript and hands ReturnValue back to the caller.
import { defineAction, value } from './define.js';

export default defineAction({
  type: 'RETURN',
  description: 'Ends a subscript started by RUNSUB; ReturnValue is stored in the caller\'s ReturnVariable.',
  props: { ReturnValue: value() },
  branches: [],
  execute(ctx) {
    return ctx.error('RETURN is not implemented yet');
  },
});
