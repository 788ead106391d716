// Table tests of the flow actions' behaviour (actions.md "Flow and variables"), run through the runtime.
import { describe, expect, test } from 'vitest';
import { run } from '../../runtime/helpers.js';

const one = (action: string, branches = '-> done') => `script Main
start: BEGIN -> act
act: ${action}
  ${branches}
done: END
other: END
`;

describe('ASSIGN', () => {
  test.each([
    ['String keeps arithmetic as text', 'Value = "1+1"', '1+1'],
    ['String substitutes variables', 'Value = "n={n}"', 'n=4'],
    ['Numeric evaluates snippet arithmetic', 'Value = "1+1"  Type = Numeric', 2],
    ['Numeric evaluates with variables', 'Value = "{n} * 2 + n"  Type = Numeric', 12],
    ['Numeric of non-numeric text is 0', 'Value = "abc"  Type = Numeric', 0],
    ['Numeric of empty text is 0', 'Value = ""  Type = Numeric', 0],
    ['Datetime parses a date', 'Value = "2026-11-21 09:30"  Type = Datetime', '2026-11-21T09:30:00.000Z'],
  ])('%s', async (_name, props, expected) => {
    const r = await run([one(`ASSIGN { Variable = x  ${props} }`)], { vars: { n: 4 } });
    expect(r.variables.x).toEqual(expected);
  });

  test('Datetime that does not parse sets null with a warning', async () => {
    const r = await run([one('ASSIGN { Variable = x  Value = "not a date"  Type = Datetime }')]);
    expect(r.variables.x).toBeNull();
    expect(r.warnings[0]).toContain('not a date');
  });

  test('longer than MaxStringSize takes Overflow and leaves the variable unchanged', async () => {
    const r = await run([one('ASSIGN { Variable = x  Value = "{long}" }', '-> done\n  Overflow -> other')], { vars: { x: 'old', long: 'y'.repeat(2049) } });
    expect(r.path.at(-1)).toBe('Main.other');
    expect(r.variables.x).toBe('old');
  });

  test.each([
    ['2K', 2048],
    ['4K', 4096],
    ['8K', 8192],
    ['16K', 16384],
    ['32K', 32768],
  ])('MaxStringSize %s holds %i characters and overflows at one more', async (size, chars) => {
    const script = one(`ASSIGN { Variable = x  Value = "{long}"  MaxStringSize = "${size}" }`, '-> done\n  Overflow -> other');
    const fits = await run([script], { vars: { long: 'y'.repeat(chars) } });
    expect(fits.path.at(-1)).toBe('Main.done');
    expect(fits.variables.x).toHaveLength(chars);
    const over = await run([script], { vars: { long: 'y'.repeat(chars + 1) } });
    expect(over.path.at(-1)).toBe('Main.other');
    expect(over.variables.x).toBeUndefined();
  });

  test('ScreenPop and SaveToDB are recorded', async () => {
    const r = await run([one('ASSIGN { Variable = reason  Value = "billing"  ScreenPop = true  SaveToDB = true }')]);
    expect(r.effects.savedToDb).toEqual([{ name: 'reason', value: 'billing' }]);
    expect(r.effects.screenPop).toEqual([{ name: 'reason', value: 'billing' }]);
  });

  test('global: writes a global', async () => {
    const r = await run([one('ASSIGN { Variable = "global:g"  Value = "1" }')]);
    expect(r.globals.g).toBe('1');
  });
});

describe('IF', () => {
  test.each([
    ['1', 'True'],
    ['0', 'False'],
    ['n > 3', 'True'],
    ['n < 3', 'False'],
    ['"true"', 'True'],
    ['"FALSE"', 'False'],
    ['""', 'False'],
    ['"text"', 'True'],
    ['missing', 'False'],
  ])('%s takes %s', async (expr, branch) => {
    const r = await run([one(`IF { Expression = ${JSON.stringify(expr)} }`, 'True -> done\n  False -> other')], { vars: { n: 4 }, keepTrace: true });
    const exit = r.trace!.find((e) => e.type === 'action.exit' && e.label === 'act');
    expect(exit).toMatchObject({ branch });
  });
});

describe('CASE', () => {
  const caseScript = `script Main
start: BEGIN -> pick
pick: CASE { Variable = "v" }
  "sales" -> sales
  2 -> two
  Default -> other
sales: END
two: END
other: END
`;
  test.each([
    ['sales', 'Main.sales'],
    ['Sales', 'Main.other'],
    [2, 'Main.two'],
    ['2', 'Main.two'],
    ['2.0', 'Main.two'],
    ['3', 'Main.other'],
  ])('%j goes to %s', async (v, target) => {
    const r = await run([caseScript], { vars: { v } });
    expect(r.path.at(-1)).toBe(target);
  });
});

