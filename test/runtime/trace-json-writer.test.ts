// The `--trace-json` writer takes the events of actions and variables as
// records: for any record it must write exactly JSON.stringify's text of the
// event the record stands for, and a run written through it must give the
// lines of the events listeners receive, whether or not anyone listens.
import fc from 'fast-check';
import { expect, test } from 'vitest';
import type { EncodedValue } from '../../src/contract/value.js';
import { LineBytes } from '../../src/runtime/line-bytes.js';
import type { TraceEvent } from '../../src/runtime/result.js';
import { createRuntime, type RuntimeOptions } from '../../src/runtime/runtime.js';
import { traceJsonWriter } from '../../src/runtime/trace-json-writer.js';
import { traceLines, traceLinesTo } from '../../src/runtime/trace-text.js';
import { enterEvent, exitEvent, traceSite, varSetEvent, type TraceSite, type TraceWriter } from '../../src/runtime/trace-writer.js';
import { TEST_QUEUE } from '../phone/helpers.js';
import { NOW, scriptSet } from './helpers.js';
import { TRACED_CHILD, TRACED_MAIN, TRACED_SUB } from './trace-fixture.js';

/** The writer over a buffer of `size` bytes, and the text that left it (each batch checked to end a line). */
function written(size: number): { writer: TraceWriter; text: () => string } {
  const batches: Buffer[] = [];
  const out = new LineBytes((buf, length) => {
    expect(buf[length - 1]).toBe(0x0a);
    batches.push(Buffer.from(buf.subarray(0, length)));
  }, size);
  return {
    writer: traceJsonWriter(out),
    text: () => {
      out.flush();
      return Buffer.concat(batches).toString('utf8');
    },
  };
}

const lines = (events: readonly TraceEvent[]): string => events.map((e) => `${JSON.stringify(e)}\n`).join('');

/** Text JSON must escape or keep as it is. */
const text = fc.oneof(fc.constantFrom('', 'x', 'i + 1', '"', '\\', '\n\u0000\u001f', '\ud800', 'x\udfffy', '😀', 'é', '\u2028'), fc.string({ maxLength: 8, unit: 'binary' }));
const number = fc.oneof(fc.constantFrom(0, -0, 1, -1.5, 1e21, 1e-7, NaN, Infinity, 2 ** 31, -(2 ** 31) - 1), fc.double());
const scalar = fc.oneof(text, number, fc.boolean(), fc.constant(null));
const json: fc.Arbitrary<EncodedValue> = fc.oneof(scalar, fc.array(scalar, { maxLength: 2 }), fc.dictionary(text, scalar, { maxKeys: 2 }));
/** Values from a small pool, so a member keeps its value a while and then changes, as an action's props do; undefined is left out. */
const pooled = fc.constantFrom<EncodedValue | undefined>('a', 'b', '', 'é"', 0, 1, -0, 2.5, NaN, true, false, null, undefined, [1, 'x'], { k: 'v' });
const memberName = fc.constantFrom('Variable', 'Value', 'Type', 'x', '0', '7', '__proto__', 'a"b', 'toJSON');

/** A map as the runtime builds one (a member called __proto__ is an own member), frozen sometimes as literal props are. */
function map(members: readonly (readonly [string, EncodedValue | undefined])[], frozen: boolean): Record<string, EncodedValue> {
  const m: Record<string, EncodedValue> = {};
  for (const [k, v] of members) Object.defineProperty(m, k, { value: v, enumerable: true, writable: true, configurable: true });
  return frozen ? Object.freeze(m) : m;
}

const sites: TraceSite[] = [traceSite('Main', 'inc', 'ASSIGN', 'ASSIGN'), traceSite('Main', 'check', 'IF', 'Is it "done"?'), traceSite('Sub é', '😀', 'REST v2', '')];
const site = fc.constantFrom(...sites);
const at = fc.record({ time: fc.constantFrom('2026-11-21T09:00:00.000Z', '2026-11-21T09:00:05.000Z'), contactId: fc.constantFrom('100000001', '100000002') });

/** A record or an event, and the event it stands for. */
type Item = { write: (w: TraceWriter) => void; event: TraceEvent };

