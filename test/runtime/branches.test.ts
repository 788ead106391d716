// Branch choice, `_err`, property checks at run time and statuses (runtime.md "One step").
import { describe, expect, test } from 'vitest';
import { createRuntime } from '../../src/runtime/runtime.js';
import { NOW, run, scriptSet } from './helpers.js';

describe('branch choice', () => {
  test('takes the outcome branch when it is connected', async () => {
    const r = await run([`script Main
start: BEGIN -> check
check: IF { Expression = "1 = 1" }
  True -> yes
  False -> no
yes: END
no: END
`]);
    expect(r.status).toBe('completed');
    expect(r.path).toEqual(['Main.start', 'Main.check', 'Main.yes']);
  });

  test('falls back to Default when the outcome branch is not connected', async () => {
    const r = await run([`script Main
start: BEGIN -> bad
bad: SNIPPET {
  x = 1 / 0
} -> after
after: END
`]);
    expect(r.status).toBe('completed');
    expect(r.path).toEqual(['Main.start', 'Main.bad', 'Main.after']);
    expect(r.lastError).toMatch(/zero/i);
  });

  test('ends stuck with a warning naming the action and the branch when neither is connected', async () => {
    const r = await run([`script Main
start: BEGIN -> check
check: IF "Is it late?" { Expression = "0" }
  True -> done
done: END
`]);
    expect(r.status).toBe('stuck');
    expect(r.warnings).toHaveLength(1);
    expect(r.warnings[0]).toContain('Main.check');
    expect(r.warnings[0]).toContain('Is it late?');
    expect(r.warnings[0]).toContain('branch False');
    expect(r.warnings[0]).toContain('there is no Default branch');
  });

  test('says the Default branch is not connected once, when that is the branch taken', async () => {
    const r = await run([`script Main
start: BEGIN -> pause
pause: WAIT { Seconds = 1 }
`]);
    expect(r.status).toBe('stuck');
    expect(r.warnings[0]).toMatch(/Stuck at Main\.pause \("WAIT"\): its Default branch is not connected$/);
  });

  test('an action with no branches at the end of the entry script is stuck', async () => {
    const r = await run([`script Main
start: BEGIN -> a
a: ASSIGN { Variable = x  Value = "1" }
`]);
    expect(r.status).toBe('stuck');
    expect(r.variables.x).toBe('1');
  });

  test('RETURN of the entry script completes the run', async () => {
    const r = await run([`script Main
start: BEGIN -> r
r: RETURN { ReturnValue = "done" }
`]);
    expect(r.status).toBe('completed');
  });
});

describe('_err and error outcomes', () => {
  test('the error branch gets _err and __err with the message; later successes keep it', async () => {
    const r = await run([`script Main
start: BEGIN -> bad
bad: SNIPPET {
  a = 1
  b = a / 0
}
  Error -> handle
  Default -> done
handle: SNIPPET {
  seen = _err
  seen2 = __err
} -> done
done: END
`]);
    expect(r.path).toEqual(['Main.start', 'Main.bad', 'Main.handle', 'Main.done']);
    expect(r.variables.a).toBe(1);
    expect(String(r.variables.seen)).toMatch(/^Line \d+: Division by zero/);
    expect(r.variables.seen2).toBe(r.variables.seen);
    expect(r.lastError).toBe(r.variables.seen);
  });

  test('a property that fails its schema at run time is an error outcome naming the property', async () => {
    const r = await run(
      [`script Main
start: BEGIN -> w
w: WAIT { Seconds = "{delay}" } -> done
done: END
`],
      { vars: { delay: 'soon' } },
    );
    expect(r.status).toBe('completed');
    expect(r.lastError).toContain('Seconds');
    expect(r.endedAt).toBe(r.startedAt);
  });

  test('a decimal comma in a numeric property is accepted', async () => {
    const r = await run(
      [`script Main
start: BEGIN -> w
w: WAIT { Seconds = "{delay}" } -> done
done: END
`],
      { vars: { delay: '1,5' } },
    );
    expect(r.lastError).toBe('');
    expect(r.endedAt).toBe('2026-11-21T09:00:01.500Z');
  });
});

