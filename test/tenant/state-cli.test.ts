// The SQLite state file across two separate `studio-script run` processes:
// the second invocation continues the first one's calling list and CRM marks,
// and the file reads with plain SQL. Runs the built command (`npm run build`
// first; skipped otherwise).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';

const CLI = resolve('dist/src/cli/main.js');
const BRAIN = resolve('scripts-examples/CreateProspectsBrain.script');

function run(state: string, now: string): { created: number; status: number | null; stderr: string } {
  const r = spawnSync(process.execPath, [CLI, 'run', BRAIN, '--until', '2h', '--now', now, '--state', state, '--json'], { encoding: 'utf8' });
  const result = JSON.parse(r.stdout) as { status: string; effects: { prospects: { op: string }[] } };
  expect(result.status).toBe('stopped');
  return { created: result.effects.prospects.filter((e) => e.op === 'Created').length, status: r.status, stderr: r.stderr };
}

describe.skipIf(!existsSync(CLI))('--state across two invocations', () => {
  it('keeps prospects and CRM marks from one process to the next, readable with SQL', () => {
    const state = join(mkdtempSync(join(tmpdir(), 'state-cli-')), 'day.db');
    const morning = run(state, '2026-11-21T09:00:00-07:00');
    const later = run(state, '2026-11-21T11:00:00-07:00');
    expect([morning.status, later.status]).toEqual([0, 0]);
    expect(morning.created).toBeGreaterThan(0);
    expect(later.created).toBeGreaterThan(0);

    const db = new Database(state, { readonly: true });
    try {
      const rows = db.prepare('SELECT external_id FROM prospect_list WHERE skill_no = 1234').all() as { external_id: string }[];
      // Every prospect of both runs is there once: the second run pulled only leads the first had not marked Queued.
      expect(rows).toHaveLength(morning.created + later.created);
      expect(new Set(rows.map((r) => r.external_id)).size).toBe(rows.length);
      const queuedLeads = db
        .prepare("SELECT COUNT(*) AS n FROM records WHERE collection = 'crm.records.kustomer-prod.leads' AND json_extract(data, '$.status') = 'Queued'")
        .get() as { n: number };
      expect(queuedLeads.n).toBe(rows.length);
    } finally {
      db.close();
    }

    const show = spawnSync(process.execPath, [CLI, 'tenant', 'show', '--state', state], { encoding: 'utf8' });
    expect(show.status).toBe(0);
    expect(show.stdout).toContain('business unit 4600123, America/Denver, sqlite store');
  });
});
