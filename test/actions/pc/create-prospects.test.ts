import { describe, expect, it } from 'vitest';
import type { DdoObject } from '../../../src/contract/value.js';
import { tenantFromData } from '../../../src/tenant/tenant.js';
import { BASE_TENANT } from '../../tenant/fixtures.js';
import { runAction } from './fake-context.js';

const NOW = '2026-11-21T09:00:00';
const fresh = () => tenantFromData(BASE_TENANT).store;
const create = (store = fresh(), Data: unknown, extra: Record<string, unknown> = {}) =>
  runAction('CREATEPROSPECTS', store, { SkillNo: 1234, SourceName: 'SalesforceLeads', Data, ...extra }, { now: NOW, version: 2 });

const results = (outputs: Record<string, unknown> | undefined) => outputs!.Results as { SuccessfulRecords: DdoObject[]; FailedRecords: DdoObject[] };
const codes = (records: DdoObject[]) => records.map((r) => [r.Id ?? r.Record, r.ResultCode]);

describe('CREATEPROSPECTS v2 result codes', () => {
  const cases: [string, DdoObject, string][] = [
    ['record zone (IANA)', { Id: 'z1', MobilePhone: '3035550100', Tz: 'America/Chicago' }, 'Created'],
    ['record zone (Windows name)', { Id: 'z2', MobilePhone: '3035550101', Tz: 'Pacific Standard Time' }, 'Created'],
    ['area code', { Id: 'z3', MobilePhone: '+1 (212) 555-0102' }, 'Created'],
    ['invalid record zone', { Id: 'z4', MobilePhone: '3035550103', Tz: 'Mars/Olympus' }, 'Invalid time zone'],
    ['missing external id', { MobilePhone: '3035550104' }, 'Missing External ID'],
    ['blank external id', { Id: '  ', MobilePhone: '3035550104' }, 'Missing External ID'],
    ['no valid destination', { Id: 'd1', MobilePhone: '12', HomePhone: '' }, 'No valid destination'],
    ['no destination at all', { Id: 'd2' }, 'No valid destination'],
    ['too many destinations', { Id: 'd3', MobilePhone: ['3035550105', '3035550106'], HomePhone: '3035550107', WorkPhone: '3035550108' }, 'Exceeded max destinations'],
    ['multi-number within the limit', { Id: 'd4', MobilePhone: ['3035550105', '3035550106'], WorkPhone: '3035550108' }, 'Created'],
    ['text array of numbers', { Id: 'd5', MobilePhone: '3035550105|7205550106' }, 'Created'],
    ['row expiration in the future', { Id: 'e1', MobilePhone: '3035550109', ExpiresOn: '11/30/2026' }, 'Created'],
    ['row expiration in the past', { Id: 'e2', MobilePhone: '3035550110', ExpiresOn: '2026-11-20T17:00:00' }, 'Expired'],
    ['row expiration earlier today', { Id: 'e3', MobilePhone: '3035550111', ExpiresOn: '11/21/2026 08:59:00 AM' }, 'Expired'],
    ['row expiration not a date', { Id: 'e4', MobilePhone: '3035550112', ExpiresOn: 'soon' }, 'Invalid expiration date'],
  ];
  it.each(cases)('%s', async (_name, record, code) => {
    const { outcome } = await create(undefined, [record]);
    expect(outcome.branch).toBe('Default');
    const r = results(outcome.outputs);
    const all = [...r.SuccessfulRecords, ...r.FailedRecords];
    expect(all).toHaveLength(1);
    expect(all[0]).toEqual({ ...record, ResultCode: code });
  });

  it('stores normalised destinations, zone and expiry', async () => {
    const store = fresh();
    await create(store, [
      { Id: 'a', FirstName: 'Ada', LastName: 'Lovelace', MobilePhone: '(303) 555-0100', HomePhone: '+1 303 555 0100', WorkPhone: '720.555.0111', Tz: 'Eastern Standard Time', ExpiresOn: '2026-11-30' },
      { Id: 'b', MobilePhone: '+1 212 555 0102' },
    ]);
    expect(store.prospect(1234, 'a')).toMatchObject({
      firstName: 'Ada',
      lastName: 'Lovelace',
      destinations: ['+13035550100', '+17205550111'],
      timeZone: 'America/New_York',
      expiresAtMs: Date.parse('2026-11-30T23:59:59.999-07:00'),
      status: 'queued',
    });
    expect(store.prospect(1234, 'b')).toMatchObject({ timeZone: 'America/New_York', expiresAtMs: null });
  });

  it('toll-free numbers: TimeZone fallback, or rejected with NoTimeZoneReject', async () => {
    const tollFree = { Id: 'tf', MobilePhone: '+1 800 555 0199' };
    const fallback = await create(undefined, [tollFree], { TimeZone: 'Central Standard Time' });
    expect(codes(results(fallback.outcome.outputs).SuccessfulRecords)).toEqual([['tf', 'Created']]);
    const rejected = await create(undefined, [tollFree], { TimeZone: 'America/Chicago', NoTimeZoneReject: true });
    expect(codes(results(rejected.outcome.outputs).FailedRecords)).toEqual([['tf', 'No time zone']]);
    const noFallback = await create(undefined, [tollFree]);
    expect(codes(results(noFallback.outcome.outputs).FailedRecords)).toEqual([['tf', 'No time zone']]);
    const store = fresh();
    await create(store, [tollFree], { TimeZone: 'Central Standard Time' });
    expect(store.prospect(1234, 'tf')?.timeZone).toBe('America/Chicago');
  });

  it('an area code spanning two zones takes the westernmost', async () => {
    const store = fresh();
    await create(store, [{ Id: 'ak', MobilePhone: '(907) 555-0100' }]);
    expect(store.prospect(1234, 'ak')?.timeZone).toBe('America/Adak');
  });

  it('non-North-American numbers need a record zone or the fallback', async () => {
    const store = fresh();
    const { outcome } = await create(store, [{ Id: 'uk', MobilePhone: '+44 20 7946 0958' }, { Id: 'uk2', MobilePhone: '+44 20 7946 0959', Tz: 'Europe/London' }]);
    expect(codes(results(outcome.outputs).FailedRecords)).toEqual([['uk', 'No time zone']]);
    expect(store.prospect(1234, 'uk2')?.destinations).toEqual(['+442079460959']);
  });

  it('DefaultExpirationDate applies to rows without their own, against the virtual clock', async () => {
    const store = fresh();
    const past = await create(store, [{ Id: 'a', MobilePhone: '3035550100' }, { Id: 'b', MobilePhone: '3035550101', ExpiresOn: '12/01/2026' }], { DefaultExpirationDate: '11/20/2026' });
    expect(codes(results(past.outcome.outputs).FailedRecords)).toEqual([['a', 'Expired']]);
    expect(codes(results(past.outcome.outputs).SuccessfulRecords)).toEqual([['b', 'Created']]);
    await create(store, [{ Id: 'c', MobilePhone: '3035550102' }], { DefaultExpirationDate: '2026-11-21T17:00:00' });
    expect(store.prospect(1234, 'c')?.expiresAtMs).toBe(Date.parse('2026-11-21T17:00:00-07:00'));
  });

  it('keeps input order across both lists and upserts by external id', async () => {
    const store = fresh();
    const first = await create(store, [{ Id: '1', MobilePhone: '3035550100' }, { Id: '2' }, { Id: '3', MobilePhone: '3035550102' }, 'not a record']);
    const r1 = results(first.outcome.outputs);
    expect(codes(r1.SuccessfulRecords)).toEqual([['1', 'Created'], ['3', 'Created']]);
    expect(codes(r1.FailedRecords)).toEqual([['2', 'No valid destination'], ['not a record', 'Invalid record']]);
    expect(first.effects.map((e) => e.data)).toEqual([
      { op: 'Created', skillNo: 1234, sourceName: 'SalesforceLeads', externalId: '1' },
      { op: 'Created', skillNo: 1234, sourceName: 'SalesforceLeads', externalId: '3' },
    ]);
    const second = await create(store, { leads: [{ Id: 3, MobilePhone: '7205550199' }, { Id: '4', MobilePhone: '3035550104' }] });
    expect(codes(results(second.outcome.outputs).SuccessfulRecords)).toEqual([[3, 'Updated'], ['4', 'Created']]);
    expect(store.prospect(1234, '3')?.destinations).toEqual(['+17205550199']);
    expect(store.prospectCount(1234)).toBe(3);
  });

  it('accepts Data as JSON text', async () => {
    const { outcome } = await create(undefined, JSON.stringify([{ Id: 'j', MobilePhone: '3035550100' }]));
    expect(codes(results(outcome.outputs).SuccessfulRecords)).toEqual([['j', 'Created']]);
  });
});

