// Everything user input reaches runs in linear time and honours the size
// limits, checked by what the work costs (copies made, a value refused), never
// by a stopwatch: objects grow in place, the 32 KB object limit holds on every
// write, numeric text and getvalue paths are read in one pass.
import { describe, expect, it } from 'vitest';
import { compileSnippet } from '../../src/snippet/index.js';
import { copied } from '../../src/snippet/paths.js';
import { run } from '../runtime/helpers.js';
import { makeEnv, type EnvOptions } from '../snippet/env.js';

function runSnippet(code: string, env: EnvOptions = {}) {
  const compiled = compileSnippet(code, { file: 's.script', span: { file: 's.script', line: 1, col: 1, offset: 0 } });
  if (!compiled.ok) throw new Error(compiled.diagnostics.map((d) => d.message).join('\n'));
  return compiled.value.run(makeEnv({ maxStringSize: 32768, ...env }));
}

describe('objects and arrays grow in amortised constant time', () => {
  it.each([
    ['an array element by element', 'DYNAMIC d\nFOR i = 1 TO 5000 {\n  d.list[i] = 1\n}'],
    ['an object member by member', 'DYNAMIC d\nFOR i = 1 TO 2000 {\n  d.m["k{i}"] = i\n}'],
    ['an array by append', 'DYNAMIC d\nd.list[1] = 0\nFOR i = 1 TO 5000 {\n  d.list.append(i)\n}'],
    ['an array of objects', 'DYNAMIC d\nFOR i = 1 TO 1000 {\n  d.rows[i].id = i\n}'],
  ])('building %s copies each member at most a few times', (_what, code) => {
    const before = copied.members;
    const result = runSnippet(code);
    expect(result.error).toBeUndefined();
    // Copy-on-write of the whole object per write would copy about n²/2 members (millions here).
    expect(copied.members - before).toBeLessThan(100);
  });

  it('still copies a value another variable refers to, so neither sees the other change', () => {
    const r = runSnippet('DYNAMIC a\na.x[1] = 1\nb = a\na.x[2] = 2\nb.x[1] = 9\nc = a.x\nc[3] = 3');
    expect(r.error).toBeUndefined();
    const v = Object.fromEntries(r.assignments);
    expect(v.a).toEqual({ x: [1, 2] });
    expect(v.b).toEqual({ x: [9] });
    expect(v.c).toEqual([1, 2, 3]);
  });

  it('never changes a value that came from the script (run state)', () => {
    const vars = { d: { list: [1, 2] } };
    const r = runSnippet('d.list[3] = 3\nd.list.append(4)', { vars });
    expect(r.error).toBeUndefined();
    expect(Object.fromEntries(r.assignments).d).toEqual({ list: [1, 2, 3, 4] });
    expect(vars.d.list).toEqual([1, 2]);
  });
});

describe('the 32 KB object limit holds on every write path', () => {
  it.each([
    ['path writes', 'DYNAMIC d\nFOR i = 1 TO 80000 {\n  d.list[i] = 1\n}'],
    ['append', 'DYNAMIC d\nd.l[1] = 1\nFOR i = 1 TO 80000 {\n  d.l.append(i)\n}'],
    ['a member holding another object', 'DYNAMIC a\nFOR i = 1 TO 700 {\n  a.v[i] = "0123456789012345678901234567890123456789012345"\n}'],
  ])('%s stop at the limit with E-SNIPPET-OBJECT-SIZE, the variable keeping its last good value', (_what, code) => {
    const r = runSnippet(code);
    expect(r.error?.code).toBe('E-SNIPPET-OBJECT-SIZE');
    expect(r.error?.message).toMatch(/over the 32768-byte object limit/);
    const [value] = [...r.assignments.values()];
    expect(JSON.stringify(value).length).toBeLessThanOrEqual(32768);
  });

  it('objects nested past the limit are refused', () => {
    const r = runSnippet('DYNAMIC d\nFOR i = 1 TO 200 {\n  x = d\n  DYNAMIC d\n  d.child = x\n}');
    expect(r.error?.code).toBe('E-SNIPPET-OBJECT-DEPTH');
  });

  it('an object assigned into itself in a loop is refused at the depth limit, at once', () => {
    // Written in place, `d.id = d` once made the object contain itself, and the depth check then never ended.
    const r = runSnippet('DYNAMIC d\nWHILE 1 = 1 {\n  d.id = d\n}', { maxLoopIterations: 2000 });
    expect(r.error?.code).toBe('E-SNIPPET-OBJECT-DEPTH');
    expect(r.error?.message).toMatch(/more than 100 levels deep/);
  });
});

describe('one pass over user text', () => {
  it('numeric text of 30,000 digits converts, and almost-numeric text does not', () => {
    const digits = '7'.repeat(30_000);
    const r = runSnippet(`a = "${digits}" + 0\nb = "${digits}x" + 0\nc = "  -1.5e3  " + 0\nd = "1." + 0\ne = "." + 0`);
    expect(r.error).toBeUndefined();
    const v = Object.fromEntries(r.assignments);
    expect(v.a).toBe(Infinity);
    expect(v.b).toBe(0);
    expect(v.c).toBe(-1500);
    expect(v.d).toBe(1);
    expect(v.e).toBe(0);
  });

  it('getvalue reads a crafted 6,000-character path as invalid, and quoted and indexed paths as before', () => {
    const r = runSnippet(`DYNAMIC d = $"\\{\\"a b\\": \\{\\"c\\": [5, 6]}}"\nx = d.getvalue("['a b'].c[2]")\ny = d.getvalue("[${' '.repeat(6000)}")`);
    expect(r.error?.message).toMatch(/invalid path/);
    expect(Object.fromEntries(r.assignments).x).toBe(6);
  });

  it('replace refuses a result past MaxStringSize before building it', () => {
    const r = runSnippet(`t = "${'a'.repeat(20_000)}"\nb = "${'b'.repeat(20_000)}"\nx = replace(t, "a", b)`);
    expect(r.error?.code).toBe('E-SNIPPET-STRING-SIZE');
  });
});

describe('ASSIGN overflow', () => {
  it('takes Overflow with _ERR naming the size, and keeps the old value', async () => {
    const result = await run([
      `script Big
start: BEGIN -> set
set: ASSIGN { Variable = x  Value = "old" } -> big
big: ASSIGN { Variable = x  Value = "${'z'.repeat(3000)}" }
  Overflow -> done
  Default -> done
done: END
`,
    ]);
    expect(result.variables.x).toBe('old');
    expect(result.lastError).toMatch(/ASSIGN x: the value is 3000 characters, over MaxStringSize 2K \(2048 characters\)/);
    expect(result.path).toEqual(['Big.start', 'Big.set', 'Big.big', 'Big.done']);
  });
});
