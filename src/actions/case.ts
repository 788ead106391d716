// CASE: takes the branch whose value equals the expression (snippet = semantics), else Default.
import type { Outcome } from '../contract/action.js';
import { flow } from '../contract/flow.js';
import { numericValue, snippetEquals } from '../snippet/index.js';
import type { Value } from '../contract/value.js';
import { defineAction, expression } from './define.js';
import type { ActionNode } from '../contract/script-graph.js';

/**
 * Each value branch with the value it matches, parsed once per action:
 * numeric names become numbers, so matching does not re-read the text on
 * every arrival. A non-numeric value never equals numeric-looking text, so
 * this keeps snippet `=` semantics.
 */
const parsedValues = new WeakMap<ActionNode, [string, Value][]>();
function valuesOf(node: ActionNode): [string, Value][] {
  let values = parsedValues.get(node);
  if (!values) {
    values = node.branches
      .filter((edge) => edge.isValue || edge.name !== 'Default')
      .map((edge): [string, Value] => [edge.name, numericValue(edge.name) ?? edge.name]);
    parsedValues.set(node, values);
  }
  return values;
}

export default defineAction({
  type: 'CASE',
  description: 'Evaluates Variable and takes the branch whose value matches it (snippet = comparison), else Default.',
  source: 'Studio help page https://help.nicecxone.com/zh-hk/content/studio/actionscx/case/case.htm (documented, read on a translated page; how values compare is not documented: the emulator uses snippet `=`)',
  props: {
    Variable: expression({ required: true, description: 'The value to match: a variable, or a snippet expression in quotes; compared with each value branch as snippet `=` compares.' }),
  },
  studio: { evidence: 'help-page', params: ['Variable'], source: 'CASE help page' },
  branches: ['Default'],
  valueBranches: true,
  execute(ctx, props) {
    const value = props.Variable;
    // Value branches are tried in source order; the first match wins, as Studio's collection editor orders them.
    for (const [name, match] of valuesOf(flow(ctx).action.node)) {
      if (snippetEquals(value, match)) return (ctx.branch as (name: string) => Outcome)(name);
    }
    return ctx.branch('Default');
  },
});
