// Run state is never mutated once anything else can see it: between every two
// steps, every run's state is deep-frozen (immer's freeze) and the run must give
// exactly the result of an unfrozen run. Any write into a frozen object throws
// in strict-mode modules, which would surface as an action error and a
// different result. The one object a run writes in place, the frame variables
// its own last write made (run-changes.ts, writableVars), is copied instead
// when frozen, so the two runs also compare the in-place path with the copying
// one. The scripts exercise every flow action, both the hand-written hot path
// and the immer transitions (frames, run end, errors, warnings, contact data,
// screen pop, removed variables, BEGIN renames, spawned runs).
import { freeze } from 'immer';
import { describe, expect, test } from 'vitest';
import { defineAction, text } from '../../src/actions/define.js';
import type { RunDriver } from '../../src/runtime/driver.js';
import { createRuntime } from '../../src/runtime/runtime.js';
import { NOW, scriptSet } from './helpers.js';

const note = defineAction({
  type: 'NOTE CONTACT',
  description: 'Keeps a value in the contact data (per-run data kept in snapshots).',
  props: { Key: text({ required: true }), Value: text({ default: '' }) },
  branches: ['Default'],
  execute(ctx, props) {
    const seen = ctx.getContactData(props.Key);
    ctx.setContactData(props.Key, `${typeof seen === 'string' ? seen : ''}${props.Value}`);
    return ctx.branch('Default');
  },
});

const main = `script Main
start: BEGIN { Parameters = [who] } -> greet
greet: ASSIGN { Variable = greeting  Value = "Hello {who}"  ScreenPop = true } -> when
when: ASSIGN { Variable = stamp  Value = "not a date"  Type = Datetime } -> keep
keep: ASSIGN { Variable = item  Value = "kept outside" } -> data
data: SNIPPET {
  DYNAMIC order
  order.items[1] = "tea"
  order.items[2] = "cake"
  order.total = 0
  FOREACH item IN order.items {
    order.total = order.total + 1
  }
  global:shared = "g"
  list = "a|b|c"
} -> note
note: NOTE CONTACT { Key = "seen"  Value = "{greeting}" } -> spawn
spawn: SPAWN { ScriptName = "Side"  Parameters = ["from main"] } -> loop
loop: LOOP { Repeat = 3  CounterName = round }
  Repeat -> call
  Finished -> count
call: RUNSUB { ScriptName = "Helper"  Parameters = [round, order]  ReturnVariable = got } -> sum
sum: ASSIGN { Variable = total  Value = "{total} + {got}"  Type = Numeric } -> loop
count: FOR { FromValue = 1  ToValue = 2  CounterName = k }
  Repeat -> pick
  Finished -> bad
pick: CASE { Variable = "k" }
  1 -> nap
  Default -> count
nap: WAIT { Seconds = 30 } -> count
bad: SNIPPET {
  x = 1
  y = x / 0
}
  Default -> check
  Error -> check
check: IF { Expression = "total > 0" }
  True -> onward
  False -> done
onward: RUNSCRIPT { ScriptName = "Tail"  Parameters = [total] }
done: END
`;

const helper = `script Helper
start: BEGIN { Parameters = [n, o] } -> edit
edit: SNIPPET {
  o.items[3] = "n{n}"
  twice = n * 2
} -> back
back: RETURN { ReturnValue = "{twice}" }
`;

const side = `script Side
start: BEGIN { Parameters = [from] } -> wait
wait: WAIT { Seconds = 45 } -> done
done: END
`;

const tail = `script Tail
start: BEGIN { Parameters = [sum] } -> last
last: ASSIGN { Variable = final  Value = "{sum}" } -> done
done: END
`;

async function runAll(freezeBetweenSteps: boolean) {
  const scripts = scriptSet([main, helper, side, tail], [note]);
  const runtime = createRuntime({ scripts, now: NOW, actions: [note] });
  let frozen = 0;
  if (freezeBetweenSteps) {
    const drivers = (runtime as unknown as { scheduler: { drivers: RunDriver[] } }).scheduler.drivers;
    // action.enter comes before the action does anything: every state is the one the previous step left.
    runtime.on('action.enter', () => {
      for (const d of drivers) {
        freeze(d.state, true);
        frozen++;
      }
    });
  }
  const result = await runtime.run('Main', { params: ['Ada'], keepTrace: true });
  return { result, frozen };
}

describe('run state is immutable', () => {
  test('what a run is given or hands out never changes after: its input variables, a snapshot, the kept trace', async () => {
    const loop = `script Loop
start: BEGIN -> add
add: ASSIGN { Variable = n  Value = "n + 1"  Type = Numeric } -> more
more: IF { Expression = "n < 5" }
  True -> add
  False -> done
done: END
`;
    const vars = { n: 0, label: 'x' };
    const runtime = createRuntime({ scripts: scriptSet([loop]), now: NOW });
    const paused = await runtime.run('Loop', { vars, maxSteps: 4, keepTrace: true });
    expect(paused.status).toBe('stopped');
    const snapshot = runtime.snapshot();
    const snapshotText = JSON.stringify(snapshot);
    const pausedVariables = JSON.stringify(paused.variables);
    // The paused run goes on in the same runtime, writing the variables its own last write made.
    const continued = await runtime.run('Loop');
    expect(continued.variables).toEqual({ n: 5, label: 'x' });
    const resumed = await createRuntime({ scripts: scriptSet([loop]), now: NOW, resume: snapshot }).run('Loop');
    expect(resumed).toEqual(continued);
    expect(vars).toEqual({ n: 0, label: 'x' });
    expect(JSON.stringify(snapshot)).toBe(snapshotText);
    expect(JSON.stringify(paused.variables)).toBe(pausedVariables);
    expect(paused.trace!.find((e) => e.type === 'run.start')).toMatchObject({ vars: { n: 0, label: 'x' } });
  });

  test('deep-freezing every run state between steps changes nothing', async () => {
    const plain = await runAll(false);
    const frozen = await runAll(true);
    expect(frozen.frozen).toBeGreaterThan(plain.result.steps);
    expect(frozen.result).toEqual(plain.result);
  });

  test('the run exercises every flow action and every structural transition', async () => {
    const { result } = await runAll(true);
    const types = new Set(result.trace!.filter((e) => e.type === 'action.enter').map((e) => (e as { actionType: string }).actionType));
    for (const t of ['BEGIN', 'ASSIGN', 'SNIPPET', 'CASE', 'IF', 'LOOP', 'FOR', 'WAIT', 'RUNSUB', 'RETURN', 'RUNSCRIPT', 'SPAWN', 'END'])
      expect(types, t).toContain(t);
    expect(result.status).toBe('completed');
    expect(result.lastError).toBe('Line 2: Division by zero');
    expect(result.warnings.join('\n')).toContain('not a date');
    expect(result.variables).toMatchObject({ who: 'Ada', greeting: 'Hello Ada', total: 12, final: '12', sum: 12 });
    expect(result.variables).not.toHaveProperty('item');
    expect(result.variables.order).toMatchObject({ items: ['tea', 'cake'], total: 2 });
    expect(result.globals).toEqual({ shared: 'g' });
    expect(result.effects.screenPop).toEqual([{ name: 'greeting', value: 'Hello Ada' }]);
    expect(result.spawned?.[0]).toMatchObject({ script: 'Side', status: 'completed', variables: { from: 'from main' } });
    const removals = result.trace!.filter((e) => e.type === 'var.set' && e.removed);
    expect(removals).toMatchObject([{ name: 'item', old: 'kept outside', value: null }]);
  });
});
