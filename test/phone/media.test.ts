// Timing rules of prompts, key collection and silence on the virtual clock,
// with a scripted caller: timeouts, inter-digit timeout, terminator,
// MaxDigits, type-ahead, ClearDigits, DetectDTMF, barge-in and hang-ups.
import { describe, expect, it } from 'vitest';
import { parseCallerScript } from '../../src/phone/caller-script.js';
import { resolveCaller, startCaller, type ResolvedCaller } from '../../src/phone/caller.js';
import type { CollectRules } from '../../src/contract/contact.js';
import type { Key } from '../../src/phone/digits.js';
import { simulateStretch, type CallSide, type StretchSpec } from '../../src/phone/media.js';

const T0 = 1_000_000;
function call(text: string): { caller: ResolvedCaller; side: CallSide } {
  const r = parseCallerScript(text);
  if (!r.ok) throw new Error(r.problems[0]!.message);
  return { caller: resolveCaller(r.script, 'Main'), side: { caller: startCaller(r.script, T0), keys: [] } };
}
const prompt = (seconds: number, text = 'Press 1 for sales') => [{ kind: 'prompt' as const, text, ms: seconds * 1000 }];
const rules = (o: Partial<CollectRules> = {}): CollectRules => ({ maxDigits: 1, terminators: '#', keepTerminator: false, timeoutMs: 5000, interDigitMs: 5000, ...o });
const spec = (o: Partial<StretchSpec>): StretchSpec => ({ where: 'main.a', action: 'Main.a', clearDigits: true, ...o });
const at = (s: number) => T0 + s * 1000;

describe('PLAY', () => {
  it('plays the whole prompt; keys pressed meanwhile wait in the buffer', () => {
    const { caller, side } = call('wait 1s; press 5');
    const r = simulateStretch(caller, spec({ audio: prompt(4) }), side, T0);
    expect(r).toMatchObject({ ended: 'done', endMs: at(4) });
    expect(r.side.keys).toEqual([{ digit: '5', atMs: at(1) }]);
    expect(r.transcript.map((e) => [e.kind, e.text, e.playedMs])).toEqual([
      ['prompt', 'Press 1 for sales', 4000],
      ['keys', '5', undefined],
    ]);
  });

  it('DetectDTMF: a key stops the prompt and stays in the buffer', () => {
    const { caller, side } = call('wait 1.5s; press 3');
    const r = simulateStretch(caller, spec({ audio: prompt(4), stopOnKey: true }), side, T0);
    expect(r).toMatchObject({ ended: 'key', endMs: at(1.5) });
    expect(r.side.keys).toEqual([{ digit: '3', atMs: at(1.5) }]);
    expect(r.transcript[0]).toMatchObject({ kind: 'prompt', cut: 'key', playedMs: 1500 });
  });

  it('ClearDigits empties the buffer when the action starts', () => {
    const { caller } = call('');
    const keys: Key[] = [{ digit: '9', atMs: T0 - 500 }];
    const cleared = simulateStretch(caller, spec({ audio: prompt(2), stopOnKey: true }), { caller: null, keys }, T0);
    expect(cleared).toMatchObject({ ended: 'done', endMs: at(2), side: { keys: [] } });
  });

  it('without ClearDigits, DetectDTMF reacts at once to a key already buffered', () => {
    const keys: Key[] = [{ digit: '9', atMs: T0 - 500 }];
    const r = simulateStretch(null, spec({ audio: prompt(2), stopOnKey: true, clearDigits: false }), { caller: null, keys }, T0);
    expect(r).toMatchObject({ ended: 'key', endMs: T0, side: { keys } });
    expect(r.transcript[0]).toMatchObject({ cut: 'key', playedMs: 0 });
  });

  it('a hang-up in the middle cuts the prompt and ends the stretch at once', () => {
    const { caller, side } = call('wait 2s; hangup');
    const r = simulateStretch(caller, spec({ audio: prompt(6) }), side, T0);
    expect(r).toMatchObject({ ended: 'hangup', endMs: at(2) });
    expect(r.transcript.map((e) => [e.kind, e.cut ?? ''])).toEqual([
      ['prompt', 'hangup'],
      ['hangup', ''],
    ]);
  });

  it('a horizon (an event) stops the stretch with the state of that moment', () => {
    const { caller, side } = call('wait 1s; press 1; wait 5s; press 2');
    const r = simulateStretch(caller, spec({ audio: prompt(4) }), side, T0, at(3));
    expect(r).toMatchObject({ ended: 'horizon', endMs: at(3), side: { keys: [{ digit: '1' }] } });
    expect(r.transcript[0]).toMatchObject({ cut: 'event', playedMs: 3000 });
  });
});

