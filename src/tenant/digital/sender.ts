// The proactive sender of one outbound digital skill: while the skill is
// started (and its schedule open) it works through the skill's calling list
// at `ratePerMinute` on the virtual clock, renders the template for each
// record and sends it on the skill's BYOC channel. Each record's delivery is
// kept in the store, so a failed delivery is retried `retrySeconds` later up
// to `maxAttempts`, and a resumed run (`--state`) never sends a record twice.
// The list the tenant file names for the skill streams in at the run's start
// (`prepare`, list-file.ts). The sender is due only when a tick can act.
// Snapshots keep its clock and retry order (sender-state.ts).
import type { BackgroundProcess, ProcessServices } from '../../contract/process.js';
import type { ProspectRecord, TenantStore } from '../../contract/tenant-store.js';
import { isoAt } from '../../snippet/wall-time.js';
import { evaluateHours } from '../hours/evaluate.js';
import { HOURS_COLLECTION, type HoursProfileRecord } from '../hours/profile.js';
import { basename } from 'node:path';
import { findChannel, sendOnChannel, type OutboundMessage } from './channel.js';
import { describeListReport, listReport, loadListFile } from './list-file.js';
import { nextOpenMs } from './schedule.js';
import { threadOf } from './inbox.js';
import {
  DELIVERIES_COLLECTION,
  deliveryKey,
  DIGITAL_SKILLS_COLLECTION,
  TEMPLATES_COLLECTION,
  type DeliveryRecord,
  type ChannelRecord,
  type DigitalSkillRecord,
  type TemplateRecord,
} from './records.js';
import { readSenderState, type SenderState } from './sender-state.js';
import { parseTemplate, renderTemplate, type FieldLookup, type ParsedTemplate } from './template.js';

/** Ticks are at least this far apart, so fast senders stay cheap over a simulated day. */
const MIN_TICK_MS = 1_000;
/** A closed schedule is looked at on whole minutes from the sender's last tick (the minute it opens)… */
const SCHEDULE_POLL_MS = 60_000;
/** …for at most this long in a row; then the sender stops (a schedule that never opens). */
const MAX_CLOSED_MS = 8 * 86_400_000;

export class DigitalSender implements BackgroundProcess {
  readonly name: string;
  readonly keepsRunning = true;
  private readonly settings: DigitalSkillRecord;
  private readonly tickMs: number;
  private readonly perTick: number;
  private services: ProcessServices | undefined;
  private template: { record: TemplateRecord; parsed: ParsedTemplate } | null | undefined;
  private prepared = false;
  private lastTickMs: number | null = null;
  private credit = 0;
  private closedSinceMs: number | null = null;
  /** While closed: the instant worth looking at again (the schedule opens, or the sender gives up then). */
  private reopenMs: number | null = null;
  /** After the last tick only retries waited (the queue was empty): the ticks before one is due are skipped. */
  private retryWait = false;
  /** When the first retry is due (Infinity: none), kept from the last tick. */
  private firstRetryMs = Infinity;
  private gaveUp = false;
  /** Retrying deliveries of this skill by key, with when each is due. */
  private readonly retries = new Map<string, number>();
  /** Messages sent by this process. */
  sent = 0;

  constructor(
    private readonly store: TenantStore,
    settings: DigitalSkillRecord,
  ) {
    this.settings = settings;
    this.name = `sender:${settings.skill}`;
    this.tickMs = Math.max(MIN_TICK_MS, 60_000 / settings.ratePerMinute);
    this.perTick = (settings.ratePerMinute * this.tickMs) / 60_000;
    for (const [key, d] of store.collection<DeliveryRecord>(DELIVERIES_COLLECTION).entries())
      if (d.skill === settings.skill && d.status === 'retrying') this.retries.set(key, d.nextAttemptMs ?? 0);
  }

  attach(services: ProcessServices): void {
    this.services = services;
  }

  /** The tick clock, a closed spell and the retry order, as JSON: the sender's part of a snapshot. */
  saveState(): SenderState {
    return {
      lastTickMs: this.lastTickMs,
      credit: this.credit,
      closedSinceMs: this.closedSinceMs,
      reopenMs: this.reopenMs,
      retryWait: this.retryWait,
      firstRetryMs: this.firstRetryMs === Infinity ? null : this.firstRetryMs,
      gaveUp: this.gaveUp,
      retries: [...this.retries],
    };
  }

