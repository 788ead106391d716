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
// The store checkpoints on a worker thread only when run from dist (sqlite-checkpointer.ts): these children do.
const worker = fileURLToPath(new URL('../../dist/src/tenant/checkpoint-worker.js', import.meta.url));

/**
 * Runs `body` in a child process on a new state file, with `store` open (with `options`), `p(id)` a prospect
 * of skill 1, `say(value)` writing a line of JSON to stdout and `sleep(ms)`. Returns the state file, the
 * child's result and the lines it said.
 */
function child(body: string, options: object = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'tenant-kill-'));
  const db = join(dir, 'state.db');
  const file = join(dir, 'child.mjs');
  writeFileSync(
    file,
    `import { writeSync } from 'node:fs';
import { SqliteTenantStore } from ${JSON.stringify(built)};
const store = new SqliteTenantStore(${JSON.stringify(db)}, 'UTC', 1, ${JSON.stringify(options)});
const p = (id) => ({ skillNo: 1, externalId: id, sourceName: 'S', firstName: null, lastName: null, destinations: ['+13035550100'],
  timeZone: 'UTC', expiresAtMs: null, fields: {}, status: 'queued', createdAtMs: 0, updatedAtMs: 0, dialedAtMs: null });
const say = (value) => writeSync(1, JSON.stringify(value) + '\\n');
const sleep = (ms) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
${body}`,
  );
  const res = spawnSync(process.execPath, [file], { encoding: 'utf8', timeout: 60_000 });
  const said = res.stdout.split('\n').filter(Boolean).map((l) => JSON.parse(l) as unknown);
  return { db, res, said };
}

/** As child(), for a body that kills its process. */
function killed(body: string, options: object = {}) {
  const run = child(body, options);
  expect(run.res.signal).toBe('SIGKILL');
  return run.db;
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

  // A small threshold makes the worker checkpoint a few times during a short run.
  const CHECKPOINTS = { checkpointPages: 40 };
  const writes = `
for (let t = 0; t < 60; t++) store.transaction(() => {
  for (let i = 0; i < 20; i++) store.upsertProspect(p('k' + t + '-' + i));
  store.collection('crm.customers').put('c' + t, { name: 'x'.repeat(3000) });
});`;
  // Waits (polling, not timing) until the worker has copied the WAL into the file down to below the threshold.
  const drain = `
const c = store.checkpointer;
for (let i = 0; i < 12000; i++) {
  if (Atomics.load(c.ctl, 1) === 0) { if (c.waitingFrames() < 40) break; c.committed(); }
  sleep(5);
}
say({ asked: c.requested, waiting: c.waitingFrames() });`;

  it.skipIf(!existsSync(worker))('keeps every committed transaction when killed after checkpoints on the worker thread', () => {
    const db = killed(
      `${writes}
${drain}
store.transaction(() => { for (let i = 0; i < 500; i++) store.upsertProspect(p('after' + i)); });
store.transaction(() => { for (let i = 0; i < 500; i++) store.upsertProspect(p('lost' + i)); process.kill(process.pid, 'SIGKILL'); });
`,
      CHECKPOINTS,
    );
    const store = new SqliteTenantStore(db, 'UTC', 1);
    expect(store.prospectCount()).toBe(60 * 20 + 500);
    expect(store.prospect(1, 'k59-19')).toBeDefined();
    expect(store.prospect(1, 'after499')).toBeDefined();
    expect(store.prospect(1, 'lost0')).toBeUndefined();
    expect(store.collection('crm.customers').count()).toBe(60);
    expect(store.db.pragma('integrity_check', { simple: true })).toBe('ok');
    store.close();
  });

  it.skipIf(!existsSync(worker))('checkpoints on the worker thread, stops it for a bulk load and at close, and exits without close', () => {
    const closed = child(
      `${writes}
${drain}
// A bulk load switches the journal, which needs the file alone: the worker's connection has closed.
const load = store.bulkLoad();
say(store.db.pragma('journal_mode', { simple: true }));
load.upsertProspect(p('loaded'));
load.commit();
${writes.replaceAll("'k'", "'m'")}
store.close();
`,
      CHECKPOINTS,
    );
    expect(closed.res.status).toBe(0);
    const [first, mode] = closed.said as [{ asked: number; waiting: number }, string];
    expect(first.asked).toBeGreaterThan(0);
    expect(first.waiting).toBeLessThan(40);
    expect(mode).toBe('delete');
    // The last checkpoint ran at close on the store's connection, the file's last: no WAL is left.
    expect(existsSync(`${closed.db}-wal`)).toBe(false);
    const store = new SqliteTenantStore(closed.db, 'UTC', 1);
    expect(store.prospectCount()).toBe(2 * 60 * 20 + 1);
    expect(store.db.pragma('integrity_check', { simple: true })).toBe('ok');
    store.close();

    // A process that ends without closing the store is not held up by the worker thread, and keeps what it committed.
    const open = child(writes, CHECKPOINTS);
    expect(open.res.status).toBe(0);
    const again = new SqliteTenantStore(open.db, 'UTC', 1);
    expect(again.prospectCount()).toBe(60 * 20);
    again.close();
  });
});
