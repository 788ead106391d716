// IF: takes True or False by the truthiness of a snippet expression.
import { isTruthy } from '../snippet/index.js';
import { defineAction, expression } from './define.js';

export default defineAction({
  type: 'IF',
  description: 'Evaluates Expression and takes True or False by snippet truthiness.',
  props: { Expression: expression({ required: true }) },
  studioParams: ['Expression'],
  branches: ['True', 'False'],
  execute(ctx, props) {
    return ctx.branch(isTruthy(props.Expression) ? 'True' : 'False');
  },
});
