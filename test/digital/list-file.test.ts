// The calling list a tenant file names for an outbound digital skill
// (`list: promo.csv`): streamed through the store's bulk load when a run
// starts (before its first step), at the run's virtual time, once per store;
// its report is a warning of the run; a file that cannot load is a located
// error that leaves nothing of it.
import { appendFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ScriptLoadError } from '../../src/contract/diagnostics.js';
import type { BulkLoad, TenantStore } from '../../src/contract/tenant-store.js';
import { createRuntime } from '../../src/runtime/runtime.js';
import { describeListReport, listReport, loadListFile } from '../../src/tenant/digital/list-file.js';
import { digitalSummary, formatDigitalSummary } from '../../src/tenant/digital/summary.js';
import { loadTenant, type Tenant } from '../../src/tenant/tenant.js';
import { scriptSet } from '../runtime/helpers.js';
import { outreachWith } from './fixtures.js';

const NOW = '2026-11-23T09:00:00-07:00';
const HEADER = 'Id,FirstName,Mobile,Email,OfferEnd';
const row = (i: number) => `C-${i},Ada${i},303555${String(i % 10000).padStart(4, '0')},,31/10`;
const SCRIPT = 'script Quiet\ntype Generic\nstart: BEGIN -> done\ndone: END\n';

/** A project whose (stopped) digital skill 4100 names `promo.csv` holding `lines`. */
function project(lines: string[]): { dir: string; tenant: string; list: string } {
  const dir = mkdtempSync(join(tmpdir(), 'digital-list-'));
  const tenant = join(dir, 'tenant.yaml');
  writeFileSync(tenant, outreachWith('started: true', 'started: false\n    list: promo.csv'));
  writeFileSync(join(dir, 'promo.csv'), lines.join('\n') + '\n');
  return { dir, tenant, list: join(dir, 'promo.csv') };
}

async function runOnce(tenant: Tenant, now = NOW) {
  return createRuntime({ scripts: scriptSet([SCRIPT]), tenant, now }).run('Quiet');
}

