// The preview day of scripts-examples/ as the README tells it: the
// Collections calling list uploaded with its AgentEmail column, a day run on
// the virtual clock, and what each of the three agents was offered, in the
// run's effects and in `tenant show`.
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
    const result = JSON.parse(run.out) as { variables: Record<string, unknown>; effects: { previews: Record<string, unknown>[] } };
    const offers = result.effects.previews.filter((e) => 'decision' in e).map((e) => `${String(e.agent).split('.')[0]} ${e.record} ${e.decision}`);
    expect(offers).toEqual([
      'ana AC-1001 accept',
      'ben AC-1002 accept',
      'cy AC-1003 timeout',
      'cy AC-1006 accept',
      'ben AC-1005 skip',
      'ben AC-1007 accept',
      'ana AC-1004 accept',
      'ben AC-1010 skip',
      'cy AC-1003 accept',
      'ana AC-1009 accept',
    ]);
    expect(result.effects.previews.find((e) => 'skipped' in e)).toMatchObject({ record: 'AC-1008', skipped: expect.stringContaining('former.agent@example.com is not an agent') });
    // Left waiting: the account Ben skipped, the unowned one he skipped, the former agent's.
    expect(result.variables.waiting).toBe('1h:3 2h:3 3h:3 4h:3 5h:3 6h:3 7h:3 8h:3 ');
    const show = await runCli(['tenant', 'show', '--state', state]);
    expect(show.out).toContain('Collections (Preview, skill 1300, agent-owned column AgentEmail): 10 previews offered, 7 accepted, 1 record skipped');
    expect(show.out).toContain('    cy.tan@example.com: 3 offered\n      2026-01-05T09:00:00.000-07:00 AC-1003 (own): timed out at 2026-01-05T09:02:00.000-07:00\n');
    expect(show.out).toContain('    skipped AC-1008 (cycle 1): owner former.agent@example.com is not an agent of this business unit');
    const json = JSON.parse((await runCli(['tenant', 'show', '--state', state, '--json'])).out) as { previewCampaigns: { offers: unknown[] }[] };
    expect(json.previewCampaigns[0]!.offers).toHaveLength(10);
  });
});
