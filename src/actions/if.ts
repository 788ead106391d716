// IF: takes True or False by the truthiness of a snippet expression.
import { isTruthy } from '../snippet/index.js';
import { defineAction, expression } from './define.js';

export default defineAction({
  type: 'IF',
  description: 'Evaluates Expression and takes True or False by snippet truthiness.',
  source: 'Studio help page https://help.nicecxone.com/Content/studio/actionscx/if/if.htm (documented)',
  props: { Expression: expression({ required: true, description: 'A snippet expression (`TOTAL > 0`); True when its value is truthy.' }) },
  studio: { evidence: 'third-party', params: ['Expression'], branches: ['True', 'False'], source: 'a public tool reading Desktop exports (one position; True 0, False 1)' },
  branches: ['True', 'False'],
  execute(ctx, props) {
    return ctx.branch(isTruthy(props.Expression) ? 'True' : 'False');
  },
});