  /** Takes back saveState() from a snapshot (after attach): the sender ticks on where it was. Throws StateError naming what is damaged. */
  restoreState(state: unknown): void {
    const deliveries = this.store.collection<DeliveryRecord>(DELIVERIES_COLLECTION);
    const saved = readSenderState(state, (key) => {
      const d = deliveries.get(key);
      return d?.skill === this.settings.skill && d.status === 'retrying';
    });
    this.lastTickMs = saved.lastTickMs;
    this.credit = saved.credit;
    this.closedSinceMs = saved.closedSinceMs;
    this.reopenMs = saved.reopenMs;
    this.retryWait = saved.retryWait;
    this.firstRetryMs = saved.firstRetryMs ?? Infinity;
    this.gaveUp = saved.gaveUp;
    this.retries.clear();
    for (const [key, due] of saved.retries) this.retries.set(key, due);
  }

  /** Streams the list the tenant file names for the skill into its calling list, once per store, and reports it as a warning of the run. */
  async prepare(nowMs: number): Promise<void> {
    if (this.prepared) return;
    this.prepared = true;
    const { list, source, skill } = this.settings;
    if (list === null || source === null || listReport(this.store, skill)) return;
    const report = await loadListFile(this.store, list, skill, source, nowMs);
    this.services?.warn?.(describeListReport(report, basename(list)));
  }

  // Due only when a tick can act (contract/process.ts): a started skill with
  // records queued; with a closed schedule, at the minute it opens (or gives
  // up); with only retries waiting, at the first tick one is due. The ticks
  // and minutes skipped are the ones that would have done nothing, so every
  // message goes out at the instant it did when the sender looked each time.
  nextDueMs(): number | null {
    if (this.lastTickMs === null) return this.settings.started ? 0 : null;
    if (!this.settings.started || this.gaveUp) return null;
    const queued = this.store.hasQueued(this.settings.skill);
    if (!queued && this.retries.size === 0) return null;
    if (this.closedSinceMs !== null) return this.onGrid(SCHEDULE_POLL_MS, Math.max(this.reopenMs!, this.nowMs()));
    if (!queued) return this.onGrid(this.tickMs, Math.max(this.firstRetryMs, this.nowMs()));
    // Records queued while retries waited go at the next tick.
    if (this.retryWait) return this.onGrid(this.tickMs, this.nowMs());
    return this.lastTickMs + this.tickMs;
  }

  runDue(nowMs: number): void {
    if (this.lastTickMs === null) {
      // The first call starts the clock: the first message goes one tick later.
      this.lastTickMs = nowMs;
      this.afterTick();
      return;
    }
    const wasClosed = this.closedSinceMs !== null;
    if (!this.scheduleOpen(nowMs)) {
      this.lastTickMs = nowMs;
      return;
    }
    let since = nowMs - this.lastTickMs;
    // Opening after a closed spell: the last look was a minute ago.
    if (wasClosed) since = Math.min(since, SCHEDULE_POLL_MS);
    // Each skipped tick of a retry wait earned its messages and had nothing to send.
    else if (this.retryWait) for (; since > this.tickMs; since -= this.tickMs) this.earn(this.tickMs);
    const elapsed = Math.max(0, Math.min(since, this.tickMs));
    this.lastTickMs = nowMs;
    let n = this.earn(elapsed);
    if (n > 0) {
      // One look-up per tick: every message of the tick goes out on the same channel.
      const channel = findChannel(this.store, this.settings.channel);
      this.store.transaction(() => {
        for (const [key, due] of this.retries) {
          if (n === 0) break;
          if (due > nowMs) continue;
          const d = this.store.collection<DeliveryRecord>(DELIVERIES_COLLECTION).get(key);
          const p = d && this.store.prospect(d.skill, d.externalId);
          this.retries.delete(key);
          if (d && p) {
            this.attempt(p, d, channel, nowMs);
            n--;
          }
        }
        if (n > 0) for (const p of this.store.dialNext(this.settings.skill, n, nowMs)) this.attempt(p, undefined, channel, nowMs);
      });
    }
    this.afterTick();
  }

