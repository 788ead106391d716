import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ProcessServices } from '../../src/contract/process.js';
import type { ProspectRecord, TenantStore } from '../../src/contract/tenant-store.js';
import type { Value } from '../../src/contract/value.js';
import { createStubHttp, type HttpStub } from '../../src/http/stubs.js';
import { DELIVERIES_COLLECTION, type DeliveryRecord } from '../../src/tenant/digital/records.js';
import { DigitalSender } from '../../src/tenant/digital/sender.js';
import { checkTenantText, openCheckedTenant, type Tenant } from '../../src/tenant/tenant.js';
import { DEFAULT_LIMITS } from '../../src/contract/limits.js';
import { OUTREACH_TENANT_YAML, outreachWith } from './fixtures.js';

const T0 = Date.parse('2026-11-23T16:00:00Z'); // Monday 09:00 in Denver
const OK: HttpStub = { match: { http: 'POST http://localhost:8787/channels/acme-chat-us/outbound' }, status: 202, body: { idOnExternalPlatform: 'm1' } };

const open = (yaml = OUTREACH_TENANT_YAML, state?: string) => openCheckedTenant(checkTenantText(yaml, 'tenant.yaml'), state ? { state } : {});
const record = (id: string, over: Partial<ProspectRecord> = {}): ProspectRecord => ({
  skillNo: 4100, externalId: id, sourceName: 'PromoList', firstName: `Ada${id}`, lastName: null, destinations: [`+1303555010${id}`], timeZone: 'America/Denver',
  expiresAtMs: null, fields: { FirstName: `Ada${id}`, Custom1: '31/10', Record: { Id: id, FirstName: `Ada${id}`, OfferEnd: '31/10' } }, status: 'queued',
  createdAtMs: T0, updatedAtMs: T0, dialedAtMs: null, ...over,
});

/** The sender of skill 4100 attached to stub HTTP; effects and warnings collected. */
function senderOf(tenant: Tenant, stubs: HttpStub[]) {
  const http = createStubHttp(stubs);
  const effects: Value[] = [];
  const sender = tenant.background().find((p) => p.name === 'sender:4100') as DigitalSender;
  const services: ProcessServices = { clock: undefined as never, tenant: tenant.store, random: () => 0, limits: DEFAULT_LIMITS, http, effect: (_k, d) => effects.push(d) };
  sender.attach(services);
  return { sender, http, effects };
}

/** Drives one process the way the scheduler does, until `untilMs`; returns the due times. */
function drive(p: DigitalSender, startMs: number, untilMs: number): number[] {
  const times: number[] = [];
  let now = startMs;
  for (;;) {
    const due = p.nextDueMs();
    if (due === null) break;
    now = Math.max(now, due);
    if (now > untilMs) break;
    p.runDue(now);
    times.push(now);
  }
  return times;
}

const deliveries = (store: TenantStore) => store.collection<DeliveryRecord>(DELIVERIES_COLLECTION).all();

