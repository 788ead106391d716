// `run --trace-json` lines: the writer that reuses the repeated part of an event
// must give exactly JSON.stringify's text for any event, in any member order.
import fc from 'fast-check';
import { expect, test } from 'vitest';
import { traceJson } from '../../src/runtime/trace-json.js';
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

test('every event is written exactly as JSON.stringify writes it', () => {
  fc.assert(
    fc.property(fc.array(event, { minLength: 1, maxLength: 30 }), (events) => {
      const json = traceJson();
      for (const e of events) expect(json(e as unknown as TraceEvent)).toBe(JSON.stringify(e));
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
