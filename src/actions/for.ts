// FOR: counts from FromValue to ToValue by Step (down when To < From).
import { defineAction, number, variable } from './define.js';

export default defineAction({
  type: 'FOR',
  description: 'Counts CounterName from FromValue to ToValue by Step, taking Repeat each time, then Finished.',
  props: { FromValue: number({ default: 1 }), ToValue: number({ default: 1 }), Step: number({ default: 1 }), CounterName: variable({ default: 'counter' }) },
  branches: ['Repeat', 'Finished'],
  execute(ctx) {
    return ctx.error('FOR is not implemented yet');
  },
});