describe('MENU and CAPTURE input', () => {
  it('a silent caller times out Timeout seconds after the prompt ends', () => {
    const { caller, side } = call('');
    const r = simulateStretch(caller, spec({ audio: prompt(3), collect: rules() }), side, T0);
    expect(r).toMatchObject({ ended: 'collected', endMs: at(8), collected: { end: 'Timeout', value: '' } });
  });

  it('a key during the prompt barges in and counts', () => {
    const { caller, side } = call('wait 1s; press 2');
    const r = simulateStretch(caller, spec({ audio: prompt(6), collect: rules() }), side, T0);
    expect(r).toMatchObject({ endMs: at(1), collected: { end: 'MaxDigits', value: '2' } });
    expect(r.transcript[0]).toMatchObject({ cut: 'key', playedMs: 1000 });
  });

  it('the terminator ends input; #- strips it, # keeps it', () => {
    const { caller, side } = call('hear sales; press 1234#');
    const strip = simulateStretch(caller, spec({ audio: prompt(2), collect: rules({ maxDigits: 10 }) }), side, T0);
    expect(strip).toMatchObject({ endMs: at(2), collected: { end: 'Terminator', value: '1234' } });
    const keep = simulateStretch(caller, spec({ audio: prompt(2), collect: rules({ maxDigits: 10, keepTerminator: true }) }), side, T0);
    expect(keep.collected).toMatchObject({ end: 'Terminator', value: '1234#' });
  });

  it('MaxDigits counts the terminator: with 5, four digits and # is the most a caller can enter', () => {
    const { caller, side } = call('press 12345');
    expect(simulateStretch(caller, spec({ collect: rules({ maxDigits: 5 }) }), side, T0).collected).toMatchObject({ end: 'MaxDigits', value: '12345' });
    const { caller: c2, side: s2 } = call('press 1234#');
    expect(simulateStretch(c2, spec({ collect: rules({ maxDigits: 5 }) }), s2, T0).collected).toMatchObject({ end: 'Terminator', value: '1234' });
  });

  it('a gap longer than InterDigitTimeout ends input with the digits so far', () => {
    const { caller, side } = call('press 12 gap 1s; wait 4s; press 3');
    const r = simulateStretch(caller, spec({ collect: rules({ maxDigits: 6, interDigitMs: 3000 }) }), side, T0);
    expect(r).toMatchObject({ endMs: at(4), collected: { end: 'InterDigitTimeout', value: '12' } });
    // The late key was never pressed: the stretch ended before it.
    expect(r.side.keys).toEqual([]);
  });

  it('a key exactly at the inter-digit deadline still counts', () => {
    const { caller, side } = call('press 1; wait 3s; press 2');
    const r = simulateStretch(caller, spec({ collect: rules({ maxDigits: 2, interDigitMs: 3000 }) }), side, T0);
    expect(r.collected).toMatchObject({ end: 'MaxDigits', value: '12', atMs: at(3) });
  });

  it('type-ahead: keys pressed during an earlier PLAY are consumed first by a CAPTURE', () => {
    const { caller, side } = call('wait 1s; press 42#');
    const play = simulateStretch(caller, spec({ audio: prompt(3) }), side, T0);
    expect(play.side.keys.map((k) => k.digit).join('')).toBe('42#');
    const capture = simulateStretch(caller, spec({ where: 'main.b', action: 'Main.b', clearDigits: false, collect: rules({ maxDigits: 6 }) }), play.side, play.endMs);
    expect(capture).toMatchObject({ endMs: at(3), collected: { end: 'Terminator', value: '42' } });
    expect(capture.side.keys).toEqual([]);
  });

  it('MENU with ClearDigits drops keys typed ahead; CAPTURE with Timeout 0 takes what is buffered and no more', () => {
    const keys: Key[] = [
      { digit: '7', atMs: T0 - 100 },
      { digit: '8', atMs: T0 - 50 },
    ];
    const menu = simulateStretch(null, spec({ audio: prompt(2), collect: rules() }), { caller: null, keys }, T0);
    expect(menu.collected).toMatchObject({ end: 'Timeout', value: '' });
    const flush = simulateStretch(null, spec({ clearDigits: false, collect: rules({ maxDigits: 10, timeoutMs: 0, interDigitMs: 0 }) }), { caller: null, keys }, T0);
    expect(flush).toMatchObject({ endMs: T0, collected: { end: 'InterDigitTimeout', value: '78' }, side: { keys: [] } });
    const empty = simulateStretch(null, spec({ clearDigits: false, collect: rules({ timeoutMs: 0 }) }), { caller: null, keys: [] }, T0);
    expect(empty).toMatchObject({ endMs: T0, collected: { end: 'Timeout' } });
  });

  it('without ClearDigits, a MENU skips its prompt when keys are already buffered', () => {
    const keys: Key[] = [{ digit: '3', atMs: T0 - 100 }];
    const r = simulateStretch(null, spec({ audio: prompt(5), clearDigits: false, collect: rules() }), { caller: null, keys }, T0);
    expect(r).toMatchObject({ endMs: T0, collected: { end: 'MaxDigits', value: '3' } });
    expect(r.transcript[0]).toMatchObject({ playedMs: 0, cut: 'key' });
  });

  it('keys left over after MaxDigits stay in the buffer for the next action', () => {
    const { caller, side } = call('press 123');
    const r = simulateStretch(caller, spec({ collect: rules({ maxDigits: 2 }) }), side, T0);
    expect(r.collected).toMatchObject({ value: '12' });
    // "3" is pressed at the same instant but after the stretch ended: the caller presses it next.
    const next = simulateStretch(caller, spec({ clearDigits: false, collect: rules() }), r.side, r.endMs);
    expect(next.collected).toMatchObject({ value: '3', end: 'MaxDigits' });
  });

  it('a hang-up while waiting for input ends the stretch without a value', () => {
    const { caller, side } = call('press 1; wait 2s; hangup');
    const r = simulateStretch(caller, spec({ collect: rules({ maxDigits: 4 }) }), side, T0);
    expect(r).toMatchObject({ ended: 'hangup', endMs: at(2) });
    expect(r.collected).toBeUndefined();
  });
});

