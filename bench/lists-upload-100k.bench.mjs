// Row lists.upload.100k (spec/performance.md): `lists upload` of a CSV calling
// list of 100,000 rows (3 destinations each, time zone from the area code)
// into the SQLite store, one transaction. Peer `csv-parse`: csv-parse alone
// streaming the same file with the same options (records counted, nothing else). Memory: the heap
// is sampled every 10,000 rows during the upload; flat means the growth from
// the first sample to the largest stays small whatever the row count.
import { createReadStream, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse';
import { uploadCallingList } from '../dist/src/tenant/lists-upload.js';
import { SqliteTenantStore } from '../dist/src/tenant/sqlite-store.js';
import { median } from './measure.mjs';

const WORK = 100_000;
const ROUNDS = 5;
const AREAS = ['303', '720', '212', '312', '415', '206', '404', '305', '617', '214'];
const NOW = Date.parse('2026-11-21T16:00:00Z');

function writeCsv(file) {
  const lines = ['Id,FirstName,LastName,MobilePhone,HomePhone,WorkPhone,Notes'];
  for (let i = 0; i < WORK; i++) {
    const n = String(i % 10000).padStart(4, '0');
    lines.push(`P${i},Ada,Lovelace${i},(${AREAS[i % 10]}) 555-${n},${AREAS[(i + 1) % 10]}-555-${n},+1 ${AREAS[(i + 2) % 10]} 555 ${n},"call after 5pm, ask for ""Ada"""`);
  }
  writeFileSync(file, lines.join('\n') + '\n');
}

async function csvParseAlone(file) {
  let n = 0;
  for await (const record of createReadStream(file).pipe(parse({ relax_column_count: true, bom: true }))) if (record) n++;
  if (n !== WORK + 1) throw new Error(`csv-parse read ${n} records`);
}

export default async function () {
  const dir = mkdtempSync(join(tmpdir(), 'bench-lists-'));
  const file = join(dir, 'list.csv');
  writeCsv(file);
  const parsePeer = await median(() => csvParseAlone(file), ROUNDS);
  let k = 0;
  const heapGrowth = [];
  const upload = await median(async () => {
    const store = new SqliteTenantStore(join(dir, `u${k++}.db`), 'America/Denver', 1);
    store.putSkill({ id: 1234, name: 'PC', media: 'Phone', direction: 'Outbound', personalConnection: true, campaign: null, active: true, script: null, dialer: null });
    let first = 0;
    let max = 0;
    const report = await uploadCallingList(store, {
      file,
      skillNo: 1234,
      sourceName: 'Leads',
      mapping: { ExternalID: 'Id', FirstName: 'FirstName', LastName: 'LastName', Notes: 'Notes', Destinations: ['MobilePhone', 'HomePhone', 'WorkPhone'] },
      nowMs: NOW,
      progressEvery: 10_000,
      onProgress: (p) => {
        const heap = process.memoryUsage().heapUsed;
        if (p.rows === 10_000) first = heap;
        if (heap > max) max = heap;
      },
    });
    store.close();
    if (report.loaded !== WORK || report.rejected !== 0) throw new Error(`loaded ${report.loaded}, rejected ${report.rejected}`);
    heapGrowth.push(Math.round(((max - first) / 2 ** 20) * 10) / 10);
  }, ROUNDS);
  rmSync(dir, { recursive: true, force: true });
  process.stderr.write(`lists.upload.100k: heap growth from row 10,000 to the peak, per round (MB): ${heapGrowth.join(', ')}\n`);
  return [{ name: 'lists.upload.100k', work: WORK, unit: 'rows', seconds: upload, peers: { 'csv-parse': parsePeer } }];
}
