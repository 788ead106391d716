// The preview day of scripts-examples/ as the README tells it: the
// Collections calling list uploaded with its AgentEmail column, a day run on
// the virtual clock, and what each of the three agents was offered, in the
// run's effects and in `tenant show`; each preview runs CollectionsCall.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../cli/run-cli.js';

const EXAMPLES = join(import.meta.dirname, '../../scripts-examples');
const TENANT = join(EXAMPLES, 'tenant.yaml');
const dir = mkdtempSync(join(tmpdir(), 'preview-day-'));

describe('the preview collections day', () => {
  it('offers each agent its own accounts, then the unowned ones, and skips the account of a former agent', async () => {
    const state = join(dir, 'day.db');
    const up = await runCli(['lists', 'upload', join(EXAMPLES, 'collections.csv'), '--skill', '1300', '--source', 'Collections', '--tenant', TENANT, '--state', state, '--rejected', join(dir, 'r.csv'), '--now', '2026-01-05T08:00:00-07:00']);
    expect(up.code).toBe(0);
    const run = await runCli(['run', join(EXAMPLES, 'CollectionsDay.script'), '--tenant', TENANT, '--state', state, '--now', '2026-01-05T09:00:00-07:00', '--until', '9h', '--json']);
    expect(run.code).toBe(0);
    const result = JSON.parse(run.out) as {
      variables: Record<string, unknown>;
      effects: { previews: Record<string, unknown>[]; calls: Record<string, unknown>[] };
      spawned: { contactId: string; script: string; status: string; variables: Record<string, unknown> }[];
    };
    const offers = result.effects.previews.filter((e) => 'decision' in e).map((e) => `${String(e.agent).split('.')[0]} ${e.record} ${e.decision}${e.dialed ? ` ${e.dialed}` : ''}`);
    expect(offers).toEqual([
      'ana AC-1001 accept answered',
      'ben AC-1002 accept busy',
      'ben AC-1005 skip',
      'ben AC-1007 accept answered',
      'cy AC-1003 timeout',
      'cy AC-1006 accept answered',
      'ben AC-1010 skip',
      'ana AC-1004 accept answered',
      'cy AC-1003 accept answered',
      'ana AC-1009 accept noAnswer',
    ]);
    // Each preview ran CollectionsCall with its account; each accepted one was dialed through the tenant's dial plan.
    const runs = new Map(result.spawned.map((r) => [r.contactId, r]));
    const ran = result.effects.previews.filter((e) => 'decision' in e).map((e) => {
      const r = runs.get(String(e.contactId))!;
      return `${r.script} ${r.status} ${String(r.variables.account).split(' ')[0]} ${r.variables.outcome}${r.variables.agent ? ` with ${r.variables.agent}` : ''}`;
    });
    expect(ran).toEqual([
      'CollectionsCall completed AC-1001 AgentDisconnect with Ana Silva',
      'CollectionsCall completed AC-1002 Busy',
      'CollectionsCall completed AC-1005 Skipped',
      'CollectionsCall completed AC-1007 AgentDisconnect with Ben Okafor',
      'CollectionsCall completed AC-1003 Requeued',
      'CollectionsCall completed AC-1006 AgentDisconnect with Cy Tan',
      'CollectionsCall completed AC-1010 Skipped',
      'CollectionsCall completed AC-1004 AgentDisconnect with Ana Silva',
      'CollectionsCall completed AC-1003 AgentDisconnect with Cy Tan',
      'CollectionsCall completed AC-1009 NoAnswer',
    ]);
    expect(result.effects.calls.map((c) => `${c.number} ${c.result}`)).toEqual([
      '+13035550101 answered',
      '+13035550102 busy',
      '+17205550107 answered',
      '+13035550106 answered',
      '+13035550104 answered',
      '+17205550103 answered',
      '+17205550109 noAnswer',
    ]);
    expect(result.effects.previews.find((e) => 'skipped' in e)).toMatchObject({ record: 'AC-1008', skipped: expect.stringContaining('former.agent@example.com is not an agent') });
    // Left waiting: the account Ben skipped, the unowned one he skipped, the former agent's.
    expect(result.variables.waiting).toBe('1h:3 2h:3 3h:3 4h:3 5h:3 6h:3 7h:3 8h:3 ');
    const show = await runCli(['tenant', 'show', '--state', state]);
    expect(show.out).toContain('Collections (Preview, skill 1300, agent-owned column AgentEmail): 10 previews offered, 7 accepted, 1 record skipped');
    expect(show.out).toContain('    cy.tan@example.com: 3 offered\n      2026-01-05T09:00:00.000-07:00 AC-1003 (own): timed out at 2026-01-05T09:02:00.000-07:00\n');
    expect(show.out).toContain('      2026-01-05T09:00:00.000-07:00 AC-1002 (own): accepted at 2026-01-05T09:00:20.000-07:00, busy\n');
    expect(show.out).toContain('    skipped AC-1008 (cycle 1): owner former.agent@example.com is not an agent of this business unit');
    const json = JSON.parse((await runCli(['tenant', 'show', '--state', state, '--json'])).out) as { previewCampaigns: { offers: unknown[] }[] };
    expect(json.previewCampaigns[0]!.offers).toHaveLength(10);
  });
});
