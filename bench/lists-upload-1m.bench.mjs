// Row lists.upload.1m (spec/performance.md: "1,000,000 rows in constant memory
// with and without --state"): a realistic calling list of a million rows
// (bench/phones.mjs), uploaded once into a SQLite store in this process, with
// the heap sampled every 100,000 rows (`heapGrowthMB`: the growth from row
// 100,000 to the largest sample), and once through the CLI without --state in
// a child process whose heap is capped at 48 MB (`cliWithoutState`: it must
// finish: a run that kept its rows would need about a gigabyte). One round:
// this row is about memory, its time is reported for scale. Peer `csv-parse`:
// csv-parse alone on the same file.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { csvParseAlone, uploadOnce, writeRealistic } from './lists-upload-100k.bench.mjs';

const ROWS = 1_000_000;
const cli = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'src', 'cli', 'main.js');

export default async function () {
  const dir = mkdtempSync(join(tmpdir(), 'bench-lists-1m-'));
  try {
    const file = join(dir, 'million.csv');
    writeRealistic(file, ROWS);
    globalThis.gc?.();
    let t = process.hrtime.bigint();
    const heapGrowthMB = await uploadOnce(dir, file, ROWS, 'million', 100_000);
    const seconds = Number(process.hrtime.bigint() - t) / 1e9;
    t = process.hrtime.bigint();
    await csvParseAlone(file, ROWS);
    const parse = Number(process.hrtime.bigint() - t) / 1e9;
    const tenant = join(dir, 'tenant.json');
    writeFileSync(tenant, JSON.stringify({ timeZone: 'America/Denver', skills: [{ id: 1234, name: 'PC', direction: 'Outbound', personalConnection: true }] }));
    const child = spawnSync(
      process.execPath,
      ['--max-old-space-size=48', cli, 'lists', 'upload', file, '--skill', '1234', '--source', 'Leads', '--map', 'ExternalID=Id', '--map', 'Destinations=MobilePhone,HomePhone,WorkPhone', '--time-zone', 'America/New_York', '--tenant', tenant, '--json'],
      { encoding: 'utf8', maxBuffer: 1 << 24 },
    );
    if (child.status !== 0) throw new Error(`the CLI upload without --state failed in a 48 MB heap (exit ${child.status}, ${child.signal ?? ''}): ${child.stderr.slice(0, 300)}`);
    const report = JSON.parse(child.stdout);
    if (report.loaded !== ROWS) throw new Error(`the CLI loaded ${report.loaded} rows`);
    process.stderr.write(`lists.upload.1m: heap growth from row 100,000 to the peak ${heapGrowthMB} MB; CLI without --state finished in a 48 MB heap\n`);
    return { name: 'lists.upload.1m', work: ROWS, unit: 'rows', seconds, peers: { 'csv-parse': parse }, heapGrowthMB, cliWithoutState: 'finished with a 48 MB heap cap' };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
