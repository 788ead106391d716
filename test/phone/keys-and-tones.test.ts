// Table tests of DTMF (tones the script sends) and INTERRUPTV2 (keys the
// caller presses anywhere later interrupt the script), through the runtime
// with a scripted caller.
import { describe, expect, it, test } from 'vitest';
import { builtinRegistry } from '../../src/actions/registry.js';
import { loadScriptText } from '../../src/graph/load.js';
import { call, heard, labels, withQueue } from './helpers.js';

const at = (r: { endedAt: string }): string => r.endedAt.slice(11, 23);

const tones = (props: string, before = '') => `script Main
type Phone
start: BEGIN -> ${before ? 'pre' : 'send'}
${before ? `pre: ${before} -> send\n` : ''}send: DTMF { ${props} } -> done
done: END
`;

describe('DTMF', () => {
  test.each([
    ['120 ms a tone and 120 ms between two by default', 'DigitSequence = "1234#"', '09:00:01.080', '1234#'],
    ['ToneDurationms and ToneSpacingms set the time', 'DigitSequence = "12" ToneDurationms = 200 ToneSpacingms = 50', '09:00:00.450', '12'],
    ['one key is one tone', 'DigitSequence = "*"', '09:00:00.120', '*'],
    ['the pause characters , and . send nothing', 'DigitSequence = "1,2.3"', '09:00:00.600', '123'],
  ])('%s', async (_n, props, time, digits) => {
    const r = await call(tones(props));
    expect(at(r)).toBe(time);
    expect(r.transcript![0]).toMatchObject({ kind: 'tone', who: 'ivr', text: `DTMF ${digits}`, action: 'Main.send' });
    expect(r.effects.tones).toEqual([expect.objectContaining({ digits, contactId: r.contact!.contactId })]);
  });

  it('warns that pause characters are ignored', async () => {
    const r = await call(tones('DigitSequence = "1,2"'));
    expect(r.warnings.join('\n')).toContain('pause characters , and . in DigitSequence are ignored');
  });

  test.each([
    ['a key that is no key', 'DigitSequence = "12a4"', 'E-SCHEMA-VALUE', 'only the keys 0-9, # and * can be sent, found "a" in "12a4"'],
    ['more than 20 keys', 'DigitSequence = "123456789012345678901"', 'E-SCHEMA-VALUE', '21 keys; one DTMF action sends at most 20'],
    ['nothing to send', 'DigitSequence = ",."', 'E-SCHEMA-VALUE', 'no keys to send'],
    ['a tone of no time', 'DigitSequence = "1" ToneDurationms = 0', 'E-SCHEMA-RANGE', 'at least 1'],
  ])('written in the script, %s is a located error', (_n, props, code, message) => {
    const { diagnostics } = loadScriptText(tones(props), 'Main.script', { registry: builtinRegistry() });
    const d = diagnostics.find((x) => x.code === code);
    expect(d?.message).toContain(message);
    expect(d?.span).toMatchObject({ line: 4 });
  });

  it('built at run time, a bad sequence is the action\'s error: _ERR set, Default taken, nothing sent', async () => {
    const r = await call(tones('DigitSequence = "{ext}"', 'ASSIGN { Variable = ext Value = "12x" }'));
    expect(r.lastError).toBe('DTMF DigitSequence: only the keys 0-9, # and * can be sent, found "x" in "12x"');
    expect(labels(r)).toEqual(['start', 'pre', 'send', 'done']);
    expect(r.effects.tones ?? []).toEqual([]);
    expect(r.transcript!.filter((l) => l.kind === 'tone')).toEqual([]);
  });

  it('a key the caller presses while the tones play waits in the buffer', async () => {
    const script = `script Main
type Phone
start: BEGIN -> send
send: DTMF { DigitSequence = "1234" } -> read
read: CAPTURE { Variable = got Timeout = 0 } -> done
done: END
`;
    const r = await call(script, 'wait 0.2s; press 9');
    expect(r.variables.got).toBe('9');
    expect(heard(r).slice(0, 2)).toEqual(['0 ivr DTMF 1234', '0.2 caller 9']);
  });

  it('needs a call: in a Generic script it is an error', async () => {
    const r = await call(tones('DigitSequence = "1"').replace('type Phone\n', ''));
    expect(r.lastError).toBe('DTMF needs a phone contact: Main is not running a call');
  });
});

