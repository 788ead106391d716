// The readable trace of `run --trace`: one line per action, notes after it, calls and returns.
import fc from 'fast-check';
import { expect, test } from 'vitest';
import { LineBytes } from '../../src/runtime/line-bytes.js';
import type { TraceEvent } from '../../src/runtime/result.js';
import { traceLines, traceLinesTo } from '../../src/runtime/trace-text.js';
import { traceSite, type TraceWriter } from '../../src/runtime/trace-writer.js';
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

/** Gives the writer the record of an action's or a variable's event (the event itself for the others). */
function asRecord(w: TraceWriter, e: TraceEvent): void {
  if (e.type === 'action.enter') w.enter(e.time, e.contactId, traceSite(e.script, e.label, e.actionType, e.caption), e.props);
  else if (e.type === 'action.exit') w.exit(e.time, e.contactId, traceSite(e.script, e.label, '', ''), e.branch, e.outputs, e.seconds, e.error, e.interrupted);
  else if (e.type === 'var.set' && !e.removed) w.varSet(e.time, e.contactId, e.name, e.scope, e.old, e.value);
  else w.event(e);
}

/** The same events through traceLines (strings) and traceLinesTo (bytes and records, `run --trace`): the bytes must be the lines, UTF-8, each ended. */
function sameBothWays(events: readonly Record<string, unknown>[], size = 64): void {
  const lines: string[] = [];
  const asText = traceLines((l) => lines.push(l));
  const batches: Buffer[] = [];
  const out = new LineBytes((buf, length) => void batches.push(Buffer.from(buf.subarray(0, length))), size);
  const asBytes = traceLinesTo(out);
  for (const e of events) {
    asText(e as unknown as TraceEvent);
    // The events of actions and variables as the records `run --trace` gets.
    asRecord(asBytes, e as unknown as TraceEvent);
  }
  out.flush();
  expect(Buffer.concat(batches).toString('utf8')).toBe(lines.map((l) => `${Buffer.from(l).toString('utf8')}\n`).join(''));
}

test('lines written as bytes are the lines traceLines gives, for any events', () => {
  const text = fc.oneof(fc.constantFrom('', 'Default', 'a"b', 'x\ny', 'é', '😀', '\ud800'), fc.string({ maxLength: 8 }));
  const value = fc.oneof(text, fc.constantFrom(0, -0, 7, -1.5, 1e21, 123456789012, NaN, null, true), fc.dictionary(text, text, { maxKeys: 2 }), fc.string({ minLength: 55, maxLength: 70 }));
  const contactId = fc.constantFrom('100000001', '100000002');
  const time = fc.constantFrom('2026-11-21T09:00:00.000Z', '2026-11-21T09:00:05.250Z');
  const step = fc.oneof(
    fc.record({ type: fc.constant('action.enter'), contactId, time, script: fc.constantFrom('Main', 'Sub'), label: text, actionType: fc.constantFrom('ASSIGN', 'RUNSUB'), caption: fc.constantFrom('ASSIGN', 'Ask', ''), props: fc.constant({}) }),
    fc.record({ type: fc.constant('var.set'), contactId, time, name: fc.constantFrom('i', 'last', '_err', 'g'), scope: fc.constantFrom('local', 'global'), old: fc.constant(undefined), value, removed: fc.constantFrom(undefined, true) }),
    fc.record({ type: fc.constant('action.exit'), contactId, time, script: fc.constant('Main'), label: text, branch: fc.constantFrom('Default', '', 'True'), outputs: fc.constant({}), seconds: fc.constantFrom(0, 30), error: fc.constantFrom(undefined, 'boom'), interrupted: fc.constantFrom(undefined, undefined, 'hangup') }),
    fc.record({ type: fc.constant('trace'), contactId, time, text }),
    fc.record({ type: fc.constant('effect'), contactId, time, kind: fc.constantFrom('crm', 'http'), data: value }),
    fc.record({ type: fc.constant('warning'), contactId, time, message: text }),
    fc.record({ type: fc.constant('run.start'), contactId, time, script: fc.constant('Main'), vars: fc.dictionary(text, value, { maxKeys: 2 }) }),
    fc.record({ type: fc.constant('run.end'), contactId, time, status: fc.constant('completed'), reason: fc.constantFrom('', 'END at Main.done') }),
  );
  fc.assert(
    fc.property(fc.array(step, { maxLength: 30 }), fc.constantFrom(16, 64, 4096), (events, size) => {
      // Members left undefined are absent, as in the runtime's events.
      const clean = events.map((e) => Object.fromEntries(Object.entries(e).filter(([, v]) => v !== undefined)));
      sameBothWays(clean, size);
    }),
    { numRuns: 300 },
  );
});

test('numbers on an action line are their JSON, as bytes too', () => {
  const events = [-0, 1e21, 1.5e-7, NaN, 2147483648, -42].flatMap((value) => [enter('n', 'ASSIGN'), { type: 'var.set', name: 'n', scope: 'local', old: undefined, value }, exit('n')]);
  expect(render(events)).toEqual(['09:00:00 Main.n ASSIGN -> Default  n=0', '09:00:00 Main.n ASSIGN -> Default  n=1e+21', '09:00:00 Main.n ASSIGN -> Default  n=1.5e-7', '09:00:00 Main.n ASSIGN -> Default  n=null', '09:00:00 Main.n ASSIGN -> Default  n=2147483648', '09:00:00 Main.n ASSIGN -> Default  n=-42']);
  sameBothWays(events.map((e) => ({ ...base, ...e })));
});
