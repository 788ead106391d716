// The script of a preview contact: each offer starts the campaign's phone
// script with the record's data and ONPREVIEW; the agent's decision (accept,
// skip, reject, timeout) becomes the dial and its answer or release, and the
// run's effects show offers, dials and runs.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RunResult } from '../../src/runtime/result.js';
import { loadFolder } from '../../src/graph/folder.js';
import { createRuntime } from '../../src/runtime/runtime.js';
import { previewOffers } from '../../src/tenant/preview/records.js';
import { tenantFromData } from '../../src/tenant/tenant.js';
import { addRecord } from './campaign.js';

const PROJECT = join(import.meta.dirname, 'project');
const NOW = '2026-01-05T09:00:00-07:00';

const ana = { id: 1001, email: 'ana.silva@example.com', name: 'Ana Silva', skills: [1300], talkSeconds: 120 };
const ben = { id: 1002, email: 'ben.okafor@example.com', name: 'Ben Okafor', skills: [1300], talkSeconds: 120 };

function tenant(campaign: Record<string, unknown> = {}, extra: { agents?: unknown[]; dialPlan?: unknown[]; skillScript?: string } = {}) {
  return tenantFromData({
    timeZone: 'America/Denver',
    agents: extra.agents ?? [ana, ben],
    skills: [{ id: 1300, name: 'PC_Collections', media: 'Phone', direction: 'Outbound', personalConnection: true, ...(extra.skillScript ? { script: extra.skillScript } : {}) }],
    campaigns: [{ name: 'Collections', mode: 'Preview', skill: 1300, agentOwnedColumn: 'AgentEmail', script: 'CollectionsCall', ...campaign }],
    ...(extra.dialPlan ? { dialPlan: extra.dialPlan } : {}),
  });
}

/** Runs Day for an hour with the campaign working its records; returns the result and the preview runs by record. */
async function day(t: ReturnType<typeof tenant>): Promise<{ result: RunResult; runs: Map<string, NonNullable<RunResult['spawned']>[number]> }> {
  const runtime = createRuntime({ scripts: await loadFolder(PROJECT), tenant: t, now: NOW });
  const result = await runtime.run('Day');
  const runs = new Map<string, NonNullable<RunResult['spawned']>[number]>();
  for (const o of previewOffers(t.store)) {
    const run = result.spawned?.find((s) => s.contactId === o.contactId);
    if (run) runs.set(`${o.externalId}#${o.cycle}/${o.offeredAtMs}`, run);
  }
  return { result, runs };
}

const only = <T>(m: Map<string, T>, record: string): T[] => [...m].filter(([k]) => k.startsWith(`${record}#`)).map(([, v]) => v);

function withData(t: ReturnType<typeof tenant>, id: string, owner: string, phone = '+13035550100'): void {
  addRecord(t.store, id, owner);
  const p = t.store.prospect(1300, id)!;
  t.store.upsertProspect({ ...p, destinations: [phone], fields: { FirstName: 'Grace', LastName: 'Hopper', Record: { Account: id, Balance: '1250.00', AgentEmail: owner, 'Not a name': 'x' } } });
}

