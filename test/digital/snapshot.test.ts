// The digital processes in snapshots: an outbound skill sending its list at
// two messages a minute, a middleware that fails some posts (retried ten
// minutes later), and replies that start the channel's script — four of them
// at the same instant. Paused after any step, saved as JSON and resumed in a
// new runtime on the tenant as the pause left it (the middleware goes on as
// it was), the run ends exactly as the uninterrupted one: the sender keeps
// its tick clock and retry order, the replies the order threads are looked at.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createStubHttp, type HttpStub } from '../../src/http/stubs.js';
import type { HttpClient } from '../../src/contract/http.js';
import type { ProspectRecord } from '../../src/contract/tenant-store.js';
import type { RunResult } from '../../src/runtime/result.js';
import { createRuntime, RuntimeOptionError } from '../../src/runtime/runtime.js';
import type { Snapshot } from '../../src/runtime/state.js';
import { scriptReplies } from '../../src/tenant/digital/inbox.js';
import { DELIVERIES_COLLECTION } from '../../src/tenant/digital/records.js';
import type { SenderState } from '../../src/tenant/digital/sender-state.js';
import { checkTenantText, openCheckedTenant, type Tenant } from '../../src/tenant/tenant.js';
import { scriptSet } from '../runtime/helpers.js';
import { OUTREACH_TENANT_YAML } from './fixtures.js';

const NOW = '2026-11-23T09:00:00-07:00';
const OUTBOUND = 'POST http://localhost:8787/channels/acme-chat-us/outbound';
const STUBS: HttpStub[] = [
  { match: { http: OUTBOUND }, status: 503, nth: 2 },
  { match: { http: OUTBOUND }, status: 503, nth: 3 },
  { match: { http: OUTBOUND }, status: 202 },
];

const scripts = scriptSet([
  `script PromoDay
type Generic
start: BEGIN -> loop
loop: LOOP { Repeat = 30  CounterName = round }
  Repeat -> wait
  Finished -> done
wait: WAIT { Seconds = 47 } -> loop
done: END`,
  `script AnswerReplies
type Digital
start: BEGIN -> answer
answer: TEXTMSG { Message = "Thanks: {inboundmessage}" } -> done
  Error -> done
done: END`,
]);

const record = (id: string): ProspectRecord => ({
  skillNo: 4100, externalId: id, sourceName: 'PromoList', firstName: `Ada${id}`, lastName: null, destinations: [`+1303555010${id}`], timeZone: 'America/Denver',
  expiresAtMs: null, fields: { FirstName: `Ada${id}`, Custom1: '31/10', Record: { Id: id, OfferEnd: '31/10' } }, status: 'queued',
  createdAtMs: 0, updatedAtMs: 0, dialedAtMs: null,
});

function tenant(): Tenant {
  const t = openCheckedTenant(checkTenantText(OUTREACH_TENANT_YAML, 'tenant.yaml'));
  for (const id of ['1', '2', '3', '4', '5', '6']) t.store.upsertProspect(record(id));
  // Threads 4, 1, 5 and 6 reply at the same instant, 09:04:00, and start their scripts in the order their replies were
  // released: thread 1's second reply (released by the answer to its first, at 09:02:10) after thread 4's (09:02:00).
  scriptReplies(t.store, [
    { to: '+13035550101', afterMs: 100_000, text: 'one' },
    { to: '+13035550101', afterMs: 110_000, text: 'again' },
    { to: '+13035550105', afterMs: 90_000, text: 'five' },
    { to: '+13035550106', afterMs: 60_000, text: 'six' },
    { to: '+13035550104', afterMs: 120_000, text: 'four' },
  ]);
  return t;
}

const runtime = (t: Tenant, http: HttpClient, resume?: unknown) => createRuntime({ scripts, tenant: t, now: NOW, http, ...(resume ? { resume: resume as Snapshot } : {}) });

const wholeTenant = tenant();
const whole = await runtime(wholeTenant, createStubHttp(STUBS)).run('PromoDay', { keepTrace: true });
const totalSteps = whole.steps + (whole.spawned ?? []).reduce((n, r) => n + r.steps, 0);
const deliveries = (t: Tenant) => t.store.collection(DELIVERIES_COLLECTION).all();

async function pausedAt(n: number): Promise<{ part1: RunResult; snapshot: Snapshot; t: Tenant; http: HttpClient }> {
  const t = tenant();
  const http = createStubHttp(STUBS);
  const first = runtime(t, http);
  const part1 = await first.run('PromoDay', { keepTrace: true, maxSteps: n });
  return { part1, snapshot: JSON.parse(JSON.stringify(first.snapshot())) as Snapshot, t, http };
}

