// The readable trace of `run --trace`: one line per action, notes after it, calls and returns.
import { expect, test } from 'vitest';
import { traceLines } from '../../src/runtime/trace-text.js';
import { run } from './helpers.js';

test('renders one readable line per action with branch, duration and changes', async () => {
  const r = await run(
    [`script Main
start: BEGIN -> greet
greet: ASSIGN "Build the greeting" { Variable = greeting  Value = "Hello {name}" } -> pause
pause: WAIT { Seconds = 90 } -> call
call: RUNSUB "Ask the helper" { ScriptName = "Helper"  Parameters = [greeting]  ReturnVariable = answer } -> done
done: END
`, `script Helper
start: BEGIN { Parameters = [text] } -> shout
shout: SNIPPET "Shout it" {
  loud = upper(text)
  TRACE "shouting {loud}"
} -> back
back: RETURN { ReturnValue = loud }
`],
    { vars: { name: 'Ada' }, keepTrace: true },
  );
  const lines: string[] = [];
  const listener = traceLines((l) => lines.push(l));
  for (const e of r.trace!) listener(e);
  expect(lines).toEqual([
    '09:00:00 start Main (contact 100000001)  name="Ada"',
    '09:00:00 Main.start BEGIN -> Default',
    '09:00:00 Main.greet ASSIGN "Build the greeting" -> Default  greeting="Hello Ada"',
    '09:00:00 Main.pause WAIT -> Default (+90s)',
    '09:01:30   runsub Helper("Hello Ada")',
    '09:01:30 Helper.start BEGIN -> Default  text="Hello Ada"',
    '09:01:30 Helper.shout SNIPPET "Shout it" -> Default  loud="HELLO ADA"',
    '09:01:30   TRACE shouting HELLO ADA',
    '09:01:30 Helper.back RETURN',
    '09:01:30   return to Main: "HELLO ADA"',
    '09:01:30 Main.call RUNSUB "Ask the helper" -> Default  answer="HELLO ADA"',
    '09:01:30 Main.done END',
    '09:01:30 end: completed (END at Main.done)',
  ]);
});
