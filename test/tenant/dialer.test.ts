import { describe, expect, it } from 'vitest';
import { SkillDialer } from '../../src/tenant/dialer.js';
import { tenantFromData } from '../../src/tenant/tenant.js';
import type { ProspectRecord } from '../../src/contract/tenant-store.js';

const T0 = Date.parse('2026-11-21T16:00:00Z');
const tenantWith = (ratePerMinute: number) =>
  tenantFromData({
    timeZone: 'America/Denver',
    skills: [
      { id: 1, name: 'PC_A', direction: 'Outbound', personalConnection: true, dialer: { ratePerMinute } },
      { id: 2, name: 'PC_NoDialer', direction: 'Outbound', personalConnection: true },
    ],
  });
const p = (id: string, over: Partial<ProspectRecord> = {}): ProspectRecord => ({
  skillNo: 1, externalId: id, sourceName: 'S', firstName: null, lastName: null, destinations: ['+13035550100'], timeZone: 'America/Denver',
  expiresAtMs: null, fields: {}, status: 'queued', createdAtMs: T0, updatedAtMs: T0, dialedAtMs: null, ...over,
});

/** Drives processes the way the scheduler does: always the earliest due, until `untilMs`. */
function drive(dialer: SkillDialer, startMs: number, untilMs: number): number[] {
  const times: number[] = [];
  let now = startMs;
  for (;;) {
    const due = dialer.nextDueMs();
    if (due === null) break;
    now = Math.max(now, due);
    if (now > untilMs) break;
    dialer.runDue(now);
    times.push(now);
  }
  return times;
}

describe('dialer simulation', () => {
  it('drains the calling list at ratePerMinute on the virtual clock', () => {
    const tenant = tenantWith(6);
    for (let i = 0; i < 30; i++) tenant.store.upsertProspect(p(`r${i}`));
    const [dialer] = tenant.background() as SkillDialer[];
    expect(dialer!.name).toBe('dialer:1');
    drive(dialer!, T0, T0 + 60_000);
    expect(tenant.store.queueDepth(1)).toBe(24);
    drive(dialer!, T0 + 60_000, T0 + 3 * 60_000);
    expect(tenant.store.queueDepth(1)).toBe(12);
    expect(tenant.store.prospect(1, 'r0')).toMatchObject({ status: 'dialed', dialedAtMs: T0 + 10_000 });
  });

  it('goes idle when the queue is empty and resumes at its rate, without a burst', () => {
    const tenant = tenantWith(60);
    const [dialer] = tenant.background() as SkillDialer[];
    expect(drive(dialer!, T0, T0 + 3_600_000)).toEqual([T0]);
    expect(dialer!.nextDueMs()).toBeNull();
    for (let i = 0; i < 100; i++) tenant.store.upsertProspect(p(`r${i}`));
    drive(dialer!, T0 + 3_600_000, T0 + 3_600_000 + 10_000);
    expect(tenant.store.queueDepth(1)).toBe(89);
  });

  it('fast dialers tick at most once a second', () => {
    const tenant = tenantWith(600);
    for (let i = 0; i < 1000; i++) tenant.store.upsertProspect(p(`r${i}`));
    const [dialer] = tenant.background() as SkillDialer[];
    const ticks = drive(dialer!, T0, T0 + 60_000);
    expect(ticks.length).toBe(61);
    expect(tenant.store.queueDepth(1)).toBe(400);
  });

  it('skips expired records and stops for an inactive skill', () => {
    const tenant = tenantWith(60);
    tenant.store.upsertProspect(p('late', { expiresAtMs: T0 + 500 }));
    tenant.store.upsertProspect(p('ok'));
    const [dialer] = tenant.background() as SkillDialer[];
    drive(dialer!, T0, T0 + 1_000);
    expect(tenant.store.prospect(1, 'late')?.status).toBe('expired');
    expect(tenant.store.prospect(1, 'ok')?.status).toBe('dialed');
    tenant.store.upsertProspect(p('next'));
    tenant.store.putSkill({ ...tenant.store.skill(1)!, active: false });
    expect(dialer!.nextDueMs()).toBeNull();
  });
});

describe('dialer state in the store', () => {
  it('a new dialer on the same store continues the old one', () => {
    const tenant = tenantWith(6);
    for (let i = 0; i < 30; i++) tenant.store.upsertProspect(p(`r${i}`));
    const [first] = tenant.background() as SkillDialer[];
    drive(first!, T0, T0 + 25_000);
    expect(tenant.store.queueDepth(1)).toBe(28);
    // As after a snapshot and resume: a fresh process, same store.
    const [second] = tenant.background() as SkillDialer[];
    expect(second!.nextDueMs()).toBe(T0 + 30_000);
    drive(second!, T0 + 25_000, T0 + 60_000);
    expect(tenant.store.queueDepth(1)).toBe(24);
  });
});
