// A preview campaign never keeps a run alive by itself: once its dialer has
// nothing it can act on (every record dialed, or offerable only to agents who
// are never on shift), a call waiting for an event that never comes ends
// `stopped`, as it does without a campaign. Each run here has an until far in
// the future, so a dialer that stays due makes the test fail at the until
// instead of hanging.
import { describe, expect, it } from 'vitest';
import type { RunResult } from '../../src/runtime/result.js';
import { createRuntime, type RunOptions } from '../../src/runtime/runtime.js';
import { tenantFromData } from '../../src/tenant/tenant.js';
import { previewOffers } from '../../src/tenant/preview/records.js';
import { scriptSet } from '../runtime/helpers.js';
import { addRecord, collectionsTenant, dialerOf, START } from './campaign.js';

const NOW = '2026-01-05T09:00:00-07:00';
const YEAR = '8760h';
const NEVER = 'Waiting for an event that never comes: STOP at Waiting.hold';

// A call that waits for an event that never comes (a silent caller; STOP waits for the next event).
const WAITING = `script Waiting
type Phone
start: BEGIN -> hold
hold: STOP
gone: ONRELEASE -> done
done: END
`;
// Adds `accounts` to the campaign's list 30 min 30 s in, then waits as WAITING does.
const ADDING = `script Adding
type Phone
start: BEGIN -> later
later: WAIT { Seconds = 1830 } -> add
add: CREATEPROSPECTS v2 { SkillNo = 1300  SourceName = "Collections"  Data = accounts  TimeZone = "America/Denver"  Results = added } -> hold
  OnError -> hold
hold: STOP
`;

const ana = { id: 1001, email: 'ana.silva@example.com', name: 'Ana Silva', skills: [1300], talkSeconds: 120 };

function tenant(campaign: Record<string, unknown> = {}, agents: unknown[] = [ana]) {
  return tenantFromData({
    timeZone: 'America/Denver',
    agents,
    skills: [{ id: 1300, name: 'PC_Collections', media: 'Phone', direction: 'Outbound', personalConnection: true }],
    sources: [{ name: 'Collections', mapping: { ExternalID: 'Account', Destinations: ['Phone'] } }],
    campaigns: [{ name: 'Collections', mode: 'Preview', skill: 1300, agentOwnedColumn: 'AgentEmail', ...campaign }],
  });
}

async function waitingCall(t: ReturnType<typeof tenant>, script = WAITING, vars: RunOptions['vars'] = {}): Promise<RunResult> {
  const runtime = createRuntime({ scripts: scriptSet([script]), tenant: t, now: NOW, contact: { ani: '3035550100', dnis: '8005550000', caller: 'silent' } });
  return runtime.run(/script (\w+)/.exec(script)![1]!, { until: YEAR, keepTrace: true, vars });
}

const endOf = (r: RunResult) => r.trace!.at(-1) as { type: string; reason?: string };

