// A test session opens its tenant once and runs every case on a copy of it:
// no case sees what another one changed, whatever the order or thread, and
// the tenant the session loaded stays as the file says.
import { copyFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CrmState } from '../../src/tenant/crm/state.js';
import { loadProject } from '../../src/testing/project.js';
import { runSession } from '../../src/testing/session.js';

const examples = join(import.meta.dirname, '..', '..', 'scripts-examples');

function project(): string {
  const dir = mkdtempSync(join(tmpdir(), 'tenant-copies-'));
  for (const f of ['CreateProspectsSub.script', 'tenant.yaml']) copyFileSync(join(examples, f), join(dir, f));
  return dir;
}

describe('the tenant of a test session', () => {
  it('is a copy per case: every case pulls the same New leads the file holds', async () => {
    const dir = project();
    // Each case creates prospects and marks its leads Queued in the CRM; were the
    // tenant shared, the second case would find 25 other leads and the last none.
    const oneCase = (name: string) => `
  - name: ${name}
    script: CreateProspectsSub
    vars: { skillNo: 1234, sourceName: KustomerLeads, batchSize: 25 }
    expect:
      variables: { created: 19, failed: 6 }
      effects: { prospects: { count: 19 } }
`;
    writeFileSync(join(dir, 'Pull.test.yaml'), `now: 2026-11-21T09:00:00-07:00\ntenant: tenant.yaml\ncases:${['first', 'second', 'third', 'fourth'].map(oneCase).join('')}`);
    for (const workers of [1, 2]) {
      const s = await runSession({ paths: [dir], workers });
      expect(s.diagnostics).toEqual([]);
      expect(s.cases.map((c) => [c.name, c.status, c.failures.map((f) => f.message)])).toEqual(
        ['first', 'second', 'third', 'fourth'].map((n) => [n, 'passed', []]),
      );
    }
  });

  it('gives each run a copy whose writes neither the loaded tenant nor the next copy see', async () => {
    const dir = project();
    const p = await loadProject(dir, join(dir, 'tenant.yaml'));
    const first = p.openTenant();
    const leads = new CrmState(first.store).records('kustomer-prod', 'leads');
    const lead = leads.get('L0001')!;
    first.store.transaction(() => {
      leads.put('L0001', { ...lead, status: 'Queued' });
      leads.put('L9999', { id: 'L9999', status: 'New' });
      first.store.upsertProspect({
        skillNo: 1234, externalId: 'L0001', sourceName: 'KustomerLeads', firstName: 'Barbara', lastName: 'Perlman', destinations: ['+17205550101'],
        timeZone: 'America/Denver', expiresAtMs: null, fields: {}, status: 'queued', createdAtMs: 0, updatedAtMs: 0, dialedAtMs: null,
      });
    });
    const second = p.openTenant();
    const again = new CrmState(second.store).records('kustomer-prod', 'leads');
    expect(again.get('L0001')).toEqual(lead);
    expect(again.get('L9999')).toBeUndefined();
    expect(again.count()).toBe(240);
    expect(second.store.prospectCount()).toBe(0);
    expect(new CrmState(first.store).records('kustomer-prod', 'leads').count()).toBe(241);
  });
});
