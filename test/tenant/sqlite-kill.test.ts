// A process killed with SIGKILL keeps every committed transaction of the SQLite
// store and none of the one it was in (reliability.md "Nothing lost"). The
// child runs the built store (dist/), so this runs after `npm run build`.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { SqliteTenantStore } from '../../src/tenant/sqlite-store.js';

const built = fileURLToPath(new URL('../../dist/src/tenant/sqlite-store.js', import.meta.url));

/**
 * Runs `body` in a child process on a new state file, with `store` open and `p(id)` a prospect of skill 1;
 * the body kills the process. Returns the state file.
 */
function killed(body: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'tenant-kill-'));
  const db = join(dir, 'state.db');
  const child = join(dir, 'child.mjs');
  writeFileSync(
    child,
    `import { SqliteTenantStore } from ${JSON.stringify(built)};
const store = new SqliteTenantStore(${JSON.stringify(db)}, 'UTC', 1);
const p = (id) => ({ skillNo: 1, externalId: id, sourceName: 'S', firstName: null, lastName: null, destinations: ['+13035550100'],
  timeZone: 'UTC', expiresAtMs: null, fields: {}, status: 'queued', createdAtMs: 0, updatedAtMs: 0, dialedAtMs: null });
${body}`,
  );
  const res = spawnSync(process.execPath, [child], { encoding: 'utf8' });
  expect(res.signal).toBe('SIGKILL');
  return db;
}

describe('SQLite store and a killed process', () => {
  it.skipIf(!existsSync(built))('keeps what was committed and drops the unfinished transaction', () => {
    const db = killed(`
store.transaction(() => { for (let i = 0; i < 1000; i++) store.upsertProspect(p('kept' + i)); store.collection('crm.customers').put('c1', { name: 'Ada' }); });
store.transaction(() => { for (let i = 0; i < 1000; i++) store.upsertProspect(p('lost' + i)); process.kill(process.pid, 'SIGKILL'); });
`);
    const store = new SqliteTenantStore(db, 'UTC', 1);
    expect(store.prospectCount()).toBe(1000);
    expect(store.prospect(1, 'kept999')).toBeDefined();
    expect(store.prospect(1, 'lost0')).toBeUndefined();
    expect(store.collection('crm.customers').get('c1')).toEqual({ name: 'Ada' });
    expect(store.db.pragma('integrity_check', { simple: true })).toBe('ok');
    store.close();
  });

  it.skipIf(!existsSync(built))('keeps every finished action and the background work committed with it; loses only the ticks after it', () => {
    // A dialer's ticks are background work: they wait for the next action that changes something, which commits both.
    const db = killed(`
const tick = (at) => store.background(() => store.transaction(() => {
  store.beforeCommit('dialer', () => store.collection('dialer.state').put('1', { lastTickMs: at, credit: 0 }));
  return store.dial(1, 1, at);
}));
store.transaction(() => { for (let i = 0; i < 10; i++) store.upsertProspect(p('r' + i)); });
tick(1); tick(2);
store.transaction(() => store.collection('crm.customers').put('c1', { name: 'Ada' }));
tick(3); tick(4);
store.transaction(() => store.queueDepth(1));
process.kill(process.pid, 'SIGKILL');
`);
    const store = new SqliteTenantStore(db, 'UTC', 1);
    expect(store.collection('crm.customers').get('c1')).toEqual({ name: 'Ada' });
    // The two ticks before the action were committed with it, clock included; the two after it are lost, their records still queued.
    expect(store.prospects(1).map((p) => p.status)).toEqual(['dialed', 'dialed', ...Array(8).fill('queued')]);
    expect(store.collection('dialer.state').get('1')).toEqual({ lastTickMs: 2, credit: 0 });
    expect(store.db.pragma('integrity_check', { simple: true })).toBe('ok');
    store.close();
  });
});
