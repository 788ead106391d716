// The Personal Connection actions inside a real run: properties evaluated by
// the runtime, outputs written to the variables the script names.
import { describe, expect, it } from 'vitest';
import { loadFolder } from '../../../src/graph/load.js';
import { createRuntime } from '../../../src/runtime/runtime.js';
import { tenantFromData } from '../../../src/tenant/tenant.js';
import { BASE_TENANT } from '../../tenant/fixtures.js';

describe('Personal Connection actions in a run', () => {
  it('creates a source and its map, loads prospects, finds and removes one', async () => {
    const scripts = await loadFolder(new URL('./scripts/', import.meta.url).pathname);
    const tenant = tenantFromData(BASE_TENANT);
    const runtime = createRuntime({ scripts, tenant, now: '2026-11-21T09:00:00-07:00' });
    const result = await runtime.run('SourceSetup');
    expect(result.status).toBe('completed');
    expect(result.path.at(-1)).toBe('SourceSetup.done');
    expect(result.variables.sourcemap).toMatchObject({ SourceName: 'WebLeads', HasMap: true, Mapping: { ExternalID: 'leadId', Destinations: ['cell', 'home'] } });
    expect(result.variables.created).toEqual({
      SuccessfulRecords: [{ leadId: 'W1', first: 'Ada', cell: '(303) 555-0100', ResultCode: 'Created' }],
      FailedRecords: [{ leadId: 'W2', cell: 'nope', ResultCode: 'No valid destination' }],
    });
    expect(result.variables.skills).toEqual([expect.objectContaining({ SkillNo: 1234, QueueCount: 1 })]);
    expect(result.variables.found).toMatchObject({ Count: 1, Prospects: [{ ExternalID: 'W1', Destinations: ['+13035550100'], TimeZone: 'America/Denver' }] });
    expect(result.variables.removed).toMatchObject({ SuccessfulRecords: [{ leadId: 'W1', ResultCode: 'Removed' }] });
    expect(result.effects.prospects).toEqual([
      { op: 'Created', skillNo: 1234, sourceName: 'WebLeads', externalId: 'W1' },
      { op: 'Removed', sourceName: 'WebLeads', externalId: 'W1' },
    ]);
    expect(tenant.store.prospectCount()).toBe(0);
  });
});
