// Random and mutated input to the CRM loaders and parsers: the crm: and
// workflowDataProfiles: sections, workflow payloads and HTTP stub rows never
// throw, always report located diagnostics, and a section that validates loads.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { checkHttpStub, createStubHttp } from '../../src/http/index.js';
import { workflowInput } from '../../src/tenant/crm/workflows.js';
import { checkTenantText, tenantFromData } from '../../src/tenant/tenant.js';
import { KUSTOMER } from './fixtures.js';

const json = fc.jsonValue({ maxDepth: 4 });

/** KUSTOMER with one member replaced by random data (or removed). */
const mutated = fc.record({
  key: fc.constantFrom(...Object.keys(KUSTOMER), 'extra'),
  value: fc.oneof(json, fc.constant(undefined)),
});

function checkLocated(text: string): void {
  const { diagnostics, doc } = checkTenantText(text, 'tenant.yaml');
  for (const d of diagnostics) {
    expect(d.span.line).toBeGreaterThanOrEqual(1);
    expect(d.span.col).toBeGreaterThanOrEqual(1);
    expect(d.message).not.toMatch(/\n\s+at /);
  }
  if (doc && !diagnostics.some((d) => d.severity === 'error')) {
    // Whatever validates must also load.
    tenantFromData(doc.data).close();
  }
}

describe('crm section under random input', () => {
  it('never throws on a random crm value', () => {
    fc.assert(
      fc.property(json, (crm) => {
        checkLocated(stringify({ crm }));
      }),
      { numRuns: 300 },
    );
  });

  it('never throws on a mutated Kustomer configuration, and reports at least one problem when a required member is gone', () => {
    fc.assert(
      fc.property(mutated, ({ key, value }) => {
        const config: Record<string, unknown> = { ...KUSTOMER, [key]: value };
        if (value === undefined) delete config[key];
        const text = stringify({ crm: [config] });
        checkLocated(text);
        if (value === undefined && ['id', 'type', 'region', 'baseUrl', 'screenpopUrl'].includes(key))
          expect(checkTenantText(text, 't.yaml').diagnostics.some((d) => d.severity === 'error')).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('never throws on random workflow data profiles', () => {
    fc.assert(
      fc.property(json, (workflowDataProfiles) => {
        checkLocated(stringify({ workflowDataProfiles }));
      }),
      { numRuns: 200 },
    );
  });
});

describe('payloads and stubs under random input', () => {
  it('workflowInput answers every string and value with ok or a message', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), json.map((j) => JSON.stringify(j)), json), (payload) => {
        const r = workflowInput(payload as never);
        if (!r.ok) expect(r.message.length).toBeGreaterThan(0);
        else expect(typeof r.input).toBe('object');
      }),
      { numRuns: 500 },
    );
  });

  it('checkHttpStub never throws, and createStubHttp accepts exactly the rows it passes', () => {
    fc.assert(
      fc.property(fc.oneof(json, fc.record({ match: fc.record({ http: fc.string() }), status: fc.integer(), delay: fc.double(), times: fc.integer() }, { requiredKeys: ['match'] })), (stub) => {
        const problems = checkHttpStub(stub);
        if (problems.length === 0) expect(() => createStubHttp([stub as never])).not.toThrow();
        else expect(() => createStubHttp([stub as never])).toThrow(/^HTTP stub 1: /);
      }),
      { numRuns: 500 },
    );
  });
});
