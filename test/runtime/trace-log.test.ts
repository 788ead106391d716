// The kept trace (keepTrace) is stored in columns and built when read: it must
// be exactly the events subscribers receive — same members in the same order,
// redacted alike — as new objects that share nothing with each other.
import { describe, expect, test } from 'vitest';
import type { EncodedValue } from '../../src/contract/value.js';
import { Redactor } from '../../src/runtime/redactor.js';
import type { TraceEvent } from '../../src/runtime/result.js';
import { createRuntime } from '../../src/runtime/runtime.js';
import { TraceLog } from '../../src/runtime/trace-log.js';
import { NOW, scriptSet } from './helpers.js';
import { TRACED_CHILD, TRACED_MAIN, TRACED_SUB } from './trace-fixture.js';

async function traced(): Promise<{ kept: TraceEvent[]; heard: TraceEvent[]; json: string }> {
  const runtime = createRuntime({ now: NOW, scripts: scriptSet([TRACED_MAIN, TRACED_SUB, TRACED_CHILD]), redact: ['pin'] });
  const heard: TraceEvent[] = [];
  runtime.on('*', (e: TraceEvent) => heard.push(e));
  const result = await runtime.run('Main', { params: ['Ada'], keepTrace: true });
  expect(result.status).toBe('completed');
  const json = JSON.stringify(result);
  return { kept: result.trace!, heard, json };
}

describe('kept trace', () => {
  test('holds exactly the events subscribers receive, members in the same order, secrets masked alike', async () => {
    const { kept, heard, json } = await traced();
    expect(kept.length).toBe(heard.length);
    expect(JSON.stringify(kept)).toBe(JSON.stringify(heard));
    expect(kept).toStrictEqual(heard);
    for (let i = 0; i < kept.length; i++) expect(Object.keys(kept[i]!)).toEqual(Object.keys(heard[i]!));
    // Every kind is there: the columns' three and the events kept whole.
    const types = new Set(kept.map((e) => e.type));
    for (const t of ['run.start', 'action.enter', 'action.exit', 'var.set', 'trace', 'effect', 'script.call', 'script.return', 'error', 'run.end']) expect(types).toContain(t);
    expect(kept.some((e) => e.type === 'action.exit' && e.error !== undefined)).toBe(true);
    expect(kept.find((e) => e.type === 'var.set' && e.name === 'pin')).toMatchObject({ value: '***' });
    expect(JSON.stringify(kept)).not.toContain('4711');
    expect(JSON.stringify(kept)).not.toContain(':pw@');
    // The result as JSON carries the trace like any member.
    expect(JSON.parse(json).trace).toEqual(JSON.parse(JSON.stringify(heard)));
  });

  test('events are new objects: changing one changes no other event and no later read', async () => {
    const { kept } = await traced();
    const greets = kept.filter((e): e is Extract<TraceEvent, { type: 'action.enter' }> => e.type === 'action.enter' && e.script === 'Main' && ['greet', 'again'].includes(e.label));
    expect(greets).toHaveLength(2);
    expect(greets[0]!.props).toEqual(greets[1]!.props);
    expect(greets[0]!.props).not.toBe(greets[1]!.props);
    expect(Object.isFrozen(greets[0]!.props)).toBe(false);
    greets[0]!.props.Value = 'changed';
    expect(greets[1]!.props.Value).toBe('hi Ada');
    const exits = kept.filter((e) => e.type === 'action.exit');
    expect(exits[0]!.outputs).not.toBe(exits[1]!.outputs);
  });

  test('result.trace is an ordinary member once read, and can be replaced', async () => {
    const runtime = createRuntime({ now: NOW, scripts: scriptSet([TRACED_CHILD]) });
    const result = await runtime.run('Child', { keepTrace: true });
    expect(Object.keys(result)).toContain('trace');
    const first = result.trace!;
    expect(Array.isArray(first)).toBe(true);
    expect(result.trace).toBe(first);
    expect(structuredClone(result).trace).toEqual(first);
    result.trace = [];
    expect(result.trace).toEqual([]);
    const untraced = await runtime.run('Child');
    expect('trace' in untraced).toBe(false);
  });

  test('a short trace is built at once, a long one when first read, both as the events subscribers receive', async () => {
    const loop = `script Loop
start: BEGIN -> count
count: LOOP { Repeat = 1500  CounterName = i }
  Repeat -> add
  Finished -> done
add: ASSIGN { Variable = total  Value = "{total + i}" } -> count
done: END
`;
    const runtime = createRuntime({ now: NOW, scripts: scriptSet([TRACED_CHILD, loop]) });
    const heard: TraceEvent[] = [];
    runtime.on('*', (e: TraceEvent) => heard.push(e));
    const short = await runtime.run('Child', { keepTrace: true });
    expect(Object.getOwnPropertyDescriptor(short, 'trace')).toMatchObject({ writable: true, enumerable: true });
    expect(short.trace).toStrictEqual(heard);
    heard.length = 0;
    const long = await runtime.run('Loop', { keepTrace: true });
    expect(heard.length).toBeGreaterThan(4096);
    expect(typeof Object.getOwnPropertyDescriptor(long, 'trace')!.get).toBe('function');
    const kept = long.trace!;
    expect(kept).toStrictEqual(heard);
    expect(JSON.stringify(kept)).toBe(JSON.stringify(heard));
    expect(Object.getOwnPropertyDescriptor(long, 'trace')).toMatchObject({ value: kept, writable: true });
  });
});

