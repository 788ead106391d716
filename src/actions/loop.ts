// LOOP: takes Repeat a fixed number of times, then Finished (and resets).
import { flow, oneVar } from '../contract/flow.js';
import { defineAction, number, variable } from './define.js';

export default defineAction({
  type: 'LOOP',
  description: 'Takes Repeat Repeat times, counting in CounterName, then Finished; the counter then resets.',
  source: 'Studio help page https://help.nicecxone.com/Content/studio/actionscx/loop/loop.htm (documented; the count kept per action across arrivals is inferred)',
  props: {
    Repeat: number({ default: 1, min: 0, description: 'How many times Repeat is taken before Finished (0: Finished at once).' }),
    CounterName: variable({ description: 'A variable that receives the number of the current pass (1, 2, …).' }),
  },
  studio: { evidence: 'third-party', params: ['Repeat', 'CounterName'], branches: ['Finished', 'Repeat'], source: 'a public tool writing Desktop exports (count, counter; Finished 0, Repeat 1)' },
  branches: ['Repeat', 'Finished'],
  execute(ctx, props) {
    const f = flow(ctx);
    // The count lives per action per frame, so the loop path wiring back into LOOP counts arrivals.
    const done = f.loopCounter() ?? 0;
    if (done < Math.floor(props.Repeat)) {
      f.setLoopCounter(done + 1);
      return props.CounterName ? { branch: 'Repeat', vars: oneVar(props.CounterName, done + 1) } : ctx.branch('Repeat');
    }
    f.setLoopCounter(undefined);
    return ctx.branch('Finished');
  },
});
