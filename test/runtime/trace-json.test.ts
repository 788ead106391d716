// `run --trace-json` lines: the writer that reuses the repeated part of an event
// must give exactly JSON.stringify's text for any event, in any member order.
import fc from 'fast-check';
import { expect, test } from 'vitest';
import { traceJson, traceJsonTo } from '../../src/runtime/trace-json.js';
import { LineBytes } from '../../src/runtime/line-bytes.js';
import type { TraceEvent } from '../../src/runtime/result.js';
import { run } from './helpers.js';

/** Text JSON must escape or keep as it is: quotes, backslashes, control characters, lone surrogates, astral characters. */
const text = fc.oneof(
  fc.constantFrom('', 'inc', 'check', 'Bench', 'ASSIGN', '"', '\\', '\n\t\u0000\u001f\u007f', '\ud800', 'x\udfffy', '😀', 'é ü', '\u2028\u2029'),
  fc.string({ maxLength: 12, unit: 'binary' }),
);
const number = fc.oneof(fc.constantFrom(0, -0, 1, -1.5, 1e21, 1e-7, NaN, Infinity, -Infinity, Number.MAX_SAFE_INTEGER), fc.double());
const scalar = fc.oneof(text, number, fc.boolean(), fc.constant(null), fc.constant(undefined));
const value = fc.oneof(
  { depthSize: 'small', withCrossShrink: true },
  scalar,
  fc.array(scalar, { maxLength: 3 }),
  fc.dictionary(text, fc.oneof(scalar, fc.array(scalar, { maxLength: 2 }), fc.dictionary(text, scalar, { maxKeys: 2 })), { maxKeys: 4 }),
);
/** Names from a small pool, so events repeat each other's leading members as a run's do. */
const name = fc.constantFrom('inc', 'check', 'tag', 'i', 'last', '__proto__', 'a"b');
const memberName = fc.constantFrom('script', 'label', 'actionType', 'caption', 'branch', 'name', 'scope', 'props', 'outputs', 'value', 'old', 'seconds', 'error', 'removed', 'extra', '0', '__proto__');

const event = fc
  .record({
    time: fc.constantFrom('2026-11-21T09:00:00.000Z', '2026-11-21T09:00:05.000Z', '09:00\n'),
    contactId: fc.constantFrom('100000001', '100000002'),
    type: fc.constantFrom('action.enter', 'action.exit', 'var.set', 'run.start', 'effect'),
    key: fc.constantFrom('label', 'name', 'none'),
    id: name,
    members: fc.array(fc.tuple(memberName, fc.oneof(name, value)), { maxLength: 7 }),
  })
  .map(({ time, contactId, type, key, id, members }) => {
    const e: Record<string, unknown> = { time, contactId, type };
    if (key !== 'none') e[key] = id;
    // Like the runtime's setMember: a member called __proto__ is an own member, never the prototype.
    for (const [k, v] of members) Object.defineProperty(e, k, { value: v, enumerable: true, writable: true, configurable: true });
    return e;
  });

/**
 * The events written straight into a buffer of `size` bytes: the batches that
 * left it, each checked to end a line (a batch never ends inside a line).
 */
function bytesOf(events: readonly object[], size: number): Buffer {
  const batches: Buffer[] = [];
  const out = new LineBytes((buf, length) => {
    expect(buf[length - 1]).toBe(0x0a);
    batches.push(Buffer.from(buf.subarray(0, length)));
  }, size);
  const write = traceJsonTo(out);
  for (const e of events) write(e as TraceEvent);
  out.flush();
  return Buffer.concat(batches);
}

/** What the output file must hold: each event's JSON.stringify text and a line break, UTF-8. */
function expectedBytes(events: readonly object[]): Buffer {
  return Buffer.from(events.map((e) => `${JSON.stringify(e)}\n`).join(''));
}

test('every event is written exactly as JSON.stringify writes it', () => {
  fc.assert(
    fc.property(fc.array(event, { minLength: 1, maxLength: 30 }), (events) => {
      const json = traceJson();
      for (const e of events) expect(json(e as unknown as TraceEvent)).toBe(JSON.stringify(e));
    }),
    { numRuns: 300 },
  );
});