const members = fc.uniqueArray(fc.tuple(memberName, pooled), { selector: ([k]) => k, maxLength: 5 });
const enter = fc.record({ at, site, members, frozen: fc.boolean() }).map(({ at, site, members, frozen }): Item => {
  const props = map(members, frozen);
  return { write: (w) => w.enter(at.time, at.contactId, site, props), event: enterEvent(at.time, at.contactId, site, props) };
});
const exit = fc
  .record({
    at,
    site,
    branch: fc.oneof(fc.constantFrom('Default', 'True', 'False', '', 'a"b'), text),
    outputs: members,
    seconds: fc.constantFrom(0, 0, 2, 0.5, 1e-7),
    error: fc.option(text, { nil: undefined }),
    interrupted: fc.option(fc.constantFrom('release', 'answer'), { nil: undefined }),
  })
  .map(({ at, site, branch, outputs, seconds, error, interrupted }): Item => {
    const out = map(outputs, false);
    return { write: (w) => w.exit(at.time, at.contactId, site, branch, out, seconds, error, interrupted), event: exitEvent(at.time, at.contactId, site, branch, out, seconds, error, interrupted) };
  });
const varSet = fc
  .record({ at, name: fc.constantFrom('i', 'last', '__proto__', 'a"b', 'é'), scope: fc.constantFrom('local' as const, 'global' as const), old: fc.option(json, { nil: undefined }), value: json })
  .map(({ at, name, scope, old, value }): Item => ({ write: (w) => w.varSet(at.time, at.contactId, name, scope, old, value), event: varSetEvent(at.time, at.contactId, name, scope, old, value) }));
const other = fc.record({ at, text }).map(({ at, text }): Item => {
  const event: TraceEvent = { time: at.time, contactId: at.contactId, type: 'trace', script: 'Main', label: 'inc', text };
  return { write: (w) => w.event(event), event };
});

test('a record is written exactly as JSON.stringify writes the event it stands for, at any buffer size', () => {
  fc.assert(
    fc.property(fc.array(fc.oneof(enter, enter, exit, varSet, other), { minLength: 1, maxLength: 40 }), fc.constantFrom(16, 64, 256, 1 << 16), (items, size) => {
      const { writer, text } = written(size);
      for (const item of items) item.write(writer);
      expect(text()).toBe(lines(items.map((i) => i.event)));
    }),
    { numRuns: 400 },
  );
});

test("an action's props keep their members while values change, go missing, come back, or the members change", () => {
  const { writer, text } = written(128);
  const s = sites[0]!;
  const events: TraceEvent[] = [];
  const props: Record<string, EncodedValue>[] = [
    { Variable: 'i', Value: '1', Type: 'String' },
    { Variable: 'i', Value: '2', Type: 'String' },
    { Variable: 'j', Value: '2', Type: 'Numeric' },
    { Variable: 'j', Value: undefined as never, Type: 'Numeric' },
    { Variable: undefined as never, Value: 3, Type: 'Numeric' },
    { Variable: 'j', Value: [1, 2], Type: 'Numeric' },
    { Value: 4, Variable: 'j' },
    {},
  ];
  // Enough rounds for the plan to give way to the plain walk, and the same again.
  for (let round = 0; round < 40; round++)
    for (const p of props) {
      writer.enter(`2026-11-21T09:00:0${round % 2}.000Z`, '1', s, p);
      events.push(enterEvent(`2026-11-21T09:00:0${round % 2}.000Z`, '1', s, p));
    }
  expect(text()).toBe(lines(events));
});

