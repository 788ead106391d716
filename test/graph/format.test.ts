import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ScriptAst } from '../../src/parse/ast.js';
import { formatText } from '../../src/graph/format.js';
import { parseScriptText } from '../../src/parse/parse.js';
import { scriptText } from './arbitraries.js';

const EXAMPLES = join(import.meta.dirname, '../../scripts-examples');

/** The tree without positions or comments: what must survive formatting. */
function shape(ast: ScriptAst): unknown {
  return JSON.parse(
    JSON.stringify({ name: ast.name, media: ast.mediaType, actions: ast.actions, studio: ast.studio }, (k, v: unknown) =>
      k === 'span' || k === 'bodySpan' || k === 'bodyEndLine' || k === 'endLine' ? undefined : v,
    ),
  );
}

const fmt = (text: string): string => {
  const out = formatText(text, 'f.script');
  expect(out.diagnostics.filter((d) => d.code.startsWith('E-PARSE'))).toEqual([]);
  return out.text!;
};

describe('fmt', () => {
  it('prints the canonical layout', () => {
    const text = `// head
script   Demo type Phone
start :BEGIN{Parameters=[a,b]}->x // trailing
x: IF "Check" {Expression="a > 1"  /* inside */ }True->y False -> y
y: SNIPPET (MaxStringSize="4K"){
  a = 1
}->z
z: END`;
    expect(fmt(text)).toBe(`// head
script Demo
type Phone

start: BEGIN {
  Parameters = [a, b]
} -> x // trailing

x: IF "Check" {
  Expression = "a > 1" /* inside */
}
  True -> y
  False -> y

y: SNIPPET (MaxStringSize = "4K") {
  a = 1
} -> z

z: END
`);
  });

  it('keeps comments between properties, before actions and at the end', () => {
    const text = 'script A\n\n// about x\nx: ASSIGN {\n  // the name\n  Variable = a\n  Value = 1 // one\n  // last\n}\n  -> x\n// end\n';
    const out = fmt(text);
    expect(out).toBe('script A\n\n// about x\nx: ASSIGN {\n  // the name\n  Variable = a\n  Value = 1 // one\n  // last\n} -> x\n\n// end\n');
    expect(fmt(out)).toBe(out);
  });

  it('does not glue a branch onto a trailing comment', () => {
    const tricky = fmt('script A\nx: ASSIGN { Variable = a } // why\n-> x');
    expect(tricky).toBe('script A\n\nx: ASSIGN {\n  Variable = a\n} // why\n  -> x\n');
    expect(fmt(tricky)).toBe(tricky);
  });

  it.each(readdirSync(EXAMPLES).filter((f) => f.endsWith('.script')))('leaves example %s in canonical form', (f) => {
    const text = readFileSync(join(EXAMPLES, f), 'utf8');
    expect(fmt(text)).toBe(text);
  });

  it('keeps CRLF line endings', () => {
    const out = fmt('script A\r\nx: SNIPPET {\r\n  a = 1\r\n} -> x\r\n');
    expect(out).toBe('script A\r\n\r\nx: SNIPPET {\r\n  a = 1\r\n} -> x\r\n');
    expect(fmt(out)).toBe(out);
  });

  it('refuses to format a file that does not parse', () => {
    const out = formatText('script A\nx: ASSIGN {', 'f.script');
    expect(out.text).toBeUndefined();
    expect(out.diagnostics[0]!.code).toBe('E-PARSE-EOF');
  });

  it('round-trips: parse(format(x)) has the same tree as parse(x), and formatting is idempotent', () => {
    fc.assert(
      fc.property(scriptText, (text) => {
        const before = parseScriptText(text, 'p.script');
        expect(before.diagnostics).toEqual([]);
        const once = fmt(text);
        const after = parseScriptText(once, 'p.script');
        expect(after.diagnostics).toEqual([]);
        expect(shape(after.ast)).toEqual(shape(before.ast));
        expect(after.ast.comments.map((c) => c.text)).toEqual(before.ast.comments.map((c) => c.text));
        expect(fmt(once)).toBe(once);
      }),
      { numRuns: 300 },
    );
  });
});
