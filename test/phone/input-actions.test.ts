// Table tests of PLAY, MENU and CAPTURE through the runtime: each branch and
// each timing rule (timeouts, inter-digit timeout, terminator, type-ahead,
// ClearDigits, DetectDTMF), with a scripted caller.
import { describe, expect, it, test } from 'vitest';
import { call, heard, labels } from './helpers.js';

/** A phone script: `act`, then each listed branch to its own END-like leaf. */
const one = (act: string, branches: string[], before = '') => `script Main
type Phone
start: BEGIN -> ${before ? 'pre' : 'act'}
${before ? `pre: ${before} -> act\n` : ''}act: ${act}
${branches.map((b) => `  ${b} -> to_${b.replace(/[^A-Za-z0-9]/g, '') || 'Default'}`).join('\n')}
${branches.map((b) => `to_${b.replace(/[^A-Za-z0-9]/g, '') || 'Default'}: END`).join('\n')}
`;
const end = (r: { path: string[] }): string => r.path.at(-1)!.replace('Main.to_', '');
const at = (r: { endedAt: string }): string => r.endedAt.slice(11, 23);

describe('PLAY', () => {
  const play = (props: string) => one(`PLAY { Sequence = "\\"%one two three four five\\"" ${props} }`, ['Default', 'Digit']);

  test.each([
    ['plays the whole prompt (five words: 2 s)', '', 'wait 1s; press 1', 'Default', '09:00:02.000'],
    ['DetectDTMF: a key stops it and takes Digit', 'DetectDTMF = true', 'wait 1s; press 1', 'Digit', '09:00:01.000'],
    ['DetectDTMF with a silent caller plays it all', 'DetectDTMF = true', '', 'Default', '09:00:02.000'],
  ])('%s', async (_n, props, caller, branch, time) => {
    const r = await call(play(props), caller);
    expect(end(r)).toBe(branch);
    expect(at(r)).toBe(time);
  });

  it('ClearDigits (default True) drops keys typed ahead; False lets DetectDTMF react to them at once', async () => {
    const before = 'PLAY { Sequence = "\\"%hi\\"" }';
    const cleared = await call(one('PLAY { Sequence = "\\"%one two\\"" DetectDTMF = true }', ['Default', 'Digit'], before), 'press 9');
    expect(end(cleared)).toBe('Default');
    const kept = await call(one('PLAY { Sequence = "\\"%one two\\"" DetectDTMF = true ClearDigits = false }', ['Default', 'Digit'], before), 'press 9');
    expect(end(kept)).toBe('Digit');
    // The key came when the call started, before the first prompt.
    expect(heard(kept)).toEqual(['0 caller 9', '0 ivr "hi"', '0.5 ivr "one two" (cut: key)', '0.5 system the script hung up']);
  });

  it('speaks variables, files and say-as segments; VOICEPARAMS rate makes speech faster', async () => {
    const script = `script Main
type Phone
start: BEGIN -> voice
voice: VOICEPARAMS { TTSRate = "5" } -> play
play: PLAY { Sequence = "\\"%Hello {name}, your balance is\\" \\"\${balance}\\" \\"beep.wav\\"" } -> done
done: END
`;
    const r = await call(script, '', { run: { vars: { name: 'Ann', balance: '12.50' } } });
    expect(r.transcript![0]).toMatchObject({
      text: 'Hello Ann, your balance is 12.50 beep.wav',
      segments: [{ kind: 'tts', text: 'Hello Ann, your balance is' }, { kind: 'say', text: '12.50', prefix: '$' }, { kind: 'file', text: 'beep.wav' }],
    });
    // 5 words at rate 5 (1.5x), "12.50" (two words) at 1.5x, a file of 3 s.
    expect(r.endedAt).toBe('2026-11-21T09:00:04.867Z');
  });

  it('plays a sequence a snippet built; a malformed one is the action\'s error', async () => {
    const script = (value: string) => `script Main
type Phone
start: BEGIN -> build
build: SNIPPET { ASSIGN prompt = ${value} } -> play
play: PLAY { Sequence = "{prompt}" } -> done
done: END
`;
    const good = await call(script(`'"%Built at run time"'`));
    expect(good.transcript![0]!.text).toBe('Built at run time');
    const bad = await call(script(`"%no quotes"`));
    expect(bad.lastError).toContain('Property Sequence: the prompt sequence "%no quotes" is malformed: text outside quotes');
    expect(bad.transcript!.filter((l) => l.kind === 'prompt')).toEqual([]);
  });

  it('needs a call: in a Generic script it is an error', async () => {
    const r = await call(one('PLAY { Sequence = "\\"%hi\\"" }', ['Default']).replace('type Phone\n', ''));
    expect(r.lastError).toBe('PLAY needs a phone contact: Main is not running a call');
  });
});

