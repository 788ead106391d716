// Table tests of END and RETURN (actions.md "Flow and variables"), run through the runtime.
import { describe, expect, test } from 'vitest';
import { run } from '../../runtime/helpers.js';

const sub = (body: string) => `script Sub
start: BEGIN -> act
act: ${body}
`;

const caller = `script Main
start: BEGIN -> call
call: RUNSUB { ScriptName = "Sub"  Parameters = ["from caller"]  ReturnVariable = got }
  -> after
  OnError -> failed
after: ASSIGN { Variable = continued  Value = "yes" } -> done
failed: ASSIGN { Variable = continued  Value = "failed" } -> done
done: END
`;

describe('END', () => {
  test('ends the run as completed', async () => {
    const r = await run([`script Main\nstart: BEGIN -> stop\nstop: END\n`]);
    expect(r).toMatchObject({ status: 'completed', steps: 2, path: ['Main.start', 'Main.stop'], lastError: '' });
  });

  test('in a subscript ends the whole run: the caller does not continue', async () => {
    const r = await run([caller, sub('END')]);
    expect(r.status).toBe('completed');
    expect(r.path).toEqual(['Main.start', 'Main.call', 'Sub.start', 'Sub.act']);
    expect(r.variables.continued).toBeUndefined();
  });
});

describe('RETURN', () => {
  test.each([
    ['a text', 'RETURN { ReturnValue = "done" }', 'done'],
    ['a substituted value', 'RETURN { ReturnValue = "{p1}" }', 'from caller'],
    ['nothing', 'RETURN', ''],
  ])('in a subscript hands back %s and the caller continues on Default', async (_what, body, got) => {
    const r = await run([caller, sub(body)]);
    expect(r.status).toBe('completed');
    expect(r.variables).toMatchObject({ got, continued: 'yes' });
  });

  test('in the entry script completes the run', async () => {
    const r = await run([`script Main\nstart: BEGIN -> back\nback: RETURN { ReturnValue = "x" }\n`]);
    expect(r).toMatchObject({ status: 'completed', path: ['Main.start', 'Main.back'], lastError: '' });
  });
});
