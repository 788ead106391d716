// The one emit: an event that masks nothing reaches listeners as the runtime
// built it (no copy); one that masks something reaches them as a copy, and the
// runtime's own objects keep their values.
import fc from 'fast-check';
import { expect, test } from 'vitest';
import type { EncodedValue } from '../../src/contract/value.js';
import { TraceEmitter } from '../../src/runtime/emitter.js';
import { Redactor } from '../../src/runtime/redactor.js';
import { TraceHub } from '../../src/runtime/trace.js';
import { enterEvent, exitEvent, traceSite, varSetEvent, type TraceWriter } from '../../src/runtime/trace-writer.js';
import type { TraceEvent } from '../../src/runtime/result.js';

function emitted(redactor: Redactor, event: TraceEvent): TraceEvent {
  const hub = new TraceHub();
  const seen: TraceEvent[] = [];
  hub.on('*', (e) => seen.push(e));
  new TraceEmitter(hub, redactor).emit(event);
  expect(seen).toHaveLength(1);
  return seen[0]!;
}

const enter = (props: Record<string, string | number | boolean | null | string[]>): TraceEvent => ({
  time: 't',
  contactId: 'c',
  type: 'action.enter',
  script: 'S',
  label: 'a',
  actionType: 'REST',
  caption: 'REST',
  props,
});

test('an event that masks nothing is passed on itself', () => {
  const event = enter({ Url: 'https://example.com/x', Count: 3, On: true, None: null });
  expect(emitted(new Redactor(['pin'], ['s3cret']), event)).toBe(event);
  const set: TraceEvent = { time: 't', contactId: 'c', type: 'var.set', name: 'n', scope: 'local', old: 1, value: 'plain' };
  expect(emitted(new Redactor(['pin'], ['s3cret']), set)).toBe(set);
});

test('an event that masks something is a copy; the runtime objects keep their values', () => {
  const props = { Url: 'https://user:pw@example.com/x', Token: 's3cret', Count: 42, List: ['a'] };
  const event = enter(props);
  const out = emitted(new Redactor([], ['s3cret', '42']), event) as Extract<TraceEvent, { type: 'action.enter' }>;
  expect(out).not.toBe(event);
  expect(out.props).toEqual({ Url: 'https://user:***@example.com/x', Token: '***', Count: '***', List: ['a'] });
  expect(props).toEqual({ Url: 'https://user:pw@example.com/x', Token: 's3cret', Count: 42, List: ['a'] });

  const secretVar: TraceEvent = { time: 't', contactId: 'c', type: 'var.set', name: 'pin', scope: 'local', old: '1234', value: '5678' };
  expect(emitted(new Redactor(['pin']), secretVar)).toEqual({ ...secretVar, old: '***', value: '***' });
  expect(secretVar).toMatchObject({ old: '1234', value: '5678' });
});

/** What redaction makes of an event, by the copying walk (Redactor.json) the quick checks must agree with. */
function walked(r: Redactor, event: TraceEvent): TraceEvent {
  const e = { ...event } as Record<string, unknown>;
  const named = (m: Record<string, EncodedValue>): Record<string, EncodedValue> => Object.fromEntries(Object.entries(m).map(([k, v]) => [k, r.json(v)]));
  if (event.type === 'action.enter') e.props = named(event.props);
  if (event.type === 'action.exit') {
    e.outputs = named(event.outputs);
    if (event.error !== undefined) e.error = r.json(event.error);
  }
  if (event.type === 'var.set') {
    const secret = r.isSecretName(event.name);
    if (event.old !== undefined) e.old = secret ? '***' : r.json(event.old);
    e.value = secret ? '***' : r.json(event.value);
  }
  return e as unknown as TraceEvent;
}

test('the quick check of an action event agrees with the full walk: the event itself exactly when nothing is masked', () => {
  // Text a run's events carry, and text with secrets and credential forms; repeated, so remembered texts are asked again.
  const text = fc.constantFrom('', 'i', 'i + 1', 'a=b', 'x@y', 'Numeric', 'MaxStringSize', 's3cret', 'my s3cret!', '12', '1234', 'Bearer abc123', 'https://u:pw@h.example.com/x', 'https://h.example.com/x?api_key=K&q=1', 'https://h.example.com/x?q=1', 'cookie jar', 'Cookie: a=b');
  const scalar = fc.oneof(text, fc.constantFrom(0, 12, 1234, -1.5, true, false, null));
  const value = fc.oneof(scalar, fc.array(scalar, { maxLength: 2 }), fc.dictionary(fc.constantFrom('token', 'name', 'password', 'x'), scalar, { maxKeys: 2 }));
  const members = fc.dictionary(fc.constantFrom('Url', 'Value', 'Variable', 'token', 'Count'), value, { maxKeys: 4 });
  const event = fc.oneof(
    members.map((props) => enter(props as never)),
    fc.record({ outputs: members, error: fc.option(text, { nil: undefined }) }).map(({ outputs, error }): TraceEvent => {
      const e: TraceEvent = { time: 't', contactId: 'c', type: 'action.exit', script: 'S', label: 'a', branch: 'Default', outputs, seconds: 0 };
      if (error !== undefined) e.error = error;
      return e;
    }),
    fc.record({ name: fc.constantFrom('n', 'pin', 'global:pin'), old: fc.option(value, { nil: undefined }), value }).map(
      ({ name, old, value }): TraceEvent => ({ time: 't', contactId: 'c', type: 'var.set', name, scope: 'local', old, value }),
    ),
  );
  const redactor = fc.record({ names: fc.subarray(['pin']), secrets: fc.subarray(['s3cret', '1234']) });
  fc.assert(
    fc.property(redactor, fc.array(event, { minLength: 1, maxLength: 8 }), ({ names, secrets }, events) => {
      const r = new Redactor(names, secrets);
      for (const e of events) {
        const expected = walked(r, e);
        const out = emitted(r, e);
        expect(out).toEqual(expected);
        if (JSON.stringify(expected) === JSON.stringify(e)) expect(out).toBe(e);
      }
    }),
    { numRuns: 500 },
  );
});

