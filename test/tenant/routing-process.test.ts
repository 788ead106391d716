import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { resolveDial } from '../../src/tenant/dial-plan.js';
import { RoutingProcess, type RoutingContactEvent } from '../../src/tenant/routing/process.js';
import { checkTenantText, tenantFromData } from '../../src/tenant/tenant.js';

const ZONE = 'America/Denver';
const START = DateTime.fromISO('2026-12-07T09:00', { zone: ZONE }).toMillis();

function setup(extra: Record<string, unknown> = {}) {
  const store = tenantFromData({
    timeZone: ZONE,
    skills: [{ id: 6061, name: 'Support' }],
    agents: [{ id: 1001, email: 'ana@example.com', name: 'Ana Silva', skills: [6061], ringSeconds: 3, talkSeconds: 20 }],
    ...extra,
  }).store;
  let nowMs = START;
  const clock = { zone: ZONE, now: () => DateTime.fromMillis(nowMs, { zone: ZONE }) };
  const raised: { contactId: string; event: RoutingContactEvent; atMs: number }[] = [];
  let release: ((contactId: string, atMs: number, by: string) => void) | null = null;
  const contacts = {
    raise: (contactId: string, event: RoutingContactEvent, atMs?: number) => (raised.push({ contactId, event, atMs: (atMs ?? nowMs) - START }), true),
    onRelease: (l: typeof release) => ((release = l), () => (release = null)),
  };
  const routing = new RoutingProcess(store);
  routing.attach({ clock, contacts });
  /** Runs the process like the scheduler, up to `seconds` after the start. */
  const runUntil = (seconds: number) => {
    for (let due = routing.nextDueMs(); due !== null && due <= START + seconds * 1000; due = routing.nextDueMs()) {
      nowMs = Math.max(nowMs, due);
      routing.runDue(nowMs);
    }
    nowMs = START + seconds * 1000;
  };
  return { routing, raised, runUntil, release: (id: string) => release!(id, nowMs, 'caller'), request: { skill: 6061, initialPriority: 0, acceleration: 1, maxPriority: 1000 } };
}

describe('RoutingProcess', () => {
  it('raises answer, then release by the agent, on the contact', () => {
    const { routing, raised, runUntil, request } = setup();
    routing.enqueue({ contactId: 'c1', ...request });
    expect(routing.entry('c1')).toMatchObject({ phase: 'queued', skill: 6061 });
    expect(routing.queueStats(6061)).toEqual({ queued: 1, longestWaitSeconds: 0 });
    runUntil(60);
    expect(raised).toEqual([
      { contactId: 'c1', atMs: 3000, event: { type: 'answer', agent: { id: '1001', firstName: 'Ana', lastName: 'Silva' }, skillName: 'Support', skillNo: 6061 } },
      { contactId: 'c1', atMs: 23_000, event: { type: 'release', by: 'agent' } },
    ]);
  });

  it('a contact released elsewhere leaves the queue and frees its agent', () => {
    const { routing, raised, runUntil, release, request } = setup();
    routing.enqueue({ contactId: 'c1', ...request });
    routing.enqueue({ contactId: 'c2', ...request });
    runUntil(10); // c1 talking since 3 s
    expect(routing.position('c2')).toBe(1);
    release('c1');
    expect(routing.entry('c1')).toBeUndefined();
    runUntil(30);
    expect(raised.map((r) => [r.contactId, r.event.type, r.atMs])).toEqual([
      ['c1', 'answer', 3000],
      ['c2', 'answer', 13_000],
    ]);
    expect(routing.agentCounts(6061)).toEqual({ loggedIn: 1, available: 0, working: 1 });
  });

  it('dials an answered callback through the dial plan and raises nothing', () => {
    const { routing, raised, runUntil, request } = setup({ dialPlan: [{ number: '+13035550199', result: 'busy' }] });
    routing.enqueue({ contactId: 'cb1', ...request, callback: { phone: '3035550199', callerId: '8005550100' } });
    routing.enqueue({ contactId: 'cb2', ...request, callback: { phone: '+1 303 555 0100', callerId: '8005550100' } });
    runUntil(120);
    expect(raised).toEqual([]);
    expect(routing.callbackAttempts).toEqual([
      { contactId: 'cb1', phone: '+13035550199', skill: 6061, agentId: 1001, atMs: START + 3000, result: 'busy' },
      // The busy callback freed the agent at once; the second was answered.
      { contactId: 'cb2', phone: '+13035550100', skill: 6061, agentId: 1001, atMs: START + 6000, result: 'answered' },
    ]);
  });

  it('refuses to queue before a runtime attached it', () => {
    const routing = new RoutingProcess(tenantFromData({ timeZone: ZONE }).store);
    expect(routing.nextDueMs()).toBeNull();
    expect(() => routing.enqueue({ contactId: 'x', skill: 1, initialPriority: 0, acceleration: 1, maxPriority: 1 })).toThrow(/not attached/);
  });
});

