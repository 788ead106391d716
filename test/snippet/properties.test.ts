// Properties of the whole pipeline: random programs and random text never make
// the interpreter throw; arithmetic agrees with a reference; printing then
// re-parsing a snippet is stable.
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import type { Expr } from '../../src/snippet/ast.js';
import { compileExpression, compileSnippet } from '../../src/snippet/index.js';
import { countParses, parseExpression, parseProgram } from '../../src/snippet/parse.js';
import { printExpr, printProgram } from '../../src/snippet/printer.js';
import { expr, numExpr, program, type Num } from './arbitraries.js';
import { makeEnv } from './env.js';

const origin = { file: 'p.script', span: { file: 'p.script', line: 1, col: 1, offset: 0 } };

/** Removes positions so trees can be compared structurally. */
function strip(x: unknown): unknown {
  if (Array.isArray(x)) return x.map(strip);
  if (x !== null && typeof x === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(x)) if (k !== 'pos') out[k] = strip(v);
    return out;
  }
  return x;
}

describe('never crashes', () => {
  test('random well-formed programs compile and run to a result or a located error', () => {
    fc.assert(
      fc.property(program, fc.dictionary(fc.constantFrom('a', 'b', 'list', 'obj'), fc.oneof(fc.integer(), fc.string({ maxLength: 5 }), fc.constant('x|y|z'))), (p, vars) => {
        const compiled = compileSnippet(printProgram(p), origin);
        if (!compiled.ok) {
          for (const d of compiled.diagnostics) expect(d.code).toMatch(/^E-SNIPPET-/);
          return;
        }
        const r = compiled.value.run(makeEnv({ vars, maxLoopIterations: 2000 }));
        if (r.error) {
          expect(r.error.code).toMatch(/^E-SNIPPET-(?!RUNTIME)/);
          expect(r.error.message).toMatch(/^Line \d+: /);
          expect(r.error.message).not.toContain('\n');
          expect(r.error.span.line).toBeGreaterThanOrEqual(1);
        }
      }),
      { numRuns: 400 },
    );
  });

  test('random text from the language alphabet gives a located syntax error or compiles', () => {
    const piece = fc.constantFrom('IF', 'ELSE', 'FOR', 'TO', 'FOREACH', 'IN', 'x', 'y', '=', '+', '"a{', '}"', '{', '}', '(', ')', '[', ']', ',', '.', '\n', ' ', '1', '$"\\t"', '#"2026-01-01"', "'", '"', '//c', 'global:g', 'f(', 'len(', '^', '&');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 25 }), (ps) => {
        const code = ps.join('');
        const compiled = compileSnippet(code, origin);
        if (!compiled.ok) {
          const d = compiled.diagnostics[0]!;
          expect(d.code).toMatch(/^E-SNIPPET-/);
          expect(d.message).not.toMatch(/nearley|Syntax error at|\n/);
          expect(d.span.line).toBeGreaterThanOrEqual(1);
          expect(d.span.col).toBeGreaterThanOrEqual(1);
        } else {
          const r = compiled.value.run(makeEnv({ maxLoopIterations: 1000 }));
          if (r.error) expect(r.error.code).toMatch(/^E-SNIPPET-/);
        }
      }),
      { numRuns: 1000 },
    );
  });
});