  /** What the next due time needs from a tick: whether only retries wait, and when the first is due (one pass, not one per step). */
  private afterTick(): void {
    this.firstRetryMs = Infinity;
    for (const due of this.retries.values()) if (due < this.firstRetryMs) this.firstRetryMs = due;
    this.retryWait = this.retries.size > 0 && !this.store.hasQueued(this.settings.skill);
  }

  /** Adds a stretch's messages to the credit and takes the whole ones (a tick's unused ones are lost). */
  private earn(elapsedMs: number): number {
    this.credit += (this.perTick * elapsedMs) / this.tickMs;
    const n = Math.floor(this.credit + 1e-9);
    if (n > 0) this.credit -= n;
    return n;
  }

  /** The first instant on the grid of `stepMs` from the last tick that is at or after `atMs` (and after the last tick). */
  private onGrid(stepMs: number, atMs: number): number {
    return this.lastTickMs! + Math.max(1, Math.ceil((atMs - this.lastTickMs!) / stepMs)) * stepMs;
  }

  /** The virtual time now (a sender driven without a clock: the last tick). */
  private nowMs(): number {
    return this.services?.clock?.now().toMillis() ?? this.lastTickMs!;
  }

  /** Whether the skill's schedule is open now (no schedule: always); a closed spell lasts at most 8 days, then the sender stops. */
  private scheduleOpen(nowMs: number): boolean {
    const key = this.settings.schedule;
    if (key === null) return true;
    const profile = this.store.collection<HoursProfileRecord>(HOURS_COLLECTION).get(key);
    if (!profile || evaluateHours(profile, nowMs, this.store.timeZone).branch === 'OnOpen') {
      this.closedSinceMs = null;
      this.reopenMs = null;
      return true;
    }
    // Open at a minute it would have looked at while it was idle (nothing to send): a new closed spell.
    if (this.closedSinceMs !== null && this.openOnAMinute(profile, nowMs)) this.closedSinceMs = null;
    this.closedSinceMs ??= nowMs;
    const giveUpMs = this.closedSinceMs + MAX_CLOSED_MS;
    if (nowMs >= giveUpMs) {
      this.gaveUp = true;
      this.services?.warn?.(`skill ${this.settings.skill}: schedule ${key} stayed closed for 8 days; the sender stops`);
    } else this.reopenMs = nextOpenMs(profile, nowMs, giveUpMs, this.store.timeZone) ?? giveUpMs;
    return false;
  }

  /** Whether the profile was open at one of the minutes on the grid since the last tick, before `nowMs`. */
  private openOnAMinute(profile: HoursProfileRecord, nowMs: number): boolean {
    const zone = this.store.timeZone;
    for (let t = nextOpenMs(profile, this.lastTickMs!, nowMs, zone); t !== null; ) {
      const minute = this.onGrid(SCHEDULE_POLL_MS, t);
      if (minute >= nowMs) return false;
      if (evaluateHours(profile, minute, zone).branch === 'OnOpen') return true;
      t = nextOpenMs(profile, minute, nowMs, zone);
    }
    return false;
  }

  private loadTemplate(): { record: TemplateRecord; parsed: ParsedTemplate } | null {
    if (this.template === undefined) {
      const record = this.store.collection<TemplateRecord>(TEMPLATES_COLLECTION).get(this.settings.template);
      this.template = record ? { record, parsed: parseTemplate(record.body) } : null;
    }
    return this.template;
  }

