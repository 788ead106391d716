import { describe, expect, it } from 'vitest';
import { heardSegments, heardText, parseSequence, parseSequenceItems, promptMs } from '../../src/phone/prompt-sequence.js';

describe('prompt sequences', () => {
  it('reads TTS, files, say-as and substitution segments, with or without spaces between', () => {
    const { segments, problems } = parseSequence('"%Your balance is""silence.wav" "${balance}" "{greeting}" "Sub\\Folder\\tone.wav"');
    expect(problems).toEqual([]);
    expect(segments.map((s) => [s.kind, s.prefix, s.text, s.offset])).toEqual([
      ['tts', '%', 'Your balance is', 2],
      ['file', '', 'silence.wav', 19],
      ['say', '$', '{balance}', 34],
      ['value', '', '{greeting}', 46],
      ['file', '', 'Sub\\Folder\\tone.wav', 59],
    ]);
  });

  it('reads the public MENU sample prompt', () => {
    const { segments, problems } = parseSequence('"%Thank you for calling ABC Company. Please press 1 for Sales, 2 for Support, or 3 to speak to an Account Manager."');
    expect(problems).toEqual([]);
    expect(segments).toHaveLength(1);
  });

  it('an empty sequence is no prompt', () => {
    expect(parseSequence('  ')).toEqual({ segments: [], problems: [] });
  });

  it.each([
    ['"%Hello', 'E-PROMPT-SYNTAX', 0, 7, 'prompt segment is not closed: a double quote is missing at its end'],
    ['%Hello', 'E-PROMPT-SYNTAX', 0, 6, 'text outside quotes: each prompt segment is written in double quotes, e.g. "%Hello" for speech or "file.wav" for a recording'],
    ['"%Hi" there "x.wav"', 'E-PROMPT-SYNTAX', 6, 5, 'text outside quotes: each prompt segment is written in double quotes, e.g. "%there" for speech or "file.wav" for a recording'],
    ['"%Hi" ""', 'E-PROMPT-EMPTY', 6, 2, 'empty prompt segment: write text after % for speech, or a file name'],
    ['"%"', 'E-PROMPT-EMPTY', 1, 1, 'empty text-to-speech segment: write the text after %'],
    [`"%${'a'.repeat(301)}"`, 'E-PROMPT-TTS-LENGTH', 1, 302, "text-to-speech segment of 301 characters: Studio allows 300 per segment; split it into several \"%…\" segments"],
  ])('%s is located: %s', (text, code, offset, length, message) => {
    expect(parseSequence(text).problems[0]).toEqual({ code, severity: 'error', offset, length, message });
  });

  it('a segment that is neither speech nor an audio file gets a warning', () => {
    const p = parseSequence('"Hello there"').problems;
    expect(p).toEqual([
      {
        code: 'W-PROMPT-FILE',
        severity: 'warning',
        offset: 1,
        length: 11,
        message: '"Hello there" plays an audio file of that name, which has no .wav extension; for speech, start the segment with %',
      },
    ]);
  });

  it('300 characters of TTS are fine; longer text with substitutions is checked when it runs', () => {
    expect(parseSequence(`"%${'a'.repeat(300)}"`).problems).toEqual([]);
    expect(parseSequence(`"%${'a'.repeat(300)}{x}"`).problems).toEqual([]);
  });

  it('reads the list form, one segment per item', () => {
    const { segments, problems } = parseSequenceItems(['%Hello {name}', 'beep.wav']);
    expect(problems).toEqual([]);
    expect(segments.map((s) => [s.kind, s.text, s.item])).toEqual([
      ['tts', 'Hello {name}', 0],
      ['file', 'beep.wav', 1],
    ]);
    expect(parseSequenceItems(['%ok', '%say "hi"']).problems[0]).toMatchObject({ code: 'E-PROMPT-SYNTAX', item: 1, offset: 5 });
  });

  it('resolves value segments at run time by what they hold', () => {
    const { segments } = parseSequence('"{a}" "{b}" "{c}" "$1"');
    const heard = heardSegments(segments, ['welcome.WAV', '%Hi there', '42', '12.50']);
    expect(heard).toEqual([
      { kind: 'file', text: 'welcome.WAV' },
      { kind: 'tts', text: 'Hi there' },
      { kind: 'say', text: '42' },
      { kind: 'say', text: '12.50', prefix: '$' },
    ]);
    expect(heardText(heard)).toBe('welcome.WAV Hi there 42 12.50');
  });

  it('speech plays at 150 words a minute, faster or slower with the TTS rate; files as the tenant says, else 3 s', () => {
    const words = (n: number) => [{ kind: 'tts' as const, text: Array(n).fill('word').join(' ') }];
    expect(promptMs(words(10), { rate: 0 }, () => undefined)).toBe(4000);
    expect(promptMs(words(10), { rate: 5 }, () => undefined)).toBe(2667);
    expect(promptMs(words(1), { rate: 0 }, () => undefined)).toBe(500);
    expect(promptMs([{ kind: 'file', text: 'a.wav' }, { kind: 'file', text: 'b.wav' }], { rate: 0 }, (f) => (f === 'a.wav' ? 1.5 : undefined))).toBe(4500);
  });
});
