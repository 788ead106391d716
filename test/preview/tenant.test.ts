// The campaigns section of the tenant file: a preview campaign works a
// Personal Connection skill's list, at most 200 agents with agent-owned
// records, behaviours name real agents; both stores keep what the dialer did.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ScriptLoadError } from '../../src/contract/diagnostics.js';
import { campaigns, previewOffers } from '../../src/tenant/preview/records.js';
import { tenantFromData } from '../../src/tenant/tenant.js';
import { addRecord, dialerOf, START } from './campaign.js';

function errorsOf(data: Record<string, unknown>, state?: string): string[] {
  try {
    tenantFromData(data, state === undefined ? {} : { state }).close();
    return [];
  } catch (err) {
    if (!(err instanceof ScriptLoadError)) throw err;
    return err.diagnostics.map((d) => `${d.span.line}: ${d.message}`);
  }
}

const PC = { id: 1300, name: 'PC_Collections', media: 'Phone', direction: 'Outbound', personalConnection: true, campaign: 'Collections' };

describe('the campaigns section', () => {
  it('refuses more than 200 agents in a preview campaign with agent-owned records', () => {
    const agents = Array.from({ length: 201 }, (_, i) => ({ id: 5000 + i, email: `agent${i}@example.com`, name: `Agent ${i}`, skills: [1300] }));
    const errors = errorsOf({ agents, skills: [PC], campaigns: [{ name: 'Collections', mode: 'Preview', skill: 1300, agentOwnedColumn: 'AgentEmail' }] });
    expect(errors.join('\n')).toContain('campaign Collections: 201 agents have skill 1300; a preview campaign with agent-owned records allows at most 200');
    expect(errorsOf({ agents: agents.slice(1), skills: [PC], campaigns: [{ name: 'Collections', mode: 'Preview', skill: 1300, agentOwnedColumn: 'AgentEmail' }] })).toEqual([]);
  });

  it('needs a Personal Connection skill without a dialer rate, a unique name and known agents in previews', () => {
    const errors = errorsOf({
      agents: [{ id: 1001, email: 'ana@example.com', name: 'Ana' }],
      skills: [PC, { id: 2001, name: 'Inbound', media: 'Phone' }, { ...PC, id: 1301, name: 'PC_Dialed', dialer: { ratePerMinute: 1 } }],
      campaigns: [
        { name: 'A', mode: 'Preview', skill: 2001 },
        { name: 'B', mode: 'Preview', skill: 1301 },
        { name: 'a', mode: 'Preview', skill: 9999 },
        { name: 'D', skill: 1300 },
        { name: 'C', mode: 'Preview', skill: 1300, previews: { agents: [{ agent: 'ghost@example.com', decisions: ['skip'] }] } },
      ],
    }).join('\n');
    expect(errors).toContain('campaign A: skill 2001 (Inbound) is not a Personal Connection skill');
    expect(errors).toContain('campaign B: skill 1301 (PC_Dialed) has a dialer rate');
    expect(errors).toContain('campaign a is already declared by campaigns[0]');
    expect(errors).toContain('campaign a: skill 9999 is not declared in skills');
    expect(errors).toContain('campaign C: ghost@example.com is not an agent of this business unit');
    expect(errors).toContain("campaign D: skill is a preview campaign's setting: add mode: Preview");
  });

  it("takes the specification's form: the skill is the one naming the campaign; maxAgents lowers the limit", () => {
    const agents = [1, 2, 3].map((i) => ({ id: 5000 + i, email: `agent${i}@example.com`, name: `Agent ${i}`, skills: [1300] }));
    const t = tenantFromData({ agents, skills: [PC], campaigns: [{ name: 'Collections', mode: 'Preview', agentOwnedColumn: 'AgentEmail', maxAgents: 200 }] });
    expect(campaigns(t.store)[0]).toMatchObject({ name: 'Collections', skill: 1300 });
    t.close();
    // Without mode: a campaign skills name (digital outreach), with no preview dialer.
    const plain = tenantFromData({ agents, skills: [PC], campaigns: [{ name: 'Collections' }] });
    expect(campaigns(plain.store)).toEqual([]);
    expect(plain.background().map((p) => p.name)).not.toContain('preview:Collections');
    plain.close();
    expect(errorsOf({ agents, skills: [PC], campaigns: [{ name: 'Collections', mode: 'Preview', agentOwnedColumn: 'AgentEmail', maxAgents: 2 }] }).join('\n')).toContain(
      'campaign Collections: 3 agents have skill 1300; maxAgents is 2',
    );
    expect(errorsOf({ agents, skills: [PC], campaigns: [{ name: 'Other', mode: 'Preview' }] }).join('\n')).toContain("campaign Other: no skill: give the campaign's `skill`");
  });

  it('keeps the dialing mode, queue and agent-owned column of a campaign once created', () => {
    const state = join(mkdtempSync(join(tmpdir(), 'preview-fixed-')), 'state.db');
    const agents = [{ id: 1001, email: 'ana@example.com', name: 'Ana', skills: [1300, 1301] }];
    const skills = [PC, { ...PC, id: 1301, name: 'PC_Other', campaign: 'Other' }];
    const campaign = { name: 'Collections', mode: 'Preview', skill: 1300, agentOwnedColumn: 'AgentEmail' };
    tenantFromData({ agents, skills, campaigns: [campaign] }, { state }).close();
    const refused = (c: Record<string, unknown>) => errorsOf({ agents, skills, campaigns: [c] }, state).join('\n');
    expect(refused({ ...campaign, skill: 1301 })).toContain('campaign Collections: its queue (skill 1300) cannot change once the campaign exists');
    expect(refused({ ...campaign, agentOwnedColumn: 'Owner' })).toContain('its agent-owned column (AgentEmail) cannot change');
    expect(refused({ name: 'Collections' })).toContain('a preview campaign cannot stop being one');
    // Other settings may change.
    expect(refused({ ...campaign, previewTimeoutSeconds: 30 })).toBe('');
  });

  it('keeps the campaign and the offers in a state file', () => {
    const state = join(mkdtempSync(join(tmpdir(), 'preview-state-')), 'state.db');
    const data = { timeZone: 'America/Denver', agents: [{ id: 1001, email: 'ana.silva@example.com', name: 'Ana Silva', skills: [1300] }], skills: [PC], campaigns: [{ name: 'Collections', mode: 'Preview', skill: 1300, agentOwnedColumn: 'AgentEmail' }] };
    const s = tenantFromData(data, { state });
    addRecord(s.store, 'A1', 'ana.silva@example.com');
    dialerOf(s.store).runUntil(START + 60_000);
    s.close();
    const again = tenantFromData(data, { state });
    expect(campaigns(again.store)[0]).toMatchObject({ name: 'Collections', skill: 1300, agentOwnedColumn: 'AgentEmail', previewTimeoutSeconds: 60 });
    expect(previewOffers(again.store).map((o) => [o.externalId, o.decision])).toEqual([['A1', 'accept']]);
    expect(again.store.prospect(1300, 'A1')!.status).toBe('dialed');
    // The next run's cycle follows the state's.
    addRecord(again.store, 'A2', 'ana.silva@example.com');
    dialerOf(again.store).runUntil(START + 60_000);
    expect(previewOffers(again.store).map((o) => [o.externalId, o.cycle])).toEqual([['A1', 1], ['A2', 2]]);
    again.close();
  });
});
