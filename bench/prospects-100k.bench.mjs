// Row prospects.100k (spec/performance.md): CREATEPROSPECTS v2 on 100,000
// records (3 destinations each, time zone from the area code) into the memory
// store, and the same into the SQLite store (row prospects.100k.sqlite).
// Row prospects.100k.realistic: the same on realistic numbers (bench/phones.mjs:
// every valid area code and exchange, mixed spellings, 1 % international,
// the action's TimeZone as the fallback for those). Peer `copy`: a plain JS
// loop that only copies the records. Both memory-store rows time ours and the
// copy alternately (bench/measure.mjs `interleaved`: the same warm-up, a GC
// before every round, medians of ROUNDS): most of both sides' time is garbage
// collection of what they keep, which moves with the heap's state, so both
// see the same state and enough rounds to take a median of.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import { builtinRegistry } from '../dist/src/actions/registry.js';
import { formatMessage } from '../dist/src/actions/define.js';
import { MemoryTenantStore } from '../dist/src/tenant/memory-store.js';
import { SqliteTenantStore } from '../dist/src/tenant/sqlite-store.js';
import { interleaved, median } from './measure.mjs';
import { phoneGenerator } from './phones.mjs';

const WORK = 100_000;
const ROUNDS = 7;
/** The SQLite row is slower and has no peer of its own to pair with. */
const SQLITE_ROUNDS = 3;
const AREAS = ['303', '720', '212', '312', '415', '206', '404', '305', '617', '214'];

function records() {
  const out = new Array(WORK);
  for (let i = 0; i < WORK; i++) {
    const n = String(i % 10000).padStart(4, '0');
    out[i] = {
      Id: `P${i}`,
      FirstName: 'Ada',
      LastName: `Lovelace${i}`,
      MobilePhone: `(${AREAS[i % 10]}) 555-${n}`,
      HomePhone: `${AREAS[(i + 1) % 10]}-555-${n}`,
      WorkPhone: `+1 ${AREAS[(i + 2) % 10]} 555 ${n}`,
    };
  }
  return out;
}

function realisticRecords() {
  const phones = phoneGenerator({ seed: 100 });
  const out = new Array(WORK);
  for (let i = 0; i < WORK; i++)
    out[i] = { Id: `P${i}`, FirstName: 'Ada', LastName: `Lovelace${i}`, MobilePhone: phones.next(), HomePhone: phones.next(), WorkPhone: phones.next() };
  return out;
}

function seed(store) {
  store.putSkill({ id: 1234, name: 'PC', media: 'Phone', direction: 'Outbound', personalConnection: true, campaign: null, active: true, script: null, dialer: null });
  store.putSource({ id: 0, name: 'Leads', maxDestinations: 3, mapping: { ExternalID: 'Id', FirstName: 'FirstName', LastName: 'LastName', Destinations: ['MobilePhone', 'HomePhone', 'WorkPhone'] } });
  return store;
}

async function createProspects(store, data, realistic = false) {
  const def = builtinRegistry().lookup('CREATEPROSPECTS', 2);
  const now = DateTime.fromISO('2026-11-21T09:00:00', { zone: 'America/Denver' });
  let effects = 0;
  const ctx = {
    clock: { now: () => now, zone: 'America/Denver' },
    tenant: store,
    effect: () => effects++,
    message: (id, d) => formatMessage(def.messages[id], d),
    branch: (branch, outputs) => ({ branch, outputs }),
    error: (error) => ({ branch: 'OnError', error }),
  };
  const props = realistic ? { NoTimeZoneReject: false, TimeZone: 'America/New_York' } : { NoTimeZoneReject: true };
  const outcome = await def.execute(ctx, { SkillNo: 1234, SourceName: 'Leads', Data: data, ...props });
  if (outcome.branch !== 'Default') throw new Error(outcome.error);
  const failed = outcome.outputs.Results.FailedRecords;
  if (failed.length) throw new Error(`${failed.length} records failed: ${failed[0].ResultCode}`);
  if (effects !== WORK) throw new Error(`expected ${WORK} prospects, got ${effects}`);
}

export default async function () {
  const data = records();
  let sink = 0;
  const copyData = () => {
    const out = new Array(WORK);
    for (let i = 0; i < WORK; i++) out[i] = { ...data[i], ResultCode: 'Created' };
    sink += out.length;
  };
  const [memory, copy] = await interleaved([() => createProspects(seed(new MemoryTenantStore('America/Denver', 1)), data), copyData], ROUNDS);
  const memoryRss = Math.round(process.resourceUsage().maxRSS / 1024);
  const dir = mkdtempSync(join(tmpdir(), 'bench-prospects-'));
  let n = 0;
  const sqlite = await median(async () => {
    const store = seed(new SqliteTenantStore(join(dir, `p${n++}.db`), 'America/Denver', 1));
    await createProspects(store, data);
    store.close();
  }, SQLITE_ROUNDS);
  rmSync(dir, { recursive: true, force: true });
  const realistic = realisticRecords();
  const copyRealistic = () => {
    const out = new Array(WORK);
    for (let i = 0; i < WORK; i++) out[i] = { ...realistic[i], ResultCode: 'Created' };
    sink += out.length;
  };
  const [ours, copied] = await interleaved([() => createProspects(seed(new MemoryTenantStore('America/Denver', 1)), realistic, true), copyRealistic], ROUNDS);
  if (sink === 42) console.log('');
  return [
    { name: 'prospects.100k.realistic', work: WORK, unit: 'records', seconds: ours, peers: { copy: copied } },
    { name: 'prospects.100k', work: WORK, unit: 'records', seconds: memory, peers: { copy }, peakRssMB: memoryRss },
    { name: 'prospects.100k.sqlite', work: WORK, unit: 'records', seconds: sqlite, peers: { copy, memory } },
  ];
}
