// How the SQLite store writes a bulk load: through a rollback journal (the new
// rows written once, not to the WAL and again at the checkpoint), back in WAL
// afterwards; a file another connection has open stays in WAL; a scratch
// file keeps its journal in memory; a killed load is undone at the next open,
// a read-only one (`tenant show`) included. The killed load runs the built
// store (dist/), so that case runs after `npm run build`.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { sqliteDriver } from '../../src/deps.js';
import { readStateInfo, SqliteTenantStore } from '../../src/tenant/sqlite-store.js';
import type { ProspectRecord } from '../../src/contract/tenant-store.js';

const dir = mkdtempSync(join(tmpdir(), 'tenant-bulk-'));
let n = 0;
const fresh = () => new SqliteTenantStore(join(dir, `bulk-${n++}.db`), 'UTC', 1);
const journal = (s: SqliteTenantStore) => s.db.pragma('journal_mode', { simple: true });
const prospect = (id: string): ProspectRecord => ({
  skillNo: 1, externalId: id, sourceName: 'S', firstName: 'Ada', lastName: null, destinations: ['+13035550100'], timeZone: 'UTC',
  expiresAtMs: null, fields: { Record: { Id: id } }, status: 'queued', createdAtMs: 0, updatedAtMs: 0, dialedAtMs: null,
});