describe('a preview campaign with nothing left to do lets a waiting call end', () => {
  it('with no records at all', async () => {
    const t = tenant();
    const r = await waitingCall(t);
    expect(r.status).toBe('stopped');
    expect(endOf(r)).toMatchObject({ type: 'run.end', reason: NEVER });
    expect(Date.parse(r.endedAt)).toBe(START);
    t.close();
  });

  it('once every record is dialed (the agent accepts, rings 5 s, talks 120 s)', async () => {
    const t = tenant({ recycleEveryMinutes: 60 });
    addRecord(t.store, 'A1', 'ana.silva@example.com', START - 60_000);
    addRecord(t.store, 'S1', '', START - 60_000);
    const r = await waitingCall(t);
    expect(previewOffers(t.store).map((o) => `${o.externalId} ${o.decision}`)).toEqual(['A1 accept', 'S1 accept']);
    expect(r.status).toBe('stopped');
    expect(endOf(r).reason).toBe(NEVER);
    // Both dialed by 09:04:30; at most one recycle finds nothing to offer: the run ends by 10:00, not at the until a year away.
    expect(Date.parse(r.endedAt) - START).toBeLessThanOrEqual(3_600_000);
    t.close();
  });

  it('when the only records belong to agents logged out or never on shift, or to owners the campaign skips', async () => {
    const off = { ...ana, id: 1002, email: 'off.shift@example.com', name: 'Off Shift', schedule: {} };
    const out = { ...ana, id: 1003, email: 'logged.out@example.com', name: 'Logged Out', loggedIn: false };
    const t = tenant({ recycleEveryMinutes: 30 }, [off, out]);
    addRecord(t.store, 'O1', 'off.shift@example.com');
    addRecord(t.store, 'L1', 'logged.out@example.com');
    addRecord(t.store, 'X1', 'nobody@example.com');
    const r = await waitingCall(t);
    expect(previewOffers(t.store)).toEqual([]);
    expect(r.status).toBe('stopped');
    expect(endOf(r).reason).toBe(NEVER);
    expect(Date.parse(r.endedAt) - START).toBeLessThanOrEqual(30 * 60_000);
    t.close();
  });

  it('after offering a record the call itself adds to the list, on the next minute of the dialer', async () => {
    const t = tenant();
    const accounts = [{ Account: 'AC-1', Phone: '+13035550111', AgentEmail: 'ana.silva@example.com' }];
    const r = await waitingCall(t, ADDING, { accounts });
    expect(r.variables.added).toBeDefined();
    // Added at 09:30:30; the dialer looks at 09:31, Ana accepts at 09:31:10, the number rings 5 s and she talks 120 s.
    expect(previewOffers(t.store).map((o) => [o.externalId, o.decision, (o.offeredAtMs - START) / 1000])).toEqual([['AC-1', 'accept', 1860]]);
    expect(r.status).toBe('stopped');
    expect(endOf(r).reason).toBe('Waiting for an event that never comes: STOP at Adding.hold');
    expect(Date.parse(r.endedAt) - START).toBeLessThanOrEqual(3_600_000);
    t.close();
  });
});

describe('the preview dialer is due only when it can act', () => {
  it('is idle with every record dialed, and due again at the next minute when a record is added', () => {
    const t = collectionsTenant();
    addRecord(t.store, 'A1', 'ana.silva@example.com');
    const day = dialerOf(t.store);
    day.runUntil(START + 330_000);
    expect(previewOffers(t.store).map((o) => o.externalId)).toEqual(['A1']);
    expect(day.dialer.nextDueMs()).toBeNull();
    // New records are looked for on the dialer's minute: added 5 min 30 s in, A2 is offered at 6 min.
    addRecord(t.store, 'A2', 'ana.silva@example.com', START + 330_000);
    expect(day.dialer.nextDueMs()).not.toBeNull();
    day.runUntil(START + 20 * 60_000);
    expect(previewOffers(t.store).map((o) => [o.externalId, (o.offeredAtMs - START) / 1000])).toEqual([
      ['A1', 0],
      ['A2', 360],
    ]);
    expect(day.dialer.nextDueMs()).toBeNull();
  });

  it('waits for an agent off shift until the schedule opens, on the minute, without polling in between', () => {
    // Ana works 10:00–11:00 Denver on Mondays: the record waits an hour from 09:00.
    const t = collectionsTenant({}, { agents: [{ ...ana, schedule: { Monday: { open: '10:00', close: '11:00' } } }] });
    addRecord(t.store, 'A1', 'ana.silva@example.com');
    const day = dialerOf(t.store);
    day.runUntil(START);
    expect(day.dialer.nextDueMs()).toBe(START + 3_600_000);
    day.runUntil(START + 2 * 3_600_000);
    expect(previewOffers(t.store).map((o) => (o.offeredAtMs - START) / 1000)).toEqual([3600]);
  });
});
