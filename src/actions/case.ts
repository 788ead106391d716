// CASE: takes the branch whose value equals the expression (snippet = semantics), else Default.
import type { Outcome } from './context.js';
import { flow } from '../runtime/flow.js';
import { snippetEquals } from '../snippet/index.js';
import type { Value } from '../snippet/value.js';
import { defineAction, expression } from './define.js';

export default defineAction({
  type: 'CASE',
  description: 'Evaluates Variable and takes the branch whose value matches it (snippet = comparison), else Default.',
  props: { Variable: expression({ required: true }) },
  branches: ['Default'],
  valueBranches: true,
  execute(ctx, props) {
    const value = props.Variable as Value;
    // Value branches are tried in source order; the first match wins, as Studio's collection editor orders them.
    for (const edge of flow(ctx).action.node.branches) {
      if (edge.name === 'Default' && !edge.isValue) continue;
      if (snippetEquals(value, edge.name)) return (ctx.branch as (name: string) => Outcome)(edge.name);
    }
    return ctx.branch('Default');
  },
});