describe('limits and stop conditions', () => {
  const forever = `script Main
start: BEGIN -> tick
tick: WAIT { Seconds = 60 } -> count
count: SNIPPET {
  n = n + 1
} -> tick
`;

  test('maxActions fails the run with an error naming the limit', async () => {
    const r = await run([forever], {}, { limits: { maxActions: 50 } });
    expect(r.status).toBe('failed');
    expect(r.steps).toBe(50);
    expect(r.lastError).toContain('maxActions');
    expect(r.lastError).toContain('50');
  });

  test('a run that fails after an error an earlier action handled names what failed it, not that error', async () => {
    const r = await run(
      [
        `script Main
start: BEGIN -> call
call: RUNSUB { ScriptName = "Missing" }
  OnError -> tick
  Default -> tick
tick: WAIT { Seconds = 60 } -> count
count: SNIPPET {
  n = n + 1
} -> tick
`,
      ],
      { keepTrace: true },
      { limits: { maxActions: 50 } },
    );
    expect(r.status).toBe('failed');
    expect(r.trace!.some((e) => e.type === 'error' && e.message.includes('Missing'))).toBe(true);
    expect(r.lastError).toContain('maxActions');
    expect(r.lastError).not.toContain('Missing');
  });

  test('until stops the run at that virtual time (duration)', async () => {
    const r = await run([forever], { until: '30m' });
    expect(r.status).toBe('stopped');
    expect(r.endedAt).toBe('2026-11-21T09:30:00.000Z');
    expect(r.variables.n).toBe(30);
  });

  test('until accepts an absolute ISO time', async () => {
    const r = await run([forever], { until: '2026-11-21T10:00:00Z' });
    expect(r.status).toBe('stopped');
    expect(r.endedAt).toBe('2026-11-21T10:00:00.000Z');
  });

  test('an invalid until is refused with a message', async () => {
    await expect(run([forever], { until: 'tomorrow-ish' })).rejects.toThrow(/until/);
  });

  test.each([
    [{ vars: [1] }, 'vars must be an object of name: value'],
    [{ params: 'a' }, 'params must be an array of values (p1…pN)'],
    [{ maxSteps: -1 }, 'maxSteps must be a whole number ≥ 0 (got -1)'],
  ])('run options %j are refused with a message', async (options, message) => {
    await expect(run([forever], options as never)).rejects.toThrow(message);
  });

  test('an until before the start is refused, and nothing is left half-started', async () => {
    const runtime = createRuntime({ scripts: scriptSet([forever]), now: NOW });
    await expect(runtime.run('Main', { until: '2026-11-21T08:00:00Z' })).rejects.toThrow("until 2026-11-21T08:00:00Z is before the run's start (2026-11-21T09:00:00.000Z)");
    const r = await runtime.run('Main', { until: '2m' });
    expect(r.status).toBe('stopped');
    expect(r.endedAt).toBe('2026-11-21T09:02:00.000Z');
  });

  test('an abort signal stops the run', async () => {
    const controller = new AbortController();
    controller.abort();
    const r = await run([forever], { signal: controller.signal });
    expect(r.status).toBe('stopped');
    expect(r.steps).toBe(0);
  });

  test('maxSteps pauses with status stopped', async () => {
    const r = await run([forever], { maxSteps: 7 });
    expect(r.status).toBe('stopped');
    expect(r.steps).toBe(7);
  });

  test('the contact hanging up ends the run at that time', async () => {
    const r = await run([forever], {}, { contact: { hangUpAfterSeconds: 150 } });
    expect(r.status).toBe('completed');
    expect(r.endedAt).toBe('2026-11-21T09:02:30.000Z');
    expect(r.variables.n).toBe(2);
  });

  test('an unknown entry script is refused', async () => {
    const { createRuntime } = await import('../../src/runtime/runtime.js');
    const { scriptSet } = await import('./helpers.js');
    const runtime = createRuntime({ scripts: scriptSet([forever]) });
    await expect(runtime.run('Nope')).rejects.toThrow(/Script "Nope" not found/);
  });
});

describe('system variables and inputs', () => {
  test('the contact, the run and the business unit are readable as system variables', async () => {
    const r = await run(
      [`script Main
start: BEGIN -> read
read: ASSIGN { Variable = seen  Value = "{ani}/{dnis}/{skillno}/{poc}/{contactid}/{masterid}" } -> done
done: END
`],
      {},
      { contact: { ani: '3035550100', dnis: '8005550100', skillNo: 1234, poc: 'main' } },
    );
    expect(r.variables.seen).toBe('3035550100/8005550100/1234/main/100000001/100000001');
  });

  test('variable names given to run are case-insensitive', async () => {
    const r = await run(
      [`script Main
start: BEGIN -> read
read: ASSIGN { Variable = seen  Value = "{skillNo}" } -> done
done: END
`],
      { vars: { SkillNo: 7 } },
    );
    expect(r.variables.seen).toBe('7');
    expect(r.variables.skillno).toBe(7);
  });

  test('a variable given to run with the global: prefix is a global, visible in subscripts', async () => {
    const r = await run(
      [
        `script Main
start: BEGIN -> call
call: RUNSUB { ScriptName = "Sub"  ReturnVariable = seen } -> done
done: END
`,
        `script Sub
start: BEGIN -> back
back: RETURN { ReturnValue = "{region}/{global:region}" }
`,
      ],
      { vars: { 'global:Region': 'west' } },
    );
    expect(r.variables.seen).toBe('west/west');
    expect(r.globals).toEqual({ region: 'west' });
    expect(r.variables).not.toHaveProperty('global:region');
  });

  test('a throwing trace listener fails the run with a message instead of crashing', async () => {
    const { createRuntime } = await import('../../src/runtime/runtime.js');
    const { scriptSet } = await import('./helpers.js');
    const runtime = createRuntime({ scripts: scriptSet([`script Main
start: BEGIN -> done
done: END
`]) });
    runtime.on('action.exit', () => {
      throw new Error('listener broke');
    });
    const r = await runtime.run('Main');
    expect(r.status).toBe('failed');
    expect(r.lastError).toBe('Internal error: listener broke');
  });
});