describe('the script of a preview contact', () => {
  it('accept: ONPREVIEW runs with the record when it is offered, then the dial is answered (ONANSWER) and the agent hangs up after the talk (ONRELEASE)', async () => {
    const t = tenant();
    withData(t, 'AC-1', 'ana.silva@example.com');
    const { result, runs } = await day(t);
    const [run] = only(runs, 'AC-1');
    expect(run).toMatchObject({ script: 'CollectionsCall', status: 'completed', path: ['CollectionsCall.preview', 'CollectionsCall.shown', 'CollectionsCall.answered', 'CollectionsCall.talked', 'CollectionsCall.ended', 'CollectionsCall.logged'] });
    expect(run!.variables).toMatchObject({
      shown: 'Grace Hopper owes 1250.00 (AC-1 at +13035550100, skill 1300, dnis +13035550100)',
      talked: '1001 Ana Silva for PC_Collections',
      ended: 'AgentDisconnect 16',
    });
    // ONPREVIEW took the contact over: the main flow never ran.
    expect(run!.variables.mainflow).toBeUndefined();
    expect(result.effects.previews).toEqual([
      expect.objectContaining({ agent: 'ana.silva@example.com', record: 'AC-1', decision: 'accept', dialed: 'answered', contactId: run!.contactId }),
    ]);
    expect(result.effects.calls).toEqual([{ action: 'PREVIEW', number: '+13035550100', e164: '+13035550100', callerId: '', result: 'answered', seconds: 5, contactId: run!.contactId }]);
    expect(t.store.prospect(1300, 'AC-1')!.status).toBe('dialed');
    t.close();
  });

  it('a dial that is busy, not answered or answered by a machine releases the contact with that call result, and the agent moves on', async () => {
    const t = tenant({}, {
      dialPlan: [
        { number: '+13035550101', result: 'busy', ringSeconds: 3 },
        { number: '+13035550102', result: 'noAnswer' },
        { number: '+13035550103', result: 'machine', ringSeconds: 8 },
        { number: '+13035550104', result: 'answered', ringSeconds: 4, talkSeconds: 30 },
      ],
    });
    withData(t, 'B', 'ana.silva@example.com', '+13035550101');
    withData(t, 'N', 'ana.silva@example.com', '+13035550102');
    withData(t, 'M', 'ana.silva@example.com', '+13035550103');
    withData(t, 'S', 'ana.silva@example.com', '+13035550104');
    const { result, runs } = await day(t);
    const ended = (r: string) => only(runs, r).map((x) => [x.variables.ended, x.variables.talked ?? null]);
    expect(ended('B')).toEqual([['Busy 17', null]]);
    expect(ended('N')).toEqual([['NoAnswer 19', null]]);
    expect(ended('M')).toEqual([['AnsweringMachine 16', null]]);
    // The called party hangs up after the dial plan's 30 s, before the agent would.
    expect(ended('S')).toEqual([['CallerDisconnect 16', '1001 Ana Silva for PC_Collections']]);
    expect(result.effects.calls!.map((c) => [(c as { result: string }).result, (c as { seconds: number }).seconds])).toEqual([
      ['busy', 3],
      ['noAnswer', 30],
      ['machine', 8],
      ['answered', 4],
    ]);
    // One agent, one preview at a time: each offer comes after the previous call (10 s to decide + the dial).
    expect(previewOffers(t.store).map((o) => [o.externalId, (o.offeredAtMs - Date.parse(NOW)) / 1000, o.dialed])).toEqual([
      ['B', 0, 'busy'],
      ['N', 13, 'noAnswer'],
      ['M', 53, 'machine'],
      ['S', 71, 'answered'],
    ]);
    t.close();
  });

  it('skip: the contact is released undialed (Skipped) and the record waits for the next cycle', async () => {
    const t = tenant({ previews: { decisions: ['skip'] } }, { agents: [ana] });
    withData(t, 'AC-1', 'ana.silva@example.com');
    const { result, runs } = await day(t);
    expect(only(runs, 'AC-1').map((r) => [r.status, r.variables.ended, r.variables.talked])).toEqual([['completed', 'Skipped 16', undefined]]);
    expect(result.effects.calls ?? []).toEqual([]);
    expect(t.store.prospect(1300, 'AC-1')!.status).toBe('queued');
    t.close();
  });

  it('timeout: after the preview timeout the contact is released (Requeued) and the record is offered again', async () => {
    const t = tenant({ previewTimeoutSeconds: 90, previews: { decisions: ['timeout', 'accept'] } }, { agents: [ana] });
    withData(t, 'AC-1', 'ana.silva@example.com');
    const { runs } = await day(t);
    expect(only(runs, 'AC-1').map((r) => r.variables.ended)).toEqual(['Requeued 16', 'AgentDisconnect 16']);
    expect(previewOffers(t.store).map((o) => [o.decision, (o.decidedAtMs - o.offeredAtMs) / 1000])).toEqual([
      ['timeout', 90],
      ['accept', 10],
    ]);
    t.close();
  });

  it('reject: the contact is released (Rejected); a record nobody owns goes to another agent first, an owned one waits for the next cycle', async () => {
    const t = tenant({ previews: { agents: [{ agent: 'ana.silva@example.com', decisions: ['reject'] }] } });
    withData(t, 'OWN', 'ana.silva@example.com');
    withData(t, 'ANY', '');
    withData(t, 'B1', 'ben.okafor@example.com');
    const { runs } = await day(t);
    // Ana rejects her own record, then the one nobody owns; Ben, busy with his own call until 135 s, takes that one next.
    expect(previewOffers(t.store).map((o) => `${(o.offeredAtMs - Date.parse(NOW)) / 1000} ${o.agent.split('.')[0]} ${o.externalId} ${o.decision}${o.dialed ? ` ${o.dialed}` : ''}`)).toEqual([
      '0 ana OWN reject',
      '0 ben B1 accept answered',
      '10 ana ANY reject',
      '135 ben ANY accept answered',
    ]);
    expect(only(runs, 'OWN').map((r) => r.variables.ended)).toEqual(['Rejected 16']);
    expect(t.store.prospect(1300, 'OWN')!.status).toBe('queued');
    expect(t.store.prospect(1300, 'ANY')!.status).toBe('dialed');
    t.close();
  });

  it('a record owned by an absent agent (logged out) is offered to nobody: no run, no dial, still queued', async () => {
    const t = tenant({}, { agents: [{ ...ana, loggedIn: false }, ben] });
    withData(t, 'AC-1', 'ana.silva@example.com');
    withData(t, 'AC-2', 'ben.okafor@example.com');
    const { result } = await day(t);
    expect(previewOffers(t.store).map((o) => o.externalId)).toEqual(['AC-2']);
    expect(result.spawned!.map((s) => s.script)).toEqual(['CollectionsCall']);
    expect(t.store.prospect(1300, 'AC-1')!.status).toBe('queued');
    t.close();
  });

  it('without ONPREVIEW the main flow runs when the record is offered and the contact waits in preview; the skill\'s script is the default', async () => {
    const t = tenant({ script: undefined }, { agents: [ana], skillScript: 'PlainCall' });
    withData(t, 'AC-1', 'ana.silva@example.com');
    const { runs } = await day(t);
    expect(only(runs, 'AC-1').map((r) => [r.script, r.status, r.variables.seen, r.path])).toEqual([['PlainCall', 'completed', 'AC-1', ['PlainCall.start', 'PlainCall.seen']]]);
    t.close();
  });

  it('a campaign script that is not a phone script is said once, and previews go on without runs', async () => {
    const t = tenant({ script: 'Notes' }, { agents: [ana] });
    withData(t, 'AC-1', 'ana.silva@example.com');
    withData(t, 'AC-2', 'ana.silva@example.com');
    const { result } = await day(t);
    expect(result.warnings).toEqual(['preview campaign Collections: its script cannot run, so previews run no script: Notes is a Generic script; a call runs a Phone script']);
    expect(result.spawned).toBeUndefined();
    expect(previewOffers(t.store).map((o) => o.dialed)).toEqual(['answered', 'answered']);
    t.close();
  });
});

describe('ONPREVIEW', () => {
  it('has no properties and takes Default; only a preview offer runs it', async () => {
    const t = tenant({}, { agents: [ana] });
    // No record: nothing is offered, so ONPREVIEW never runs and nothing is started.
    const { result } = await day(t);
    expect(result.spawned).toBeUndefined();
    withData(t, 'AC-1', 'ana.silva@example.com');
    const again = await day(t);
    expect([...again.runs.values()][0]!.path.slice(0, 2)).toEqual(['CollectionsCall.preview', 'CollectionsCall.shown']);
    t.close();
  });
});