describe('MENU', () => {
  const menu = (props = '', branches = ['"1"', '"2"', '"12"', 'Timeout', 'Default']) =>
    one(`MENU { Sequence = "\\"%Press one or two\\"" ${props} }`, branches);

  test.each([
    ['a key takes its value branch', '', 'press 2', '2', '09:00:00.000'],
    ['a key with no branch takes Default', '', 'press 7', 'Default', '09:00:00.000'],
    ['no key takes Timeout, Timeout seconds after the prompt', '', '', 'Timeout', '09:00:06.600'],
    ['the Timeout property sets the wait', 'Timeout = 2', '', 'Timeout', '09:00:03.600'],
    ['a key during the prompt stops it and counts', '', 'wait 0.5s; press 1', '1', '09:00:00.500'],
    ['several digits with the terminator (#- strips it)', 'MaxDigits = 4', 'hear "or two"; press 12#', '12', '09:00:01.600'],
    ['MaxDigits reached ends input', 'MaxDigits = 2', 'hear "or two"; press 12', '12', '09:00:01.600'],
    ['InterDigitTimeout: a slow caller gets the digits so far', 'MaxDigits = 4 InterDigitTimeout = 2', 'hear "or two"; press 1; wait 3s; press 2', '1', '09:00:03.600'],
    ['keys within InterDigitTimeout continue the value', 'MaxDigits = 4 InterDigitTimeout = 2', 'hear "or two"; press 1; wait 2s; press 2#', '12', '09:00:03.600'],
  ])('%s', async (_n, props, caller, branch, time) => {
    const r = await call(menu(props), caller);
    expect(end(r)).toBe(branch);
    expect(at(r)).toBe(time);
  });

  it('stores the value in MRES, or in Variable', async () => {
    expect((await call(menu(), 'press 2')).variables.mres).toBe('2');
    const r = await call(menu('Variable = choice'), 'press 1');
    expect(r.variables).toMatchObject({ choice: '1' });
    expect(r.variables.mres).toBeUndefined();
  });

  it('Timeout not connected continues on Default', async () => {
    const r = await call(menu('', ['"1"', 'Default']), '');
    expect(end(r)).toBe('Default');
  });

  it('ClearDigits drops keys typed ahead during an earlier prompt; False uses them without playing', async () => {
    const before = 'PLAY { Sequence = "\\"%Welcome\\"" }';
    const cleared = await call(one('MENU { Sequence = "\\"%Press one\\"" }', ['"1"', 'Timeout'], before), 'press 1');
    expect(end(cleared)).toBe('Timeout');
    const kept = await call(one('MENU { Sequence = "\\"%Press one\\"" ClearDigits = false }', ['"1"', 'Timeout'], before), 'press 1');
    expect(end(kept)).toBe('1');
    expect(heard(kept).at(-2)).toBe('0.5 ivr "Press one" (cut: key)');
  });

  it('a Terminator that is not keys is the action\'s error', async () => {
    const r = await call(menu('Terminator = "x"'), 'press 1');
    expect(r.lastError).toBe('Terminator must be keys 0-9, * or #, optionally followed by -, found "x"');
  });
});

describe('CAPTURE', () => {
  const capture = (props = '', branches = ['Terminator', 'MaxDigits', 'Timeout', 'InterDigitTimeout']) =>
    one(`CAPTURE { Variable = account ${props} }`, branches);

  test.each([
    ['Terminator: the key is stored', 'MaxDigits = 6 Terminator = "#"', 'press 42#', 'Terminator', '42#'],
    ['Terminator with -: the key is dropped', 'MaxDigits = 6 Terminator = "#-"', 'press 42#', 'Terminator', '42'],
    ['MaxDigits counts the terminator', 'MaxDigits = 3 Terminator = "#"', 'press 123', 'MaxDigits', '123'],
    ['Timeout: no key at all', 'MaxDigits = 3', '', 'Timeout', ''],
    ['InterDigitTimeout: the digits so far', 'MaxDigits = 5 InterDigitTimeout = 1', 'press 12; wait 2s; press 3', 'InterDigitTimeout', '12'],
  ])('%s', async (_n, props, caller, branch, value) => {
    const r = await call(capture(props), caller);
    expect(end(r)).toBe(branch);
    expect(r.variables.account).toBe(value);
  });

  it('an outcome whose branch is not connected continues on Default', async () => {
    const r = await call(capture('MaxDigits = 3', ['Default']), '');
    expect(end(r)).toBe('Default');
    expect(r.variables.account).toBe('');
  });

  it('type-ahead: keys pressed during a PLAY are consumed at once', async () => {
    const r = await call(one('CAPTURE { Variable = account MaxDigits = 8 Terminator = "#-" }', ['Terminator', 'Timeout'], 'PLAY { Sequence = "\\"%Enter your account number\\"" }'), 'press 5551#');
    expect(end(r)).toBe('Terminator');
    expect(r.variables.account).toBe('5551');
    expect(at(r)).toBe('09:00:01.600');
  });

  it('a CAPTURE with Timeout 0 empties the buffer before the real one', async () => {
    const script = `script Main
type Phone
start: BEGIN -> greet
greet: PLAY { Sequence = "\\"%Welcome\\"" } -> flush
flush: CAPTURE { Variable = junk MaxDigits = 20 Timeout = 0 InterDigitTimeout = 0 } -> ask
ask: CAPTURE { Variable = pin MaxDigits = 4 Timeout = 5 } -> done
done: END
`;
    const r = await call(script, 'press 99; hear Welcome; wait 1s; press 1234');
    expect(r.variables).toMatchObject({ junk: '99', pin: '1234' });
  });
});