test('lines of contacts taking turns, one contact in a row, and the time moving on', () => {
  const { writer, text } = written(256);
  const [s, t] = [sites[0]!, sites[1]!];
  const events: TraceEvent[] = [];
  const props = Object.freeze({ Variable: 'i', Value: 'i + 1' });
  const step = (time: string, contact: string, i: number): void => {
    const branch = i % 3 === 0 ? 'True' : 'False';
    writer.enter(time, contact, s, props);
    writer.varSet(time, contact, 'i', 'local', i - 1, i);
    writer.exit(time, contact, s, 'Default', {}, 0, undefined, undefined);
    writer.enter(time, contact, t, { Expression: i });
    writer.exit(time, contact, t, branch, {}, 0, undefined, undefined);
    events.push(
      enterEvent(time, contact, s, props),
      varSetEvent(time, contact, 'i', 'local', i - 1, i),
      exitEvent(time, contact, s, 'Default', {}, 0, undefined, undefined),
      enterEvent(time, contact, t, { Expression: i }),
      exitEvent(time, contact, t, branch, {}, 0, undefined, undefined),
    );
  };
  for (let second = 0; second < 3; second++) {
    const time = `2026-11-21T09:00:0${second}.000Z`;
    for (let i = 0; i < 4; i++) for (const contact of ['100000001', '100000002', '100000003']) step(time, contact, i);
    for (let i = 0; i < 4; i++) step(time, '100000004', i);
  }
  expect(text()).toBe(lines(events));
});

const phone = `script Main
type Phone
start: BEGIN -> queue
queue: TESTQUEUE { Answer = 25  Release = 85 } -> music
music: PLAY { Sequence = "\\"hold.wav\\"" } -> pause
pause: WAIT { Seconds = 7 } -> music
answered: ONANSWER -> greetAgent
greetAgent: SNIPPET { ASSIGN who = "{FIRST} {LAST} ({AGENTID}) for {SKLNAME}" }
gone: ONRELEASE -> wrapUp
wrapUp: SNIPPET { ASSIGN cause = p1 }
`;

/** The byte buffer a writer writes into, and the text that left it. */
function buffer(): { out: LineBytes; text: () => string } {
  const batches: Buffer[] = [];
  const out = new LineBytes((buf, length) => void batches.push(Buffer.from(buf.subarray(0, length))), 512);
  return {
    out,
    text: () => {
      out.flush();
      return Buffer.concat(batches).toString('utf8');
    },
  };
}

interface Traced {
  /** `--trace-json` and `--trace` of the run written with nobody listening (events not held). */
  alone: { json: string; text: string };
  /** The same with a listener (events held per step), and the events and readable lines it got. */
  beside: { json: string; text: string };
  heard: TraceEvent[];
  lines: string;
}

async function traced(texts: string[], options: Partial<RuntimeOptions>, params: string[] = []): Promise<Traced> {
  const once = async (listen: boolean) => {
    const runtime = createRuntime({ now: NOW, ...options, scripts: scriptSet(texts, options.actions ?? []) });
    const heard: TraceEvent[] = [];
    let lines = '';
    if (listen) {
      runtime.on('*', (e: TraceEvent) => heard.push(e));
      runtime.on('*', traceLines((l) => (lines += `${l}\n`)));
    }
    const text = buffer();
    const json = buffer();
    runtime.writeTrace(traceLinesTo(text.out));
    runtime.writeTrace(traceJsonWriter(json.out));
    await runtime.run(/script\s+(\w+)/.exec(texts[0]!)![1]!, { params });
    return { written: { json: json.text(), text: text.text() }, heard, lines };
  };
  const alone = await once(false);
  const beside = await once(true);
  return { alone: alone.written, beside: beside.written, heard: beside.heard, lines: beside.lines };
}

test.each([
  ['a run with a subscript, a spawned run, errors, DDOs and secrets by name and by form', [TRACED_MAIN, TRACED_SUB, TRACED_CHILD], { redact: ['pin'] }, ['Ada']],
  ['the same run with nothing secret by name', [TRACED_MAIN, TRACED_SUB, TRACED_CHILD], {}, ['Ada']],
  ['a call: prompts, an agent answering and hanging up, an action cut short', [phone], { actions: [TEST_QUEUE], contact: { ani: '3035550100', dnis: '8005550000', caller: '' } }, []],
] as const)('%s is written as the events listeners receive, listened to or not (--trace-json and --trace)', async (_, texts, options, params) => {
  const { alone, beside, heard, lines: readable } = await traced([...texts], options as Partial<RuntimeOptions>, [...params]);
  expect(heard.length).toBeGreaterThan(20);
  expect(beside.json).toBe(lines(heard));
  expect(beside.text).toBe(readable);
  expect(alone).toEqual(beside);
  if ('redact' in options) expect(alone.json + alone.text).not.toContain('4711');
  expect(alone.json).not.toContain(':pw@');
});