describe('the caller follows the call', () => {
  it('"at" waits for the action to start, "hear" for the prompt to finish, "after" for the action to complete', () => {
    const { caller, side } = call('at b; press 1; hear "your account"; press 2; after b; press 3');
    const a = simulateStretch(caller, spec({ audio: prompt(2, 'Welcome') }), side, T0);
    expect(a.side.keys).toEqual([]);
    const b = simulateStretch(caller, spec({ where: 'main.b', action: 'Main.b', audio: prompt(3, 'Enter your account number') }), a.side, a.endMs);
    expect(b.side.keys).toEqual([
      { digit: '1', atMs: at(2) },
      { digit: '2', atMs: at(5) },
    ]);
    const c = simulateStretch(caller, spec({ where: 'main.c', action: 'Main.c', clearDigits: false, collect: rules({ maxDigits: 3 }) }), b.side, b.endMs);
    expect(c.collected).toMatchObject({ value: '123', atMs: at(5) });
  });

  it('"hangup at" hangs up at that time after the call started, whatever the steps say', () => {
    const r = parseCallerScript('hangup at 10s; at never; press 1');
    if (!r.ok) throw new Error();
    const caller = resolveCaller(r.script, 'Main');
    const s = simulateStretch(caller, spec({ endless: true }), { caller: startCaller(r.script, T0), keys: [] }, T0);
    expect(s).toMatchObject({ ended: 'hangup', endMs: at(10) });
  });

  it('an endless silence with a silent caller ends only at the horizon', () => {
    const { caller, side } = call('press 1');
    expect(simulateStretch(caller, spec({ endless: true }), side, T0)).toMatchObject({ ended: 'horizon', endMs: Infinity });
    expect(simulateStretch(caller, spec({ endless: true }), side, T0, at(60))).toMatchObject({ ended: 'horizon', endMs: at(60), side: { keys: [{ digit: '1' }] } });
  });
});

