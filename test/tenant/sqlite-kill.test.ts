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

describe('SQLite store and a killed process', () => {
  it.skipIf(!existsSync(built))('keeps what was committed and drops the unfinished transaction', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tenant-kill-'));
    const db = join(dir, 'state.db');
    const child = join(dir, 'child.mjs');
    writeFileSync(
      child,
      `import { SqliteTenantStore } from ${JSON.stringify(built)};
const store = new SqliteTenantStore(${JSON.stringify(db)}, 'UTC', 1);
const p = (id) => ({ skillNo: 1, externalId: id, sourceName: 'S', firstName: null, lastName: null, destinations: ['+13035550100'],
  timeZone: 'UTC', expiresAtMs: null, fields: {}, status: 'queued', createdAtMs: 0, updatedAtMs: 0, dialedAtMs: null });
store.transaction(() => { for (let i = 0; i < 1000; i++) store.upsertProspect(p('kept' + i)); store.collection('crm.customers').put('c1', { name: 'Ada' }); });
store.transaction(() => { for (let i = 0; i < 1000; i++) store.upsertProspect(p('lost' + i)); process.kill(process.pid, 'SIGKILL'); });
`,
    );
    const res = spawnSync(process.execPath, [child], { encoding: 'utf8' });
    expect(res.signal).toBe('SIGKILL');
    const store = new SqliteTenantStore(db, 'UTC', 1);
    expect(store.prospectCount()).toBe(1000);
    expect(store.prospect(1, 'kept999')).toBeDefined();
    expect(store.prospect(1, 'lost0')).toBeUndefined();
    expect(store.collection('crm.customers').get('c1')).toEqual({ name: 'Ada' });
    expect(store.db.pragma('integrity_check', { simple: true })).toBe('ok');
    store.close();
  });
});
