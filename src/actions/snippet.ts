// SNIPPET: runs snippet code (snippet-language.md) against the script's variables.
import { MAX_STRING_SIZES } from './assign.js';
import { defineAction, oneOf } from './define.js';

export default defineAction({
  type: 'SNIPPET',
  description: 'Runs snippet code; variables it assigns are written back. A syntax or run-time error takes Error.',
  props: { MaxStringSize: oneOf(MAX_STRING_SIZES, { default: '2K' }) },
  branches: ['Default', 'Error'],
  errorBranch: 'Error',
  execute(ctx) {
    return ctx.error('SNIPPET is not implemented yet');
  },
});
