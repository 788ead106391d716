// FOR: counts from FromValue to ToValue by Step (down when To < From).
import { flow, oneVar } from '../contract/flow.js';
import { defineAction, number, variable } from './define.js';

export default defineAction({
  type: 'FOR',
  description: 'Counts CounterName from FromValue to ToValue by Step, taking Repeat each time, then Finished.',
  source: 'Studio help page https://help.nicecxone.com/content/studio/actionscx/for/for.htm (documented)',
  props: {
    FromValue: number({ default: 1, description: 'The first value of the counter.' }),
    ToValue: number({ default: 1, description: 'The last value; the loop counts down when it is below FromValue.' }),
    Step: number({ default: 1, description: 'The amount added each pass; its sign is ignored (From and To give the direction); 0 is an error.' }),
    CounterName: variable({ default: 'counter', description: 'The variable holding the current value.' }),
  },
  studio: { evidence: 'help-page', params: ['FromValue', 'ToValue', 'Step', 'CounterName'], source: 'FOR help page' },
  branches: ['Repeat', 'Finished'],
  execute(ctx, props) {
    const f = flow(ctx);
    const from = props.FromValue;
    const to = props.ToValue;
    const counter = props.CounterName;
    const stepSize = props.Step;
    if (stepSize === 0) return ctx.error('FOR Step must not be 0');
    // Counting down is automatic when To < From; the sign of Step is ignored.
    const step = to < from ? -Math.abs(stepSize) : Math.abs(stepSize);
    const previous = f.loopCounter();
    // Rounded to 15 digits so a fractional Step counts 0.1, 0.2, 0.3 rather than 0.30000000000000004.
    const current = previous === undefined ? from : Number((previous + step).toPrecision(15));
    const inRange = step > 0 ? current <= to : current >= to;
    if (inRange) {
      f.setLoopCounter(current);
      return { branch: 'Repeat', vars: oneVar(counter, current) };
    }
    f.setLoopCounter(undefined);
    return ctx.branch('Finished');
  },
});