describe('the proactive sender', () => {
  it('renders and sends each record at the skill rate, posting the outbound shape to the middleware', () => {
    const tenant = open();
    for (const id of ['1', '2', '3']) tenant.store.upsertProspect(record(id));
    const { sender, http, effects } = senderOf(tenant, [OK]);
    drive(sender, T0, T0 + 86_400_000);
    expect(http.calls().map((c) => c.url)).toEqual(Array(3).fill('http://localhost:8787/channels/acme-chat-us/outbound'));
    expect(effects).toHaveLength(3);
    expect(effects[0]).toEqual({
      direction: 'outbound', skill: 4100, externalId: '1', channel: 'acme-chat-us', to: '+13035550101', text: 'Hi Ada1, your offer ends 31/10. Reply YES to book.',
      rtl: false, status: 'sent', attempt: 1, at: '2026-11-23T09:00:30.000-07:00',
    });
    // ratePerMinute 2: one message every 30 virtual seconds
    expect(effects.map((e) => (e as { at: string }).at.slice(11, 19))).toEqual(['09:00:30', '09:01:00', '09:01:30']);
    expect(tenant.store.queueDepth(4100)).toBe(0);
    expect(sender.nextDueMs()).toBeNull();
  });

  it('posts the channel, the thread, the recipient and the message content', () => {
    const tenant = open();
    tenant.store.upsertProspect(record('1'));
    let body: unknown;
    const http = createStubHttp([OK]);
    const spy = { ...http, requestSync: (req: Parameters<typeof http.requestSync>[0]) => ((body = JSON.parse(req.body!)), http.requestSync(req)) };
    const sender = tenant.background().find((p) => p.name === 'sender:4100') as DigitalSender;
    sender.attach({ clock: undefined as never, tenant: tenant.store, random: () => 0, limits: DEFAULT_LIMITS, http: spy });
    drive(sender, T0, T0 + 60_000);
    expect(body).toEqual({
      channelId: 'acme-chat-us', integrationId: '7f3c2a10-byoc', thread: { idOnExternalPlatform: '+13035550101' }, recipients: [{ idOnExternalPlatform: '+13035550101', name: 'Ada1' }],
      messageContent: { type: 'TEXT', payload: { text: 'Hi Ada1, your offer ends 31/10. Reply YES to book.' } }, direction: 'outbound', isRightToLeft: false, externalId: '1', skillId: 4100,
    });
  });

  it('a stopped skill sends nothing', () => {
    const tenant = open(outreachWith('started: true', 'started: false'));
    tenant.store.upsertProspect(record('1'));
    const { sender, http } = senderOf(tenant, [OK]);
    expect(drive(sender, T0, T0 + 86_400_000)).toEqual([]);
    expect(http.calls()).toEqual([]);
    expect(tenant.store.queueDepth(4100)).toBe(1);
  });

  it('sends only while its schedule is open', () => {
    const yaml = outreachWith('started: true', 'started: true\n    schedule: Weekdays') + 'hoursOfOperation:\n  - { name: Weekdays, days: { Monday: { open: "10:00", close: "10:02" } } }\n';
    const tenant = open(yaml);
    for (const id of ['1', '2', '3', '4']) tenant.store.upsertProspect(record(id));
    const { sender, effects } = senderOf(tenant, [OK]);
    drive(sender, T0, T0 + 86_400_000);
    // open 10:00–10:02 on Monday: polled each minute while closed (from the first tick, 09:00:30), three messages fit
    expect(effects.map((e) => (e as { at: string }).at.slice(11, 19))).toEqual(['10:00:30', '10:01:00', '10:01:30']);
    expect(tenant.store.queueDepth(4100)).toBe(1);
  });

  it('retries a middleware failure retrySeconds later and records each attempt', () => {
    const tenant = open();
    tenant.store.upsertProspect(record('1'));
    const { sender, effects } = senderOf(tenant, [{ ...OK, status: 503, times: 1 }, OK]);
    drive(sender, T0, T0 + 86_400_000);
    expect(effects.map((e) => [(e as { status: string }).status, (e as { at: string }).at.slice(11, 19), (e as { reason?: string }).reason])).toEqual([
      ['retrying', '09:00:30', 'middleware answered 503 Service Unavailable'],
      ['sent', '09:10:30', undefined],
    ]);
    expect(deliveries(tenant.store)[0]).toMatchObject({ status: 'sent', attempts: 2 });
  });

  it('marks a record failed after maxAttempts, and one the middleware refuses at once', () => {
    const unreachable = open();
    unreachable.store.upsertProspect(record('1'));
    drive(senderOf(unreachable, [{ match: { http: 'POST http://localhost:8787/*' }, error: 'ECONNREFUSED' }]).sender, T0, T0 + 86_400_000);
    expect(deliveries(unreachable.store)[0]).toMatchObject({ status: 'failed', attempts: 2, reason: expect.stringMatching(/middleware unreachable: .*ECONNREFUSED.* \(after 2 attempts\)/) });
    const refused = open();
    refused.store.upsertProspect(record('2'));
    drive(senderOf(refused, [{ match: { http: 'POST http://localhost:8787/*' }, status: 400 }]).sender, T0, T0 + 86_400_000);
    expect(deliveries(refused.store)[0]).toMatchObject({ status: 'failed', attempts: 1, reason: 'invalid destination: middleware answered 400 Bad Request' });
  });

  it('a timeout is a failure worth a retry', () => {
    const tenant = open();
    tenant.store.upsertProspect(record('1'));
    const { sender } = senderOf(tenant, [{ ...OK, delay: 30 }]);
    drive(sender, T0, T0 + 60_000);
    expect(deliveries(tenant.store)[0]).toMatchObject({ status: 'retrying', reason: 'middleware timeout (no answer in 10 s)' });
  });

  it('renders a missing field empty and reports it; a right-to-left template says so', () => {
    const tenant = open(outreachWith('template: promo-oct', 'template: promo-ar'));
    tenant.store.upsertProspect(record('1', { firstName: null, fields: { Record: { Id: '1' } } }));
    const { sender, effects } = senderOf(tenant, [OK]);
    drive(sender, T0, T0 + 60_000);
    expect(effects[0]).toMatchObject({ text: 'مرحبا ', rtl: true, missingFields: ['FirstName'] });
  });

  it('never sends a record twice: after a resume from a state file, and when an upload queues it again', () => {
    const state = join(mkdtempSync(join(tmpdir(), 'digital-state-')), 'tenant.db');
    let tenant = open(OUTREACH_TENANT_YAML, state);
    for (const id of ['1', '2', '3', '4']) tenant.store.upsertProspect(record(id));
    let s = senderOf(tenant, [OK]);
    drive(s.sender, T0, T0 + 60_000);
    expect(s.http.calls()).toHaveLength(2);
    tenant.close();

    tenant = open(OUTREACH_TENANT_YAML, state);
    tenant.store.upsertProspect(record('1')); // uploaded again: queued again, already sent
    s = senderOf(tenant, [OK]);
    drive(s.sender, T0 + 60_000, T0 + 86_400_000);
    expect(s.effects.map((e) => (e as { externalId: string }).externalId)).toEqual(['3', '4']);
    expect(deliveries(tenant.store).map((d) => [d.externalId, d.status])).toEqual([['1', 'sent'], ['2', 'sent'], ['3', 'sent'], ['4', 'sent']]);
    tenant.close();
  });
});

