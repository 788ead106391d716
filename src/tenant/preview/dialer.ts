// The preview dialer of one campaign with agent-owned records (seed 004), a
// background process on the virtual clock. At the start of a cycle it takes
// the agents of the campaign's queue and each record's owner as they are
// then; each agent is offered its own records in list order, then records
// nobody owns; a record whose owner is unknown or outside the queue is skipped
// and reported. Agents accept (the record is dialed and the agent is busy for
// the call and its after-call work), skip, reject (another agent may take a
// record nobody owns), or let the preview time out (the record is requeued at
// the end of that agent's list). With a script, each offer is a contact that
// runs it (calls.ts). Records added to the
// list during a cycle are assigned when they arrive; ownership changed on
// records already assigned, and agents added to the queue, count from the
// next recycle. The dialer is due only when it can act (a decision, a record
// an agent on shift can take, a recycle with something to offer, a list that
// changed), so a run waiting for an event that never comes still ends.
// Snapshots keep where the cycle is (saveState / restoreState, checked in
// saved-state.ts), so a resumed run offers exactly as an uninterrupted one.
import type { BackgroundProcess, ProcessServices } from '../../contract/process.js';
import type { ProspectRecord, TenantStore } from '../../contract/tenant-store.js';
import { inWeek, nextWeekChangeMs } from '../hours/evaluate.js';
import { PreviewCalls } from './calls.js';
import { OwnerIndex, type CampaignAgent } from './owners.js';
import {
  campaigns,
  previewOffers,
  previewSkips,
  OFFERS_COLLECTION,
  SKIPS_COLLECTION,
  type CampaignRecord,
  type PreviewDecision,
  type PreviewOffer,
  type PreviewSkip,
} from './records.js';
import { readPreviewState, type PendingOffer, type PreviewState } from './saved-state.js';

/**
 * The dialer's minute: a changed list is looked at on the next one, and an
 * agent off shift with records waiting gets them on the first one after the
 * shift starts.
 */
const MINUTE_MS = 60_000;

interface AgentState {
  agent: CampaignAgent;
  /** The agent's own records still to offer, in list order. */
  own: string[];
  freeAtMs: number;
  offers: number;
  pending: PendingOffer | null;
  /** Records nobody owns that this agent rejected in this cycle: offered to the others only. */
  rejected: Set<string>;
}

export class PreviewDialer implements BackgroundProcess {
  readonly name: string;
  private services: ProcessServices | null = null;
  private cycle = 0;
  private startMs = 0;
  private nextRecycleMs: number | null = null;
  private owners!: OwnerIndex;
  private agents = new Map<number, AgentState>();
  /** Records nobody owns, in list order. */
  private shared: string[] = [];
  /** Records assigned (or skipped) in this cycle. */
  private seen = new Set<string>();
  /** Records offered and finished in this cycle (accepted or skipped by the agent). */
  private done = new Set<string>();
  private knownCount = -1;
  /** The last minute the list was looked at; the next minutes follow it. */
  private lookedAtMs = 0;
  /** `store.listChanges()` at that look: a different number means a list changed since. */
  private seenChanges = -1;
  /** Whether the next recycle would offer anything (as of the last look; a stale true costs one recycle). */
  private recycleOffers = false;
  private readonly calls: PreviewCalls;

  constructor(
    private readonly store: TenantStore,
    private readonly campaign: CampaignRecord,
  ) {
    this.name = `preview:${campaign.name}`;
    this.calls = new PreviewCalls(store, campaign, () => this.services);
  }

  attach(services: ProcessServices): void {
    this.services = services;
  }

  /** Where the cycle is, as JSON: the dialer's part of a snapshot. */
  saveState(): PreviewState {
    return {
      cycle: this.cycle,
      startMs: this.startMs,
      nextRecycleMs: this.nextRecycleMs,
      agents: [...this.agents.values()].map((s) => ({
        id: s.agent.id,
        own: [...s.own],
        freeAtMs: s.freeAtMs === Infinity ? null : s.freeAtMs,
        offers: s.offers,
        pending: s.pending && { ...s.pending },
        rejected: [...s.rejected],
      })),
      shared: [...this.shared],
      seen: [...this.seen],
      done: [...this.done],
      knownCount: this.knownCount,
      lookedAtMs: this.lookedAtMs,
      listChanged: this.cycle > 0 && this.store.listChanges() !== this.seenChanges,
      recycleOffers: this.recycleOffers,
      scriptBroken: this.calls.broken,
    };
  }

