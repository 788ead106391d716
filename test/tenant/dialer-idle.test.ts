// The calling-list dialer never keeps a run alive by itself: it is due only
// while its skill's queue holds records (it dials one per tick), so once the
// list is empty a call waiting for an event that never comes ends `stopped`,
// on both stores. Its ticks between two script steps share one store
// transaction; the records it dials and when are the same on both stores.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ProspectRecord } from '../../src/contract/tenant-store.js';
import type { BackgroundProcess } from '../../src/contract/process.js';
import { createRuntime } from '../../src/runtime/runtime.js';
import type { SqliteTenantStore } from '../../src/tenant/sqlite-store.js';
import { tenantFromData, type Tenant } from '../../src/tenant/tenant.js';
import { scriptSet } from '../runtime/helpers.js';

const NOW = '2026-11-23T09:00:00-07:00';
const START = Date.parse(NOW);
const YEAR = '8760h';

// A call that waits for an event that never comes (a silent caller; STOP waits for the next event).
const WAITING = `script Waiting
type Phone
start: BEGIN -> hold
hold: STOP
gone: ONRELEASE -> done
done: END
`;
// A script that looks at the queue every 5 minutes, six times.
const POLLING = `script Polling
type Generic
start: BEGIN -> look
look: GETQUEUE { Skills = "1"  NumberQueued = queued } -> count
count: SNIPPET {
  n = n + 1
  seen[n] = queued
} -> more
more: IF { Expression = "n < 6" }
  True -> pause
  False -> done
pause: WAIT { Seconds = 300 } -> look
done: END
`;

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function tenant(store: 'memory' | 'sqlite', ratePerMinute = 0.5): Tenant {
  const opts: { state?: string } = {};
  if (store === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'dialer-idle-'));
    dirs.push(dir);
    opts.state = join(dir, 'state.db');
  }
  return tenantFromData(
    { timeZone: 'America/Denver', skills: [{ id: 1, name: 'PC_A', direction: 'Outbound', personalConnection: true, dialer: { ratePerMinute } }] },
    opts,
  );
}

const p = (id: string): ProspectRecord => ({
  skillNo: 1, externalId: id, sourceName: 'S', firstName: null, lastName: null, destinations: ['+13035550100'], timeZone: 'America/Denver',
  expiresAtMs: null, fields: {}, status: 'queued', createdAtMs: START, updatedAtMs: START, dialedAtMs: null,
});

async function waitingCall(t: Tenant) {
  const runtime = createRuntime({ scripts: scriptSet([WAITING]), tenant: t, now: NOW, contact: { ani: '3035550100', dnis: '8005550000', caller: 'silent' } });
  return runtime.run('Waiting', { until: YEAR, keepTrace: true });
}

describe.each(['memory', 'sqlite'] as const)('the calling-list dialer on the %s store', (store) => {
  it('with an empty list lets a waiting call end at once', async () => {
    const t = tenant(store);
    const r = await waitingCall(t);
    expect(r.status).toBe('stopped');
    expect(r.reason).toMatch(/never comes/);
    expect(Date.parse(r.endedAt)).toBe(START);
    t.close();
  });

  it('dials the list out at its rate, then lets the call end', async () => {
    const t = tenant(store);
    t.store.transaction(() => ['a', 'b', 'c'].forEach((id) => t.store.upsertProspect(p(id))));
    const r = await waitingCall(t);
    expect(r.status).toBe('stopped');
    // One record every two minutes from the first tick (which starts the dialer's clock at the call's start).
    expect(t.store.prospects(1).map((x) => [x.externalId, x.status, (x.dialedAtMs! - START) / 1000])).toEqual([
      ['a', 'dialed', 120],
      ['b', 'dialed', 240],
      ['c', 'dialed', 360],
    ]);
    expect(Date.parse(r.endedAt) - START).toBe(360_000);
    t.close();
  });

  it('dials between the steps of a script as it would one tick at a time', async () => {
    const t = tenant(store, 1);
    t.store.transaction(() => Array.from({ length: 40 }, (_, i) => t.store.upsertProspect(p(`r${i}`))));
    const runtime = createRuntime({ scripts: scriptSet([POLLING]), tenant: t, now: NOW });
    const r = await runtime.run('Polling', { until: '1h' });
    expect(r.status).toBe('completed');
    // Looked at 0, 5, … 25 min, one record dialed a minute from 1 min on; at the same time the script's step goes first.
    expect(String(r.variables.seen)).toBe('40|36|31|26|21|16');
    expect(t.store.queueDepth(1)).toBe(16);
    expect(t.store.prospects(1).filter((x) => x.status === 'dialed').map((x) => (x.dialedAtMs! - START) / 60_000)).toEqual(Array.from({ length: 24 }, (_, i) => i + 1));
    t.close();
  });
});

describe('background processes between two script steps', () => {
  it('share one transaction: a process that throws takes back only its own changes', async () => {
    const t = tenant('sqlite');
    const writes: string[] = [];
    const writer = (name: string, atMs: number, fail = false): BackgroundProcess => {
      let done = false;
      return {
        name,
        nextDueMs: () => (done ? null : atMs),
        runDue: () => {
          done = true;
          t.store.transaction(() => {
            t.store.collection<{ by: string }>('test.writes').put(name, { by: name });
            writes.push(name);
            if (fail) throw new Error(`${name} failed`);
          });
          if (fail) throw new Error(`${name} failed`);
        },
      };
    };
    const runtime = createRuntime({ scripts: scriptSet([WAITING]), tenant: { store: t.store, background: () => [writer('first', START), writer('second', START + 1), writer('third', START + 2, true)] } as unknown as Tenant, now: NOW, contact: { caller: 'silent' } });
    await expect(runtime.run('Waiting', { until: '1h' })).rejects.toThrow('third failed');
    expect(writes).toEqual(['first', 'second', 'third']);
    expect((t.store as SqliteTenantStore).db.inTransaction).toBe(false);
    expect(t.store.collection<{ by: string }>('test.writes').all()).toEqual([{ by: 'first' }, { by: 'second' }]);
    t.close();
  });
});
