import { describe, expect, it } from 'vitest';
import type { CompiledProp } from '../../src/graph/compiled.js';
import { loadScriptText } from '../../src/graph/load.js';

function compiled(action: string) {
  const { script, diagnostics } = loadScriptText(`script T\nstart: BEGIN -> x\nx: ${action}\n`, 't.script');
  expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return script!.compiled.get('x')!;
}

/** A compact view of a compiled property: its kind and what it holds. */
function shape(p: CompiledProp | undefined): unknown {
  if (!p) return undefined;
  switch (p.kind) {
    case 'literal':
      return ['literal', p.value];
    case 'template':
      return ['template', p.template.text];
    case 'expression':
      return ['expression', p.expression.text];
    case 'variable':
      return ['variable', p.name];
    case 'list':
      return ['list', p.items.map(shape)];
  }
}

describe('compiled properties', () => {
  it('compiles each kind as the runtime needs it', () => {
    const c = compiled('ASSIGN { Variable = Total Value = "{a} and {b}" Type = numeric ScreenPop = "TRUE" MaxStringSize = 4K } -> x\n  Overflow -> x');
    expect(shape(c.props.get('Variable'))).toEqual(['variable', 'total']);
    expect(shape(c.props.get('Value'))).toEqual(['template', '{a} and {b}']);
    expect(shape(c.props.get('Type'))).toEqual(['literal', 'Numeric']);
    expect(shape(c.props.get('ScreenPop'))).toEqual(['literal', true]);
    expect(shape(c.props.get('MaxStringSize'))).toEqual(['literal', '4K']);
  });

  it('compiles expressions, paths and numbers', () => {
    expect(shape(compiled('IF { Expression = "a > 1" } True -> x False -> x').props.get('Expression'))).toEqual(['expression', 'a > 1']);
    expect(shape(compiled('CASE { Variable = choice } Default -> x').props.get('Variable'))).toEqual(['expression', 'choice']);
    expect(shape(compiled('WAIT { Seconds = "0,5" } -> x').props.get('Seconds'))).toEqual(['literal', 0.5]);
    expect(shape(compiled('WAIT { Seconds = delay } -> x').props.get('Seconds'))).toEqual(['expression', 'delay']);
  });

  it('compiles lists item by item, and a |-separated string as a list', () => {
    const sub = compiled('RUNSUB { ScriptName = "T" Parameters = [a.b, "{c}", 3, "plain"] ReturnVariable = global:R } -> x');
    expect(shape(sub.props.get('Parameters'))).toEqual(['list', [['expression', 'a.b'], ['template', '{c}'], ['literal', 3], ['literal', 'plain']]]);
    expect(shape(sub.props.get('ReturnVariable'))).toEqual(['variable', 'global:r']);
    const begin = loadScriptText('script T\nstart: BEGIN { Parameters = "one|Two" } -> e\ne: END', 't').script!;
    expect(shape(begin.compiled.get('start')!.props.get('Parameters'))).toEqual(['list', [['variable', 'one'], ['variable', 'two']]]);
  });

  it('splits a |-separated string outside substitutions only', () => {
    const sub = compiled('RUNSUB { ScriptName = "T" Parameters = "a|{x | y}|b" } -> x');
    expect(shape(sub.props.get('Parameters'))).toEqual(['list', [['literal', 'a'], ['template', '{x | y}'], ['literal', 'b']]]);
  });

  it('keeps escaped braces for the template compiler', () => {
    const c = compiled('ASSIGN { Variable = a Value = "\\{literal\\}" } -> x');
    expect(shape(c.props.get('Value'))).toEqual(['template', '\\{literal\\}']);
  });

  it('compiles SNIPPET code', () => {
    const c = compiled('SNIPPET {\n  a = 1\n} -> x');
    expect(typeof c.snippet?.run).toBe('function');
  });
});
