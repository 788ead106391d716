// Row lists.upload.100k (spec/performance.md): `lists upload` of a CSV calling
// list of 100,000 rows (3 destinations each, time zone from the area code)
// into the SQLite store, one transaction. Peer `csv-parse`: csv-parse alone
// streaming the same file with the same options (records counted, nothing
// else). Row lists.upload.100k.realistic: the same on realistic numbers
// (bench/phones.mjs: every valid area code and exchange, mixed spellings, 1 %
// international with --time-zone as their fallback), with its own csv-parse
// peer on that file; ours and the peer in interleaved rounds. Memory: the heap
// is sampled every 10,000 rows during the upload; flat means the growth from
// the first sample to the largest stays small whatever the row count.
import { createReadStream, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse';
import { uploadCallingList } from '../dist/src/tenant/lists-upload.js';
import { SqliteTenantStore } from '../dist/src/tenant/sqlite-store.js';
import { interleaved } from './measure.mjs';
import { phoneGenerator } from './phones.mjs';

const WORK = 100_000;
const ROUNDS = 5;
const AREAS = ['303', '720', '212', '312', '415', '206', '404', '305', '617', '214'];
const NOW = Date.parse('2026-11-21T16:00:00Z');
const NOTES = '"call after 5pm, ask for ""Ada"""';
const HEADER = 'Id,FirstName,LastName,MobilePhone,HomePhone,WorkPhone,Notes';

/** Writes the 100,000-row list of the original row: ten area codes. */
function writeTenAreaCodes(file) {
  const lines = [HEADER];
  for (let i = 0; i < WORK; i++) {
    const n = String(i % 10000).padStart(4, '0');
    lines.push(`P${i},Ada,Lovelace${i},(${AREAS[i % 10]}) 555-${n},${AREAS[(i + 1) % 10]}-555-${n},+1 ${AREAS[(i + 2) % 10]} 555 ${n},${NOTES}`);
  }
  writeFileSync(file, lines.join('\n') + '\n');
}

/** A realistic list of `rows` rows, written in pieces (a million rows is 100 MB of text). */
export function writeRealistic(file, rows) {
  const phones = phoneGenerator({ seed: 7 });
  writeFileSync(file, HEADER + '\n');
  for (let start = 0; start < rows; start += 50_000) {
    const lines = [];
    for (let i = start; i < Math.min(rows, start + 50_000); i++) {
      const cell = (p) => (p.includes(',') ? `"${p}"` : p);
      lines.push(`P${i},Ada,Lovelace${i},${cell(phones.next())},${cell(phones.next())},${cell(phones.next())},${NOTES}`);
    }
    writeFileSync(file, lines.join('\n') + '\n', { flag: 'a' });
  }
}

export async function csvParseAlone(file, rows) {
  let n = 0;
  for await (const record of createReadStream(file).pipe(parse({ relax_column_count: true, bom: true }))) if (record) n++;
  if (n !== rows + 1) throw new Error(`csv-parse read ${n} records`);
}

/** One upload into a fresh SQLite store; returns the heap growth (MB) from row 10,000 to the peak. */
export async function uploadOnce(dir, file, rows, name, sampleEvery = 10_000) {
  const store = new SqliteTenantStore(join(dir, `${name}.db`), 'America/Denver', 1);
  store.putSkill({ id: 1234, name: 'PC', media: 'Phone', direction: 'Outbound', personalConnection: true, campaign: null, active: true, script: null, dialer: null });
  let first = 0;
  let max = 0;
  const report = await uploadCallingList(store, {
    file,
    skillNo: 1234,
    sourceName: 'Leads',
    mapping: { ExternalID: 'Id', FirstName: 'FirstName', LastName: 'LastName', Notes: 'Notes', Destinations: ['MobilePhone', 'HomePhone', 'WorkPhone'] },
    fallbackZone: 'America/New_York',
    nowMs: NOW,
    progressEvery: sampleEvery,
    onProgress: (p) => {
      const heap = process.memoryUsage().heapUsed;
      if (p.rows === sampleEvery) first = heap;
      if (heap > max) max = heap;
    },
  });
  store.close();
  rmSync(join(dir, `${name}.db`), { force: true });
  if (report.loaded !== rows || report.rejected !== 0) throw new Error(`loaded ${report.loaded}, rejected ${report.rejected}`);
  return Math.round(((max - first) / 2 ** 20) * 10) / 10;
}

async function row(dir, name, file) {
  let k = 0;
  const growth = [];
  const [ours, peer] = await interleaved(
    [async () => growth.push(await uploadOnce(dir, file, WORK, `${name}-${k++}`)), () => csvParseAlone(file, WORK)],
    ROUNDS,
  );
  process.stderr.write(`${name}: heap growth from row 10,000 to the peak, per round (MB): ${growth.join(', ')}\n`);
  return { name, work: WORK, unit: 'rows', seconds: ours, peers: { 'csv-parse': peer }, heapGrowthMB: Math.max(...growth) };
}

export default async function () {
  const dir = mkdtempSync(join(tmpdir(), 'bench-lists-'));
  try {
    const plain = join(dir, 'list.csv');
    writeTenAreaCodes(plain);
    const realistic = join(dir, 'realistic.csv');
    writeRealistic(realistic, WORK);
    return [await row(dir, 'lists.upload.100k', plain), await row(dir, 'lists.upload.100k.realistic', realistic)];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
