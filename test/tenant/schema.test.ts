import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { tenantSchema } from '../../src/tenant/schema.js';
import { TENANT_SECTIONS } from '../../src/tenant/sections.js';

describe('published tenant schema', () => {
  it('is the schema the loader compiles', () => {
    const published = JSON.parse(readFileSync(new URL('../../schemas/tenant.schema.json', import.meta.url), 'utf8'));
    expect(published).toEqual(tenantSchema());
  });
  it('has one property per section', () => {
    const schema = tenantSchema() as { properties: Record<string, unknown>; additionalProperties: boolean };
    expect(Object.keys(schema.properties)).toEqual(TENANT_SECTIONS.map((s) => s.key));
    expect(schema.additionalProperties).toBe(false);
  });
});
