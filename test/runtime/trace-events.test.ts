// Every trace event type of runtime.md, with the fields it lists, from one run
// that calls a subscript, spawns a run, records effects and takes an error branch.
import { describe, expect, test } from 'vitest';
import type { TraceEvent, TraceEventType } from '../../src/runtime/result.js';
import { run } from './helpers.js';
import { TRACED_CHILD, TRACED_SUB } from './trace-fixture.js';

const main = `script Main
start: BEGIN { Parameters = [who] } -> greet
greet: ASSIGN "Greet" { Variable = greeting  Value = "hi {who}"  SaveToDB = true } -> call
call: RUNSUB { ScriptName = "Sub"  Parameters = ["{greeting}"]  ReturnVariable = answer }
  -> spawn
  OnError -> done
spawn: SPAWN { ScriptName = "Child" } -> fail
fail: SNIPPET {
  TRACE "about to fail"
  x = 1 / 0
}
  Error -> date
  Default -> date
date: ASSIGN { Variable = when  Value = "not a date"  Type = Datetime } -> done
done: END
`;
type Of<T extends TraceEventType> = Extract<TraceEvent, { type: T }>;

describe('trace events', () => {
  test('each event type carries the fields runtime.md lists', async () => {
    const r = await run([main, TRACED_SUB, TRACED_CHILD], { params: ['Ada'], keepTrace: true });
    expect(r.status).toBe('completed');
    const trace = r.trace!;
    const of = <T extends TraceEventType>(type: T): Of<T>[] => trace.filter((e): e is Of<T> => e.type === type);
    for (const e of trace) {
      expect(e.time).toMatch(/^2026-11-21T09:00:00\.000Z$/);
      expect(e.contactId).toMatch(/^\d+$/);
    }
    const entry = trace[0]!.contactId;

    expect(of('run.start')[0]).toEqual({ time: expect.any(String), contactId: entry, type: 'run.start', script: 'Main', vars: { p1: 'Ada' } });
    expect(of('action.enter').find((e) => e.label === 'greet')).toEqual({
      time: expect.any(String),
      contactId: entry,
      type: 'action.enter',
      script: 'Main',
      label: 'greet',
      actionType: 'ASSIGN',
      caption: 'Greet',
      props: expect.objectContaining({ Variable: 'greeting', Value: 'hi Ada', Type: 'String', SaveToDB: true }),
    });
    expect(of('action.exit').find((e) => e.label === 'greet')).toEqual({
      time: expect.any(String),
      contactId: entry,
      type: 'action.exit',
      script: 'Main',
      label: 'greet',
      branch: 'Default',
      outputs: {},
      seconds: 0,
    });
    expect(of('var.set').find((e) => e.name === 'greeting')).toEqual({
      time: expect.any(String),
      contactId: entry,
      type: 'var.set',
      name: 'greeting',
      scope: 'local',
      old: undefined,
      value: 'hi Ada',
    });
    // BEGIN's rename is a write like any other: the new name gets its value.
    expect(of('var.set').find((e) => e.name === 'who')).toMatchObject({ scope: 'local', value: 'Ada' });
    expect(of('effect')).toEqual([expect.objectContaining({ type: 'effect', kind: 'savedToDb', data: { name: 'greeting', value: 'hi Ada' } })]);
    expect(of('script.call').map(({ from, to, params, mode }) => ({ from, to, params, mode }))).toEqual([
      { from: 'Main', to: 'Sub', params: ['hi Ada'], mode: 'runsub' },
      { from: 'Main', to: 'Child', params: [], mode: 'spawn' },
    ]);
    expect(of('script.return').map(({ from, to, value }) => ({ from, to, value }))).toEqual([{ from: 'Sub', to: 'Main', value: 'hi Ada!' }]);
    expect(of('trace')).toEqual([expect.objectContaining({ script: 'Main', label: 'fail', text: 'about to fail' })]);
    expect(of('error')).toEqual([expect.objectContaining({ script: 'Main', label: 'fail', message: 'Line 2: Division by zero' })]);
    expect(of('action.exit').find((e) => e.label === 'fail')).toMatchObject({ branch: 'Error', error: 'Line 2: Division by zero' });
    expect(of('var.set').filter((e) => e.name === '_err' || e.name === '__err').map((e) => e.value)).toEqual(['Line 2: Division by zero', 'Line 2: Division by zero']);
    expect(of('warning')).toEqual([expect.objectContaining({ message: expect.stringContaining('"not a date" is not a date') })]);
    const ends = of('run.end');
    expect(ends.map(({ contactId, status }) => ({ contactId, status }))).toEqual([
      { contactId: entry, status: 'completed' },
      { contactId: String(r.variables.spawnid), status: 'completed' },
    ]);
    expect(ends[0]!.reason).toBe('END at Main.done');
  });

  test('within a step: enter, what the action did, the error, variable writes, then exit', async () => {
    const r = await run([main, TRACED_SUB, TRACED_CHILD], { params: ['Ada'], keepTrace: true });
    const step = (label: string) => {
      const trace = r.trace!;
      const from = trace.findIndex((e) => e.type === 'action.enter' && e.label === label);
      const to = trace.findIndex((e, i) => i > from && e.type === 'action.exit' && e.label === label);
      return trace.slice(from, to + 1).map((e) => (e.type === 'var.set' ? `var.set ${e.name}` : e.type));
    };
    expect(step('greet')).toEqual(['action.enter', 'effect', 'var.set greeting', 'action.exit']);
    expect(step('fail')).toEqual(['action.enter', 'trace', 'error', 'var.set _err', 'var.set __err', 'action.exit']);
    // A RUNSUB exits after its subscript returned, with the branch it really took.
    expect(step('call')).toEqual([
      'action.enter',
      'script.call',
      'action.enter',
      'var.set text',
      'action.exit',
      'action.enter',
      'action.exit',
      'script.return',
      'var.set answer',
      'action.exit',
    ]);
  });
});