/** Values longer than a small buffer, ASCII or not, some needing escapes. */
const long = fc.oneof(
  fc.string({ minLength: 40, maxLength: 400, unit: 'binary-ascii' }),
  fc.string({ minLength: 40, maxLength: 400, unit: 'grapheme' }),
  fc.constantFrom('é'.repeat(300), '😀'.repeat(200), `${'\ud800'.repeat(50)}x`, 'a"b\\c\n'.repeat(60)),
);

test('written straight into bytes, the file holds the same lines at any buffer size (values straddling a batch, lines longer than the buffer)', () => {
  const withLong = event.chain((e) => fc.tuple(fc.constant(e), fc.option(long, { nil: undefined })).map(([ev, v]) => (v === undefined ? ev : { ...ev, value: v })));
  fc.assert(
    fc.property(fc.integer({ min: 8, max: 700 }), fc.array(withLong, { minLength: 1, maxLength: 40 }), (size, events) => {
      expect(bytesOf(events, size).equals(expectedBytes(events))).toBe(true);
    }),
    { numRuns: 300 },
  );
});

test('events whose leading members repeat, change one member, lose one or come in another order', () => {
  const json = traceJson();
  const base = { time: 't1', contactId: 'c', type: 'action.enter', script: 'S', label: 'inc', actionType: 'ASSIGN', caption: 'ASSIGN', props: { Value: 1 } };
  const events: Record<string, unknown>[] = [
    base,
    { ...base, props: { Value: 2 } },
    { ...base, time: 't2' },
    { ...base, caption: 'Add one' },
    { time: 't2', contactId: 'c', type: 'action.enter', label: 'inc', script: 'S', actionType: 'ASSIGN', caption: 'ASSIGN', props: {} },
    { time: 't2', contactId: 'c', type: 'action.enter', script: 'S', label: 'inc' },
    { time: 't2', contactId: 'c', type: 'action.enter', script: 'S', label: 'inc', actionType: 'ASSIGN', caption: 'ASSIGN', extra: 'x', props: {} },
    { ...base, caption: undefined },
    { ...base, seconds: -0 },
    { contactId: 'c', time: 't2', type: 'action.enter', label: 'inc' },
    { time: 5, contactId: 'c', type: 'action.enter', label: 'inc' },
    {},
  ];
  for (const e of [...events, ...events]) expect(json(e as unknown as TraceEvent)).toBe(JSON.stringify(e));
});

test('the events of a real run, secrets masked and all', async () => {
  const r = await run(
    [`script Main
start: BEGIN -> set
set: ASSIGN { Variable = token  Value = "s3cret-value" } -> loop
loop: LOOP { Repeat = 3 } 
  Repeat -> say
  Finished -> done
say: SNIPPET {
  n = n + 1
  msg = "line \\"{n}\\" é 😀 {token}"
  TRACE msg
} -> loop
done: END
`],
    { keepTrace: true },
    { redact: ['token'] },
  );
  expect(r.trace!.length).toBeGreaterThan(20);
  const json = traceJson();
  for (const e of r.trace!) expect(json(e)).toBe(JSON.stringify(e));
  expect(r.trace!.map(json).join('\n')).not.toContain('s3cret-value');
});

/** Values from a small pool, so that a member keeps its value for a while, then changes, as an action's props do. */
const nullProto = Object.assign(Object.create(null) as Record<string, unknown>, { a: 1 });
const pooled = fc.constantFrom<unknown>(0, -0, 1, 2.5, NaN, Infinity, 'x', 'y', '', 'a"b', '\ud800', '😀', true, false, null, undefined, [1, 'x'], { a: 1 }, { toJSON: () => 'J' }, { toJSON: () => undefined }, new Date(0), nullProto, () => 1, Symbol('s'), 'é'.repeat(100), 'x'.repeat(500));
const pooledKey = fc.constantFrom('Variable', 'Value', 'Type', 'x', '0', '7', '__proto__', 'a"b', 'toJSON');

