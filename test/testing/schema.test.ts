// The published JSON Schema of test files (schemas/test-file.schema.json, for
// editors: `# yaml-language-server: $schema=…`) is the one the loader uses.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { createRequire } from 'node:module';
import { testFileJsonSchema } from '../../src/testing/schema.js';

const published = join(import.meta.dirname, '..', '..', 'schemas', 'test-file.schema.json');

describe('test file JSON Schema', () => {
  it('is published unchanged', () => {
    // Regenerate after a schema change:
    // node -e "import('./dist/src/testing/schema.js').then(m => require('fs').writeFileSync('schemas/test-file.schema.json', JSON.stringify(m.testFileJsonSchema, null, 2) + '\n'))"
    expect(JSON.parse(readFileSync(published, 'utf8'))).toEqual(testFileJsonSchema);
  });

  it('accepts every example test file', () => {
    const Ajv = createRequire(import.meta.url)('ajv') as typeof import('ajv').default;
    const validate = new Ajv({ strict: false }).compile(testFileJsonSchema);
    for (const f of ['project/stubs.test.yaml', 'planted/planted.test.yaml', 'failing/failing.test.yaml']) {
      const data = parse(readFileSync(join(import.meta.dirname, 'fixtures', f), 'utf8'));
      expect(validate(data), `${f}: ${JSON.stringify(validate.errors)}`).toBe(true);
    }
  });
});
