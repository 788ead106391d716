import { describe, expect, it } from 'vitest';
import { tenantFromData } from '../../../src/tenant/tenant.js';
import { BASE_TENANT } from '../../tenant/fixtures.js';
import { runAction } from './fake-context.js';

async function seeded() {
  const store = tenantFromData(BASE_TENANT).store;
  const Data = [
    { Id: 'a', FirstName: 'Ada', LastName: 'Lovelace', MobilePhone: '3035550100', HomePhone: '7205550111' },
    { Id: 'b', FirstName: 'Grace', LastName: 'Hopper', MobilePhone: '2125550102' },
  ];
  await runAction('CREATEPROSPECTS', store, { SkillNo: 1234, SourceName: 'SalesforceLeads', Data }, { version: 2 });
  return store;
}
const ids = (outputs: Record<string, unknown> | undefined) =>
  (outputs!.Results as { Count: number; Prospects: { ExternalID: string }[] }).Prospects.map((p) => p.ExternalID);

describe('GETPROSPECT', () => {
  const found: [string, unknown, string[]][] = [
    ['by ExternalID', { ExternalID: 'a' }, ['a']],
    ['by any destination', { PhoneNumber: '(720) 555-0111' }, ['a']],
    ['by first and last name', { FirstName: 'grace', LastName: 'hopper' }, ['b']],
    ['nothing matching', { ExternalID: 'zz' }, []],
    ['SearchOptions as JSON text', '{"ExternalID":"b"}', ['b']],
  ];
  it.each(found)('%s', async (_n, SearchOptions, expected) => {
    const { outcome } = await runAction('GETPROSPECT', await seeded(), { SourceName: 'SalesforceLeads', SearchOptions });
    expect(outcome.branch).toBe('Default');
    expect(ids(outcome.outputs)).toEqual(expected);
  });
  it('returns the stored prospect', async () => {
    const { outcome } = await runAction('GETPROSPECT', await seeded(), { SourceName: 'SalesforceLeads', SearchOptions: { ExternalID: 'a' } });
    expect((outcome.outputs!.Results as { Prospects: unknown[] }).Prospects[0]).toMatchObject({
      SkillNo: 1234,
      Destinations: ['+13035550100', '+17205550111'],
      TimeZone: 'America/Denver',
      Status: 'queued',
      Record: { Id: 'a', FirstName: 'Ada' },
    });
  });
  const errors: [string, Record<string, unknown>, RegExp][] = [
    ['FirstName without LastName', { SearchOptions: { FirstName: 'Ada' } }, /FirstName and LastName must be given together/],
    ['LastName without FirstName', { SearchOptions: { LastName: 'Hopper' } }, /together/],
    ['no criteria', { SearchOptions: {} }, /SearchOptions must be a DDO with ExternalID/],
    ['not a DDO', { SearchOptions: 42 }, /SearchOptions must be a DDO/],
    ['unknown source', { SourceName: 'Nope', SearchOptions: { ExternalID: 'a' } }, /source Nope does not exist/],
  ];
  it.each(errors)('%s', async (_n, props, message) => {
    const { outcome } = await runAction('GETPROSPECT', await seeded(), { SourceName: 'SalesforceLeads', ...props });
    expect(outcome.branch).toBe('OnError');
    expect(outcome.error).toMatch(message);
  });
});

describe('REMOVEPROSPECTS', () => {
  it('removes by the mapped external id and reports each record in order', async () => {
    const store = await seeded();
    const { outcome, effects } = await runAction('REMOVEPROSPECTS', store, {
      SourceName: 'SalesforceLeads',
      ProspectsToRemove: [{ Id: 'b' }, { Id: 'zz' }, { Name: 'no id' }, { ExternalID: 'a' }],
    });
    expect(outcome.branch).toBe('Default');
    expect(outcome.outputs!.Results).toEqual({
      SuccessfulRecords: [
        { Id: 'b', ResultCode: 'Removed' },
        { ExternalID: 'a', ResultCode: 'Removed' },
      ],
      FailedRecords: [
        { Id: 'zz', ResultCode: 'Not found' },
        { Name: 'no id', ResultCode: 'Missing External ID' },
      ],
    });
    expect(effects).toHaveLength(2);
    expect(store.prospectCount()).toBe(0);
  });
  const errors: [string, Record<string, unknown>, RegExp][] = [
    ['unknown source', { SourceName: 'Nope' }, /^Missing External ID: source Nope/],
    ['source without a map', { SourceName: 'Unmapped' }, /^Missing External ID: source Unmapped has no valid source map/],
    ['not records', { ProspectsToRemove: 7 }, /received the number 7/],
  ];
  it.each(errors)('%s', async (_n, props, message) => {
    const { outcome } = await runAction('REMOVEPROSPECTS', await seeded(), { SourceName: 'SalesforceLeads', ProspectsToRemove: [{ Id: 'a' }], ...props });
    expect(outcome.branch).toBe('OnError');
    expect(outcome.error).toMatch(message);
  });
});