/** The store, with its bulk loads watched: `onRow` is called before each row goes in. */
function watched(store: TenantStore, onRow: (n: number) => void): { store: TenantStore; bulkLoads: () => number; directUpserts: () => number } {
  let loads = 0;
  let rows = 0;
  let direct = 0;
  const proxy = new Proxy(store, {
    get(target, key) {
      if (key === 'bulkLoad')
        return (): BulkLoad => {
          loads++;
          const bulk = target.bulkLoad();
          return { ...bulk, upsertProspect: (p) => (onRow(++rows), bulk.upsertProspect(p)), put: bulk.put.bind(bulk), commit: bulk.commit.bind(bulk), abort: bulk.abort.bind(bulk) };
        };
      if (key === 'upsertProspect') direct++;
      const value = Reflect.get(target, key, target) as unknown;
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  return { store: proxy, bulkLoads: () => loads, directUpserts: () => direct };
}

describe("a digital skill's calling list from the tenant file", () => {
  for (const kind of ['memory', 'sqlite'] as const)
    it(`streams a large list (${kind} store): rows go into one bulk load while the file is still being read`, async () => {
      const rows = 20_000;
      const p = project([HEADER, ...Array.from({ length: rows }, (_, i) => row(i + 1))]);
      const tenant = await loadTenant(p.tenant, kind === 'sqlite' ? { state: join(p.dir, 'state.db') } : {});
      try {
        // Rows appended once the first row is in are read too: the file was not read whole before the rows went in.
        const w = watched(tenant.store, (n) => n === 1 && appendFileSync(p.list, [rows + 1, rows + 2, rows + 3].map(row).join('\n') + '\n'));
        const report = await loadListFile(w.store, p.list, 4100, 'PromoList', Date.parse(NOW));
        expect(report).toMatchObject({ rows: rows + 3, loaded: rows + 3, rejectedRows: 0, rejected: [] });
        expect(w.bulkLoads()).toBe(1);
        expect(w.directUpserts()).toBe(0);
        expect(tenant.store.queueDepth(4100)).toBe(rows + 3);
        expect(listReport(tenant.store, 4100)).toEqual(report);
      } finally {
        tenant.close();
      }
    }, 120_000);

  it("loads at the run's start, on its virtual clock, reports as a warning of the run, and once per state file", async () => {
    const p = project([HEADER, row(1), row(2), ',Nobody,3035550199,,31/10']);
    const state = join(p.dir, 'state.db');
    const first = await loadTenant(p.tenant, { state });
    try {
      const r = await runOnce(first);
      expect(r.warnings).toEqual(['calling list promo.csv of skill 4100: 3 rows, 2 loaded, 1 rejected (row 4: Missing External ID)']);
      expect(first.store.prospect(4100, 'C-1')).toMatchObject({ status: 'queued', createdAtMs: Date.parse(NOW) });
      // tenant show
      expect(formatDigitalSummary(digitalSummary(first.store))).toContain('    calling list promo.csv of skill 4100: 3 rows, 2 loaded, 1 rejected (row 4: Missing External ID)');
    } finally {
      first.close();
    }
    const again = await loadTenant(p.tenant, { state });
    try {
      const r = await runOnce(again, '2026-11-24T09:00:00-07:00');
      expect(r.warnings ?? []).toEqual([]);
      expect(again.store.prospect(4100, 'C-1')).toMatchObject({ createdAtMs: Date.parse(NOW) });
    } finally {
      again.close();
    }
  });

  it('a list that cannot load is a located error, and nothing of it is kept', async () => {
    const p = project(['Id,FirstName,Phone,Email,OfferEnd', 'C-1,Ada,3035550101,,31/10']);
    const tenant = await loadTenant(p.tenant);
    const failure = await runOnce(tenant).then(
      () => null,
      (err: unknown) => err,
    );
    expect(failure).toBeInstanceOf(ScriptLoadError);
    expect((failure as ScriptLoadError).diagnostics).toEqual([
      expect.objectContaining({
        code: 'E-LIST-COLUMN',
        message: 'calling list of skill 4100: Destinations is mapped to column "Mobile", which is not in the header row (Id, FirstName, Phone, Email, OfferEnd)',
        span: expect.objectContaining({ file: p.list, line: 1, col: 1 }),
      }),
    ]);
    expect(tenant.store.queueDepth(4100)).toBe(0);
    expect(listReport(tenant.store, 4100)).toBeUndefined();
  });

  it('a list file that is not there is an error at its name in the tenant file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'digital-list-'));
    writeFileSync(join(dir, 'tenant.yaml'), outreachWith('started: true', 'started: false\n    list: gone.csv'));
    const failure = await loadTenant(join(dir, 'tenant.yaml')).catch((err: unknown) => err);
    expect((failure as ScriptLoadError).diagnostics.map((d) => [d.code, d.message])).toEqual([['E-TENANT-DIGITAL', 'skill 4100 (BYOC_Promo_Oct): calling list file not found: gone.csv (relative to the tenant file)']]);
  });

  it('the report names the first ten rejected rows and counts the rest', async () => {
    const p = project([HEADER, ...Array.from({ length: 15 }, () => ',Nobody,3035550199,,31/10'), row(1)]);
    const tenant = await loadTenant(p.tenant);
    const report = await loadListFile(tenant.store, p.list, 4100, 'PromoList', Date.parse(NOW));
    expect(report.rejected).toHaveLength(10);
    expect(describeListReport(report, 'promo.csv')).toBe(
      `calling list promo.csv of skill 4100: 16 rows, 1 loaded, 15 rejected (${Array.from({ length: 10 }, (_, i) => `row ${i + 2}: Missing External ID`).join('; ')}; and 5 more)`,
    );
  });
});