/** A writer keeping what it gets as the events it stands for. */
function recording(): { writer: TraceWriter; got: TraceEvent[] } {
  const got: TraceEvent[] = [];
  const writer: TraceWriter = {
    event: (e) => got.push(e),
    enter: (time, contactId, site, props) => got.push(enterEvent(time, contactId, site, props)),
    exit: (time, contactId, site, branch, outputs, seconds, error, interrupted) => got.push(exitEvent(time, contactId, site, branch, outputs, seconds, error, interrupted)),
    varSet: (time, contactId, name, scope, old, value) => got.push(varSetEvent(time, contactId, name, scope, old, value)),
  };
  return { writer, got };
}

const site = traceSite('S', 'a', 'REST', 'REST');

/** The event given to the emitter as the record the engine gives for it (other types as the event). */
function give(emitter: TraceEmitter, e: TraceEvent): void {
  if (e.type === 'action.enter') emitter.enter(e.time, e.contactId, site, e.props);
  else if (e.type === 'action.exit') emitter.exit(e.time, e.contactId, site, e.branch, e.outputs, e.seconds, e.error, e.interrupted);
  else if (e.type === 'var.set' && !e.removed) emitter.varSet(e.time, e.contactId, e.name, e.scope, e.old, e.value);
  else emitter.emit(e);
}

test('writers get records as the events listeners get, redacted alike; a record redaction changes comes as the changed event', () => {
  const props = { Url: 'https://user:pw@example.com/x', Count: 3 };
  const cases: [TraceEvent, Redactor][] = [
    [enter({ Url: 'https://example.com/x', Count: 3 }), new Redactor(['pin'], ['s3cret'])],
    [enter(props), new Redactor([])],
    [{ time: 't', contactId: 'c', type: 'action.exit', script: 'S', label: 'a', branch: 'Default', outputs: { x: 's3cret' }, seconds: 1, error: 'bad s3cret' }, new Redactor([], ['s3cret'])],
    [{ time: 't', contactId: 'c', type: 'action.exit', script: 'S', label: 'a', branch: '', outputs: {}, seconds: 2, interrupted: 'release' }, new Redactor([])],
    [{ time: 't', contactId: 'c', type: 'var.set', name: 'pin', scope: 'global', old: '1', value: '2' }, new Redactor(['pin'])],
    [{ time: 't', contactId: 'c', type: 'var.set', name: 'n', scope: 'local', old: undefined, value: 'plain' }, new Redactor([])],
  ];
  for (const [event, redactor] of cases) {
    const hub = new TraceHub();
    const heard: TraceEvent[] = [];
    hub.on('*', (e) => heard.push(e));
    const { writer, got } = recording();
    hub.write(writer);
    give(new TraceEmitter(hub, redactor), event);
    expect(got).toStrictEqual(heard);
    expect(heard).toEqual([walked(redactor, event)]);
  }
  expect(props.Url).toBe('https://user:pw@example.com/x');
});

test("a step's records and events leave together in order at its end; with only writers and no secret names, at once", () => {
  const events: TraceEvent[] = [
    enter({ Variable: 'x' }),
    { time: 't', contactId: 'c', type: 'trace', script: 'S', label: 'a', text: 'hello' },
    { time: 't', contactId: 'c', type: 'var.set', name: 'x', scope: 'local', old: undefined, value: 1 },
    { time: 't', contactId: 'c', type: 'action.exit', script: 'S', label: 'a', branch: 'Default', outputs: {}, seconds: 0 },
  ];
  for (const [listen, names] of [
    [true, []],
    [false, ['pin']],
    [false, []],
  ] as const) {
    const hub = new TraceHub();
    const heard: TraceEvent[] = [];
    if (listen) hub.on('*', (e) => heard.push(e));
    const { writer, got } = recording();
    hub.write(writer);
    const emitter = new TraceEmitter(hub, new Redactor([...names]));
    emitter.hold();
    for (const e of events) give(emitter, e);
    expect(got).toHaveLength(listen || names.length > 0 ? 0 : 4);
    emitter.release();
    expect(got).toStrictEqual(events);
    if (listen) expect(heard).toStrictEqual(events);
  }
});
