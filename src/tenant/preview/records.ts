// What the tenant keeps of preview campaigns with agent-owned records: the
// campaign settings (section `campaigns`), and what the preview dialer did —
// each offer to an agent and its outcome, each record skipped because its
// owner is not an agent of the campaign. Both live in store collections, so
// `--state` keeps them and `tenant show` reads them.
import type { TenantStore } from '../../contract/tenant-store.js';

/**
 * What an agent does with a preview offer: accept (the record is dialed),
 * skip (it waits for the next cycle), reject (another agent may take it; an
 * owned record waits for the next cycle), or nothing until the preview times
 * out (it is requeued). docs/preview-campaigns.md.
 */
export type PreviewDecision = 'accept' | 'skip' | 'reject' | 'timeout';
export const PREVIEW_DECISIONS: readonly PreviewDecision[] = ['accept', 'skip', 'reject', 'timeout'];

/** How one agent handles the previews of a campaign (tenant file or test). */
export interface PreviewAgentBehaviour {
  /** The agent's e-mail address or user id, as in `agents`. */
  agent: string;
  /** Decisions for successive offers, repeated from the start when used up. */
  decisions: PreviewDecision[];
  /** Seconds the agent looks at a record before accepting or skipping it. */
  decideSeconds: number;
}

export interface CampaignRecord {
  name: string;
  /** The Personal Connection skill whose calling list the campaign works (its queue). */
  skill: number;
  mode: 'Preview';
  /** The calling-list column holding each record's owner (e-mail address or user id); null: no agent-owned records. */
  agentOwnedColumn: string | null;
  /** A preview nobody accepts or skips in this time is requeued. */
  previewTimeoutSeconds: number;
  /** The campaign recycles this often (null: never by itself). */
  recycleEveryMinutes: number | null;
  behaviours: PreviewAgentBehaviour[];
  defaultBehaviour: { decisions: PreviewDecision[]; decideSeconds: number };
  /** The phone script each preview contact runs (ONPREVIEW, then the dial's answer or release): the campaign's, else its skill's; null: none. */
  script: string | null;
}

/** One preview offer: to whom, when, which record, what the agent did and when. */
export interface PreviewOffer {
  campaign: string;
  cycle: number;
  agentId: number;
  agent: string;
  externalId: string;
  /** True when the record is the agent's own; false for a record nobody owns. */
  owned: boolean;
  offeredAtMs: number;
  decision: PreviewDecision;
  decidedAtMs: number;
  /** Accepted records: how the dial went (answered, busy, noAnswer, machine, invalidNumber, error). */
  dialed?: string;
  /** The contact id of the run the preview started, when the campaign has a script. */
  contactId?: string;
}

/** A record the campaign skips: its owner is unknown, or not an agent of the campaign's queue. */
export interface PreviewSkip {
  campaign: string;
  cycle: number;
  externalId: string;
  owner: string;
  reason: string;
  atMs: number;
}

/**
 * Emulator decisions (docs/preview-campaigns.md): an agent accepts every
 * preview after 10 s; a preview times out after 60 s; a dialed record that
 * rings 30 s unanswered is no answer (PLACECALL's default Timeout).
 */
export const PREVIEW_DEFAULTS = { decisions: ['accept'] as PreviewDecision[], decideSeconds: 10, previewTimeoutSeconds: 60, ringTimeoutSeconds: 30 } as const;
/** Seed 004: at most 200 agents in a preview campaign with agent-owned records. */
export const MAX_OWNING_AGENTS = 200;

export const CAMPAIGNS_COLLECTION = 'preview.campaigns';
export const OFFERS_COLLECTION = 'preview.offers';
export const SKIPS_COLLECTION = 'preview.skips';

export function campaigns(store: TenantStore): CampaignRecord[] {
  return store.collection<CampaignRecord>(CAMPAIGNS_COLLECTION).all();
}

export function previewOffers(store: TenantStore, campaign?: string): PreviewOffer[] {
  const all = store.collection<PreviewOffer>(OFFERS_COLLECTION).all();
  return (campaign === undefined ? all : all.filter((o) => o.campaign === campaign)).sort((a, b) => a.offeredAtMs - b.offeredAtMs || a.agentId - b.agentId);
}

export function previewSkips(store: TenantStore, campaign?: string): PreviewSkip[] {
  const all = store.collection<PreviewSkip>(SKIPS_COLLECTION).all();
  return campaign === undefined ? all : all.filter((s) => s.campaign === campaign);
}