describe('dial plan', () => {
  const store = tenantFromData({
    timeZone: ZONE,
    dialPlan: [
      { number: '+13035550199', result: 'busy', ringSeconds: 2 },
      { number: '+1303555*', result: 'machine' },
      { number: 13035550100, result: 'noAnswer' },
      { number: '*', result: 'answered', ringSeconds: 8, talkSeconds: 30 },
    ],
  }).store;
  it.each([
    ['(303) 555-0199', 'busy', '+13035550199'],
    ['303.555.0142', 'machine', '+1303555*'],
    ['+44 20 7946 0958', 'answered', '*'],
    ['not a number', 'invalidNumber', null],
  ])('%s → %s', (number, result, rule) => {
    expect(resolveDial(store, number)).toMatchObject({ result, rule });
  });
  it('without rules every valid number is answered after 5 s and talks 60 s', () => {
    expect(resolveDial(tenantFromData({ timeZone: ZONE }).store, '3035550100')).toEqual({ e164: '+13035550100', number: '+13035550100', result: 'answered', ringSeconds: 5, talkSeconds: 60, rule: null });
  });
  it('checks its rules with located errors and warns about rules that never apply', () => {
    const ds = checkTenantText('timeZone: UTC\ndialPlan:\n  - { number: "+1-303", result: busy }\n  - { number: "*", result: answered }\n  - { number: "+1303*", result: busy }\n  - { number: "+1303*", result: noAnswer }\n  - { number: "1", result: Busy }\n', 't.yaml').diagnostics;
    expect(ds.map((d) => `${d.span.line}:${d.span.col} ${d.severity} ${d.message}`)).toEqual([
      '3:15 error dialPlan[0].number: numbers are E.164 digits (+13035550100), a prefix ending in * (+1303*), or * for any number (got "+1-303")',
      '7:28 error dialPlan[4].result must be one of answered, busy, noAnswer, machine, invalidNumber, error, not "Busy" (did you mean "busy"?)',
    ]);
    const warnings = checkTenantText('timeZone: UTC\ndialPlan:\n  - { number: "*", result: answered }\n  - { number: "+1303*", result: busy }\n  - { number: "+1303*", result: noAnswer }\n', 't.yaml').diagnostics;
    expect(warnings.map((d) => `${d.span.line}:${d.span.col} ${d.code} ${d.message}`)).toEqual([
      '4:15 W-TENANT-DIAL dialPlan[1] comes after the catch-all * of dialPlan[0]; it never applies',
      '5:15 W-TENANT-DIAL dialPlan[2] comes after the catch-all * of dialPlan[0]; it never applies',
    ]);
    const repeat = checkTenantText('timeZone: UTC\ndialPlan:\n  - { number: "+1303*", result: busy }\n  - { number: "1303*", result: noAnswer }\n', 't.yaml').diagnostics;
    expect(repeat.map((d) => d.message)).toEqual(['dialPlan[1] repeats number 1303* of dialPlan[0]; it never applies']);
  });
});

describe('tenant show', () => {
  it('lists the dial plan', async () => {
    const { formatSummary, summarizeTenant } = await import('../../src/tenant/summary.js');
    const store = tenantFromData({ timeZone: ZONE, dialPlan: [{ number: '+1303*', result: 'busy', ringSeconds: 2 }, { number: '*', result: 'answered' }] }).store;
    expect(formatSummary(summarizeTenant(store))).toContain('dial plan:\n  +1303* busy (ring 2s)\n  * answered (ring 5s, talk 60s)\n');
  });
});
