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
} -> nap
nap: WAIT { Seconds = 30 } -> back
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
    '09:01:30 Helper.nap WAIT -> Default (+30s)',
    '09:02:00 Helper.back RETURN',
    '09:02:00   return to Main: "HELLO ADA"',
    // Printed when the subscript returned, at that time: the times never go backwards.
    '09:02:00 Main.call RUNSUB "Ask the helper" -> Default  answer="HELLO ADA"',
    '09:02:00 Main.done END',
    '09:02:00 end: completed (END at Main.done)',
  ]);
});

const base = { time: '2026-11-21T09:00:00.000-07:00', contactId: '100000001' };
function render(events: Record<string, unknown>[]): string[] {
  const lines: string[] = [];
  const listener = traceLines((l) => lines.push(l));
  for (const e of events) listener({ ...base, ...e } as never);
  return lines;
}
const enter = (label: string, actionType: string) => ({ type: 'action.enter', script: 'Main', label, actionType, caption: actionType, props: {} });
const exit = (label: string, branch = 'Default') => ({ type: 'action.exit', script: 'Main', label, branch, outputs: {}, seconds: 0 });

test('effects are shown in full up to 400 characters, one line each', () => {
  const payload = { workflowInput: { phoneNumber: '3035550100', note: 'x'.repeat(150) } };
  const huge = { op: 'memorialize', text: 'y\n'.repeat(400) };
  const lines = render([
    enter('search', 'WORKFLOW EXECUTE'),
    { type: 'effect', kind: 'crm', data: { op: 'workflow', workflowId: 'search-ani', payload } },
    exit('search'),
    enter('done', 'END'),
    { type: 'effect', kind: 'crm', data: huge },
    exit('done', ''),
  ]);
  expect(lines[1]).toBe(`09:00:00   effect crm: ${JSON.stringify({ op: 'workflow', workflowId: 'search-ani', payload })}`);
  expect(lines[3]!.startsWith('09:00:00   effect crm: {"op":"memorialize","text":"y\\ny\\n')).toBe(true);
  expect(lines[3]!.length).toBe('09:00:00   effect crm: '.length + 400);
  expect(lines[3]!.endsWith('…')).toBe(true);
  expect(lines.every((l) => !l.includes('\n'))).toBe(true);
});

test('consecutive effects of one kind from one action are one line: a count and the first', () => {
  const prospects = Array.from({ length: 25 }, (_, i) => ({ type: 'effect', kind: 'prospects', data: { op: 'Created', externalId: `P${i + 1}` } }));
  const lines = render([
    enter('create', 'CREATEPROSPECTS v2'),
    ...prospects,
    { type: 'warning', message: 'Main.create: 2 rows skipped' },
    { type: 'effect', kind: 'prospects', data: { op: 'Created', externalId: 'P26' } },
    { type: 'effect', kind: 'http', data: { method: 'POST', url: 'https://x.example/a', status: 200 } },
    { type: 'var.set', name: '_err', scope: 'local', old: '', value: 'boom' },
    { type: 'var.set', name: 'item', scope: 'local', old: 'a', value: null, removed: true },
    exit('create'),
  ]);
  expect(lines).toEqual([
    '09:00:00 Main.create CREATEPROSPECTS v2 -> Default  item=(removed)',
    '09:00:00   effect prospects ×25, first: {"op":"Created","externalId":"P1"}',
    '09:00:00   warning: Main.create: 2 rows skipped',
    '09:00:00   effect prospects: {"op":"Created","externalId":"P26"}',
    '09:00:00   effect http: {"method":"POST","url":"https://x.example/a","status":200}',
  ]);
});

test('the InboundKustomer trace shows the payload sent and the record memorialized', async () => {
  const { loadFolder } = await import('../../src/graph/load.js');
  const { loadTenant } = await import('../../src/tenant/tenant.js');
  const { createRuntime } = await import('../../src/runtime/runtime.js');
  const runtime = createRuntime({
    scripts: await loadFolder('scripts-examples'),
    tenant: await loadTenant('scripts-examples/tenant.yaml'),
    now: '2026-11-21T09:00:00-07:00',
    contact: { ani: '3035550100', skillNo: 2001 },
  });
  const lines: string[] = [];
  runtime.on('*', traceLines((l) => lines.push(l)));
  await runtime.run('InboundKustomer');
  const effects = lines.filter((l) => l.includes('effect crm'));
  expect(effects[0]).toContain('"payload":{"workflowInput":{"phoneNumber":"3035550100"}}');
  expect(effects[0]!.endsWith('…')).toBe(false);
  // The fields written to the conversation are all on the memorialize line.
  expect(effects.at(-1)).toContain(
    '"op":"memorialize","recordId":"conversation-2","fields":{"Caller":"3035550100","ContactId":"100000001","StartedAt":"2026-11-21T09:00:00.000-07:00","EndedAt":"2026-11-21T09:02:13.000-07:00","Skill":"Inbound_Support","CustomerName":"Ada Lovelace","Reason":"support"}',
  );
});
