// ASSIGN: sets one variable from text, a numeric expression or a date.
import { boolean, defineAction, oneOf, text, variable } from './define.js';

export const MAX_STRING_SIZES = ['2K', '4K', '8K', '16K', '32K'] as const;

export default defineAction({
  type: 'ASSIGN',
  description: 'Sets Variable to Value: as text (String), as the result of snippet arithmetic (Numeric) or as a date (Datetime).',
  props: {
    Variable: variable({ required: true }),
    Value: text({ default: '' }),
    Type: oneOf(['String', 'Numeric', 'Datetime'], { default: 'String' }),
    ScreenPop: boolean({ default: false }),
    SaveToDB: boolean({ default: false }),
    MaxStringSize: oneOf(MAX_STRING_SIZES, { default: '2K' }),
  },
  branches: ['Default', 'Overflow'],
  execute(ctx) {
    return ctx.error('ASSIGN is not implemented yet');
  },
});