describe('CREATEPROSPECTS v2 error outcomes', () => {
  const rec = [{ Id: 'a', MobilePhone: '3035550100' }];
  const cases: [string, Record<string, unknown>, RegExp][] = [
    ['unknown skill', { SkillNo: 9999 }, /Skill 9999 does not exist/],
    ['inactive PC skill', { SkillNo: 1235 }, /Skill 1235 \(PC_Paused\) cannot take prospects: it is not active/],
    ['inbound skill', { SkillNo: 2000 }, /not a Personal Connection skill/],
    ['outbound non-PC skill', { SkillNo: 2001 }, /not a Personal Connection skill/],
    ['unknown source', { SourceName: 'Nope' }, /^Missing External ID: source Nope does not exist/],
    ['source without a map', { SourceName: 'Unmapped' }, /^Missing External ID: source Unmapped has no valid source map/],
    ['Data not records', { Data: 'hello' }, /received text "hello"/],
    ['Data a DDO without an array', { Data: { a: 1, b: 2 } }, /received a DDO with members a, b/],
    ['Data missing', { Data: null }, /received nothing/],
    ['bad TimeZone', { TimeZone: 'Atlantis' }, /TimeZone "Atlantis" is not an IANA or Windows/],
    ['bad DefaultExpirationDate', { DefaultExpirationDate: 'someday' }, /DefaultExpirationDate "someday" is not a date/],
  ];
  it.each(cases)('%s', async (_name, props, message) => {
    const store = fresh();
    const { outcome, effects } = await runAction('CREATEPROSPECTS', store, { SkillNo: 1234, SourceName: 'SalesforceLeads', Data: rec, ...props }, { now: NOW, version: 2 });
    expect(outcome.branch).toBe('OnError');
    expect(outcome.error).toMatch(message);
    expect(effects).toEqual([]);
    expect(store.prospectCount()).toBe(0);
  });

  it('checks skill, then source and map, then Data, then the fallbacks (actions.md order)', async () => {
    const reasons: [Record<string, unknown>, RegExp][] = [
      [{ SkillNo: 9999, SourceName: 'Nope', Data: 'hello', TimeZone: 'Atlantis' }, /^Skill 9999 does not exist/],
      [{ SourceName: 'Nope', Data: 'hello', TimeZone: 'Atlantis' }, /^Missing External ID: source Nope/],
      [{ Data: 'hello', TimeZone: 'Atlantis', DefaultExpirationDate: 'someday' }, /^Data must be an array/],
      [{ TimeZone: 'Atlantis', DefaultExpirationDate: 'someday' }, /^TimeZone "Atlantis"/],
    ];
    for (const [props, message] of reasons) {
      const { outcome } = await runAction('CREATEPROSPECTS', fresh(), { SkillNo: 1234, SourceName: 'SalesforceLeads', Data: rec, ...props }, { now: NOW, version: 2 });
      expect(outcome.error).toMatch(message);
    }
  });

  it('is found by its alias CREATEPROSPECT2', async () => {
    const { outcome } = await runAction('CREATEPROSPECT2', fresh(), { SkillNo: 1234, SourceName: 'SalesforceLeads', Data: rec }, { now: NOW });
    expect(outcome.branch).toBe('Default');
  });
});