describe('TraceLog', () => {
  const base = { time: '2026-11-21T09:00:00.000Z', contactId: '1' };
  const events: TraceEvent[] = [
    { ...base, type: 'run.start', script: 'S', vars: { a: 1 } },
    { ...base, type: 'action.enter', script: 'S', label: 'a', actionType: 'ASSIGN', caption: 'ASSIGN', props: { Variable: 'x', Value: [1, 'b'] } },
    { ...base, type: 'var.set', name: 'x', scope: 'local', old: undefined, value: { n: [1, { m: null }] } },
    { ...base, time: '2026-11-21T09:00:01.000Z', type: 'var.set', name: 'x', scope: 'global', old: 'a', value: 'b' },
    { ...base, type: 'var.set', name: 'x', scope: 'local', old: 'b', value: null, removed: true },
    { ...base, contactId: '2', type: 'action.exit', script: 'S', label: 'a', branch: 'Default', outputs: {}, seconds: 0.25 },
    { ...base, type: 'action.exit', script: 'S', label: 'a', branch: 'Error', outputs: {}, seconds: 0, error: 'bad' },
    { ...base, type: 'action.exit', script: 'S', label: 'a', branch: '', outputs: {}, seconds: 0, interrupted: 'release' },
    { ...base, type: 'action.enter', script: 'T', label: 'a', actionType: 'ASSIGN', caption: 'ASSIGN', props: {} },
    { ...base, type: 'action.enter', script: 'S', label: 'a', actionType: 'ASSIGN', caption: 'Other', props: {} },
    { ...base, type: 'run.end', status: 'completed', reason: 'END at S.b' },
  ];
  // One action's props across its runs: the first is kept whole, later ones as the one member that differs, or whole.
  const first = { a: 1, b: 'x' };
  const protoMember: Record<string, unknown> = { a: 1 };
  Object.defineProperty(protoMember, '__proto__', { value: 'own', enumerable: true, writable: true, configurable: true });
  const propsSeen: Record<string, unknown>[] = [
    first,
    { a: 2, b: 'x' },
    { a: 1, b: 'x' },
    first,
    { a: 3, b: 'y' },
    { b: 'x', a: 1 },
    { a: 1 },
    { a: 1, b: 'x', c: 1 },
    { a: -0, b: 'x' },
    { a: NaN, b: 'x' },
    { a: [1, 2], b: 'x' },
    { a: { deep: [true] }, b: 'x' },
    { a: 1, b: null },
    protoMember,
    { a: 0, b: 'x' },
  ];
  for (const props of propsSeen)
    events.push({ ...base, type: 'action.enter', script: 'S', label: 'p', actionType: 'SNIPPET', caption: 'SNIPPET', props: props as Record<string, EncodedValue> });

  test('gives back every event as pushed, members in order, across growth', () => {
    const log = new TraceLog();
    const many: TraceEvent[] = [];
    for (let round = 0; round < 3000; round++) for (const e of events) many.push(round % 7 === 3 ? { ...e, time: `2026-11-21T09:0${round % 10}:00.000Z` } : e);
    for (const e of many) log.push(e);
    expect(log.length).toBe(many.length);
    const back = log.toArray();
    expect(JSON.stringify(back)).toBe(JSON.stringify(many));
    expect(back).toStrictEqual(many);
    back.forEach((e, i) => expect(Object.keys(e)).toEqual(Object.keys(many[i]!)));
    // An absent old value is a member holding undefined, as the runtime builds it.
    expect(Object.hasOwn(back[2]!, 'old')).toBe(true);
    expect(back[1]).not.toBe(events[1]);
    // Props kept as one changed member are whole again, and new objects.
    // Past the first events of a run, which are kept as they come, the columns keep them (round 200 is there).
    const enters = back.slice(200 * events.length, 201 * events.length).filter((e): e is Extract<TraceEvent, { type: 'action.enter' }> => e.type === 'action.enter' && e.label === 'p');
    expect(enters.map((e) => e.props)).toStrictEqual(propsSeen);
    expect(Object.is(enters[8]!.props.a, -0)).toBe(true);
    expect(Object.hasOwn(enters[13]!.props, '__proto__')).toBe(true);
    for (let i = 0; i < enters.length; i++) expect(enters[i]!.props).not.toBe(propsSeen[i]);
    for (const e of back.slice(0, events.length)) expect(events).not.toContain(e);
    expect((back[1] as Extract<TraceEvent, { type: 'action.enter' }>).props.Value).not.toBe((events[1] as Extract<TraceEvent, { type: 'action.enter' }>).props.Value);
  });
});

describe('copy-on-write redaction of event data', () => {
  const redactor = new Redactor(['pin'], ['s3cret-value']);
  const values: EncodedValue[] = [
    'plain text',
    'has s3cret-value inside',
    'https://ada:pw@example.com/?token=abc&x=1',
    'Authorization: Bearer abc.def',
    12,
    null,
    true,
    [1, 'two', { three: 3 }],
    [1, 'https://u:p@h/', { password: 'x' }],
    { password: 'hunter2', nested: { apiKey: 42, fine: 'ok' } },
    { fine: 'ok', list: ['a', 'b'], deep: { deeper: { text: 'Bearer zzz' } } },
    { '__proto__': 'own member', token: '' },
  ];

  test('masks exactly what the copying walk masks, and shares what it leaves unchanged', () => {
    for (const v of values) {
      const shared = redactor.shownShared(v);
      expect(shared).toStrictEqual(redactor.json(v));
      if (JSON.stringify(redactor.json(v)) === JSON.stringify(v)) expect(shared).toBe(v);
      else expect(shared).not.toBe(v);
    }
    const named = { password: 'not masked by its name here', link: 'https://u:p@h/' };
    expect(redactor.namedShared(named)).toStrictEqual({ password: 'not masked by its name here', link: redactor.json('https://u:p@h/') });
    const clean = { a: 1, b: 'two' };
    expect(redactor.namedShared(clean)).toBe(clean);
  });
});
