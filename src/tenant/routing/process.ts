// Routing as the scheduler runs it: a background process over the routing
// model. Actions queue contacts through it (RoutingService); when the model
// says an agent answered or hung up, the process raises that event on the
// contact (ONANSWER, then ONRELEASE); when a contact is released for any
// reason (the caller hangs up, HANGUP, a transfer, the run ends) the contact
// services tell the process, which takes it off the queue or off its agent.
// Answered callbacks have no live caller: the agent's side dials the number
// through the dial plan; the attempt is a `calls` effect of the run that
// queued the callback (and is kept in `callbackAttempts`). While a callback
// waits, routing keeps running after the scripts end, so it is dialed.
// Snapshots keep the queues and agents (saveState / restoreState, checked in
// saved-state.ts), so a resumed run routes exactly as an uninterrupted one.
import { DateTime } from 'luxon';
import type { Clock } from '../../contract/clock.js';
import type { BackgroundProcess, ProcessServices } from '../../contract/process.js';
import type { AgentCounts, CallbackRequest, QueueEntryView, QueueRequest, RoutingService } from '../../contract/routing.js';
import type { TenantStore } from '../../contract/tenant-store.js';
import { resolveDial } from '../dial-plan.js';
import { RoutingModel, type QueuedContact, type RoutingEvent } from './model.js';
import { routingAgents } from './records.js';
import { readRoutingState, type CallbackAttempt, type RoutingState } from './saved-state.js';

export type { CallbackAttempt } from './saved-state.js';

/** The part of the runtime's contact services routing uses. */
export interface RoutingContacts {
  raise(contactId: string, event: RoutingContactEvent, atMs?: number): boolean;
  onRelease(listener: (contactId: string, atMs: number, by: string) => void): () => void;
}

export type RoutingContactEvent =
  | { readonly type: 'answer'; readonly agent: { readonly id: string; readonly firstName: string; readonly lastName: string }; readonly skillName: string; readonly skillNo?: number }
  | { readonly type: 'release'; readonly by: 'agent' };

export class RoutingProcess implements BackgroundProcess, RoutingService {
  readonly name = 'routing';
  private model: RoutingModel | null = null;
  private clock: Clock | null = null;
  private contacts: RoutingContacts | null = null;
  private unsubscribe: (() => void) | null = null;
  private effect: ProcessServices['effect'] | null = null;
  readonly callbackAttempts: CallbackAttempt[] = [];

  constructor(private readonly store: TenantStore) {}

  /** Called once by the runtime before anything runs: the agents' day starts now. */
  attach(services: { clock: Clock; contacts?: RoutingContacts; effect?: ProcessServices['effect'] }): void {
    this.clock = services.clock;
    this.effect = services.effect ?? null;
    this.model = new RoutingModel(routingAgents(this.store), { zone: this.store.timeZone, startMs: services.clock.now().toMillis() });
    this.contacts = services.contacts ?? null;
    this.unsubscribe?.();
    this.unsubscribe = this.contacts?.onRelease((contactId, atMs) => this.model!.drop(contactId, atMs)) ?? null;
  }

  /** The queues, the agents and the callbacks dialed, as JSON: the routing part of a snapshot. */
  saveState(): RoutingState {
    if (!this.model) throw new Error('routing is not attached to a runtime');
    return { ...this.model.snapshot(), callbackAttempts: JSON.parse(JSON.stringify(this.callbackAttempts)) as CallbackAttempt[] };
  }

  /** Takes back saveState() from a snapshot (after attach): routing goes on where it was. Throws StateError naming what is damaged. */
  restoreState(state: unknown): void {
    const agents = routingAgents(this.store);
    const saved = readRoutingState(state, agents);
    this.model = new RoutingModel(agents, { zone: this.store.timeZone, startMs: saved.startMs });
    this.model.restore(saved);
    this.callbackAttempts.length = 0;
    for (const a of saved.callbackAttempts) this.callbackAttempts.push(a);
  }

