// Every built-in function is documented in docs/snippet-language.md and used
// by the case suite; the REST proxy sends what the script asked for.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import type { HttpRequest } from '../../src/contract/http.js';
import { BUILTINS, compileSnippet } from '../../src/snippet/index.js';
import { makeEnv } from './env.js';

const root = join(import.meta.dirname, '..', '..');
const docs = readFileSync(join(root, 'docs', 'snippet-language.md'), 'utf8').toLowerCase();
const casesDir = join(import.meta.dirname, 'cases');
const cases = readdirSync(casesDir)
  .filter((f) => f.endsWith('.json'))
  .map((f) => readFileSync(join(casesDir, f), 'utf8').toLowerCase())
  .join('\n');
const names = [...BUILTINS.values()].map((b) => b.name);

describe('the built-in library', () => {
  test.each(names)('%s is documented', (name) => {
    expect(new RegExp(`\`[^\`]*\\b${name.toLowerCase()}\\(`).test(docs), `the docs show ${name}(…)`).toBe(true);
  });
  test.each(names)('%s is used by the case suite', (name) => {
    expect(cases.includes(`${name.toLowerCase()}(`), `a case calls ${name}`).toBe(true);
  });
});

describe('the REST proxy request', () => {
  const origin = { file: 'r.script', span: { file: 'r.script', line: 1, col: 1, offset: 0 } };
  test('headers, content type, body, verb and timeout reach the HTTP layer', () => {
    const seen: HttpRequest[] = [];
    const env = makeEnv({ http: [{ url: 'https://api.example.com/a?x=1', method: 'PUT', body: '{}' }] }, seen);
    const code = [
      'p = GetRESTProxy()',
      'p.ContentType = "application/json"',
      'p.ProxyTimeoutSeconds = 200',
      'p.AddHeader("Authorization", "Basic {base64encode("u:p")}")',
      'p.AddHeader("X-Trace", 7)',
      'r = p.MakeRestRequest("https://api.example.com/a?x=1", $"\\{\\"k\\":1}", 0, "put")',
    ].join('\n');
    const compiled = compileSnippet(code, origin);
    if (!compiled.ok) throw new Error(compiled.diagnostics[0]!.message);
    const result = compiled.value.run(env);
    expect(result.error).toBeUndefined();
    expect(seen).toEqual([
      {
        method: 'PUT',
        url: 'https://api.example.com/a?x=1',
        headers: { Authorization: 'Basic dTpw', 'X-Trace': '7', 'Content-Type': 'application/json' },
        body: '{"k":1}',
        timeoutSeconds: 90,
      },
    ]);
  });

  test('ClearHeaders and the URL helpers', () => {
    const seen: HttpRequest[] = [];
    const env = makeEnv({ http: [{ url: 'https://api.example.com/q?name=a%20b' }] }, seen);
    const code = [
      'p = GetRESTProxy()',
      'p.AddHeader("A", "1")',
      'p.ClearHeaders()',
      'q = p.UrlEncodeText("a b")',
      'back = p.UrlDecodeText(q)',
      'r = p.MakeRestRequest("https://api.example.com/q?name={q}", "", 0, "GET")',
    ].join('\n');
    const compiled = compileSnippet(code, origin);
    if (!compiled.ok) throw new Error(compiled.diagnostics[0]!.message);
    const result = compiled.value.run(env);
    expect(result.assignments.get('back')).toBe('a b');
    expect(seen[0]!.headers).toEqual({});
    expect(seen[0]!.body).toBeUndefined();
  });
});
