// IF: takes True or False by the truthiness of a snippet expression.
import { isTruthy } from '../snippet/index.js';
import { defineAction, expression } from './define.js';

export default defineAction({
  type: 'IF',
  description: 'Evaluates Expression and takes True or False by snippet truthiness.',
  props: { Expression: expression({ required: true }) },
  studio: { evidence: 'third-party', params: ['Expression'], branches: ['True', 'False'], source: 'a public tool reading Desktop exports (one position; True 0, False 1)' },
  branches: ['True', 'False'],
  execute(ctx, props) {
    return ctx.branch(isTruthy(props.Expression) ? 'True' : 'False');
  },
});
