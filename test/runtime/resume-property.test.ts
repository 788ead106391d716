// Property: for random scripts (waits, loops, subscripts, spawns, randomness), pausing after any
// number of steps and resuming from a JSON snapshot gives exactly the uninterrupted result and trace.
import fc from 'fast-check';
import { expect, test } from 'vitest';
import { createRuntime } from '../../src/runtime/runtime.js';
import { NOW, scriptSet } from './helpers.js';

/** A random main script: a chain of steps, each one of a few action shapes, looping back once through a LOOP. */
const stepArb = fc.oneof(
  fc.integer({ min: 0, max: 120 }).map((s) => `WAIT { Seconds = ${s} }`),
  fc.integer({ min: 1, max: 9 }).map((n) => `ASSIGN { Variable = v${n}  Value = "{v${n}} + ${n}"  Type = Numeric }`),
  fc.constant(`SNIPPET {\n  r = random(1000)\n  total = total + r\n}`),
  fc.constant(`RUNSUB { ScriptName = "Sub"  Parameters = [total]  ReturnVariable = back }`),
  fc.constant(`SPAWN { ScriptName = "Sub"  Parameters = [1] }`),
);

function mainScript(steps: string[], repeat: number): string {
  const lines = ['script Main', 'start: BEGIN -> loop', `loop: LOOP { Repeat = ${repeat} }`, '  Repeat -> s0', '  Finished -> done'];
  steps.forEach((body, i) => lines.push(`s${i}: ${body} -> ${i + 1 < steps.length ? `s${i + 1}` : 'loop'}`));
  lines.push('done: END');
  return lines.join('\n') + '\n';
}

const sub = `script Sub
start: BEGIN { Parameters = [x] } -> w
w: WAIT { Seconds = 7 } -> r
r: RETURN { ReturnValue = "{x}!" }
`;

test('snapshot + resume equals an uninterrupted run', async () => {
  await fc.assert(
    fc.asyncProperty(fc.array(stepArb, { minLength: 1, maxLength: 6 }), fc.integer({ min: 1, max: 4 }), fc.nat(60), fc.nat(1000), async (steps, repeat, pauseAt, seed) => {
      const scripts = scriptSet([mainScript(steps, repeat), sub]);
      const whole = await createRuntime({ scripts, now: NOW, seed }).run('Main', { keepTrace: true });
      const first = createRuntime({ scripts, now: NOW, seed });
      const part1 = await first.run('Main', { keepTrace: true, maxSteps: pauseAt });
      const totalSteps = whole.steps + (whole.spawned ?? []).reduce((n, r) => n + r.steps, 0);
      if (pauseAt >= totalSteps) {
        // Nothing was left to resume: the "paused" run is the whole run.
        expect(part1).toEqual(whole);
        return;
      }
      const second = createRuntime({ scripts, now: NOW, seed, resume: JSON.parse(JSON.stringify(first.snapshot())) });
      const part2 = await second.run('Main', { keepTrace: true });
      const { trace: t2, ...rest2 } = part2;
      const { trace: t0, ...rest0 } = whole;
      expect(rest2).toEqual(rest0);
      expect([...part1.trace!, ...t2!]).toEqual(t0);
    }),
    { numRuns: 150 },
  );
});
