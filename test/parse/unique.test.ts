import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseScriptText, parseWholeFile } from '../../src/parse/parse.js';
import { scriptText } from '../graph/arbitraries.js';

describe('grammar', () => {
  it('parses every generated script exactly once, in one pass and action by action alike', () => {
    fc.assert(
      fc.property(scriptText, (text) => {
        // Both throw AmbiguousGrammarError on a second parse.
        const split = parseScriptText(text, 'g.script');
        const whole = parseWholeFile(text, 'g.script');
        expect(split.diagnostics).toEqual([]);
        expect(whole?.actions).toEqual(split.ast.actions);
        expect(whole?.studio).toEqual(split.ast.studio);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('shape cache', () => {
  it('rebuilds actions of a known shape exactly as nearley parses them', () => {
    const text = [
      'script Cache',
      'a: ASSIGN "one" { Variable = x Value = "1" } -> b',
      'b: ASSIGN "two" {\n  Variable = yy\n  Value = "{x} and \\"2\\""\n} -> c',
      'c: IF { Expression = "x > 1" } True -> a False -> b',
      'd: IF { Expression = "y" }\n  True -> c\n  False -> a',
    ].join('\n');
    // The second ASSIGN and the second IF are replayed from the first ones' shapes.
    const first = parseScriptText(text, 'c.script');
    const again = parseScriptText(text, 'c.script');
    const whole = parseWholeFile(text, 'c.script');
    expect(first.diagnostics).toEqual([]);
    expect(first.ast.actions).toEqual(whole!.actions);
    expect(again.ast.actions).toEqual(whole!.actions);
    expect(again.ast.actions[1]!.props[1]!.value).toMatchObject({ value: '{x} and "2"', span: { line: 5, col: 11 } });
  });
});
