// The evaluation API the loader and the runtime use: spans in the .script
// file, the result's parts, and errors from expressions and templates.
import { describe, expect, test } from 'vitest';
import { compileExpression, compileSnippet, compileTemplate, SnippetEvalError } from '../../src/snippet/index.js';
import { makeEnv } from './env.js';

// The snippet body starts at line 12, column 5 (offset 200) of main.script.
const origin = { file: 'main.script', span: { file: 'main.script', line: 12, col: 5, offset: 200 } };

describe('compileSnippet', () => {
  test('a run-time error is located in the file and names the snippet line', () => {
    const code = 'a = 1\n  b = a / 0\nc = 3';
    const c = compileSnippet(code, origin);
    if (!c.ok) throw new Error('should compile');
    const r = c.value.run(makeEnv());
    expect(r.error).toEqual({
      code: 'E-SNIPPET-DIV-ZERO',
      message: 'Line 2: Division by zero',
      span: { file: 'main.script', line: 13, col: 3, offset: 208, length: 1 },
    });
    expect([...r.assignments]).toEqual([['a', 1]]);
  });

  test('an error on the first line is offset by the origin column', () => {
    const c = compileSnippet('x = nothing[0]', origin);
    if (!c.ok) throw new Error('should compile');
    const r = c.value.run(makeEnv());
    expect(r.error?.span).toMatchObject({ line: 12, col: 5 });
  });

  test('the result holds assignments in order, globals, trace, effects and removed iterators', () => {
    const code = ['z = 1', 'global:g = "G"', 'item = 0', 'list = "a|b"', 'FOREACH item IN list { TRACE item }', 'z.savetodb()', 'a = 2'].join('\n');
    const c = compileSnippet(code, origin);
    if (!c.ok) throw new Error('should compile');
    const r = c.value.run(makeEnv());
    expect([...r.assignments.keys()]).toEqual(['z', 'list', 'a']);
    expect([...r.globals]).toEqual([['g', 'G']]);
    expect(r.trace).toEqual(['a', 'b']);
    expect(r.savedToDb).toEqual([{ name: 'z', value: 1 }]);
    expect(r.removed).toEqual(['item']);
    expect(r.http).toEqual([]);
    expect(r.error).toBeUndefined();
  });

  test('REST proxy exchanges are recorded with credentials masked', () => {
    const url = 'https://api.example.com/orders?token=s3cr3t&page=1';
    const code = ['proxy = GetRESTProxy()', `res = proxy.MakeRestRequest("${url}", "", 0, "GET")`].join('\n');
    const c = compileSnippet(code, origin);
    if (!c.ok) throw new Error('should compile');
    const r = c.value.run(makeEnv({ http: [{ url, body: { id: 7 } }] }));
    expect(r.error).toBeUndefined();
    expect(r.http).toEqual([{ method: 'GET', url: 'https://api.example.com/orders?token=***&page=1', status: 200 }]);
  });

  test('a compiled snippet runs many times, each run independent', () => {
    const c = compileSnippet('n = n + 1', origin);
    if (!c.ok) throw new Error('should compile');
    expect(c.value.run(makeEnv({ vars: { n: 1 } })).assignments.get('n')).toBe(2);
    expect(c.value.run(makeEnv({ vars: { n: 10 } })).assignments.get('n')).toBe(11);
  });
});

describe('compileExpression and compileTemplate', () => {
  test('evaluation errors are SnippetEvalError with a code and the origin span', () => {
    const e = compileExpression('total / count', origin);
    if (!e.ok) throw new Error('should compile');
    let err: unknown;
    try {
      e.value.evaluate(makeEnv({ vars: { total: 5, count: 0 } }));
    } catch (x) {
      err = x;
    }
    expect(err).toBeInstanceOf(SnippetEvalError);
    expect(err).toMatchObject({ code: 'E-SNIPPET-DIV-ZERO', span: origin.span });
    expect((err as Error).message).toBe('Division by zero (in expression "total / count")');
  });

  test('expressions never write variables, even through method calls', () => {
    const e = compileExpression('list.append("x")', origin);
    if (!e.ok) throw new Error('should compile');
    const env = makeEnv({ vars: { list: 'a' } });
    expect(e.value.evaluate(env)).toBe('ax');
    expect(env.vars.get('list')).toBe('a');
  });

  test('a template keeps its text and reports syntax errors at their column', () => {
    const t = compileTemplate('Hi {name}', origin);
    expect(t.ok && t.value.text).toBe('Hi {name}');
    const bad = compileTemplate('Hi {name +}', origin);
    expect(bad.ok).toBe(false);
    expect(bad.diagnostics[0]!.span).toMatchObject({ line: 12, col: 15 });
  });
});