  /** Takes back saveState() from a snapshot (after attach): the cycle goes on where it was. Throws StateError naming what is damaged. */
  restoreState(state: unknown): void {
    const owners = new OwnerIndex(this.store, this.campaign);
    const saved = readPreviewState(state, [...owners.members.keys()].sort((a, b) => a - b));
    this.cycle = saved.cycle;
    this.startMs = saved.startMs;
    this.nextRecycleMs = saved.nextRecycleMs;
    if (saved.cycle > 0) this.owners = owners;
    this.agents = new Map(
      saved.agents.map((a) => [
        a.id,
        { agent: owners.agent(a.id)!, own: [...a.own], freeAtMs: a.freeAtMs ?? Infinity, offers: a.offers, pending: a.pending && { ...a.pending }, rejected: new Set(a.rejected) },
      ]),
    );
    this.shared = [...saved.shared];
    this.seen = new Set(saved.seen);
    this.done = new Set(saved.done);
    this.knownCount = saved.knownCount;
    this.lookedAtMs = saved.lookedAtMs;
    // The store's change count is its own object's: only whether a list changed since the last look carries over.
    this.seenChanges = saved.listChanged ? -1 : this.store.listChanges();
    this.recycleOffers = saved.recycleOffers;
    this.calls.broken = saved.scriptBroken;
  }

  /** Due only for something it can act on: never for a poll that can find nothing, or the scheduler could not see that nothing more happens. */
  nextDueMs(): number | null {
    if (this.cycle === 0) return 0;
    let due = Infinity;
    // A list changed (an upload, CREATEPROSPECTS): new records are looked for on the next minute (counting them after every step would cost more).
    const changed = this.store.listChanges() !== this.seenChanges;
    if (changed) due = this.lookedAtMs + MINUTE_MS;
    if (this.nextRecycleMs !== null && (changed || this.recycleOffers)) due = Math.min(due, this.nextRecycleMs);
    for (const s of this.agents.values()) {
      if (s.pending) due = Math.min(due, s.pending.decidesAtMs);
      else if (this.hasWork(s)) due = Math.min(due, s.freeAtMs); // Infinity: logged out, or never on shift again
    }
    return due === Infinity ? null : due;
  }

  runDue(nowMs: number): void {
    if (this.cycle === 0 || (this.nextRecycleMs !== null && nowMs >= this.nextRecycleMs)) this.startCycle(nowMs);
    if (this.knownCount < 0) this.look(nowMs);
    else if (nowMs >= this.lookedAtMs + MINUTE_MS) {
      // The minutes since the last look had nothing to look at (a changed list makes the next one due); look if now is one of them.
      this.lookedAtMs += Math.floor((nowMs - this.lookedAtMs) / MINUTE_MS) * MINUTE_MS;
      if (this.lookedAtMs === nowMs) this.look(nowMs);
    }
    this.store.transaction(() => {
      for (const s of this.agents.values()) if (s.pending && s.pending.decidesAtMs <= nowMs) this.decide(s, nowMs);
      for (const s of this.agents.values()) if (!s.pending && s.freeAtMs <= nowMs) this.offerNext(s, nowMs);
    });
  }

  /** A new cycle (the first, or a recycle): agents and owners as they are now; every record still queued is offered again from the top. */
  private startCycle(nowMs: number): void {
    // A state file keeps earlier runs' cycles: this run's first cycle is the next one.
    if (this.cycle === 0) this.cycle = lastCycle(this.store, this.campaign.name);
    this.cycle++;
    this.startMs = nowMs;
    const every = this.campaign.recycleEveryMinutes;
    this.nextRecycleMs = every === null ? null : nowMs + every * 60_000;
    this.owners = new OwnerIndex(this.store, this.campaign);
    const before = this.agents;
    this.agents = new Map();
    for (const agent of [...this.owners.members.values()].sort((a, b) => a.id - b.id)) {
      const old = before.get(agent.id);
      // An agent in the middle of a call finishes it.
      this.agents.set(agent.id, { agent, own: [], freeAtMs: old ? Math.max(old.freeAtMs, nowMs) : nowMs, offers: old?.offers ?? 0, pending: null, rejected: new Set() });
    }
    this.shared = [];
    this.seen = new Set();
    this.done = new Set();
    this.knownCount = -1;
  }

