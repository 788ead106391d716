// The rules of preview campaigns with agent-owned records (seed 004), each a
// test named after it, on the campaign's preview dialer over virtual time.
import { describe, expect, it } from 'vitest';
import { previewOffers, previewSkips } from '../../src/tenant/preview/records.js';
import { addRecord, at, collectionsTenant, dialerOf, START } from './campaign.js';

const HOUR = 3_600_000;
const offersOf = (store: Parameters<typeof previewOffers>[0]) => previewOffers(store).map((o) => `${o.agent.split('.')[0]} ${o.externalId} ${o.decision}`);

describe('preview campaigns with agent-owned records', () => {
  it('delivers each record only to the agent whose e-mail address or user id it carries, matched without regard to case', () => {
    const t = collectionsTenant();
    addRecord(t.store, 'A1', 'ana.silva@example.com');
    addRecord(t.store, 'A2', 'ANA.SILVA@Example.COM');
    addRecord(t.store, 'B1', '1002');
    addRecord(t.store, 'C1', 'cy.tan@example.com');
    const day = dialerOf(t.store);
    day.runUntil(START + HOUR);
    expect(offersOf(t.store).sort()).toEqual(['ana A1 accept', 'ana A2 accept', 'ben B1 accept', 'cy C1 accept']);
    expect(t.store.prospects(1300).every((p) => p.status === 'dialed')).toBe(true);
  });

  it('offers an agent its own records before the records nobody owns', () => {
    const t = collectionsTenant({}, { agents: [{ id: 1001, email: 'ana.silva@example.com', name: 'Ana Silva', skills: [1300], talkSeconds: 120 }] });
    addRecord(t.store, 'S1', '');
    addRecord(t.store, 'A1', 'ana.silva@example.com');
    addRecord(t.store, 'S2', '');
    addRecord(t.store, 'A2', 'ana.silva@example.com');
    dialerOf(t.store).runUntil(START + HOUR);
    expect(previewOffers(t.store).map((o) => [o.externalId, o.owned])).toEqual([
      ['A1', true],
      ['A2', true],
      ['S1', false],
      ['S2', false],
    ]);
  });

  it('gives each agent its records in list order, one preview at a time, on the virtual clock', () => {
    const t = collectionsTenant();
    addRecord(t.store, 'A1', 'ana.silva@example.com');
    addRecord(t.store, 'A2', 'ana.silva@example.com');
    const day = dialerOf(t.store);
    day.runUntil(START + HOUR);
    // Accepted after 10 s; then the number rings 5 s (the dial plan's default), talk 120 s, no wrap-up: the next preview comes 125 s after accepting.
    expect(previewOffers(t.store).map((o) => [o.externalId, o.offeredAtMs - START, o.decidedAtMs - START])).toEqual([
      ['A1', 0, 10_000],
      ['A2', 135_000, 145_000],
    ]);
    expect(day.effects.find((e) => 'decision' in e)).toEqual({ campaign: 'Collections', agent: 'ana.silva@example.com', record: 'A1', owned: true, offeredAt: at(0), decision: 'accept', decidedAt: at(10), dialed: 'answered' });
  });

  it('skips and reports records whose owner is unknown or not an agent of the campaign queue', () => {
    const t = collectionsTenant();
    addRecord(t.store, 'X1', 'nobody@example.com');
    addRecord(t.store, 'D1', 'dee.ray@example.com');
    addRecord(t.store, 'A1', 'ana.silva@example.com');
    const day = dialerOf(t.store);
    day.runUntil(START + HOUR);
    expect(previewSkips(t.store).map((s) => [s.externalId, s.reason])).toEqual([
      ['X1', 'owner nobody@example.com is not an agent of this business unit (no agent has this e-mail address or user id)'],
      ['D1', "owner dee.ray@example.com (agent 1004, Dee Ray) is not in the campaign's queue: skill 1300 is not among the agent's skills"],
    ]);
    expect(offersOf(t.store)).toEqual(['ana A1 accept']);
    // Skipped records are not processed: still undialed.
    expect(t.store.prospect(1300, 'X1')!.status).toBe('queued');
    expect(day.effects.filter((e) => 'skipped' in e).map((e) => e.record)).toEqual(['X1', 'D1']);
  });

  it('lets agents accept, skip or let a preview time out as the tenant says; a timed-out preview is requeued', () => {
    const t = collectionsTenant({
      previewTimeoutSeconds: 60,
      previews: {
        agents: [
          { agent: 'ben.okafor@example.com', decisions: ['skip', 'accept'] },
          { agent: 1003, decisions: ['timeout', 'accept'], decideSeconds: 5 },
        ],
      },
    });
    addRecord(t.store, 'B1', 'ben.okafor@example.com');
    addRecord(t.store, 'B2', 'ben.okafor@example.com');
    addRecord(t.store, 'C1', 'cy.tan@example.com');
    dialerOf(t.store).runUntil(START + HOUR);
    const offers = previewOffers(t.store).map((o) => [o.agent.split('.')[0], o.externalId, o.decision, (o.offeredAtMs - START) / 1000, (o.decidedAtMs - START) / 1000]);
    expect(offers).toEqual([
      ['ben', 'B1', 'skip', 0, 10],
      ['cy', 'C1', 'timeout', 0, 60],
      ['ben', 'B2', 'accept', 10, 20],
      ['cy', 'C1', 'accept', 60, 65],
    ]);
    expect(t.store.prospect(1300, 'B1')!.status).toBe('queued'); // skipped by the agent: not dialed
    expect(t.store.prospect(1300, 'C1')!.status).toBe('dialed');
  });

  it('applies ownership changes from a re-upload at the next recycle, not before', () => {
    const t = collectionsTenant({ recycleEveryMinutes: 60, previews: { decisions: ['skip'] } });
    addRecord(t.store, 'R1', 'ana.silva@example.com');
    const day = dialerOf(t.store);
    day.runUntil(START + 10 * 60_000);
    addRecord(t.store, 'R1', 'ben.okafor@example.com', START + 10 * 60_000); // the re-upload moves R1 to Ben
    day.runUntil(START + 50 * 60_000);
    expect(offersOf(t.store)).toEqual(['ana R1 skip']);
    day.runUntil(START + 70 * 60_000);
    expect(offersOf(t.store)).toEqual(['ana R1 skip', 'ben R1 skip']);
    expect(previewOffers(t.store).map((o) => o.cycle)).toEqual([1, 2]);
  });

  it('gives agents added to the queue during a cycle no records until the campaign recycles', () => {
    const t = collectionsTenant({ recycleEveryMinutes: 60, previews: { decisions: ['skip'] } });
    addRecord(t.store, 'S1', '');
    const day = dialerOf(t.store);
    day.runUntil(START + 60_000);
    expect(offersOf(t.store)).toEqual(['ana S1 skip']);
    // Dee joins the queue: at the recycle she is one of the campaign's agents.
    const routing = t.store.collection<{ id: number; skills: { skill: number; proficiency: number }[] }>('routing.agents');
    routing.put('1004', { ...routing.get('1004')!, skills: [{ skill: 1300, proficiency: 1 }] });
    addRecord(t.store, 'D1', 'dee.ray@example.com', START + 2000);
    day.runUntil(START + 30 * 60_000);
    expect(previewSkips(t.store).map((s) => [s.externalId, s.cycle])).toEqual([['D1', 1]]);
    day.runUntil(START + 61 * 60_000);
    expect(offersOf(t.store)).toContain('dee D1 skip');
  });

  it('restarts an unfinished list from the top at a recycle: records skipped or not reached are offered again', () => {
    const t = collectionsTenant({ recycleEveryMinutes: 30, previews: { decisions: ['skip'] } }, { agents: [{ id: 1001, email: 'ana.silva@example.com', name: 'Ana Silva', skills: [1300] }] });
    addRecord(t.store, 'A1', 'ana.silva@example.com');
    addRecord(t.store, 'A2', 'ana.silva@example.com');
    dialerOf(t.store).runUntil(START + 31 * 60_000);
    expect(previewOffers(t.store).map((o) => `${o.cycle} ${o.externalId}`)).toEqual(['1 A1', '1 A2', '2 A1', '2 A2']);
  });

  it('assigns records added during a cycle (a corrected owner in a new list) without a recycle', () => {
    const t = collectionsTenant();
    addRecord(t.store, 'A1', 'ana.silva@example.com');
    const day = dialerOf(t.store);
    day.runUntil(START + 5 * 60_000);
    addRecord(t.store, 'A9', 'ana.silva@example.com', START + 5 * 60_000);
    day.runUntil(START + 10 * 60_000);
    expect(offersOf(t.store)).toEqual(['ana A1 accept', 'ana A9 accept']);
  });
});
