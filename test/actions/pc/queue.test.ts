import { describe, expect, it } from 'vitest';
import { tenantFromData } from '../../../src/tenant/tenant.js';
import { BASE_TENANT } from '../../tenant/fixtures.js';
import { runAction } from './fake-context.js';

async function seeded() {
  const store = tenantFromData(BASE_TENANT).store;
  const Data = Array.from({ length: 5 }, (_, i) => ({ Id: `p${i}`, MobilePhone: `30355501${String(i).padStart(2, '0')}` }));
  await runAction('CREATEPROSPECTS', store, { SkillNo: 1234, SourceName: 'SalesforceLeads', Data }, { now: '2026-11-21T09:00:00', version: 2 });
  return store;
}

describe('GETQUEUE', () => {
  it('counts undialed records and the longest wait', async () => {
    const store = await seeded();
    store.dialNext(1234, 2, Date.parse('2026-11-21T16:01:00Z'));
    const { outcome } = await runAction('GETQUEUE', store, { Skills: '1234' }, { now: '2026-11-21T09:10:00' });
    expect(outcome).toEqual({ branch: 'Default', outputs: { NumberQueued: 3, LongestWait: 600 } });
  });
  it('sums several skills given by number or name, each once', async () => {
    const store = await seeded();
    const { outcome } = await runAction('GETQUEUE', store, { Skills: 'PC_Outbound_Sales, 2000, 1234' }, { now: '2026-11-21T09:00:00' });
    expect(outcome.outputs).toEqual({ NumberQueued: 5, LongestWait: 0 });
  });
  it('does not count records that expired before the dialer reached them', async () => {
    const store = tenantFromData(BASE_TENANT).store;
    // Queue order: two records without expiry, then one expiring at 10:00, then one at 12:00.
    const Data = [
      { Id: 'a', MobilePhone: '3035550100' },
      { Id: 'b', MobilePhone: '3035550101' },
      { Id: 'c', MobilePhone: '3035550102', ExpiresOn: '2026-11-21T10:00:00' },
      { Id: 'd', MobilePhone: '3035550103', ExpiresOn: '2026-11-21T12:00:00' },
    ];
    await runAction('CREATEPROSPECTS', store, { SkillNo: 1234, SourceName: 'SalesforceLeads', Data }, { now: '2026-11-21T09:00:00', version: 2 });
    const at = async (now: string) => (await runAction('GETQUEUE', store, { Skills: '1234' }, { now })).outcome.outputs;
    expect(await at('2026-11-21T09:30:00')).toMatchObject({ NumberQueued: 4 });
    expect(await at('2026-11-21T10:00:00')).toMatchObject({ NumberQueued: 3 });
    expect(store.prospect(1234, 'c')?.status).toBe('expired');
    const info = await runAction('GETSKILLINFO', store, { SkillList: '1234' }, { now: '2026-11-21T12:30:00' });
    expect((info.outcome.outputs!.Results as { QueueCount: number }[])[0]!.QueueCount).toBe(2);
    expect(store.prospect(1234, 'd')?.status).toBe('expired');
  });
  const errors: [string, Record<string, unknown>, RegExp][] = [
    ['unknown skill', { Skills: '1234, 777' }, /skill 777 does not exist/],
    ['no skills', { Skills: ' , ' }, /at least one skill/],
    ['proficiency range reversed', { Skills: '1234', HighProficiency: 5, LowProficiency: 2 }, /HighProficiency \(5\) must not be worse/],
  ];
  it.each(errors)('%s', async (_n, props, message) => {
    const { outcome } = await runAction('GETQUEUE', await seeded(), props);
    expect(outcome.branch).toBe('OnError');
    expect(outcome.error).toMatch(message);
  });
});

describe('GETSKILLINFO', () => {
  it('lists every active PC skill when SkillList is empty', async () => {
    const { outcome } = await runAction('GETSKILLINFO', await seeded(), {});
    expect(outcome.outputs!.Results).toEqual([
      {
        SkillNo: 1234,
        SkillName: 'PC_Outbound_Sales',
        IsActive: true,
        IsOutbound: true,
        IsPersonalConnection: true,
        QueueCount: 5,
        LongestWait: 0,
        AgentsLoggedIn: 0,
        AgentsAvailable: 0,
        AgentsWorking: 0,
        Campaign: 'Sales',
        MediaType: 'Phone',
      },
    ]);
  });
  it('reads the listed skills, active or not', async () => {
    const { outcome } = await runAction('GETSKILLINFO', await seeded(), { SkillList: '1235,Inbound_Support' });
    expect((outcome.outputs!.Results as { SkillNo: number; IsActive: boolean }[]).map((r) => [r.SkillNo, r.IsActive])).toEqual([
      [1235, false],
      [2000, true],
    ]);
  });
  it('OnError for an unknown skill', async () => {
    const { outcome } = await runAction('GETSKILLINFO', await seeded(), { SkillList: 'Nope' });
    expect(outcome).toMatchObject({ branch: 'OnError', error: expect.stringMatching(/skill Nope does not exist/) });
  });
});