  private look(nowMs: number): void {
    this.lookedAtMs = nowMs;
    this.seenChanges = this.store.listChanges();
    if (this.store.prospectCount(this.campaign.skill) !== this.knownCount) this.assignNew(nowMs);
    this.recycleOffers = this.nextRecycleMs !== null && this.offersAfterRecycle(this.nextRecycleMs);
  }

  /** Whether a recycle at `atMs` would offer a record: one still queued then, nobody's or a queue member's, with an agent who can be on shift. */
  private offersAfterRecycle(atMs: number): boolean {
    const canWork = (a: CampaignAgent) => a.routing.loggedIn && (a.routing.schedule === null || a.routing.schedule.some((day) => day.length > 0));
    const anyone = [...this.owners.members.values()].some(canWork);
    for (const p of this.store.prospects(this.campaign.skill)) {
      if (p.status !== 'queued' || (p.expiresAtMs !== null && p.expiresAtMs <= atMs)) continue;
      const owner = this.owners.ownership(this.owners.ownerText(p));
      if (owner.kind === 'shared' ? anyone : owner.kind === 'owned' && canWork(this.owners.agent(owner.agentId)!)) return true;
    }
    return false;
  }

  /** Assigns the records this cycle has not seen yet, in list order. */
  private assignNew(nowMs: number): void {
    const skill = this.campaign.skill;
    this.knownCount = this.store.prospectCount(skill);
    const skips = this.store.collection<PreviewSkip>(SKIPS_COLLECTION);
    this.store.transaction(() => {
      for (const p of this.store.prospects(skill)) {
        if (p.status !== 'queued' || this.seen.has(p.externalId)) continue;
        this.seen.add(p.externalId);
        const owner = this.owners.ownership(this.owners.ownerText(p));
        if (owner.kind === 'shared') this.shared.push(p.externalId);
        else if (owner.kind === 'owned') this.agents.get(owner.agentId)!.own.push(p.externalId);
        else {
          const skip: PreviewSkip = { campaign: this.campaign.name, cycle: this.cycle, externalId: p.externalId, owner: owner.owner, reason: owner.reason, atMs: nowMs };
          skips.put(`${this.campaign.name}/${this.cycle}/${p.externalId}`, skip);
          this.effect({ campaign: skip.campaign, record: skip.externalId, skipped: skip.reason, at: iso(nowMs) });
        }
      }
    });
  }

  private hasWork(s: AgentState): boolean {
    return s.own.length > 0 || this.shared.some((id) => !s.rejected.has(id));
  }

  private offerNext(s: AgentState, nowMs: number): void {
    if (!this.onShift(s.agent, nowMs)) return;
    const next = this.take(s.own, nowMs) ?? this.take(this.shared, nowMs, s.rejected);
    if (!next) return;
    const behaviour = this.campaign.behaviours.find((b) => this.matches(b.agent, s.agent)) ?? this.campaign.defaultBehaviour;
    const decision = behaviour.decisions[s.offers % behaviour.decisions.length]!;
    s.offers++;
    const decidesAtMs = decision === 'timeout' ? nowMs + this.campaign.previewTimeoutSeconds * 1000 : nowMs + behaviour.decideSeconds * 1000;
    const contactId = this.calls.offer(s.agent, next.record, nowMs);
    s.pending = { externalId: next.record.externalId, owned: next.owned, offeredAtMs: nowMs, decision, decidesAtMs, contactId };
  }

  /** The first record of `list` still waiting to be dialed, passing over `passed` (others are dropped from the list). */
  private take(list: string[], nowMs: number, passed?: ReadonlySet<string>): { record: ProspectRecord; owned: boolean } | null {
    for (let i = 0; i < list.length; ) {
      const id = list[i]!;
      if (passed?.has(id)) {
        i++;
        continue;
      }
      list.splice(i, 1);
      const p = this.store.prospect(this.campaign.skill, id);
      if (!p || p.status !== 'queued' || this.done.has(id) || (p.expiresAtMs !== null && p.expiresAtMs <= nowMs)) continue;
      return { record: p, owned: list !== this.shared };
    }
    return null;
  }