  /** One delivery attempt of a record: rendered, sent, recorded (and retried later when worth it). */
  private attempt(p: ProspectRecord, previous: DeliveryRecord | undefined, channel: ChannelRecord | undefined, nowMs: number): void {
    const key = deliveryKey(p.skillNo, p.externalId);
    const deliveries = this.store.collection<DeliveryRecord>(DELIVERIES_COLLECTION);
    const before = previous ?? deliveries.get(key);
    // A record re-queued by a new upload after it was sent is not sent again.
    if (before?.status === 'sent') return;
    const attempts = (before?.status === 'retrying' ? before.attempts : 0) + 1;
    const template = this.loadTemplate();
    const destination = destinationOf(p);
    const rendered = template ? renderTemplate(template.parsed, recordValues(p)) : { text: '', missing: [] };
    const base: DeliveryRecord = {
      skill: p.skillNo,
      externalId: p.externalId,
      channel: channel?.id ?? this.settings.channel,
      destination: destination ?? '',
      text: rendered.text,
      rtl: template?.record.rtl ?? false,
      status: 'sent',
      attempts,
      lastAttemptMs: nowMs,
      nextAttemptMs: null,
      reason: null,
      missingFields: rendered.missing,
    };
    let d: DeliveryRecord;
    if (!template) d = { ...base, status: 'skipped', reason: `message template ${this.settings.template} is not in the tenant` };
    else if (!channel) d = { ...base, status: 'skipped', reason: `channel ${this.settings.channel} is not in the tenant` };
    else if (!destination) d = { ...base, status: 'skipped', reason: 'invalid destination: the record has no phone number or e-mail address' };
    else if (!this.services?.http) d = { ...base, status: 'failed', reason: 'no HTTP client: the sender runs inside a runtime' };
    else {
      const name = p.firstName && p.lastName ? `${p.firstName} ${p.lastName}` : p.firstName || p.lastName || '';
      const message: OutboundMessage = { thread: destination, text: rendered.text, rtl: base.rtl, externalId: p.externalId, skill: p.skillNo };
      if (name) message.recipientName = name;
      const r = sendOnChannel(this.store, this.services.http, channel, message, nowMs);
      if (r.ok) {
        d = base;
        this.sent++;
      } else if (r.retry && attempts < this.settings.maxAttempts) {
        d = { ...base, status: 'retrying', reason: r.reason, nextAttemptMs: nowMs + this.settings.retrySeconds * 1000 };
        this.retries.set(key, d.nextAttemptMs!);
      } else d = { ...base, status: 'failed', reason: r.retry ? `${r.reason} (after ${attempts} attempts)` : r.reason };
    }
    deliveries.put(key, d);
    this.services?.effect?.('messages', messageEffect(d, this.store.timeZone));
  }
}

/** The first destination of a record: its first phone number, else its e-mail address. */
export function destinationOf(p: ProspectRecord): string | null {
  if (p.destinations.length > 0) return threadOf(p.destinations[0]!);
  const email = p.fields.Email;
  return typeof email === 'string' && email.includes('@') ? threadOf(email) : null;
}

/**
 * What a template may name for a record: ExternalID, FirstName, LastName, its
 * mapped fields (Custom1…), its source columns (OfferEnd) — exact name first,
 * then ignoring case. A lookup, not a merged copy: the sender renders 100,000s.
 */
export function recordValues(p: ProspectRecord): FieldLookup {
  const raw = p.fields.Record;
  const columns = raw && typeof raw === 'object' && !Array.isArray(raw) ? (raw as Record<string, unknown>) : {};
  const exact = (name: string): unknown => {
    if (name === 'ExternalID') return p.externalId;
    if (name === 'FirstName' && p.firstName !== null) return p.firstName;
    if (name === 'LastName' && p.lastName !== null) return p.lastName;
    if (name !== 'Record' && Object.prototype.hasOwnProperty.call(p.fields, name)) return p.fields[name];
    return Object.prototype.hasOwnProperty.call(columns, name) ? columns[name] : undefined;
  };
  return (name) => {
    const v = exact(name);
    if (v !== undefined) return v;
    const lower = name.toLowerCase();
    for (const k of ['ExternalID', 'FirstName', 'LastName', ...Object.keys(p.fields), ...Object.keys(columns)]) if (k.toLowerCase() === lower && k !== 'Record') return exact(k);
    return undefined;
  };
}

/** The `messages` effect of a delivery attempt. */
export function messageEffect(d: DeliveryRecord, zone: string): Record<string, string | number | boolean | string[] | null> {
  return {
    direction: 'outbound',
    skill: d.skill,
    externalId: d.externalId,
    channel: d.channel,
    to: d.destination,
    text: d.text,
    rtl: d.rtl,
    status: d.status,
    attempt: d.attempts,
    at: isoAt(d.lastAttemptMs, zone),
    ...(d.reason !== null ? { reason: d.reason } : {}),
    ...(d.missingFields.length ? { missingFields: [...d.missingFields] } : {}),
  };
}

/** One sender per started-or-stopped outbound digital skill (a stopped one stays idle). */
export function sendersFor(store: TenantStore): DigitalSender[] {
  return store
    .collection<DigitalSkillRecord>(DIGITAL_SKILLS_COLLECTION)
    .all()
    .map((s) => new DigitalSender(store, s));
}