describe('LOOP', () => {
  test('LOOP takes Repeat Repeat times with its counter, then Finished, then starts again', async () => {
    const r = await run(
      [`script Main
start: BEGIN -> loop
loop: LOOP { Repeat = 3  CounterName = i }
  Repeat -> add
  Finished -> again
add: SNIPPET {
  seen = "{seen}{i}"
} -> loop
again: SNIPPET {
  rounds = rounds + 1
} -> check
check: IF { Expression = "rounds < 2" }
  True -> loop
  False -> done
done: END
`],
      { vars: { seen: '' } },
    );
    expect(r.variables.seen).toBe('123123');
  });

  test('the LOOP counter lives per frame: each subscript call starts again, the caller keeps its own', async () => {
    const caller = `script Main
start: BEGIN -> outer
outer: LOOP { Repeat = 2  CounterName = round }
  Repeat -> call
  Finished -> done
call: RUNSUB { ScriptName = "Sub"  ReturnVariable = got } -> keep
keep: SNIPPET {
  seen = "{seen}[{round}:{got}]"
} -> outer
done: END
`;
    // The subscript leaves its LOOP early (at 2 of 3), so only a per-frame counter starts it at 1 again.
    const sub = `script Sub
start: BEGIN -> inner
inner: LOOP { Repeat = 3  CounterName = k }
  Repeat -> check
  Finished -> finished
check: IF { Expression = "k = 2" }
  True -> back
  False -> inner
back: RETURN { ReturnValue = "{k}" }
finished: RETURN { ReturnValue = "finished" }
`;
    const r = await run([caller, sub], { vars: { seen: '' } });
    expect(r.status).toBe('completed');
    expect(r.variables.seen).toBe('[1:2][2:2]');
  });
});

describe('FOR', () => {
  test.each([
    ['counts up', 'FromValue = 1  ToValue = 3', '1,2,3,'],
    ['counts down when To < From', 'FromValue = 3  ToValue = 1', '3,2,1,'],
    ['uses the step', 'FromValue = 0  ToValue = 10  Step = 5', '0,5,10,'],
    ['ignores the sign of the step', 'FromValue = 10  ToValue = 0  Step = 5', '10,5,0,'],
    ['runs once when From = To', 'FromValue = 2  ToValue = 2', '2,'],
    ['counts a fractional step exactly', 'FromValue = 0  ToValue = 1  Step = 0.25', '0,0.25,0.5,0.75,1,'],
    ['reaches To with a step like 0.1', 'FromValue = 0.7  ToValue = 1  Step = 0.1', '0.7,0.8,0.9,1,'],
  ])('FOR %s', async (_name, props, expected) => {
    const r = await run(
      [`script Main
start: BEGIN -> for
for: FOR { ${props}  CounterName = i }
  Repeat -> add
  Finished -> done
add: SNIPPET {
  seen = "{seen}{i},"
} -> for
done: END
`],
      { vars: { seen: '' } },
    );
    expect(r.variables.seen).toBe(expected);
  });

  test('FOR with Step 0 is an error outcome', async () => {
    const r = await run([one('FOR { FromValue = 1  ToValue = 3  Step = 0 }', 'Repeat -> other\n  Finished -> done')]);
    expect(r.status).toBe('stuck');
    expect(r.lastError).toContain('Step');
  });
});

describe('WAIT', () => {
  test('WAIT advances the virtual clock without sleeping', async () => {
    // A real day-long sleep would never finish within the test's time-out.
    const r = await run([one('WAIT { Seconds = 86400 }')]);
    expect(r.endedAt).toBe('2026-11-22T09:00:00.000Z');
  });

  test.each([
    ['0.25', '2026-11-21T09:00:00.250Z'],
    ['"0,5"', '2026-11-21T09:00:00.500Z'],
    ['"1,25"', '2026-11-21T09:00:01.250Z'],
  ])('WAIT accepts the fraction %s', async (seconds, endedAt) => {
    const r = await run([one(`WAIT { Seconds = ${seconds} }`)]);
    expect(r.lastError).toBe('');
    expect(r.endedAt).toBe(endedAt);
  });
});

describe('BEGIN', () => {
  test('BEGIN renames p1…pN by position; extra values keep their pX name', async () => {
    const r = await run(
      [`script Main
start: BEGIN { Parameters = [first, second] } -> done
done: END
`],
      { params: ['a', 'b', 'c'] },
    );
    expect(r.variables).toEqual({ first: 'a', second: 'b', p3: 'c' });
  });
});
