// LOOP: takes Repeat a fixed number of times, then Finished (and resets).
import { defineAction, number, variable } from './define.js';

export default defineAction({
  type: 'LOOP',
  description: 'Takes Repeat Repeat times, counting in CounterName, then Finished; the counter then resets.',
  props: { Repeat: number({ default: 1, min: 0 }), CounterName: variable() },
  branches: ['Repeat', 'Finished'],
  execute(ctx) {
    return ctx.error('LOOP is not implemented yet');
  },
});
