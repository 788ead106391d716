import { describe, expect, it } from 'vitest';
import { loadScriptText } from '../../src/graph/load.js';

/** [code, line, col] of every diagnostic, plus the messages for assertions on wording. */
function check(body: string, header = 'script T\n') {
  const { diagnostics } = loadScriptText(header + body, 't.script');
  return {
    where: diagnostics.map((d) => [d.code, d.span.line, d.span.col]),
    messages: diagnostics.map((d) => d.message),
  };
}

const OK_START = 'start: BEGIN -> e\ne: END\n';

describe('load-time diagnostics', () => {
  it('accepts a valid script without diagnostics', () => {
    expect(check(OK_START).where).toEqual([]);
  });

  it.each([
    // [rule, script body after `script T`, expected [code, line, col], message fragment]
    ['unknown media type', 'type Phnoe\n' + OK_START, ['E-GRAPH-MEDIA-TYPE', 2, 6], 'did you mean Phone?'],
    ['unknown action type: kept as an opaque action, with a warning', OK_START + 'x: ASIGN -> e\n', ['W-OPAQUE-ACTION', 4, 4], "unknown action type 'ASIGN' (did you mean ASSIGN?): it is kept as written"],
    ['unknown version: kept as an opaque action', OK_START + 'x: ASSIGN v2 { Variable = a } -> e\n', ['W-OPAQUE-ACTION', 4, 4], 'the emulator does not run ASSIGN v2 (ASSIGN has no versions)'],
    ['a Studio action not run yet: kept as an opaque action', OK_START + 'x: LOCATE -> e\n', ['W-OPAQUE-ACTION', 4, 4], 'LOCATE is a Studio action the emulator does not run yet: it is kept as written (an opaque action), and a run that reaches it needs a stub'],
    ['a known type followed by an uppercase word', OK_START + 'x: IF TRUE -> e\n', ['E-GRAPH-UNKNOWN-ACTION', 4, 4], 'True -> label'],
    ['unknown property', OK_START + 'x: ASSIGN {\n  Variable = a\n  Valeu = 1\n} -> e\n', ['E-SCHEMA-UNKNOWN-PROP', 6, 3], 'did you mean Value?'],
    ['duplicate property', OK_START + 'x: ASSIGN { Variable = a variable = b } -> e\n', ['E-SCHEMA-DUPLICATE-PROP', 4, 26], 'set twice'],
    ['missing required property', OK_START + 'x: ASSIGN { Value = 1 } -> e\n', ['E-SCHEMA-MISSING-PROP', 4, 1], 'needs property Variable'],
    ['wrong literal type', OK_START + 'x: WAIT { Seconds = "soon" } -> e\n', ['E-SCHEMA-TYPE', 4, 21], 'expects a number, found the string "soon"'],
    ['boolean expected', OK_START + 'x: ASSIGN { Variable = a ScreenPop = "maybe" } -> e\n', ['E-SCHEMA-TYPE', 4, 38], 'expects true or false'],
    ['value outside an enum', OK_START + 'x: ASSIGN { Variable = a Type = Numerik } -> e\n', ['E-SCHEMA-ENUM', 4, 33], 'did you mean Numeric?'],
    ['number below its minimum', OK_START + 'x: WAIT { Seconds = -1 } -> e\n', ['E-SCHEMA-RANGE', 4, 21], 'at least 0'],
    ['bad variable name', OK_START + 'x: ASSIGN { Variable = a.b } -> e\n', ['E-SCHEMA-VARIABLE', 4, 24], 'not a variable name'],
    ['list where text is expected', OK_START + 'x: ASSIGN { Variable = a Value = [1, 2] } -> e\n', ['E-SCHEMA-TYPE', 4, 34], 'expects text, found a list'],
    ['unknown branch', OK_START + 'x: IF { Expression = "1" }\n  True -> e\n  Flase -> e\n', ['E-GRAPH-UNKNOWN-BRANCH', 6, 3], 'did you mean False?'],
    ['Default on an action without one', OK_START + 'x: IF { Expression = "1" } -> e\n', ['E-GRAPH-UNKNOWN-BRANCH', 4, 28], 'IF has no Default branch'],
    ['branch on END', 'start: BEGIN -> e\ne: END -> start\n', ['E-GRAPH-UNKNOWN-BRANCH', 3, 8], 'END ends the script'],
    ['value branch on a non-CASE action', OK_START + 'x: IF { Expression = "1" }\n  True -> e\n  False -> e\n  "a" -> e\n', ['E-GRAPH-UNKNOWN-BRANCH', 7, 3], 'IF has no value branches'],
    ['duplicate branch', OK_START + 'x: IF { Expression = "1" }\n  True -> e\n  true -> e\n  False -> e\n', ['E-GRAPH-DUPLICATE-BRANCH', 6, 3], 'routed twice'],
    ['branch target that is not a label', 'start: BEGIN -> ned\ne: END\n', ['E-GRAPH-UNKNOWN-TARGET', 2, 17], "'ned' is not a label in this script"],
    ['duplicate label', OK_START + 'e: END\n', ['E-GRAPH-DUPLICATE-LABEL', 4, 1], "label 'e' is already used at line 3"],
    ['two BEGINs', OK_START + 'again: BEGIN -> e\n', ['E-GRAPH-MULTIPLE-BEGIN', 4, 1], 'one BEGIN'],
    ['snippet syntax error located in the file (a warning: the run takes Error)', 'start: BEGIN -> s\ns: SNIPPET {\n  x = = 3\n} -> e\ne: END\n', ['W-SNIPPET-COMPILE', 4, 7], 'E-SNIPPET-SYNTAX'],
    ['snippet ending mid-statement, located at the end of that line', 'start: BEGIN -> s\ns: SNIPPET {\n  x = 1 +\n\n} -> e\ne: END\n', ['W-SNIPPET-COMPILE', 4, 10], 'unexpected end of snippet'],
    ['braces in an expression', 'start: BEGIN -> i\ni: IF { Expression = "{x} > 1" }\n  True -> e\n  False -> e\ne: END\n', ['E-SNIPPET-SYNTAX', 3, 23], 'an expression names variables without braces: x > 1'],
    ['expression syntax error located in the file', 'start: BEGIN -> i\ni: IF { Expression = "a >" }\n  True -> e\n  False -> e\ne: END\n', ['E-SNIPPET-SYNTAX', 3, 26], 'unexpected end of expression'],
  ])('%s', (_rule, body, [code, line, col], fragment) => {
    const r = check(body);
    const found = r.where.findIndex(([c]) => c === code);
    expect(r.where, `expected ${code}`).toContainEqual([code, line, col]);
    expect(r.messages[found]).toContain(fragment);
  });

  it('reports a script without BEGIN', () => {
    expect(check('e: END\n').where).toEqual([['E-GRAPH-NO-BEGIN', 2, 1]]);
  });

  it('follows the first of two actions sharing a label, so a duplicate does not hide what is reachable', () => {
    expect(check('start: BEGIN -> one\none: ASSIGN { Variable = x Value = "1" } -> two\ntwo: END\nstart: END\n').where).toEqual([
      ['E-GRAPH-DUPLICATE-LABEL', 5, 1],
    ]);
  });

  it('warns about an unreachable action', () => {
    expect(check(OK_START + 'lost: END\n').where).toEqual([['W-UNREACHABLE', 4, 1]]);
  });

  it('warns when an outcome is not routed and there is no Default', () => {
    const r = check('start: BEGIN -> i\ni: IF { Expression = "1" }\n  True -> e\ne: END\n');
    expect(r.where).toEqual([['W-UNROUTED', 3, 1]]);
    expect(r.messages[0]).toContain('False is not routed');
  });

  it('does not warn when Default catches the other outcomes', () => {
    expect(check('start: BEGIN -> r\nr: RUNSUB { ScriptName = "T" } -> e\ne: END\n').where).toEqual([]);
  });

  it('warns about a CASE without Default', () => {
    const r = check('start: BEGIN -> c\nc: CASE { Variable = x }\n  "a" -> e\ne: END\n');
    expect(r.where).toEqual([['W-UNROUTED', 3, 1]]);
    expect(r.messages[0]).toContain('no Default branch');
  });

  it('says what an unwired REQAGENT does on a call: the caller waits for an agent in silence', () => {
    const r = check('start: BEGIN -> q\nq: REQAGENT { Skill = 2001 }\n', 'script T\ntype Phone\n');
    expect(r.where).toEqual([['W-UNROUTED', 4, 1]]);
    expect(r.messages[0]).toContain('the caller waits in the queue with no hold music or announcements until an agent answers');
    expect(r.messages[0]).not.toContain('stuck after it');
  });

  it('reports every problem of a file in one pass', () => {
    const r = check('start: BEGIN -> nowhere\nx: ASIGN\ny: WAIT { Seconds = "x" }\nz: IF { Expression = "1" } Flase -> y\n');
    expect(r.where.map(([c]) => c).sort()).toEqual(
      ['W-OPAQUE-ACTION', 'E-GRAPH-UNKNOWN-BRANCH', 'E-GRAPH-UNKNOWN-TARGET', 'E-SCHEMA-TYPE', 'W-UNREACHABLE', 'W-UNREACHABLE', 'W-UNREACHABLE', 'W-UNROUTED'].sort(),
    );
  });

  it('does not report targets naming an action that failed to parse', () => {
    const r = check('start: BEGIN -> broken\nbroken: ASSIGN { = }\n');
    expect(r.where).toEqual([['E-PARSE-SYNTAX', 3, 18]]);
  });

  it('hints at branch spelling when an UPPERCASE branch was read as part of the type', () => {
    const r = check(OK_START + 'x: IF { Expression = "1" } -> e\ny: LOOP FINISHED -> e\n');
    expect(r.messages.join('\n')).toContain('branch names are written in their Studio spelling, e.g. Finished -> label');
  });

  it('suggests writing CASE values as strings', () => {
    const r = check('start: BEGIN -> c\nc: CASE { Variable = x }\n  sales -> e\n  Default -> e\ne: END\n');
    expect(r.messages[0]).toContain('"sales" -> e');
  });
});

describe('custom actions', () => {
  it('loads scripts against a registry extended with defineAction modules', async () => {
    const { builtinRegistry } = await import('../../src/actions/registry.js');
    const { defineAction, number, text } = await import('../../src/actions/define.js');
    const sendSms = defineAction({
      type: 'SEND SMS',
      description: 'Sends a text message.',
      props: { To: text({ required: true }), Retries: number({ min: 0, max: 5 }) },
      branches: ['Default', 'OnError'],
      errorBranch: 'OnError',
      execute: (ctx) => ctx.branch('Default'),
    });
    const script = 'script T\nstart: BEGIN -> sms\nsms: SEND SMS { To = "{ani}" Retries = 9 } -> e\ne: END\n';
    expect(loadScriptText(script, 't.script').diagnostics.map((d) => d.code)).toEqual(['W-OPAQUE-ACTION']);
    const withSms = loadScriptText(script, 't.script', { registry: builtinRegistry().with([sendSms]) });
    expect(withSms.diagnostics.map((d) => [d.code, d.span.line, d.span.col, d.message])).toEqual([
      ['E-SCHEMA-RANGE', 3, 40, 'SEND SMS Retries must be at most 5, found 9'],
    ]);
  });
});