describe('RECORD', () => {
  const rec = { termKeys: '#', keepKey: true, maxMs: 60_000, beep: true };
  it('records what the caller says until the terminating key', () => {
    const { caller, side } = call('say "my card was stolen"; press #');
    const r = simulateStretch(caller, spec({ record: rec }), side, T0);
    expect(r).toMatchObject({ ended: 'recorded', endMs: at(1.6), recording: { text: 'my card was stolen', ms: 1600, key: '#' } });
    expect(r.transcript.map((e) => [e.kind, e.text])).toEqual([
      ['tone', 'beep'],
      ['speech', 'my card was stolen'],
      ['keys', '#'],
    ]);
  });

  it('stops at the time limit; a hang-up keeps what was recorded', () => {
    const { caller, side } = call('say 90s');
    expect(simulateStretch(caller, spec({ record: { ...rec, maxMs: 30_000 } }), side, T0)).toMatchObject({ ended: 'recorded', endMs: at(30), recording: { ms: 30_000, key: '' } });
    const { caller: c2, side: s2 } = call('say "call me back"; hangup');
    expect(simulateStretch(c2, spec({ record: rec }), s2, T0)).toMatchObject({ ended: 'hangup', endMs: at(1.2), recording: { text: 'call me back', ms: 1200 } });
  });

  it('speech outside a recording is only a transcript line', () => {
    const { caller, side } = call('say "hello?"');
    const r = simulateStretch(caller, spec({ audio: prompt(2) }), side, T0);
    expect(r.recording).toBeUndefined();
    expect(r.transcript.map((e) => e.kind)).toEqual(['prompt', 'speech']);
  });
});

describe('audio in pieces (music with announcements)', () => {
  const pieces = [
    { kind: 'music' as const, text: 'Carefree Days.wav', ms: 20_000 },
    { kind: 'prompt' as const, text: 'You are caller 2 in line', ms: 3000 },
    { kind: 'music' as const, text: 'Carefree Days.wav', ms: 20_000 },
  ];
  it('plays each piece in turn; the caller hears each', () => {
    const { caller, side } = call('hear "caller 2"; press 0');
    const r = simulateStretch(caller, spec({ audio: pieces }), side, T0);
    expect(r).toMatchObject({ ended: 'done', endMs: at(43) });
    expect(r.transcript.map((e) => [e.kind, e.atMs - T0, e.playedMs])).toEqual([
      ['music', 0, 20_000],
      ['prompt', 20_000, 3000],
      ['music', 23_000, 20_000],
      ['keys', 23_000, undefined],
    ]);
  });

  it('a key with DetectDTMF stops the piece playing and the rest is never heard', () => {
    const { caller, side } = call('wait 21s; press 5');
    const r = simulateStretch(caller, spec({ audio: pieces, stopOnKey: true }), side, T0);
    expect(r).toMatchObject({ ended: 'key', endMs: at(21) });
    expect(r.transcript.map((e) => [e.kind, e.playedMs, e.cut])).toEqual([
      ['music', 20_000, undefined],
      ['prompt', 1000, 'key'],
      ['keys', undefined, undefined],
    ]);
  });
});
