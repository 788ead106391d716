// IF: takes True or False by the truthiness of a snippet expression.
import { defineAction, expression } from './define.js';

export default defineAction({
  type: 'IF',
  description: 'Evaluates Expression and takes True or False by snippet truthiness.',
  props: { Expression: expression({ required: true }) },
  branches: ['True', 'False'],
  execute(ctx) {
    return ctx.error('IF is not implemented yet');
  },
});