  private decide(s: AgentState, nowMs: number): void {
    const p = s.pending!;
    s.pending = null;
    const offer: PreviewOffer = {
      campaign: this.campaign.name,
      cycle: this.cycle,
      agentId: s.agent.id,
      agent: s.agent.email,
      externalId: p.externalId,
      owned: p.owned,
      offeredAtMs: p.offeredAtMs,
      decision: p.decision,
      decidedAtMs: nowMs,
      ...(p.contactId !== null ? { contactId: p.contactId } : {}),
    };
    const record = this.store.prospect(this.campaign.skill, p.externalId);
    s.freeAtMs = nowMs;
    if (p.decision === 'accept' && record) {
      const dialed = this.calls.dial(s.agent, record, p.contactId, nowMs);
      this.store.dialProspect(this.campaign.skill, p.externalId, nowMs);
      this.done.add(p.externalId);
      offer.dialed = dialed.result;
      s.freeAtMs = nowMs + dialed.busySeconds * 1000;
    } else {
      // An accepted record that left the list meanwhile (REMOVEPROSPECTS) cannot be dialed: its contact ends as a dialing error.
      this.calls.release(p.contactId, p.decision === 'accept' ? 'error' : p.decision, nowMs);
      if (p.decision === 'skip') this.done.add(p.externalId);
      else if (p.decision === 'reject') {
        // Another agent may take a record nobody owns, first; an owned record has no other agent, so it waits for the next cycle.
        if (p.owned) this.done.add(p.externalId);
        else {
          s.rejected.add(p.externalId);
          this.shared.unshift(p.externalId);
        }
      } else if (p.decision === 'timeout') (p.owned ? s.own : this.shared).push(p.externalId); // requeued: after the records this list still holds
    }
    this.store.collection<PreviewOffer>(OFFERS_COLLECTION).put(`${offer.campaign}/${offer.cycle}/${offer.agentId}/${offer.offeredAtMs}`, offer);
    this.effect({
      campaign: offer.campaign,
      agent: offer.agent,
      record: offer.externalId,
      owned: offer.owned,
      offeredAt: iso(offer.offeredAtMs),
      decision: offer.decision,
      decidedAt: iso(nowMs),
      ...(offer.dialed !== undefined ? { dialed: offer.dialed } : {}),
      ...(offer.contactId !== undefined ? { contactId: offer.contactId } : {}),
    });
  }

  private onShift(agent: CampaignAgent, nowMs: number): boolean {
    const r = agent.routing;
    // Logged out for the whole run: never due again, so the clock is not walked minute by minute for nothing.
    if (!r.loggedIn) return this.waitShift(agent, nowMs, Infinity);
    if (r.availableAfterSeconds !== null && nowMs < this.startMs + r.availableAfterSeconds * 1000) return this.waitShift(agent, nowMs, this.startMs + r.availableAfterSeconds * 1000);
    if (r.schedule !== null && !inWeek(r.schedule, nowMs, this.store.timeZone))
      return this.waitShift(agent, nowMs, nextWeekChangeMs(r.schedule, nowMs, this.store.timeZone) ?? Infinity); // a week with no hours: never
    return true;
  }

  /** The agent is off shift until `shiftMs` (Infinity: for good): looked at again on the dialer's first minute from then on. */
  private waitShift(agent: CampaignAgent, nowMs: number, shiftMs: number): false {
    this.agents.get(agent.id)!.freeAtMs = shiftMs === Infinity ? Infinity : nowMs + Math.ceil((shiftMs - nowMs) / MINUTE_MS) * MINUTE_MS;
    return false;
  }

  private matches(key: string, agent: CampaignAgent): boolean {
    return key.toLowerCase() === agent.email.toLowerCase() || key === String(agent.id);
  }

  private effect(data: Record<string, string | boolean>): void {
    this.services?.effect?.('previews', data);
  }
}

function lastCycle(store: TenantStore, campaign: string): number {
  let last = 0;
  for (const o of previewOffers(store, campaign)) last = Math.max(last, o.cycle);
  for (const k of previewSkips(store, campaign)) last = Math.max(last, k.cycle);
  return last;
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

/** One preview dialer per preview campaign of the tenant. */
export function previewDialersFor(store: TenantStore): BackgroundProcess[] {
  return campaigns(store).map((c) => new PreviewDialer(store, c));
}
