// Tenant files written as JSON are read by JSON.parse, not by the YAML reader,
// and every diagnostic is still located: syntax errors, repeated keys and the
// places of values agree with what the YAML reader finds in the same text.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseTenantText } from '../../src/tenant/document.js';
import { jsonProblem } from '../../src/contract/json-text.js';
import { checkTenantText } from '../../src/tenant/tenant.js';
import { BASE_TENANT } from './fixtures.js';

/** Every path of a JSON value, members and items. */
function paths(v: unknown, at: (string | number)[] = []): (string | number)[][] {
  const out = [at];
  if (Array.isArray(v)) v.forEach((x, i) => out.push(...paths(x, [...at, i])));
  else if (v !== null && typeof v === 'object') for (const [k, x] of Object.entries(v)) out.push(...paths(x, [...at, k]));
  return out;
}

const where = (s: { line: number; col: number; length?: number }) => [s.line, s.col, s.length];

describe('JSON tenant files', () => {
  it('locate every value and key where the YAML reader does', () => {
    const docs = fc.dictionary(fc.string({ maxLength: 6 }), fc.jsonValue({ maxDepth: 3 }), { maxKeys: 5 });
    fc.assert(
      fc.property(docs, fc.constantFrom(0, 2), (doc, indent) => {
        const text = JSON.stringify(doc, null, indent);
        const json = parseTenantText(text, 't.json');
        const yaml = parseTenantText(text, 't.json', 'yaml');
        expect(json.data).toEqual(yaml.data);
        for (const path of [...paths(doc), ['missing'], [...paths(doc).at(-1)!, 'deeper', 3]]) {
          expect(where(json.locate(path)), JSON.stringify(path)).toEqual(where(yaml.locate(path)));
          expect(where(json.locate(path, 'key')), JSON.stringify(path)).toEqual(where(yaml.locate(path, 'key')));
        }
      }),
      { numRuns: 150 },
    );
  });

  it('reports a schema error at its line and column', () => {
    const bad = { ...BASE_TENANT, skills: [{ ...BASE_TENANT.skills[0], name: 'PC Sales' }] };
    const text = JSON.stringify(bad, null, 2);
    const fromJson = checkTenantText(text, 'tenant.json').diagnostics;
    const fromYaml = checkTenantText(text.replace(/^/, '# the same document read as YAML\n'), 'tenant.yaml').diagnostics;
    expect(fromJson.map((d) => [d.code, d.span.line + 1, d.span.col, d.message])).toEqual(fromYaml.map((d) => [d.code, d.span.line, d.span.col, d.message]));
    expect(fromJson.find((d) => d.code === 'E-TENANT-SCHEMA')?.message).toContain('PC Sales');
  });

  it('locates a syntax error and a repeated key', () => {
    const broken = checkTenantText('{\n  "timeZone": "UTC",\n  "skills": [ { "id": 1, } ]\n}\n', 'tenant.json').diagnostics;
    expect(broken).toHaveLength(1);
    expect(broken[0]).toMatchObject({ code: 'E-TENANT-SYNTAX', span: { line: 3, col: 26 } }); // the '}' after the trailing comma
    expect(broken[0]!.message).toMatch(/^invalid JSON/);
    const twice = checkTenantText('{\n  "timeZone": "UTC",\n  "timeZone": "America/Denver"\n}\n', 'tenant.json').diagnostics;
    expect(twice).toEqual([expect.objectContaining({ code: 'E-TENANT-SYNTAX', span: expect.objectContaining({ line: 3, col: 3 }) })]);
    expect(twice[0]!.message).toContain('"timeZone" appears twice');
  });

  it('finds the first problem of any text without recursing (deep nesting included)', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 4 }), fc.nat(), fc.string({ maxLength: 3 }), (v, at, junk) => {
        const good = JSON.stringify(v);
        expect(jsonProblem(good)).toBeNull();
        const text = good.slice(0, at % (good.length + 1)) + junk + good.slice(at % (good.length + 1));
        let parses = true;
        try {
          JSON.parse(text);
        } catch {
          parses = false;
        }
        const problem = jsonProblem(text);
        if (parses) expect(problem === null || problem.kind === 'duplicate').toBe(true);
        else expect(problem?.kind).toBe('syntax');
      }),
      { numRuns: 300 },
    );
    // A repeated key before a syntax error: the text is not JSON, which is the problem to report.
    expect(jsonProblem('{"":"","" ":""}')).toMatchObject({ kind: 'syntax', offset: 10 });
    expect(jsonProblem('{"a":1,"a":2,"b":3}')).toMatchObject({ kind: 'duplicate', key: 'a', offset: 7 });
    expect(jsonProblem('{"a":{"b":1,"b":2},"a":3}')).toMatchObject({ kind: 'duplicate', key: 'b', offset: 12 });
    const deep = '['.repeat(100_000) + ']'.repeat(100_000);
    expect(jsonProblem(deep)).toBeNull();
    expect(jsonProblem(deep.slice(0, -1))).toMatchObject({ kind: 'syntax' });
  });
});
