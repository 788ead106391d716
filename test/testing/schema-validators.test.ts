// The test-file, stub-file and calls-file validators the build generates
// (scripts/build-test-validators.mjs) must find exactly the errors the schema
// compiled at run time finds, and be used only for the schema they were made from.
import { createRequire } from 'node:module';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ValidateFunction } from 'ajv';
import { callsFileJsonSchema, stubFileJsonSchema, testFileJsonSchema } from '../../src/testing/schema.js';

const dist = join(__dirname, '..', '..', 'dist', 'src', 'testing');
const require = createRequire(import.meta.url);
const generated = require(join(dist, 'schema-validators.cjs')) as Record<string, ValidateFunction>;
const Ajv = require('ajv') as typeof import('ajv').default;

function errorsOf(v: ValidateFunction, data: unknown): unknown {
  v(data);
  return v.errors ?? null;
}

const value = fc.letrec<{ v: unknown }>((tie) => ({
  v: fc.oneof(
    { depthSize: 'small' },
    fc.constantFrom('Main', '', 'x', '90s', 'global:x', 1, 0, -1, 2.5, true, null),
    fc.array(tie('v'), { maxLength: 3 }),
    fc.dictionary(fc.constantFrom('name', 'script', 'vars', 'expect', 'status', 'match', 'action', 'return', 'times', 'stubs', 'cases', 'visits', 'effects', 'limits', 'maxActions', 'redact', 'until', 'skip', 'at', 'poc', 'caller', 'contact', 'nope'), tie('v'), { maxKeys: 4 }),
  ),
})).v;

const testFiles = fc.record({ cases: fc.array(fc.record({ name: fc.constantFrom('a', 'b'), script: fc.constantFrom('Main', ''), expect: value }, { requiredKeys: ['name'] }), { maxLength: 3 }), stubs: value }, { requiredKeys: [] });

describe('prebuilt schema validators', () => {
  const ajv = new Ajv({ allErrors: true, strict: false });
  const compiled = { testFile: ajv.compile(testFileJsonSchema), stubFile: ajv.compile(stubFileJsonSchema), callsFile: ajv.compile(callsFileJsonSchema) };

  it('find the errors the compiled schema finds', () => {
    fc.assert(
      fc.property(fc.oneof(testFiles, value, fc.array(value, { maxLength: 3 })), (data) => {
        expect(errorsOf(generated.testFile!, data)).toEqual(errorsOf(compiled.testFile, data));
        expect(errorsOf(generated.stubFile!, { stubs: data })).toEqual(errorsOf(compiled.stubFile, { stubs: data }));
        expect(errorsOf(generated.callsFile!, { calls: data })).toEqual(errorsOf(compiled.callsFile, { calls: data }));
      }),
      { numRuns: 300 },
    );
  });

  it('are used for the schema they were made from, and a changed schema is compiled', async () => {
    const { prebuiltSchema } = (await import(join(dist, 'ajv.js'))) as typeof import('../../src/testing/ajv.js');
    const schemas = (await import(join(dist, 'schema.js'))) as typeof import('../../src/testing/schema.js');
    expect(prebuiltSchema('testFile', schemas.testFileJsonSchema)).toBe(generated.testFile);
    expect(prebuiltSchema('stubFile', schemas.stubFileJsonSchema)).toBe(generated.stubFile);
    expect(prebuiltSchema('callsFile', schemas.callsFileJsonSchema)).toBe(generated.callsFile);
    const changed = { ...schemas.testFileJsonSchema, required: ['cases', 'now'] };
    const v = prebuiltSchema('testFile', changed);
    expect(v).not.toBe(generated.testFile);
    expect(v({ cases: [{ name: 'a', script: 'Main' }] })).toBe(false);
  });
});