/** INTERRUPTV2 after BEGIN, `body` as the main flow from `main`, OnDTMF to a CAPTURE of one key and a PLAY saying it. */
const interrupting = (body: string, extra = '') => `script Main
type Phone
start: BEGIN -> catch
catch: INTERRUPTV2 -> main
  OnDTMF -> read
${body}
read: CAPTURE { Variable = key Timeout = 0 } -> said
said: PLAY { Sequence = "\\"%You pressed {key}\\"" } -> bye
bye: HANGUP
${extra}`;

const GREETING = 'main: PLAY { Sequence = "\\"%one two three four five six seven eight nine ten\\"" } -> after\nafter: WAIT { Seconds = 30 } -> bye';

describe('INTERRUPTV2', () => {
  test.each([
    ['a key during a prompt cuts it', 'wait 1s; press 5', ['start', 'catch', 'main', 'read', 'said', 'bye'], '0 ivr "one two three four five six seven eight nine ten" (cut: key)'],
    ['a key during a WAIT ends it', 'hear ten; wait 10s; press 5', ['start', 'catch', 'main', 'after', 'read', 'said', 'bye'], '14 caller 5'],
    ['a silent caller never takes OnDTMF', '', ['start', 'catch', 'main', 'after', 'bye'], '34 system the script hung up'],
  ])('%s', async (_n, caller, path, line) => {
    const r = await call(interrupting(GREETING), caller);
    expect(labels(r)).toEqual(path);
    expect(heard(r)).toContain(line);
    if (caller) expect(r.variables.key).toBe('5');
  });

  it('continues at OnDTMF with the key in the buffer, and the trace says which key did it', async () => {
    const r = await call(interrupting(GREETING), 'wait 1s; press 5');
    expect(heard(r).slice(0, 3)).toEqual(['0 ivr "one two three four five six seven eight nine ten" (cut: key)', '1 caller 5', '1 ivr "You pressed 5"']);
    const event = r.trace!.find((e) => e.type === 'contact' && e.event === 'dtmf');
    expect(event).toMatchObject({ handler: 'read', interrupted: 'Main.main', text: 'the caller pressed 5: INTERRUPTV2 takes OnDTMF' });
  });

  it('keys pressed at one instant interrupt once, and all wait in the buffer', async () => {
    const body = 'main: PLAY { Sequence = "\\"%one two three four\\"" } -> bye';
    const script = interrupting(body).replace('read: CAPTURE { Variable = key Timeout = 0 }', 'read: CAPTURE { Variable = key MaxDigits = 3 Timeout = 0 InterDigitTimeout = 0 }');
    const r = await call(script, 'wait 0.5s; press 123');
    expect(labels(r)).toEqual(['start', 'catch', 'main', 'read', 'said', 'bye']);
    expect(r.variables.key).toBe('123');
  });

  it('keeps catching after OnDTMF: a later key interrupts again', async () => {
    const body = 'main: WAIT { Seconds = 60 } -> bye';
    const script = interrupting(body).replace('said: PLAY { Sequence = "\\"%You pressed {key}\\"" } -> bye', 'said: PLAY { Sequence = "\\"%You pressed {key}\\"" } -> main');
    const r = await call(script, 'wait 5s; press 1; wait 5s; press 2');
    expect(labels(r)).toEqual(['start', 'catch', 'main', 'read', 'said', 'main', 'read', 'said', 'main', 'bye']);
    expect(heard(r).filter((l) => l.includes('You pressed'))).toEqual(['5 ivr "You pressed 1"', '10 ivr "You pressed 2"']);
  });

  test.each([
    ['MENU', 'main: MENU { Sequence = "\\"%Press one\\"" }\n  "1" -> one\n  -> bye\none: PLAY { Sequence = "\\"%One\\"" } -> bye', 'one'],
    ['CAPTURE', 'main: CAPTURE { Variable = pin MaxDigits = 1 Timeout = 10 }\n  MaxDigits -> one\n  -> bye\none: PLAY { Sequence = "\\"%One\\"" } -> bye', 'one'],
    ['RECORD', 'main: RECORD { RecordTimeout = 10 TermDigits = "1" } -> one\none: PLAY { Sequence = "\\"%One\\"" } -> bye', 'one'],
  ])('%s reads its own keys: no interruption', async (_n, body, next) => {
    const r = await call(interrupting(body), 'wait 1s; press 1');
    expect(labels(r)).toContain(next);
    expect(labels(r)).not.toContain('read');
  });

  it('takes the key from PLAY with DetectDTMF too (OnDTMF, not Digit)', async () => {
    const body = 'main: PLAY { Sequence = "\\"%one two three four\\"" DetectDTMF = true } -> bye\n  Digit -> digit\ndigit: END';
    const r = await call(interrupting(body), 'wait 0.5s; press 4');
    expect(labels(r)).toEqual(['start', 'catch', 'main', 'read', 'said', 'bye']);
  });

  it('keys typed before it ran do not interrupt', async () => {
    const script = `script Main
type Phone
start: BEGIN -> hello
hello: PLAY { Sequence = "\\"%Hello\\"" } -> catch
catch: INTERRUPTV2 -> main
  OnDTMF -> caught
main: PLAY { Sequence = "\\"%one two\\"" ClearDigits = false } -> bye
caught: END
bye: HANGUP
`;
    const r = await call(script, 'press 7');
    expect(labels(r)).toEqual(['start', 'hello', 'catch', 'main', 'bye']);
  });

  it('catches a key in hold music and while the thread waits in the queue', async () => {
    const queued = 'main: TESTQUEUE { Answer = 120 } -> hold\nhold: MUSIC { MusicFile = "Carefree Days.wav" SecondstoPlay = 20 }';
    const inMusic = await call(interrupting(queued), 'wait 10s; press 3', withQueue);
    expect(labels(inMusic)).toEqual(['start', 'catch', 'main', 'hold', 'read', 'said', 'bye']);
    expect(heard(inMusic)).toContain('10 ivr "You pressed 3"');
    const waiting = await call(interrupting(queued), 'wait 30s; press 3', withQueue);
    expect(labels(waiting)).toEqual(['start', 'catch', 'main', 'hold', 'read', 'said', 'bye']);
    expect(heard(waiting)).toContain('30 ivr "You pressed 3"');
  });

  it('a key after an event cut the hold music interrupts once', async () => {
    const queued = 'main: TESTQUEUE { Answer = 20 } -> hold\nhold: MUSIC { MusicFile = "Carefree Days.wav" SecondstoPlay = 60 }';
    const r = await call(interrupting(queued), 'wait 30s; press 3', withQueue);
    expect(labels(r)).toEqual(['start', 'catch', 'main', 'hold', 'read', 'said', 'bye']);
    expect(r.trace!.filter((e) => e.type === 'contact').map((e) => (e as { event: string }).event)).toEqual(['answer', 'dtmf', 'release']);
  });

  it('a key in a subscript drops its frames and continues at OnDTMF of the script that ran INTERRUPTV2', async () => {
    const sub = `script Sub
type Phone
start: BEGIN -> talk
talk: PLAY { Sequence = "\\"%one two three four\\"" } -> back
back: RETURN
`;
    const r = await call([interrupting('main: RUNSUB { ScriptName = "Sub" } -> bye'), sub], 'wait 0.5s; press 8');
    expect(r.path).toEqual(['Main.start', 'Main.catch', 'Main.main', 'Sub.start', 'Sub.talk', 'Main.read', 'Main.said', 'Main.bye']);
    expect(r.variables.key).toBe('8');
  });

  it('with OnDTMF not routed it warns and keys interrupt nothing', async () => {
    const script = `script Main
type Phone
start: BEGIN -> catch
catch: INTERRUPTV2 -> main
main: PLAY { Sequence = "\\"%one two\\"" } -> bye
bye: HANGUP
`;
    const r = await call(script, 'press 1');
    expect(labels(r)).toEqual(['start', 'catch', 'main', 'bye']);
    expect(r.warnings.join('\n')).toContain('INTERRUPTV2: OnDTMF is not routed, so keys interrupt nothing');
  });

  it('needs a call: in a Generic script it is an error', async () => {
    const r = await call(interrupting('main: END').replace('type Phone\n', ''));
    expect(r.lastError).toBe('INTERRUPTV2 needs a phone contact: Main is not running a call');
  });
});
