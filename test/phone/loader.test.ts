// Load-time rules of phone scripts: prompt sequences parsed and located,
// event actions as entry points with Studio's rules.
import { describe, expect, it } from 'vitest';
import { analyzeScript } from '../../src/graph/analyze.js';

/** `line:col CODE message` of each diagnostic, plus the text it points at. */
function check(body: string): string[] {
  const text = `script Main\ntype Phone\nstart: BEGIN -> a\n${body}`;
  return analyzeScript(text, 'Main.script').diagnostics.map((d) => {
    const line = text.split('\n')[d.span.line - 1] ?? '';
    return `${d.span.line}:${d.span.col} ${d.code} ${d.message} @ ${line.slice(d.span.col - 1, d.span.col - 1 + (d.span.length ?? 1))}`;
  });
}

describe('prompt sequences at load time', () => {
  it('a good sequence, in Studio text or as a list, loads without a word', () => {
    expect(check('a: PLAY { Sequence = "\\"%Hello {name}\\" \\"beep.wav\\"" } -> b\nb: PLAY { Sequence = ["%Bye", "{file}"] } -> c\nc: END\n')).toEqual([]);
  });

  it('locates each problem at its character in the file, escapes included', () => {
    expect(check('a: PLAY { Sequence = "\\"%Hi\\" there \\"x.wav\\"" } -> c\nc: END\n')).toEqual([
      '4:31 E-PROMPT-SYNTAX text outside quotes: each prompt segment is written in double quotes, e.g. "%there" for speech or "file.wav" for a recording @ there',
    ]);
    expect(check('a: MENU { Sequence = "\\"%Press 1" } -> c\nc: END\n')).toEqual([
      '4:23 E-PROMPT-SYNTAX prompt segment is not closed: a double quote is missing at its end @ \\"%Press 1',
    ]);
    expect(check('a: PLAY { Sequence = ["%ok", ""] } -> c\nc: END\n')).toEqual(['4:30 E-PROMPT-EMPTY empty prompt segment: write text after % for speech, or a file name @ ""']);
    expect(check(`a: PLAY { Sequence = ["%${'a'.repeat(301)}"] } -> c\nc: END\n`)[0]).toMatch(/^4:24 E-PROMPT-TTS-LENGTH text-to-speech segment of 301 characters/);
  });

  it('a substitution that does not compile is located inside the segment', () => {
    const [d] = check('a: PLAY { Sequence = ["%Hi {name.}"] } -> c\nc: END\n');
    expect(d).toMatch(/^4:\d+ E-SNIPPET/);
  });

  it('a segment that is neither speech nor an audio file is a warning', () => {
    expect(check('a: PLAY { Sequence = ["Hello"] } -> c\nc: END\n')).toEqual([
      '4:24 W-PROMPT-FILE "Hello" plays an audio file of that name, which has no .wav extension; for speech, start the segment with % @ Hello',
    ]);
  });

  it('a number is not a sequence', () => {
    expect(check('a: PLAY { Sequence = 5 } -> c\nc: END\n')[0]).toContain('E-SCHEMA-TYPE PLAY Sequence expects a prompt sequence');
  });
});

describe('event actions at load time', () => {
  it('are entry points: not unreachable; their flows may simply end (the run ends, or waits for the next event)', () => {
    expect(check('a: END\ngone: ONRELEASE -> log\nlog: SNIPPET { ASSIGN x = 1 }\nanswered: ONANSWER\n')).toEqual([]);
  });

  it('one of each per script', () => {
    expect(check('a: END\nr1: ONRELEASE\nr2: ONRELEASE\ns1: ONSIGNAL\ns2: ONSIGNAL\n')).toEqual([
      "6:1 E-GRAPH-MULTIPLE-EVENT a script has one ONRELEASE; 'r1' is already one (line 5) @ r2",
      "8:1 E-GRAPH-MULTIPLE-EVENT a script has one ONSIGNAL; 's1' is already one (line 7) @ s2",
    ]);
  });

  it('nothing branches to an event action', () => {
    expect(check('a: WAIT -> gone\ngone: ONRELEASE\n')).toEqual([
      "4:9 E-GRAPH-EVENT-TARGET branch to 'gone': ONRELEASE is an event action that starts its own branch when its event happens; nothing branches to it @ -> gone",
    ]);
  });

  it('after ONRELEASE: media and RUNSUB draw warnings', () => {
    expect(check('a: END\ngone: ONRELEASE -> bye\nbye: PLAY { Sequence = ["%Bye"] } -> sub\nsub: RUNSUB { ScriptName = "Main" }\n')).toEqual([
      "6:1 W-MEDIA-AFTER-RELEASE PLAY 'bye' runs after ONRELEASE, when the call is gone: Studio allows no media there, and it plays nothing @ bye",
      "7:1 W-CALL-AFTER-RELEASE RUNSUB 'sub' runs after ONRELEASE; Studio advises against RUNSUB and RUNSCRIPT there @ sub",
    ]);
  });

  it('an event action is not a second BEGIN: a script still needs its BEGIN', () => {
    const d = analyzeScript('script Main\ntype Phone\ngone: ONRELEASE -> x\nx: END\n', 'Main.script').diagnostics;
    expect(d.map((x) => x.code)).toEqual(['E-GRAPH-NO-BEGIN']);
  });
});
