// The one emit: an event that masks nothing reaches listeners as the runtime
// built it (no copy); one that masks something reaches them as a copy, and the
// runtime's own objects keep their values.
import { expect, test } from 'vitest';
import { TraceEmitter } from '../../src/runtime/emitter.js';
import { Redactor } from '../../src/runtime/redactor.js';
import { TraceHub } from '../../src/runtime/trace.js';
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
