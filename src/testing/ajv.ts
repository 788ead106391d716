// One Ajv instance for the test runner's schemas (test files, stub files,
// action output schemas), created on first use and compiling each schema once,
// so loading a test file does not pay for Ajv before it needs it. The test-file,
// stub-file and calls-file validators are generated at build time
// (scripts/build-test-validators.mjs), so a `test` or `run` process does not compile them.
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

type Prebuilt = Record<string, ValidateFunction> & { sources: Record<string, string> };
let prebuilt: Prebuilt | null | undefined;

/**
 * The build's validator named `name` when it was generated from this very
 * schema (the build keeps the schema's JSON with it); compiled otherwise, as
 * when running from the sources.
 */
export function prebuiltSchema(name: string, schema: object): ValidateFunction {
  let v = compiled.get(schema);
  if (v) return v;
  prebuilt ??= loadPrebuilt();
  const generated = prebuilt?.[name];
  if (generated && prebuilt!.sources[name] === JSON.stringify(schema)) v = generated;
  else v = compiledSchema(schema);
  compiled.set(schema, v);
  return v;
}

function loadPrebuilt(): Prebuilt | null {
  try {
    return createRequire(import.meta.url)('./schema-validators.cjs') as Prebuilt;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'MODULE_NOT_FOUND') return null;
    throw err;
  }
}