// A background process is never due just to poll (contract/process.ts): the
// sender wakes for the tick or the minute at which it can act, and each
// message goes out at the instant it did when the sender looked every time.
describe('the sender is due only when it can act', () => {
  const at = (ms: number) => new Date(ms).toISOString().slice(0, 19);
  const scheduled = (profile: string) => open(outreachWith('started: true', 'started: true\n    schedule: Weekdays') + `hoursOfOperation:\n  - { name: Weekdays, ${profile} }\n`);

  it('a closed schedule: looked at again at the minute it opens, not every minute', () => {
    const tenant = scheduled('days: { Monday: { open: "10:00", close: "10:02" } }');
    for (const id of ['1', '2', '3', '4']) tenant.store.upsertProspect(record(id));
    const { sender, effects } = senderOf(tenant, [OK]);
    // 16:00Z is 09:00 in Denver: the first tick finds it closed at 09:00:30; it opens at 10:00, a minute on that grid is 10:00:30.
    expect(drive(sender, T0, T0 + 8 * 86_400_000).map(at)).toEqual([
      '2026-11-23T16:00:00', '2026-11-23T16:00:30', '2026-11-23T17:00:30', '2026-11-23T17:01:00', '2026-11-23T17:01:30', '2026-11-23T17:02:00',
      // closed again at 10:02 with one record left: the next Monday's 10:00 is on the grid of minutes from 10:02
      '2026-11-30T17:00:00',
    ]);
    expect(effects.map((e) => (e as { at: string }).at.slice(0, 19))).toEqual(['2026-11-23T10:00:30', '2026-11-23T10:01:00', '2026-11-23T10:01:30', '2026-11-30T10:00:00']);
    expect(sender.nextDueMs()).toBeNull();
  });

  it('a schedule that never opens: one look when it closes, one when the sender gives up 8 days later', () => {
    const tenant = scheduled('days: { Monday: { open: "10:00", close: "11:00" } }, override: { branch: Emergency }');
    tenant.store.upsertProspect(record('1'));
    const { sender, http } = senderOf(tenant, [OK]);
    expect(drive(sender, T0, T0 + 30 * 86_400_000).map(at)).toEqual(['2026-11-23T16:00:00', '2026-11-23T16:00:30', '2026-12-01T16:00:30']);
    expect(http.calls()).toEqual([]);
    expect(sender.nextDueMs()).toBeNull();
  });

  it('only retries waiting: the first tick one is due, not each tick before it', () => {
    const tenant = open();
    tenant.store.upsertProspect(record('1'));
    const { sender, effects } = senderOf(tenant, [{ ...OK, status: 503, times: 1 }, OK]);
    // retrySeconds 600 at two messages a minute: 09:00:30 fails, the retry is due at 09:10:30, a tick of the same grid
    expect(drive(sender, T0, T0 + 86_400_000).map(at)).toEqual(['2026-11-23T16:00:00', '2026-11-23T16:00:30', '2026-11-23T16:10:30']);
    expect(effects.map((e) => (e as { status: string }).status)).toEqual(['retrying', 'sent']);
  });

  it('a fast sender with a fractional rate keeps its pace across a retry wait', () => {
    // 90 a minute: 1.5 messages a tick of 1 s; the skipped ticks earn and drop their share as the ticks did.
    const tenant = open(OUTREACH_TENANT_YAML.replace('ratePerMinute: 2', 'ratePerMinute: 90'));
    for (const id of ['1', '2', '3']) tenant.store.upsertProspect(record(id));
    const { sender, effects } = senderOf(tenant, [{ ...OK, status: 503, times: 3 }, OK]);
    drive(sender, T0, T0 + 86_400_000);
    expect(effects.map((e) => [(e as { externalId: string }).externalId, (e as { status: string }).status, (e as { at: string }).at.slice(11, 19)])).toEqual([
      ['1', 'retrying', '09:00:01'], ['2', 'retrying', '09:00:02'], ['3', 'retrying', '09:00:02'],
      ['1', 'sent', '09:10:01'], ['2', 'sent', '09:10:02'], ['3', 'sent', '09:10:02'],
    ]);
  });
});
