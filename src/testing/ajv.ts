// One Ajv instance for the test runner's schemas (test files, stub files,
// action output schemas), created on first use and compiling each schema once,
// so loading a test file does not pay for Ajv before it needs it.
import { createRequire } from 'node:module';
import type { ValidateFunction } from 'ajv';

let ajv: import('ajv').default | undefined;
const compiled = new WeakMap<object, ValidateFunction>();

/** The validator of `schema`, compiled on first use and then reused. */
export function compiledSchema(schema: object): ValidateFunction {
  let v = compiled.get(schema);
  if (!v) {
    // Ajv is CommonJS; createRequire keeps its load off the start-up path.
    ajv ??= new (createRequire(import.meta.url)('ajv') as typeof import('ajv').default)({ allErrors: true, strict: false });
    v = ajv.compile(schema);
    compiled.set(schema, v);
  }
  return v;
}
