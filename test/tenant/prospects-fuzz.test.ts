// CREATEPROSPECTS v2 on random batches: never throws, never aborts a batch,
// and Results accounts for every input record exactly once, in input order.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { DdoObject, Value } from '../../src/contract/value.js';
import { tenantFromData } from './../../src/tenant/tenant.js';
import { runAction } from '../actions/pc/fake-context.js';
import { BASE_TENANT } from './fixtures.js';

const phone = fc.oneof(
  fc.constantFrom('(303) 555-0100', '+1 212 555 0101', '800-555-0102', '+44 20 7946 0958', '555-0100', '', 'n/a'),
  fc.string({ maxLength: 15 }),
  fc.array(fc.constantFrom('303.555.0103', '720-555-0104', 'x'), { maxLength: 4 }),
  fc.integer(),
  fc.constant(null),
);
const record: fc.Arbitrary<Value> = fc.oneof(
  { weight: 5, arbitrary: fc.record(
    {
      Id: fc.oneof(fc.string({ maxLength: 6 }), fc.integer({ min: 0, max: 50 }), fc.constant(null)),
      MobilePhone: phone,
      HomePhone: phone,
      WorkPhone: phone,
      Tz: fc.constantFrom('America/Chicago', 'Eastern Standard Time', 'Mars/Olympus', '', 'utc'),
      ExpiresOn: fc.constantFrom('2026-12-01', '11/20/2026', 'never', '', '2026-11-21T09:00:00'),
    },
    { requiredKeys: [] },
  ) as fc.Arbitrary<Value> },
  { weight: 1, arbitrary: fc.oneof(fc.string(), fc.integer(), fc.constant(null), fc.array(fc.integer(), { maxLength: 2 })) as fc.Arbitrary<Value> },
);

describe('CREATEPROSPECTS v2 on random batches', () => {
  it('reports every record once, in input order, and stores exactly the successes', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(record, { maxLength: 30 }), fc.boolean(), async (batch, reject) => {
        const store = tenantFromData(BASE_TENANT).store;
        const { outcome } = await runAction(
          'CREATEPROSPECTS',
          store,
          { SkillNo: 1234, SourceName: 'SalesforceLeads', Data: batch, NoTimeZoneReject: reject, TimeZone: 'America/Denver' },
          { now: '2026-11-21T09:00:00', version: 2 },
        );
        expect(outcome.branch).toBe('Default');
        const { SuccessfulRecords: ok, FailedRecords: bad } = outcome.outputs!.Results as { SuccessfulRecords: DdoObject[]; FailedRecords: DdoObject[] };
        expect(ok.length + bad.length).toBe(batch.length);
        // Merging the two lists back by input position gives the input, each record with a ResultCode.
        const strip = ({ ResultCode, ...rest }: DdoObject) => (ResultCode === 'Invalid record' && 'Record' in rest && Object.keys(rest).length === 1 ? rest.Record : rest);
        let i = 0;
        let j = 0;
        for (const input of batch) {
          const next = ok[i] && JSON.stringify(strip(ok[i]!)) === JSON.stringify(input) ? ok[i++] : bad[j++];
          expect(JSON.stringify(strip(next!))).toBe(JSON.stringify(input));
          expect(typeof next!.ResultCode).toBe('string');
        }
        const ids = new Set(ok.map((r) => String(r.Id).trim()));
        expect(store.prospectCount(1234)).toBe(ids.size);
      }),
      { numRuns: 200 },
    );
  });
});
