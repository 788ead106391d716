// CASE: takes the branch whose value equals the expression (snippet = semantics), else Default.
import { defineAction, expression } from './define.js';

export default defineAction({
  type: 'CASE',
  description: 'Evaluates Variable and takes the branch whose value matches it (snippet = comparison), else Default.',
  props: { Variable: expression({ required: true }) },
  branches: ['Default'],
  valueBranches: true,
  execute(ctx) {
    return ctx.error('CASE is not implemented yet');
  },
});
