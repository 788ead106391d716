// A preview dialer's part of a snapshot (`processes["preview:<campaign>"]`):
// where its cycle is — the records each agent still has to be offered, the
// records nobody owns, those seen and finished in the cycle, each agent's
// pending offer and when the agent is free — and when it last looked at the
// list. `readPreviewState` checks one read back before the dialer takes it:
// types and ranges, the agents against the campaign's queue in the tenant,
// and every record the cycle holds among the records it has seen, so a
// damaged snapshot is refused naming where instead of offering wrongly later.
import { array, bool, fail, object, oneOf, orNull, text, time, whole } from '../../contract/state-check.js';
import { PREVIEW_DECISIONS, type PreviewDecision } from './records.js';

/** An offer an agent has not decided on yet. */
export interface PendingOffer {
  externalId: string;
  owned: boolean;
  offeredAtMs: number;
  decision: PreviewDecision;
  decidesAtMs: number;
  /** The run the offer started (the campaign's script), if any. */
  contactId: string | null;
}

/** One agent of the cycle as saved. */
export interface SavedAgent {
  id: number;
  /** The agent's own records still to offer, in list order. */
  own: string[];
  /** When the agent can take the next offer; null: never in this run (logged out, or never on shift again). */
  freeAtMs: number | null;
  offers: number;
  pending: PendingOffer | null;
  /** Records nobody owns that the agent rejected in this cycle. */
  rejected: string[];
}

/** What `PreviewDialer.saveState()` writes. */
export interface PreviewState {
  /** 0: the dialer has not started (nothing else matters then). */
  cycle: number;
  startMs: number;
  nextRecycleMs: number | null;
  /** The campaign's queue as the cycle took it, in agent id order. */
  agents: SavedAgent[];
  /** Records nobody owns, in list order. */
  shared: string[];
  /** Records assigned (or skipped) in this cycle. */
  seen: string[];
  /** Records offered and finished in this cycle. */
  done: string[];
  /** The calling list's size at the last look (-1: not looked at in this cycle yet). */
  knownCount: number;
  lookedAtMs: number;
  /** A list changed since the last look (new records are looked for on the next minute). */
  listChanged: boolean;
  /** Whether the next recycle would offer anything, as of the last look. */
  recycleOffers: boolean;
  /** The campaign's script could not start: previews run no script. */
  scriptBroken: boolean;
}

/** A list of record ids, each once. */
function ids(x: unknown, path: string): string[] {
  const list = array(x, path).map((e, i) => text(e, `${path}[${i}]`));
  const once = new Set<string>();
  list.forEach((id, i) => {
    if (once.has(id)) fail(`${path}[${i}]`, `repeats record ${JSON.stringify(id)}`);
    once.add(id);
  });
  return list;
}

/**
 * Checks a preview dialer's state read from a snapshot; `queue` is the ids of
 * the agents in the campaign's queue in the tenant now. Throws StateError
 * naming where inside it ('' for the whole).
 */
export function readPreviewState(x: unknown, queue: readonly number[]): PreviewState {
  const s = object(x, '');
  const cycle = whole(s.cycle, 'cycle');
  const state: PreviewState = {
    cycle,
    startMs: time(s.startMs, 'startMs'),
    nextRecycleMs: orNull(s.nextRecycleMs, 'nextRecycleMs', time),
    agents: array(s.agents, 'agents').map((a, i) => readAgent(a, `agents[${i}]`)),
    shared: ids(s.shared, 'shared'),
    seen: ids(s.seen, 'seen'),
    done: ids(s.done, 'done'),
    knownCount: whole(s.knownCount, 'knownCount', Number.MAX_SAFE_INTEGER, -1),
    lookedAtMs: time(s.lookedAtMs, 'lookedAtMs'),
    listChanged: bool(s.listChanged, 'listChanged'),
    recycleOffers: bool(s.recycleOffers, 'recycleOffers'),
    scriptBroken: bool(s.scriptBroken, 'scriptBroken'),
  };
  // Before the first cycle no agent is taken yet; in a cycle, exactly the campaign's queue, in id order.
  const want = cycle === 0 ? [] : queue;
  state.agents.forEach((a, i) => {
    if (!want.includes(a.id)) fail(`agents[${i}].id`, cycle === 0 ? 'must not be there: the dialer has not started (cycle 0)' : `names agent ${a.id}, who is not in the campaign's queue in the tenant`);
    if (i > 0 && a.id <= state.agents[i - 1]!.id) fail(`agents[${i}].id`, `must come after agent ${state.agents[i - 1]!.id} (agents are in id order, each once)`);
  });
  const missing = want.find((id) => !state.agents.some((a) => a.id === id));
  if (missing !== undefined) fail('agents', `lacks agent ${missing} of the campaign's queue (the tenant's agents changed since the snapshot?)`);
  // Every record the cycle still holds was assigned in it.
  const seen = new Set(state.seen);
  const inCycle = (id: string, path: string) => {
    if (!seen.has(id)) fail(path, `names record ${JSON.stringify(id)}, which this cycle has not seen (it is not in seen)`);
  };
  state.shared.forEach((id, i) => inCycle(id, `shared[${i}]`));
  state.done.forEach((id, i) => inCycle(id, `done[${i}]`));
  state.agents.forEach((a, i) => {
    a.own.forEach((id, k) => inCycle(id, `agents[${i}].own[${k}]`));
    a.rejected.forEach((id, k) => inCycle(id, `agents[${i}].rejected[${k}]`));
    if (a.pending) inCycle(a.pending.externalId, `agents[${i}].pending.externalId`);
  });
  return state;
}

function readAgent(x: unknown, at: string): SavedAgent {
  const a = object(x, at);
  return {
    id: whole(a.id, `${at}.id`),
    own: ids(a.own, `${at}.own`),
    freeAtMs: orNull(a.freeAtMs, `${at}.freeAtMs`, time),
    offers: whole(a.offers, `${at}.offers`),
    pending: orNull(a.pending, `${at}.pending`, readPending),
    rejected: ids(a.rejected, `${at}.rejected`),
  };
}

function readPending(x: unknown, at: string): PendingOffer {
  const p = object(x, at);
  const offeredAtMs = time(p.offeredAtMs, `${at}.offeredAtMs`);
  const decidesAtMs = time(p.decidesAtMs, `${at}.decidesAtMs`);
  if (decidesAtMs < offeredAtMs) fail(`${at}.decidesAtMs`, 'must not be before offeredAtMs');
  return {
    externalId: text(p.externalId, `${at}.externalId`),
    owned: bool(p.owned, `${at}.owned`),
    offeredAtMs,
    decision: oneOf(p.decision, `${at}.decision`, PREVIEW_DECISIONS),
    decidesAtMs,
    contactId: orNull(p.contactId, `${at}.contactId`, text),
  };
}
