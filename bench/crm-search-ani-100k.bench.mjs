// Row crm.search-ani.100k (spec/performance.md): WORKFLOW EXECUTE's
// SearchForANI against a Kustomer configuration of 100,000 customers (two
// realistic phones each, bench/phones.mjs, written the ways CRMs hold them),
// in the memory store and (row crm.search-ani.100k.sqlite) in a SQLite state
// file; work = 10,000 searches, nine in ten for a number some customer has.
// Peer `js`: a Map from E.164 number to customers, looked up with the
// already-normalised number (the look-up alone, no parsing). Target ≤ 1 ms
// per search. The index is built by the warm-up round.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import { normalizePhone } from '../dist/src/tenant/phones.js';
import { CrmState } from '../dist/src/tenant/crm/state.js';
import { runWorkflow } from '../dist/src/tenant/crm/workflows.js';
import { MemoryTenantStore } from '../dist/src/tenant/memory-store.js';
import { SqliteTenantStore } from '../dist/src/tenant/sqlite-store.js';
import { interleaved } from './measure.mjs';
import { phoneGenerator, seeded } from './phones.mjs';

const CUSTOMERS = 100_000;
const WORK = 10_000;
const ROUNDS = 5;

/** Customers with their phones, and the searches: 90 % numbers some customer has (written another way), 10 % unknown. */
function data() {
  const phones = phoneGenerator({ seed: 11 });
  const customers = [];
  for (let i = 0; i < CUSTOMERS; i++) customers.push({ id: `c${i}`, name: `Customer ${i}`, phones: [phones.next(), { type: 'work', phone: phones.next() }] });
  const random = seeded(5);
  const anis = [];
  for (let i = 0; i < WORK; i++) {
    if (random(10) === 0) anis.push(`+1${phones.nanp()}`);
    else {
      const c = customers[random(CUSTOMERS)];
      const p = random(2) === 0 ? c.phones[0] : c.phones[1].phone;
      anis.push(normalizePhone(p)?.e164 ?? p);
    }
  }
  return { customers, anis };
}

function seed(store, customers) {
  const crm = new CrmState(store);
  crm.putConfiguration({
    id: 'kustomer-prod', type: 'Kustomer', region: 'AMERICAS', baseUrl: 'https://x.api.kustomerapp.com', screenpopUrl: 'https://x.kustomerapp.com/app/customers',
    tokenRefreshSeconds: [9, 15], systemUser: 'bench', workflows: [{ id: 'search-ani', kind: 'SearchForANI', enabled: true }], memorialization: [], dynamicData: [], secrets: [],
  });
  const bulk = store.bulkLoad();
  const name = crm.recordsCollection('kustomer-prod', 'customers');
  for (const c of customers) bulk.put(name, c.id, c);
  bulk.commit();
  return crm;
}

export default async function () {
  const { customers, anis } = data();
  const now = DateTime.fromISO('2026-11-21T09:00:00', { zone: 'America/Denver' });
  // The peer: E.164 -> customers, built outside the timed region, looked up with the normalised number.
  const byPhone = new Map();
  for (const c of customers)
    for (const p of [c.phones[0], c.phones[1].phone]) {
      const key = normalizePhone(p)?.e164 ?? p;
      const list = byPhone.get(key);
      if (list) list.push(c);
      else byPhone.set(key, [c]);
    }
  const expected = anis.map((a) => byPhone.get(a)?.length ?? 0);
  let sink = 0;
  const js = () => {
    for (const ani of anis) sink += byPhone.get(ani)?.length ?? 0;
  };
  const searches = (crm) => () => {
    for (let i = 0; i < anis.length; i++) {
      const a = runWorkflow(crm, { configurationId: 'kustomer-prod', workflowId: 'search-ani', payload: undefined, ani: anis[i], now, random: () => 0 });
      if (!a.ok || a.records.length !== expected[i]) throw new Error(`search for ${anis[i]} found ${a.ok ? a.records.length : a.message}, expected ${expected[i]}`);
    }
  };
  const memory = seed(new MemoryTenantStore('America/Denver', 4600123), customers);
  const dir = mkdtempSync(join(tmpdir(), 'bench-search-'));
  const sqliteStore = new SqliteTenantStore(join(dir, 'state.db'), 'America/Denver', 4600123);
  try {
    const sqlite = seed(sqliteStore, customers);
    const [ours, onSqlite, peer] = await interleaved([searches(memory), searches(sqlite), js], ROUNDS);
    if (sink < 0) throw new Error('unreachable');
    return [
      { name: 'crm.search-ani.100k', work: WORK, unit: 'searches', seconds: ours, peers: { js: peer }, msPerSearch: Math.round((ours / WORK) * 1e6) / 1e3 },
      { name: 'crm.search-ani.100k.sqlite', work: WORK, unit: 'searches', seconds: onSqlite, peers: { js: peer, memory: ours }, msPerSearch: Math.round((onSqlite / WORK) * 1e6) / 1e3 },
    ];
  } finally {
    sqliteStore.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
