// Row crm.search-ani: WORKFLOW EXECUTE's SearchForANI against a Kustomer
// configuration of 10,000 customers (two phones each, written in mixed
// formats) in the memory store; work = 1,000 searches. Peer `js`: a plain JS
// scan of the same customers comparing already-normalised E.164 strings — the
// same matching without store access or number parsing.
import { DateTime } from 'luxon';
import { CrmState } from '../dist/src/tenant/crm/state.js';
import { runWorkflow } from '../dist/src/tenant/crm/workflows.js';
import { MemoryTenantStore } from '../dist/src/tenant/memory-store.js';
import { median } from './measure.mjs';

const CUSTOMERS = 10_000;
const WORK = 1_000;
const ROUNDS = 5;
const AREAS = ['303', '720', '212', '312', '415', '206', '404', '305', '617', '214'];
const number = (i) => `${AREAS[i % 10]}555${String(i % 10_000).padStart(4, '0')}`;

function seed() {
  const store = new MemoryTenantStore('America/Denver', 4600123);
  const crm = new CrmState(store);
  crm.putConfiguration({
    id: 'kustomer-prod', type: 'Kustomer', region: 'AMERICAS', baseUrl: 'https://x.api.kustomerapp.com', screenpopUrl: 'https://x.kustomerapp.com/app/customers',
    tokenRefreshSeconds: [9, 15], systemUser: 'bench', workflows: [{ id: 'search-ani', kind: 'SearchForANI', enabled: true }], memorialization: [], dynamicData: [], secrets: [],
  });
  const customers = crm.records('kustomer-prod', 'customers');
  for (let i = 0; i < CUSTOMERS; i++) {
    const n = number(i);
    customers.put(`c${i}`, { id: `c${i}`, name: `Customer ${i}`, phones: [`(${n.slice(0, 3)}) ${n.slice(3, 6)}-${n.slice(6)}`, { type: "work", phone: `+1 ${n.slice(0, 3)} 556 ${n.slice(6)}` }] });
  }
  return crm;
}

export default async function () {
  const crm = seed();
  const now = DateTime.fromISO('2026-11-21T09:00:00', { zone: 'America/Denver' });
  const anis = Array.from({ length: WORK }, (_, i) => `+1${number((i * 7919) % CUSTOMERS)}`);
  const ours = await median(() => {
    for (const ani of anis) {
      const a = runWorkflow(crm, { configurationId: 'kustomer-prod', workflowId: 'search-ani', payload: undefined, ani, now, random: () => 0 });
      if (!a.ok || a.records.length !== 1) throw new Error(`search for ${ani} found ${a.ok ? a.records.length : a.message}`);
    }
  }, ROUNDS);
  const plain = Array.from({ length: CUSTOMERS }, (_, i) => ({ id: `c${i}`, phones: [`+1${number(i)}`, `+1${number(i).slice(0, 3)}556${number(i).slice(6)}`] }));
  const js = await median(() => {
    for (const ani of anis) {
      const found = plain.filter((c) => c.phones.some((p) => p === ani));
      if (found.length !== 1) throw new Error('peer mismatch');
    }
  }, ROUNDS);
  return { name: 'crm.search-ani', work: WORK, unit: 'searches', seconds: ours, peers: { js } };
}
