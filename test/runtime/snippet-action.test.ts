// The SNIPPET action in a real run: variables a snippet removes (FOREACH
// iterators), assignments kept before a run-time error, and the line numbers
// `_err` names, counted as a Studio user counts them.
import { describe, expect, test } from 'vitest';
import type { TraceEvent } from '../../src/runtime/result.js';
import { createRuntime } from '../../src/runtime/runtime.js';
import { loadScriptText } from '../../src/graph/load.js';
import { NOW, scriptSet } from './helpers.js';

async function runMain(text: string, vars: Record<string, string | number> = {}) {
  const runtime = createRuntime({ scripts: scriptSet([text]), now: NOW });
  const events: TraceEvent[] = [];
  runtime.on('var.set', (e) => events.push(e));
  const result = await runtime.run('Main', { vars });
  return { result, sets: events as Extract<TraceEvent, { type: 'var.set' }>[] };
}

const snippetScript = (body: string, before = '') => `script Main

start: BEGIN -> ${before ? 'init' : 'calc'}
${before}
calc: SNIPPET "Work" {${body}}
  Default -> done
  Error -> done

done: END
`;

describe('SNIPPET removed variables', () => {
  test('a FOREACH iterator that overwrote a script variable no longer exists after the snippet', async () => {
    const body = `
  list = "a|b|c"
  seen = ""
  FOREACH item IN list {
    seen = "{seen}{item}"
  }
`;
    const { result, sets } = await runMain(snippetScript(body), { item: 'before' });
    expect(result.status).toBe('completed');
    expect(result.variables.seen).toBe('abc');
    expect(result.variables).not.toHaveProperty('item');
    const removal = sets.find((e) => e.name === 'item');
    expect(removal).toMatchObject({ scope: 'local', old: 'before', value: null, removed: true });
  });

  test('an iterator that never existed outside the snippet gives no event and no variable', async () => {
    const body = `
  total = 0
  nums = "1|2|3"
  FOREACH n IN nums {
    total = total + n
  }
`;
    const { result, sets } = await runMain(snippetScript(body));
    expect(result.variables.total).toBe(6);
    expect(result.variables).not.toHaveProperty('n');
    expect(sets.filter((e) => e.removed)).toEqual([]);
  });

  test('an iterator named like a global removes the global', async () => {
    const before = `init: SNIPPET {
  global:item = "g"
} -> calc
`;
    const body = `
  xs = "x|y"
  FOREACH item IN xs {
    last = item
  }
`;
    const { result, sets } = await runMain(snippetScript(body, before));
    expect(result.variables.last).toBe('y');
    expect(result.globals).not.toHaveProperty('item');
    expect(sets.find((e) => e.removed)).toMatchObject({ name: 'item', scope: 'global', old: 'g' });
  });
});

describe('SNIPPET run-time errors', () => {
  test('assignments before the failing line stay; the failing one is not made; Error is taken', async () => {
    const { result } = await runMain(snippetScript('\n  a = 1\n  b = a / 0\n'));
    expect(result.path).toEqual(['Main.start', 'Main.calc', 'Main.done']);
    expect(result.variables.a).toBe(1);
    expect(result.variables).not.toHaveProperty('b');
    expect(result.lastError).toBe('Line 2: Division by zero');
  });

  test('a variable the failing line would have changed keeps its value', async () => {
    const { result } = await runMain(snippetScript('\n  a = 1\n  b = a / 0\n'), { b: 'unchanged' });
    expect(result.variables).toMatchObject({ a: 1, b: 'unchanged' });
  });

  test.each([
    ['code on the line after the brace', '\n  a = 1\n  b = a / 0\n', 2],
    ['code on the line of the brace', ' a = 1\n  b = a / 0\n', 2],
    ['a blank line inside the code counts', '\n  a = 1\n\n  b = a / 0\n', 3],
    ['CRLF line ends', '\r\n  a = 1\r\n  b = a / 0\r\n', 2],
    ['a failing first line', '\n  b = 1 / 0\n', 1],
    ['a comment line counts', '\n  // divide\n  b = 1 / 0\n', 2],
  ])('_err names the line as Studio counts it: %s', async (_name, body, line) => {
    const { result } = await runMain(snippetScript(body));
    expect(result.variables._err ?? result.lastError).toBe(`Line ${line}: Division by zero`);
    expect(result.lastError).toBe(`Line ${line}: Division by zero`);
  });
});

describe('SNIPPET code that does not compile', () => {
  test.each([
    ['a syntax error', '\n  a = 1\n  b = = 2\n', 'Line 2: ', 'E-SNIPPET-SYNTAX'],
    ['a wrong argument count', '\n  a = 1\n  b = left("abc")\n', 'Line 2: left takes 2 arguments', 'E-SNIPPET-ARITY'],
    ['an unknown function', '\n  a = 1\n  b = nosuch(a)\n', 'Line 2: Unknown function nosuch', 'E-SNIPPET-UNKNOWN-FUNCTION'],
  ])('%s: the script loads with a warning, the run takes Error with _ERR set and runs no statement', async (_name, body, message, code) => {
    const { diagnostics } = loadScriptText(snippetScript(body), 'Main.script');
    expect(diagnostics.map((d) => [d.code, d.severity, d.message.split(' ')[0]])).toEqual([['W-SNIPPET-COMPILE', 'warning', code]]);
    const { result } = await runMain(snippetScript(body));
    expect(result.status).toBe('completed');
    expect(result.path).toEqual(['Main.start', 'Main.calc', 'Main.done']);
    expect(result.variables).not.toHaveProperty('a');
    expect(result.lastError).toContain(message);
  });
});