describe('never crashes on realistic code in random order', () => {
  const LINES = [
    'DYNAMIC d = $"\\{\\"a\\": [1, \\"x\\", \\{\\"b\\": null}], \\"n\\": 2.5}"',
    'DYNAMIC d = "<r><v>1</v><v>2</v></r>"',
    'DYNAMIC d = list',
    'd.a[3].b = now',
    'd.x.y = d.a.count()',
    'list[2] = "{d.asjson()}"',
    'list = split("a,b,c", ",")',
    'FOREACH e IN list { e = upper(e) }',
    'FOREACH e IN d.a { e.z = 1 }',
    'n = len(list) / count(list)',
    'n = n \\ 0',
    't = dateadd("month", now, n)',
    't = datediff("day", t, "2026-01-01")',
    't = datefmt(t, "yyyy-MM-dd HH:mm tt")',
    't = asdate(list)',
    's = format(n, "#,##0.00")',
    's = format(d, "N2")',
    's = mid(s, n, -1)',
    's = padleft(s, n, "0")',
    's = base64decode(s)',
    's = urldecode(s)',
    's = char(n * 1000)',
    'p = GetRESTProxy()',
    'r = p.MakeRestRequest("https://api.example.com/{s}", d.asjson(), n, "POST")',
    'p.AddHeader(s, n)',
    'x = f(n)',
    'x = getvalue(d, s)',
    'x = d.asxml()',
    'savetodb(x)',
    'global:g = x',
    'x = remove(list, n)',
    'x = index(list, s)',
    'x = logn(n, 2)',
    'x = random(n)',
    'x = round(n, n)',
    'FOR i = 1 TO n { IF i > 2 { BREAK } }',
    'REPEAT n { n = n + 1 }',
    'WHILE n < 10 { n = n + 1 }',
    'x = d[s]',
    'x = list[n]',
    'x = #"{s}"',
    'TRACE "{d} {list} {n} {t}"',
  ];
  const FUNC = 'FUNCTION f(v) {\n  IF v > 3 { RETURN f(v - 1) }\n  RETURN v * 2\n}';
  test('compile errors or located run-time errors only', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...LINES), { maxLength: 12 }), fc.oneof(fc.integer({ min: -5, max: 50 }), fc.constant('abc'), fc.constant('1|2|3')), (lines, n) => {
        const code = [FUNC, ...lines].join('\n');
        const compiled = compileSnippet(code, origin);
        if (!compiled.ok) {
          for (const d of compiled.diagnostics) expect(d.code).toMatch(/^E-SNIPPET-/);
          return;
        }
        const r = compiled.value.run(makeEnv({ vars: { n, list: '{"k": [1, 2]}' }, maxLoopIterations: 500, http: [{ url: 'https://api.example.com/', body: '{"ok": 1}' }] }));
        if (r.error) {
          // E-SNIPPET-RUNTIME would mean an unexpected JavaScript error inside the interpreter.
          expect(r.error.code).toMatch(/^E-SNIPPET-(?!RUNTIME)/);
          expect(r.error.message).toMatch(/^Line \d+: [^\n]+$/);
        }
      }),
      { numRuns: 500 },
    );
  });
});

describe('arithmetic agrees with a reference', () => {
  class DivZero extends Error {}
  function reference(n: Num): number {
    switch (n.k) {
      case 'n':
        return n.v;
      case 'neg':
        return -reference(n.e);
      case 'op': {
        const l = reference(n.l);
        const r = reference(n.r);
        switch (n.op) {
          case '+': return l + r;
          case '-': return l - r;
          case '*': return l * r;
          case '^': return Math.pow(l, r);
          default:
            if (r === 0) throw new DivZero();
            return n.op === '/' ? l / r : n.op === '%' ? l % r : Math.trunc(l / r);
        }
      }
    }
  }
  const toAst = (n: Num): Expr => {
    const P = { offset: 0, line: 1, col: 1, length: 1 };
    if (n.k === 'n') return { kind: 'number', value: n.v, pos: P };
    if (n.k === 'neg') return { kind: 'unary', op: '-', operand: toAst(n.e), pos: P };
    return { kind: 'binary', op: n.op, left: toAst(n.l), right: toAst(n.r), pos: P };
  };
  const same = (a: unknown, b: number) => (Number.isNaN(b) ? Number.isNaN(a as number) : Object.is(a, b) || a === b);

  test('printed with the fewest parentheses, evaluation matches the tree', () => {
    fc.assert(
      fc.property(numExpr, (n) => {
        let want: number | 'div0';
        try {
          want = reference(n);
        } catch (e) {
          if (!(e instanceof DivZero)) throw e;
          want = 'div0';
        }
        const compiled = compileExpression(printExpr(toAst(n)), origin);
        if (!compiled.ok) throw new Error(compiled.diagnostics[0]!.message);
        if (want === 'div0') {
          expect(() => compiled.value.evaluate(makeEnv())).toThrow(/Division by zero/);
        } else {
          const got = compiled.value.evaluate(makeEnv());
          expect(same(got, want), `${printExpr(toAst(n))}: got ${String(got)}, want ${want}`).toBe(true);
        }
      }),
      { numRuns: 1000 },
    );
  });
});

describe('printing and re-parsing is stable', () => {
  test('expressions: parse(print(e)) is e, and printing again gives the same text', () => {
    fc.assert(
      fc.property(expr, (e) => {
        const text = printExpr(e);
        const parsed = parseExpression(text);
        if (!parsed.ok) throw new Error(`${text}: ${parsed.message}`);
        expect(strip(parsed.value)).toEqual(strip(e));
        expect(printExpr(parsed.value)).toBe(text);
        expect(countParses(text, 'expression'), 'one parse only').toBe(1);
      }),
      { numRuns: 1000 },
    );
  });

  test('programs: parse(print(p)) is p, and printing again gives the same text', () => {
    fc.assert(
      fc.property(program, (p) => {
        const text = printProgram(p);
        const parsed = parseProgram(text);
        if (!parsed.ok) throw new Error(`${text}\n: ${parsed.message}`);
        expect(strip(parsed.value)).toEqual(strip(p));
        expect(printProgram(parsed.value)).toBe(text);
        expect(countParses(text), 'one parse only').toBe(1);
      }),
      { numRuns: 300 },
    );
  });
});