describe('SQLite bulk loads', () => {
  it('go through a rollback journal and leave the file in WAL when they commit or abort', () => {
    const store = fresh();
    store.upsertProspect(prospect('before'));
    const load = store.bulkLoad();
    expect(journal(store)).toBe('delete');
    expect(store.db.pragma('synchronous', { simple: true })).toBe(2); // FULL while the load is open
    load.upsertProspect(prospect('a'));
    load.put('crm.customers', 'c1', { name: 'Ada' });
    load.commit();
    expect(journal(store)).toBe('wal');
    expect(store.db.pragma('synchronous', { simple: true })).toBe(1); // NORMAL again
    const aborted = store.bulkLoad();
    aborted.upsertProspect(prospect('b'));
    aborted.abort();
    expect(journal(store)).toBe('wal');
    expect(store.prospects().map((p) => p.externalId)).toEqual(['before', 'a']);
    expect(store.prospect(1, 'a')).toEqual(prospect('a'));
    expect(store.collection('crm.customers').get('c1')).toEqual({ name: 'Ada' });
    store.close();
  });

  it('stay in WAL when another connection has the file open, without waiting for it', () => {
    const store = fresh();
    store.upsertProspect(prospect('before'));
    const other = new (sqliteDriver())(store.file, { readonly: true });
    expect(other.prepare('SELECT COUNT(*) AS n FROM prospects').get()).toEqual({ n: 1 });
    const load = store.bulkLoad();
    expect(journal(store)).toBe('wal');
    load.upsertProspect(prospect('a'));
    load.commit();
    expect(other.prepare('SELECT COUNT(*) AS n FROM prospects').get()).toEqual({ n: 2 });
    other.close();
    expect(journal(store)).toBe('wal');
    store.close();
  });

  it('keep the journal of a scratch file in memory, and still roll back', () => {
    const store = fresh();
    store.scratch();
    const aborted = store.bulkLoad();
    expect(journal(store)).toBe('memory');
    expect(store.db.pragma('synchronous', { simple: true })).toBe(0);
    aborted.upsertProspect(prospect('gone'));
    aborted.abort();
    const load = store.bulkLoad();
    load.upsertProspect(prospect('kept'));
    load.commit();
    expect(journal(store)).toBe('wal');
    expect(store.prospects().map((p) => p.externalId)).toEqual(['kept']);
    store.close();
  });

  const indexes = (s: SqliteTenantStore) =>
    (s.db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'prospects' AND sql IS NOT NULL ORDER BY name").all() as { name: string }[]).map((r) => r.name);
  it('into an empty prospects table build its secondary indexes once, at the commit; a rolled-back load leaves them as they were', () => {
    const store = fresh();
    expect(indexes(store)).toEqual(['prospects_queued', 'prospects_source']);
    const aborted = store.bulkLoad();
    aborted.upsertProspect(prospect('gone'));
    expect(indexes(store)).toEqual([]);
    aborted.abort();
    expect(indexes(store)).toEqual(['prospects_queued', 'prospects_source']);
    const load = store.bulkLoad();
    for (const id of ['c', 'a', 'b']) load.upsertProspect(prospect(id));
    // Reads inside the load see its rows, in queue order, without the indexes.
    expect(store.prospects(1).map((p) => p.externalId)).toEqual(['c', 'a', 'b']);
    expect(store.findProspects({ sourceName: 'S', externalId: 'a' })).toHaveLength(1);
    load.upsertProspect(prospect('a'));
    load.commit();
    expect(indexes(store)).toEqual(['prospects_queued', 'prospects_source']);
    expect(store.db.pragma('integrity_check', { simple: true })).toBe('ok');
    const plan = store.db.prepare("EXPLAIN QUERY PLAN SELECT * FROM prospects WHERE skill_no = 1 AND status = 'queued' ORDER BY queue_seq").all() as { detail: string }[];
    expect(plan.map((r) => r.detail).join(' ')).toMatch(/prospects_queued/);
    expect(store.dialNext(1, 2, 0).map((p) => p.externalId)).toEqual(['c', 'a']);
    // A table with rows keeps its indexes through a load.
    const more = store.bulkLoad();
    more.upsertProspect(prospect('d'));
    expect(indexes(store)).toEqual(['prospects_queued', 'prospects_source']);
    more.commit();
    expect(store.prospects(1).map((p) => p.externalId)).toEqual(['c', 'a', 'b', 'd']);
    store.close();
  });

  const built = fileURLToPath(new URL('../../dist/src/tenant/sqlite-store.js', import.meta.url));
  // Into a table with rows (its indexes kept), and into an empty one (its indexes dropped for the load: the journal brings them back).
  it.skipIf(!existsSync(built)).each([500, 0])('killed before they commit, are undone at the next open, read-only or not (%i rows before)', (kept) => {
    const db = join(dir, `killed-${kept}.db`);
    const child = join(dir, `child-${kept}.mjs`);
    // A tiny page cache makes the load write pages to the file (and the journal) long before it would commit.
    writeFileSync(
      child,
      `import { SqliteTenantStore } from ${JSON.stringify(built)};
const store = new SqliteTenantStore(${JSON.stringify(db)}, 'UTC', 1);
const p = (id) => ({ skillNo: 1, externalId: id, sourceName: 'S', firstName: null, lastName: null, destinations: ['+13035550100'],
  timeZone: 'UTC', expiresAtMs: null, fields: { Record: { Id: id, Notes: 'x'.repeat(200) } }, status: 'queued', createdAtMs: 0, updatedAtMs: 0, dialedAtMs: null });
store.transaction(() => { for (let i = 0; i < ${kept}; i++) store.upsertProspect(p('kept' + i)); });
store.db.pragma('cache_size = 8');
const load = store.bulkLoad();
for (let i = 0; i < 5000; i++) load.upsertProspect(p('lost' + i));
process.kill(process.pid, 'SIGKILL');
`,
    );
    const res = spawnSync(process.execPath, [child], { encoding: 'utf8' });
    expect(res.signal).toBe('SIGKILL');
    expect(existsSync(`${db}-journal`)).toBe(true);
    // `tenant show` opens it read-only: it reads the file as it was before the load.
    expect(readStateInfo(db)).toEqual({ timeZone: 'UTC', businessUnit: 1 });
    const shown = new SqliteTenantStore(db, 'UTC', 1, { readonly: true });
    expect(shown.prospectCount()).toBe(kept);
    expect(shown.prospect(1, 'lost0')).toBeUndefined();
    expect(indexes(shown)).toEqual(['prospects_queued', 'prospects_source']);
    shown.close();
    expect(existsSync(`${db}-journal`)).toBe(false);
    const store = new SqliteTenantStore(db, 'UTC', 1);
    expect(store.prospectCount()).toBe(kept);
    expect(store.db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(journal(store)).toBe('wal');
    store.close();
  });
});
