// Row outreach.list.100k (issue #14, constant memory for large inputs): the
// calling list a tenant file names for an outbound digital skill (`list:`),
// 100,000 realistic rows (bench/phones.mjs numbers, every tenth row an e-mail
// address only), streamed into a SQLite state file by the skill's sender at
// the run's start (DigitalSender.prepare, as the runtime calls it). Peers:
// `csv-parse` alone streaming the same file, and `lists-upload`, the same
// file through `lists upload`'s pipeline (uploadCallingList) into a fresh
// store — the digital list is that pipeline, so the ratio to it is the cost
// of the list's own bookkeeping. Memory: the heap is sampled every 10,000
// rows as they go into the bulk load (`heapGrowthMB`: the growth from row
// 10,000 to the largest sample), and once more over a list four times as
// long (`heapGrowthMB4x`: flat means about the same figure).
import { createReadStream, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse';
import { DigitalSender } from '../dist/src/tenant/digital/sender.js';
import { DIGITAL_SKILLS_COLLECTION } from '../dist/src/tenant/digital/records.js';
import { uploadCallingList } from '../dist/src/tenant/lists-upload.js';
import { loadTenant } from '../dist/src/tenant/tenant.js';
import { interleaved, medianOf } from './measure.mjs';
import { phoneGenerator } from './phones.mjs';

const WORK = 100_000;
const LONG = 4 * WORK;
const ROUNDS = 3;
const NOW = Date.parse('2026-11-23T16:00:00Z');
const HEADER = 'Id,FirstName,LastName,Mobile,Email,Plan,OfferEnd';
const PLANS = ['Gold', 'Silver', 'Bronze'];

const TENANT = {
  timeZone: 'America/Denver',
  skills: [
    {
      id: 4100, name: 'BYOC_Promo_Oct', media: 'Digital', direction: 'Outbound', personalConnection: true, campaign: 'Promotions',
      channel: 'acme-chat-us', template: 'promo', source: 'PromoList', list: 'promo.csv', started: false,
    },
  ],
  byoc: [{ id: 'acme', name: 'AcmeChat', outboundUrl: 'http://localhost:8787', channels: [{ id: 'acme-chat-us', name: 'Acme Chat US' }] }],
  messageTemplates: [{ name: 'promo', body: 'Hi {FirstName}, your {Plan} offer ends {OfferEnd}.' }],
  campaigns: [{ name: 'Promotions' }],
  sources: [{ name: 'PromoList', mapping: { ExternalID: 'Id', FirstName: 'FirstName', LastName: 'LastName', Destinations: ['Mobile'], Email: 'Email', Custom1: 'Plan', Custom2: 'OfferEnd' } }],
};

function writeList(file, rows) {
  const phones = phoneGenerator({ seed: 11 });
  writeFileSync(file, HEADER + '\n');
  for (let start = 0; start < rows; start += 50_000) {
    const lines = [];
    for (let i = start; i < Math.min(rows, start + 50_000); i++) {
      const phone = phones.next();
      const mobile = i % 10 === 9 ? '' : phone.includes(',') ? `"${phone}"` : phone;
      lines.push(`C-${i},Ada,Lovelace${i},${mobile},ada${i}@example.com,${PLANS[i % 3]},${1 + (i % 28)} November`);
    }
    writeFileSync(file, lines.join('\n') + '\n', { flag: 'a' });
  }
}

/** The tenant's store, with the heap sampled every 10,000 rows that go into a bulk load. */
function sampled(store, samples) {
  let rows = 0;
  return new Proxy(store, {
    get(target, key) {
      if (key === 'bulkLoad')
        return () => {
          const bulk = target.bulkLoad();
          return {
            upsertProspect: (p) => (++rows % 10_000 === 0 && samples.push(process.memoryUsage().heapUsed), bulk.upsertProspect(p)),
            upsertEncoded: (p) => (++rows % 10_000 === 0 && samples.push(process.memoryUsage().heapUsed), bulk.upsertEncoded(p)),
            put: (c, id, rec) => bulk.put(c, id, rec),
            commit: () => bulk.commit(),
            abort: () => bulk.abort(),
          };
        };
      const value = Reflect.get(target, key, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

/** The run's start with a fresh state file: the sender streams the list in. Returns the heap growth (MB). */
async function digitalList(dir, k, rows = WORK) {
  const tenant = await loadTenant(join(dir, 'tenant.json'), { state: join(dir, `digital-${k}.db`) });
  try {
    const samples = [];
    const store = sampled(tenant.store, samples);
    const sender = new DigitalSender(store, tenant.store.collection(DIGITAL_SKILLS_COLLECTION).get('4100'));
    await sender.prepare(NOW);
    if (tenant.store.queueDepth(4100) !== rows) throw new Error(`loaded ${tenant.store.queueDepth(4100)} of ${rows} rows`);
    return Math.round(((Math.max(...samples) - samples[0]) / 2 ** 20) * 10) / 10;
  } finally {
    tenant.close();
    rmSync(join(dir, `digital-${k}.db`), { force: true });
  }
}

async function listsUpload(dir, k) {
  const tenant = await loadTenant(join(dir, 'tenant.json'), { state: join(dir, `upload-${k}.db`) });
  try {
    const r = await uploadCallingList(tenant.store, { file: join(dir, 'promo.csv'), skillNo: 4100, sourceName: 'PromoList', mapping: null, nowMs: NOW, fallbackZone: 'America/Denver', rejectedFile: null });
    if (r.loaded !== WORK) throw new Error(`lists upload loaded ${r.loaded}`);
  } finally {
    tenant.close();
    rmSync(join(dir, `upload-${k}.db`), { force: true });
  }
}

async function csvParseAlone(file) {
  let n = 0;
  for await (const record of createReadStream(file).pipe(parse({ relax_column_count: true, bom: true }))) if (record) n++;
  if (n !== WORK + 1) throw new Error(`csv-parse read ${n} records`);
}

export default async function () {
  const dir = mkdtempSync(join(tmpdir(), 'bench-outreach-list-'));
  try {
    writeFileSync(join(dir, 'tenant.json'), JSON.stringify(TENANT));
    writeList(join(dir, 'promo.csv'), WORK);
    let k = 0;
    const growth = [];
    const [ours, upload, csv] = await interleaved(
      [async () => growth.push(await digitalList(dir, k++)), () => listsUpload(dir, k++), () => csvParseAlone(join(dir, 'promo.csv'))],
      ROUNDS,
    );
    const heapGrowthMB = medianOf(growth);
    // The same list four times as long, once: the heap must not follow the rows.
    writeList(join(dir, 'promo.csv'), LONG);
    const heapGrowthMB4x = await digitalList(dir, k++, LONG);
    process.stderr.write(
      `outreach.list.100k: ${Math.round(WORK / ours)} rows/s; heap growth from row 10,000 to the peak ${heapGrowthMB} MB (median of ${growth.length}), ${heapGrowthMB4x} MB over ${LONG.toLocaleString('en')} rows\n`,
    );
    return { name: 'outreach.list.100k', work: WORK, unit: 'rows', seconds: ours, peers: { 'lists-upload': upload, 'csv-parse': csv }, heapGrowthMB, heapGrowthMB4x };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
