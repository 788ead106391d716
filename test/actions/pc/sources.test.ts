import { describe, expect, it } from 'vitest';
import { tenantFromData } from '../../../src/tenant/tenant.js';
import { BASE_TENANT } from '../../tenant/fixtures.js';
import { runAction } from './fake-context.js';

const fresh = () => tenantFromData(BASE_TENANT).store;

describe('CREATESOURCE', () => {
  const cases: [string, unknown, string, RegExp | null][] = [
    ['a new name', 'WebLeads', 'Default', null],
    ['no name', '  ', 'NoNameProvided', /no Name provided/],
    ['a name over 255 characters', 'x'.repeat(256), 'NameExceededLength', /256 characters; the limit is 255/],
    ['a name already used (any case)', 'salesforceleads', 'NameAlreadyUsed', /SalesforceLeads already exists/],
  ];
  it.each(cases)('%s', async (_n, Name, branch, error) => {
    const store = fresh();
    const { outcome, effects } = await runAction('CREATESOURCE', store, { Name });
    expect(outcome.branch).toBe(branch);
    if (error) expect(outcome.error).toMatch(error);
    else {
      expect(outcome.outputs!.SourceId).toBe(store.source('WebLeads')!.id);
      expect(effects).toHaveLength(1);
    }
  });
  it('accepts exactly 255 characters', async () => {
    expect((await runAction('CREATESOURCE', fresh(), { Name: 'y'.repeat(255) })).outcome.branch).toBe('Default');
  });
});

describe('CREATESOURCEMAP', () => {
  const good = { ExternalID: 'LeadId', FirstName: 'First', Destinations: ['Cell', 'Home'] };
  const cases: [string, Record<string, unknown>, string, RegExp | null][] = [
    ['a complete map', { Mapping: good }, 'Default', null],
    ['JSON text', { Mapping: JSON.stringify(good) }, 'Default', null],
    ['a map under a root member', { Mapping: { SourceMap: good } }, 'Default', null],
    ['destinations as text list', { Mapping: { ExternalID: 'LeadId', Destinations: 'Cell|Home' } }, 'Default', null],
    ['unknown source', { SourceName: 'Nope', Mapping: good }, 'InvalidSource', /source Nope does not exist/],
    ['not a DDO', { Mapping: 'LeadId' }, 'InvalidRootNode', /received string "LeadId"/],
    ['an array', { Mapping: [good] }, 'InvalidRootNode', /an array of 1/],
    ['an unknown field', { Mapping: { ...good, FristName: 'F' } }, 'InvalidFieldName', /FristName is not a prospect field \(did you mean FirstName\?\)/],
    ['a field mapped to a DDO', { Mapping: { ...good, LastName: { a: 1 } } }, 'InvalidFieldName', /source field for LastName must be a field name/],
    ['no ExternalID', { Mapping: { Destinations: ['Cell'] } }, 'MissingRequiredField', /needs ExternalID/],
    ['no destination', { Mapping: { ExternalID: 'LeadId' } }, 'MissingRequiredField', /destination/],
    ['too many destinations', { Mapping: { ExternalID: 'LeadId', Destinations: ['a', 'b', 'c', 'd', 'e', 'f', 'g'] } }, 'ExceededMaxDestinations', /7 destination fields mapped; source Unmapped allows 6/],
  ];
  it.each(cases)('%s', async (_n, props, branch, error) => {
    const store = fresh();
    const { outcome } = await runAction('CREATESOURCEMAP', store, { SourceName: 'Unmapped', ...props });
    expect(outcome.branch).toBe(branch);
    if (error) expect(outcome.error).toMatch(error);
    else expect(store.source('Unmapped')!.mapping).toMatchObject({ ExternalID: 'LeadId', Destinations: ['Cell', 'Home'] });
  });

  it('takes NoChangesMade for the same map, then GETSOURCEMAP reads it', async () => {
    const store = fresh();
    expect((await runAction('CREATESOURCEMAP', store, { SourceName: 'Unmapped', Mapping: good })).outcome.branch).toBe('Default');
    const again = await runAction('CREATESOURCEMAP', store, { SourceName: 'Unmapped', Mapping: good });
    expect(again.outcome.branch).toBe('NoChangesMade');
    const read = await runAction('GETSOURCEMAP', store, { SourceName: 'unmapped' });
    expect(read.outcome).toMatchObject({
      branch: 'Default',
      outputs: { Results: { SourceName: 'Unmapped', MaxDestinations: 6, HasMap: true, Mapping: { ExternalID: 'LeadId', FirstName: 'First', Destinations: ['Cell', 'Home'] } } },
    });
  });

  it('a new map makes CREATEPROSPECTS use the new field names', async () => {
    const store = fresh();
    await runAction('CREATESOURCEMAP', store, { SourceName: 'Unmapped', Mapping: good });
    const { outcome } = await runAction('CREATEPROSPECTS', store, { SkillNo: 1234, SourceName: 'Unmapped', Data: [{ LeadId: 'L1', Cell: '3035550100', First: 'Ada' }] }, { version: 2 });
    expect(outcome.branch).toBe('Default');
    expect(store.prospect(1234, 'L1')?.firstName).toBe('Ada');
  });
});

describe('GETSOURCEMAP', () => {
  it('InvalidSource for an unknown source', async () => {
    const { outcome } = await runAction('GETSOURCEMAP', fresh(), { SourceName: 'Nope' });
    expect(outcome).toMatchObject({ branch: 'InvalidSource', error: expect.stringMatching(/Nope does not exist/) });
  });
  it('a source without a map', async () => {
    const { outcome } = await runAction('GETSOURCEMAP', fresh(), { SourceName: 'Unmapped' });
    expect(outcome.outputs!.Results).toMatchObject({ HasMap: false, Mapping: {} });
  });
});
