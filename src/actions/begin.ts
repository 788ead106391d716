// BEGIN: the entry point of a script; renames p1…pN to its Parameters by position.
import { defineAction, list } from './define.js';

export default defineAction({
  type: 'BEGIN',
  description: 'Entry point of the script. Parameters renames the positional parameters p1…pN, in order.',
  props: { Parameters: list('variable') },
  branches: ['Default'],
  execute(ctx) {
    return ctx.error('BEGIN is not implemented yet');
  },
});