async function expectSameAsWhole(n: number): Promise<Snapshot> {
  const { part1, snapshot, t, http } = await pausedAt(n);
  const part2 = await runtime(t, http, snapshot).run('PromoDay', { keepTrace: true });
  const { trace: t2, ...rest2 } = part2;
  const { trace: t0, ...rest0 } = whole;
  expect(rest2).toEqual(rest0);
  expect([...part1.trace!, ...t2!]).toEqual(t0);
  expect(deliveries(t)).toEqual(deliveries(wholeTenant));
  return snapshot;
}

const senderOf = (s: Snapshot) => s.processes!['sender:4100'] as SenderState;

describe('the uninterrupted run', () => {
  it('sends, retries and answers replies, four of them at once', () => {
    const messages = (whole.effects.messages as { direction: string; to?: string; from?: string; status: string; at: string }[]).map(
      (m) => `${m.at.slice(11, 19)} ${m.direction === 'outbound' ? `→ ${m.to}` : `← ${m.from}`} ${m.status}`,
    );
    expect(messages).toContain('09:01:00 → +13035550102 retrying');
    expect(messages).toContain('09:11:00 → +13035550102 sent');
    expect(messages.filter((m) => m.startsWith('09:04:00 ←'))).toEqual(['09:04:00 ← +13035550104 received', '09:04:00 ← +13035550101 received', '09:04:00 ← +13035550105 received', '09:04:00 ← +13035550106 received']);
    expect(whole.status).toBe('completed');
  });
});

describe('a run resumed from a snapshot sends and answers as the uninterrupted run', () => {
  it('after every second step', async () => {
    const seen = new Set<string>();
    for (let n = 1; n < totalSteps; n += 2) {
      const s = senderOf(await expectSameAsWhole(n));
      if (s.retries.length > 0) seen.add('retries waiting');
      if (s.retryWait) seen.add('only retries wait');
      if ((s.lastTickMs ?? 0) > 0) seen.add('ticking');
    }
    expect([...seen].sort()).toEqual(['only retries wait', 'retries waiting', 'ticking']);
  });

  it('after any step (property)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: totalSteps - 1 }), async (n) => {
        await expectSameAsWhole(n);
      }),
      { numRuns: 8, seed: 4100 },
    );
  });
});

describe('the digital parts of a snapshot', () => {
  it('a version-2 snapshot (no sender or replies part) still resumes, those starting afresh', async () => {
    const { snapshot, t, http } = await pausedAt(9);
    const { routing } = snapshot.processes!;
    const r = await runtime(t, http, { ...snapshot, version: 2, processes: { routing } }).run('PromoDay');
    expect(r.status).toBe('completed');
  });

  it('a damaged part is refused, naming where', async () => {
    const { snapshot, t, http } = await pausedAt(9);
    const refused = (edit: (p: Record<string, any>) => void): string => {
      const s = JSON.parse(JSON.stringify(snapshot)) as Snapshot;
      edit(s.processes as Record<string, any>);
      try {
        runtime(t, http, s);
      } catch (err) {
        expect(err).toBeInstanceOf(RuntimeOptionError);
        return (err as Error).message;
      }
      throw new Error('the snapshot was accepted');
    };
    expect(senderOf(snapshot).retries.length).toBeGreaterThan(0);
    expect(refused((p) => (p['sender:4100'].credit = -1))).toBe('Invalid snapshot: processes.sender:4100.credit must be 0 or more');
    expect(refused((p) => (p['sender:4100'].retries[0][0] = '4100/nobody'))).toBe(
      'Invalid snapshot: processes.sender:4100.retries[0][0] names delivery "4100/nobody", which the tenant does not have waiting for a retry of this skill',
    );
    expect(refused((p) => (p['sender:4100'].retries[0] = ['x']))).toBe('Invalid snapshot: processes.sender:4100.retries[0] must be [delivery key, due time]');
    expect(refused((p) => (p['sender:4100'].lastTickMs = 'soon'))).toBe('Invalid snapshot: processes.sender:4100.lastTickMs must be a time in epoch milliseconds');
    expect(refused((p) => (p['digital:replies'].pending = 'all'))).toBe('Invalid snapshot: processes.digital:replies.pending must be a list');
    expect(refused((p) => (p['digital:replies'].pending = ['a', 'a']))).toBe('Invalid snapshot: processes.digital:replies.pending[1] repeats thread "a"');
    expect(refused((p) => delete p['sender:4100'])).toBe('Invalid snapshot: processes.sender:4100 is missing (the state of the sender:4100 process)');
  });
});