/** One action's events: the same members each time (a map member flattened), values drawn from the pool. */
const structure = fc.record({
  type: fc.constantFrom('action.enter', 'action.exit', 'var.set'),
  label: name,
  members: fc.uniqueArray(fc.tuple(memberName, fc.boolean()), { selector: ([k]) => k, maxLength: 5 }),
  mapKeys: fc.uniqueArray(pooledKey, { maxLength: 4 }),
});

test('events of repeating shapes whose values stay, change, go missing or stop being maps', () => {
  fc.assert(
    fc.property(
      fc.array(structure, { minLength: 1, maxLength: 3 }),
      fc.array(fc.tuple(fc.nat(), fc.constantFrom('t1', 't2', 't3'), fc.array(pooled, { minLength: 30, maxLength: 30 }), fc.nat(9)), { minLength: 1, maxLength: 60 }),
      fc.integer({ min: 8, max: 400 }),
      (structures, draws, size) => {
        const json = traceJson();
        const written: Record<string, unknown>[] = [];
        for (const [which, time, values, notMap] of draws) {
          const s = structures[which % structures.length]!;
          const e: Record<string, unknown> = { time, contactId: 'c', type: s.type, label: s.label };
          let next = 0;
          for (const [k, isMap] of s.members) {
            let v: unknown = values[next++ % values.length];
            if (isMap && notMap !== 0) {
              const map: Record<string, unknown> = {};
              for (const mk of s.mapKeys) Object.defineProperty(map, mk, { value: values[next++ % values.length], enumerable: true, writable: true, configurable: true });
              v = map;
            }
            Object.defineProperty(e, k, { value: v, enumerable: true, writable: true, configurable: true });
          }
          expect(json(e as unknown as TraceEvent)).toBe(JSON.stringify(e));
          written.push(e);
        }
        expect(bytesOf(written, size).equals(expectedBytes(written))).toBe(true);
      },
    ),
    { numRuns: 400 },
  );
});

test('a value that changes, is left out or stops being a map, in every position', () => {
  const json = traceJson();
  const enter = (time: string, props: unknown, extra: Record<string, unknown> = {}): Record<string, unknown> => ({
    time,
    contactId: 'c',
    type: 'action.enter',
    script: 'S',
    label: 'tag',
    actionType: 'ASSIGN',
    caption: 'ASSIGN',
    props,
    ...extra,
  });
  const events = [
    enter('t1', { Variable: 'last', Value: '1', Type: 'String' }),
    enter('t1', { Variable: 'last', Value: '2', Type: 'String' }),
    enter('t1', { Variable: 'last', Value: '2', Type: 'String' }),
    enter('t2', { Variable: 'last', Value: 3, Type: 'String' }),
    // The first member of the map changes, then is left out: the comma after it moves.
    enter('t2', { Variable: 'next', Value: 3, Type: 'String' }),
    enter('t2', { Variable: undefined, Value: 3, Type: 'String' }),
    enter('t2', { Variable: 'last', Value: undefined, Type: undefined }),
    enter('t2', { Variable: 'last', Value: [1, { a: 'b' }], Type: 'String' }),
    enter('t2', { Variable: 'last', Value: { toJSON: () => 'J' }, Type: 'String' }),
    enter('t3', 'not a map'),
    enter('t3', { Variable: 'last', Value: '4', Type: 'String' }),
    enter('t3', {}),
    enter('t3', { Variable: 'last', Value: '4', Type: 'String' }, { seconds: 1 }),
    enter('t3', { Variable: 'last', Value: '4', Type: 'String' }, { seconds: undefined }),
    enter('t3', Object.assign(Object.create(null) as object, { Variable: 'last' })),
    enter('t3', new Date(0)),
  ];
  for (const e of [...events, ...events.reverse(), ...events]) expect(json(e as unknown as TraceEvent)).toBe(JSON.stringify(e));
});

test('an action whose events never repeat their members is still written exactly', () => {
  const json = traceJson();
  for (let i = 0; i < 200; i++) {
    const e: Record<string, unknown> = { time: 't', contactId: 'c', type: 'effect', kind: 'k' };
    e[`m${i % 7}`] = i;
    if (i % 3 === 0) e.data = { n: i };
    expect(json(e as unknown as TraceEvent)).toBe(JSON.stringify(e));
  }
});
