import { describe, expect, it } from 'vitest';
import { parseCallerDuration, parseCallerScript, type CallerStep } from '../../src/phone/caller-script.js';

const steps = (input: string | string[]): CallerStep[] => {
  const r = parseCallerScript(input);
  if (!r.ok) throw new Error(r.problems.map((p) => p.message).join('; '));
  return r.script.steps;
};
const problems = (input: string | string[]) => {
  const r = parseCallerScript(input);
  if (r.ok) throw new Error('expected problems');
  return r.problems;
};

describe('caller script syntax', () => {
  it('reads every step kind from one text, separated by ; and new lines', () => {
    const s = steps('at mainMenu; press 2\nwait 1.5s; hear "account number"; press 12345# gap 500ms\nafter Sub.capture; hangup');
    expect(s.map(formatStep)).toEqual(['at mainMenu', 'press 2', 'wait 1.5s', 'hear "account number"', 'press 12345# gap 0.5s', 'after Sub.capture', 'hangup']);
  });

  it('reads the list form of test files, several steps per item allowed', () => {
    expect(steps(['press 1', 'wait 2s; press 2', 'silent']).map((s) => s.kind)).toEqual(['press', 'wait', 'press', 'silent']);
  });

  it('keeps ; inside quotes and patterns', () => {
    const [hear1, hear2] = steps('hear "a; b"; hear /c;d/i');
    expect(hear1).toMatchObject({ kind: 'hear', text: 'a; b' });
    expect(hear2).toMatchObject({ kind: 'hear', pattern: { source: 'c;d', flags: 'i' } });
  });

  it('accepts unquoted hear text, "hang up" and "silence"', () => {
    expect(steps('hear press 1 for sales; hang up').map(formatStep)).toEqual(['hear "press 1 for sales"', 'hangup']);
    expect(steps('silence')[0]!.kind).toBe('silent');
  });

  it('takes "hangup at" as a deadline outside the step order', () => {
    const r = parseCallerScript('hangup at 45s; press 1');
    expect(r.ok && r.script).toMatchObject({ hangUpAfterMs: 45_000, steps: [{ kind: 'press' }] });
  });

  it('locates each mistake in its text and item', () => {
    expect(problems('press 2; pres 3; wait soon')).toEqual([
      { message: 'unknown step "pres"; did you mean "press"? (steps: press, wait, at, after, hear, say, hangup, silent)', at: { item: 0, offset: 9, length: 4 } },
      { message: '"soon" is not a duration (5s, 1.5s, 500ms, 1m30s)', at: { item: 0, offset: 22, length: 4 } },
    ]);
    expect(problems(['press 1', 'press 12x'])).toEqual([{ message: '"12x" is not a key sequence: keys are 0-9, * and #', at: { item: 1, offset: 6, length: 3 } }]);
  });

  it.each([
    ['press', '"press" needs the keys to press, e.g. "press 2" or "press 1234#"'],
    ['wait', '"wait" needs a duration, e.g. "wait 5s"'],
    ['at', '"at" needs an action label, e.g. "at mainMenu"'],
    ['at a b', '"a b" is not an action label (label or Script.label)'],
    ['hear', '"hear" needs the text of a prompt, e.g. hear "account number" or hear /press \\d/'],
    ['hear "open', 'the quoted text is not closed: write hear "text"'],
    ['hear /(/', 'invalid pattern /(/: Invalid regular expression: /(/: Unterminated group'],
    ['hangup later', '"hangup later": expected "hangup" alone, or "hangup at 45s" (a time after the call starts)'],
    ['hang on', 'unknown step "hang on"; did you mean "hangup"?'],
    ['silent 5s', '"silent" takes nothing after it (to stay silent for a while, write "wait 5s")'],
    ['press 1 gap x', '"x" is not a duration (2s, 1.5s, 500ms)'],
    ['hangup at 1s; hangup at 2s', 'only one "hangup at" is allowed: the caller hangs up once'],
  ])('%s is an error', (input, message) => {
    expect(problems(input)[0]!.message).toBe(message);
  });

  it('an empty script is a caller who stays silent', () => {
    expect(steps('')).toEqual([]);
    expect(steps([' ; '])).toEqual([]);
  });

  it('reads durations', () => {
    expect(parseCallerDuration('2')).toBe(2000);
    expect(parseCallerDuration('1m30s')).toBe(90_000);
    expect(parseCallerDuration('250ms')).toBe(250);
    expect(parseCallerDuration('1.5s')).toBe(1500);
    expect(parseCallerDuration('5x')).toBeUndefined();
  });
});

/** A step written back as text: the parser's inverse, to read what it understood. */
function formatStep(step: CallerStep): string {
  switch (step.kind) {
    case 'press':
      return step.gapMs ? `press ${step.digits} gap ${step.gapMs / 1000}s` : `press ${step.digits}`;
    case 'wait':
      return `wait ${step.ms / 1000}s`;
    case 'at':
    case 'after':
      return `${step.kind} ${step.label}`;
    case 'hear':
      return step.pattern ? `hear ${step.text}` : `hear "${step.text}"`;
    case 'say':
      return step.text ? `say "${step.text}"` : `say ${step.ms / 1000}s`;
    case 'hangup':
    case 'silent':
      return step.kind;
  }
}

