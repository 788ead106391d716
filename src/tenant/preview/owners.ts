// Who owns a calling-list record in a preview campaign (seed 004): the
// agent-owned column holds an agent's e-mail address or user id, matched
// without regard to case. A record whose owner is no agent of the business
// unit, or an agent outside the campaign's queue, is skipped with a reason;
// an empty owner means nobody owns the record (any agent may get it, after
// the owned ones).
import type { ProspectRecord, TenantStore } from '../../contract/tenant-store.js';
import { routingAgents, type AgentRoutingRecord } from '../routing/records.js';
import type { CampaignRecord } from './records.js';

export interface CampaignAgent {
  id: number;
  email: string;
  name: string;
  routing: AgentRoutingRecord;
}

export type Ownership = { kind: 'owned'; agentId: number; owner: string } | { kind: 'shared' } | { kind: 'skip'; owner: string; reason: string };

export class OwnerIndex {
  /** Every agent of the business unit by lowercase e-mail and by id. */
  private readonly byKey = new Map<string, CampaignAgent>();
  /** The agents in the campaign's queue (agents with its skill), by id. */
  readonly members = new Map<number, CampaignAgent>();

  constructor(
    store: TenantStore,
    private readonly campaign: CampaignRecord,
  ) {
    const routing = new Map(routingAgents(store).map((r) => [r.id, r]));
    for (const a of store.agents()) {
      const r = routing.get(a.id);
      if (!r) continue;
      const agent: CampaignAgent = { id: a.id, email: a.email, name: a.name, routing: r };
      this.byKey.set(a.email.toLowerCase(), agent);
      this.byKey.set(String(a.id), agent);
      if (r.skills.some((s) => s.skill === campaign.skill)) this.members.set(a.id, agent);
    }
  }

  /** The record's owner as the agent-owned column gives it ('' when none). */
  ownerText(p: ProspectRecord): string {
    const column = this.campaign.agentOwnedColumn;
    if (column === null) return '';
    return cellOf(p.fields, column) ?? cellOf(p.fields.Record, column) ?? '';
  }

  ownership(owner: string): Ownership {
    if (owner === '') return { kind: 'shared' };
    const agent = this.byKey.get(owner.toLowerCase());
    if (!agent) return { kind: 'skip', owner, reason: `owner ${owner} is not an agent of this business unit (no agent has this e-mail address or user id)` };
    if (!this.members.has(agent.id))
      return { kind: 'skip', owner, reason: `owner ${owner} (agent ${agent.id}, ${agent.name}) is not in the campaign's queue: skill ${this.campaign.skill} is not among the agent's skills` };
    return { kind: 'owned', agentId: agent.id, owner };
  }

  agent(id: number): CampaignAgent | undefined {
    return this.members.get(id);
  }
}

/** A cell of a record's fields by column name, matched without regard to case; trimmed text. */
function cellOf(fields: unknown, column: string): string | undefined {
  if (fields === null || typeof fields !== 'object') return undefined;
  const want = column.toLowerCase();
  for (const [k, v] of Object.entries(fields as Record<string, unknown>)) {
    if (k.toLowerCase() !== want) continue;
    if (v === null || v === undefined) return '';
    return (typeof v === 'string' ? v : String(v)).trim();
  }
  return undefined;
}