  /** A callback is not dialed yet (waiting, or its agent is ringing): the scheduler goes on after the scripts end until it is. */
  get keepsRunning(): boolean {
    return this.model?.entries().some((c) => c.request.callback !== null && c.phase !== 'talking') ?? false;
  }

  nextDueMs(): number | null {
    return this.model?.nextDueMs() ?? null;
  }

  runDue(nowMs: number): void {
    if (!this.model) return;
    for (const e of this.model.advance(nowMs)) this.deliver(e);
  }

  private deliver(e: RoutingEvent): void {
    if (e.type === 'answered') {
      if (e.callback) {
        const outcome = resolveDial(this.store, e.callback.phone);
        const atMs = e.atMs + Math.round((e.callback.delaySeconds ?? 0) * 1000);
        this.callbackAttempts.push({ contactId: e.contactId, phone: outcome.e164 ?? e.callback.phone, skill: e.skill, agentId: e.agent.id, atMs, result: outcome.result });
        const origin = callbackOrigin(e.contactId);
        this.effect?.(
          'calls',
          {
            callback: e.contactId,
            dialedBy: 'agent',
            agentId: e.agent.id,
            number: e.callback.phone,
            e164: outcome.e164 ?? '',
            callerId: e.callback.callerId,
            result: outcome.result,
            skill: e.skill,
            at: DateTime.fromMillis(atMs, { zone: this.clock!.zone }).toISO()!,
            contactId: origin,
          },
          origin,
        );
        // Nobody to talk to: the agent is done with this callback at once.
        if (outcome.result !== 'answered') this.model!.drop(e.contactId, e.atMs);
        return;
      }
      const agent = { id: String(e.agent.id), firstName: e.agent.firstName, lastName: e.agent.lastName };
      this.contacts?.raise(e.contactId, { type: 'answer', agent, skillName: this.store.skill(e.skill)?.name ?? '', skillNo: e.skill }, e.atMs);
    } else if (e.type === 'agentHungUp') {
      if (!e.callback) this.contacts?.raise(e.contactId, { type: 'release', by: 'agent' }, e.atMs);
    }
  }

  private now(): number {
    if (!this.clock || !this.model) throw new Error('routing is not attached to a runtime');
    return this.clock.now().toMillis();
  }

  enqueue(request: QueueRequest): void {
    const now = this.now();
    this.model!.enqueue(request, now);
  }

  pull(request: QueueRequest): number | null {
    return this.model!.pull(request, this.now())?.id ?? null;
  }

  toCallback(contactId: string, callbackId: string, callback: CallbackRequest): boolean {
    return this.model?.toCallback(contactId, callbackId, callback, this.now()) !== undefined;
  }

  leave(contactId: string): void {
    this.model?.drop(contactId, this.now());
  }

  entry(contactId: string): QueueEntryView | undefined {
    const c = this.model?.contact(contactId);
    return c && view(c);
  }

  entries(): QueueEntryView[] {
    return (this.model?.entries() ?? []).map(view);
  }

  queueStats(skill: number, highProficiency?: number, lowProficiency?: number): { queued: number; longestWaitSeconds: number } {
    return this.model ? this.model.queueStats(skill, this.now(), highProficiency, lowProficiency) : { queued: 0, longestWaitSeconds: 0 };
  }

  position(contactId: string): number | null {
    return this.model ? this.model.position(contactId, this.now()) : null;
  }

  agentCounts(skill: number): AgentCounts {
    return this.model ? this.model.agentCounts(skill, this.now()) : { loggedIn: 0, available: 0, working: 0 };
  }
}

/** The contact that queued a callback: its id is `<contactId>-cb<n>` (actions/queuecallback.ts `callbackId`). */
function callbackOrigin(callbackId: string): string {
  const at = callbackId.lastIndexOf('-cb');
  return at > 0 ? callbackId.slice(0, at) : callbackId;
}

function view(c: Readonly<QueuedContact>): QueueEntryView {
  return { contactId: c.request.contactId, skill: c.request.skill, phase: c.phase, queuedMs: c.queuedMs, agentId: c.agentId, callback: c.request.callback };
}
