// Runs the language-neutral JSON case suite in test/snippet/cases/: each case
// gives code (or one expression), input variables, and the expected variables,
// trace, effects, or the expected error code and snippet line.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { compileExpression, compileSnippet, compileTemplate, encodeValue, failedSnippet, SnippetEvalError } from '../../src/snippet/index.js';
import { makeEnv, type EnvOptions, type HttpStub } from './env.js';

interface Case extends EnvOptions {
  name: string;
  /** Snippet code, as one string or one string per line. */
  code?: string | string[];
  /** One expression (compileExpression) instead of code. */
  expr?: string;
  /** A property template (compileTemplate) instead of code. */
  template?: string;
  http?: HttpStub[];
  expect: {
    vars?: Record<string, unknown>;
    absent?: string[];
    globals?: Record<string, unknown>;
    trace?: string[];
    savedToDb?: { name: string; value: unknown }[];
    http?: { method: string; url: string; status: number }[];
    result?: unknown;
    text?: string;
    error?: { code: string; line?: number; message?: string };
    compileError?: { code: string; line?: number; message?: string };
  };
}

const dir = join(import.meta.dirname, 'cases');
const files = readdirSync(dir).filter((f) => f.endsWith('.json')).sort();
const origin = { file: 'case.script', span: { file: 'case.script', line: 1, col: 1, offset: 0 } };

for (const file of files) {
  const cases = JSON.parse(readFileSync(join(dir, file), 'utf8')) as Case[];
  describe(file.replace(/\.json$/, ''), () => {
    for (const c of cases) test(c.name, () => runCase(c));
  });
}

function runCase(c: Case): void {
  const env = makeEnv(c);
  const want = c.expect;
  if (c.expr !== undefined || c.template !== undefined) {
    const compiled = c.expr !== undefined ? compileExpression(c.expr, origin) : compileTemplate(c.template!, origin);
    if (want.compileError) {
      expect(compiled.ok, 'compiles').toBe(false);
      expect(compiled.diagnostics[0]?.code).toBe(want.compileError.code);
      if (want.compileError.message) expect(compiled.diagnostics[0]?.message).toContain(want.compileError.message);
      return;
    }
    if (!compiled.ok) throw new Error(`does not compile: ${JSON.stringify(compiled.diagnostics)}`);
    if (want.error) {
      let err: unknown;
      try {
        compiled.value.evaluate(env);
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(SnippetEvalError);
      expect((err as SnippetEvalError).code).toBe(want.error.code);
      if (want.error.message) expect((err as SnippetEvalError).message).toContain(want.error.message);
      return;
    }
    if ('result' in want) expect(encodeValue(compiled.value.evaluate(env))).toEqual(want.result);
    if (want.text !== undefined) {
      const v = compiled.value as { render?: (e: typeof env) => string };
      expect(v.render?.(env)).toBe(want.text);
    }
    return;
  }
  const code = Array.isArray(c.code) ? c.code.join('\n') : (c.code ?? '');
  const compiled = compileSnippet(code, origin);
  if (want.compileError) {
    expect(compiled.ok, 'compiles').toBe(false);
    const d = compiled.diagnostics[0]!;
    expect(d.code).toBe(want.compileError.code);
    if (want.compileError.line !== undefined) expect(d.span.line).toBe(want.compileError.line);
    if (want.compileError.message) expect(d.message).toContain(want.compileError.message);
    if (!want.error) return;
    // Run anyway, as a SNIPPET action does: nothing runs and the run ends with the compile error.
    const failed = failedSnippet(d, code, origin).run(env);
    expect(failed.error?.code).toBe(want.error.code);
    if (want.error.line !== undefined) expect(failed.error!.message.startsWith(`Line ${want.error.line}: `)).toBe(true);
    if (want.error.message) expect(failed.error!.message).toContain(want.error.message);
    expect([...failed.assignments.keys()], 'nothing assigned').toEqual([]);
    return;
  }
  if (!compiled.ok) throw new Error(`does not compile: ${JSON.stringify(compiled.diagnostics)}`);
  const r = compiled.value.run(env);
  if (want.error) {
    expect(r.error, 'a run-time error').toBeDefined();
    expect(r.error!.code).toBe(want.error.code);
    if (want.error.line !== undefined) {
      expect(r.error!.span.line).toBe(want.error.line);
      expect(r.error!.message.startsWith(`Line ${want.error.line}: `)).toBe(true);
    }
    if (want.error.message) expect(r.error!.message).toContain(want.error.message);
  } else {
    expect(r.error, 'no run-time error').toBeUndefined();
  }
  for (const [name, value] of Object.entries(want.vars ?? {})) {
    const key = name.toLowerCase();
    expect(r.assignments.has(key), `${name} is assigned`).toBe(true);
    expect(encodeValue(r.assignments.get(key)!), name).toEqual(value);
  }
  for (const name of want.absent ?? []) expect(r.assignments.has(name.toLowerCase()), `${name} is not assigned`).toBe(false);
  for (const [name, value] of Object.entries(want.globals ?? {})) expect(encodeValue(r.globals.get(name.toLowerCase()) ?? null), `global ${name}`).toEqual(value);
  if (want.trace) expect(r.trace).toEqual(want.trace);
  if (want.savedToDb) expect(r.savedToDb.map((s) => ({ name: s.name, value: encodeValue(s.value) }))).toEqual(want.savedToDb);
  if (want.http) expect(r.http).toEqual(want.http);
}
