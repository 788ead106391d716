// Row pocs.upload.100k (spec/performance.md): `pocs upload` of an XLSX file of
// 100,000 points of contact into the SQLite store, one transaction. The sheet
// is what a business unit's export looks like: phone numbers spread over real
// North American area codes (the bundled area-code table) and exchanges, a
// tenth e-mail addresses, 40 skills named or numbered, a Modified Row column
// with most rows marked, a notes column the upload ignores. Peer `reader`:
// exceljs' streaming reader alone reading the same file with the same options
// (rows counted, nothing else). Rounds alternate ours and the peer.
import ExcelJS from 'exceljs';
import { createReadStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AREA_CODE_TABLE } from '../dist/src/tenant/data/area-codes.generated.js';
import { uploadPocs } from '../dist/src/tenant/pocs/upload.js';
import { SqliteTenantStore } from '../dist/src/tenant/sqlite-store.js';
import { interleaved } from './measure.mjs';

const WORK = 100_000;
const ROUNDS = 3;
const SKILLS = 40;

/** Three-digit area codes of the bundled table (about 400). */
const AREAS = [...new Set(AREA_CODE_TABLE.split(';').map((e) => e.slice(0, 3)))].filter((a) => /^[2-9]\d\d$/.test(a));

async function writeSheet(file) {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: true });
  const ws = wb.addWorksheet('Points of Contact');
  ws.addRow(['Point of Contact', 'Name', 'Channel', 'Skill', 'Script', 'Active', 'Modified Row', 'Notes']).commit();
  for (let i = 0; i < WORK; i++) {
    const skill = 3000 + (i % SKILLS);
    const email = i % 10 === 9;
    // Exchanges 200–999 and lines 0000–9999, spread by a multiplicative step so neighbours differ.
    const x = (i * 7919) % 8_000_000;
    const number = `${AREAS[i % AREAS.length]}${200 + Math.floor(x / 10_000) % 800}${String(x % 10_000).padStart(4, '0')}`;
    ws.addRow([
      email ? `queue${i}@support.example.com` : Number(number),
      `${email ? 'Mailbox' : 'Line'} ${i}`,
      email ? 'Email' : 'Phone',
      i % 3 === 0 ? `Skill_${skill}` : skill,
      i % 5 === 0 ? `Route${i % 7}` : null,
      'Y',
      i % 20 === 0 ? 'N' : 'Y',
      i % 4 === 0 ? 'moved from the old IVR' : null,
    ]).commit();
  }
  ws.commit();
  await wb.commit();
}

function tenant(file) {
  const store = new SqliteTenantStore(file, 'America/Denver', 1);
  for (let k = 0; k < SKILLS; k++) {
    const id = 3000 + k;
    store.putSkill({ id, name: `Skill_${id}`, media: k % 10 === 9 ? 'Email' : 'Phone', direction: 'Inbound', personalConnection: false, campaign: null, active: true, script: null, dialer: null });
  }
  return store;
}

async function readerAlone(file) {
  let n = 0;
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(createReadStream(file), { sharedStrings: 'cache', hyperlinks: 'ignore', styles: 'cache', worksheets: 'emit', entries: 'ignore' });
  for await (const sheet of reader) for await (const row of sheet) if (row.values.length > 0) n++;
  if (n !== WORK + 1) throw new Error(`the reader read ${n} rows`);
}

export default async function () {
  const dir = mkdtempSync(join(tmpdir(), 'bench-pocs-'));
  const file = join(dir, 'pocs.xlsx');
  await writeSheet(file);
  let k = 0;
  let report;
  const [ours, peer] = await interleaved(
    [
      async () => {
        const store = tenant(join(dir, `u${k++}.db`));
        report = await uploadPocs(store, { file, rejectedFile: join(dir, 'rejected.csv') });
        store.close();
      },
      () => readerAlone(file),
    ],
    ROUNDS,
  );
  // Every tenth skill is an Email skill: its phone rows are rejected for their media, as a real upload would.
  if (report.rows !== WORK || report.created + report.skipped + report.rejected !== WORK) throw new Error(`unexpected report ${JSON.stringify(report)}`);
  process.stderr.write(`pocs.upload.100k: ${report.created} created, ${report.skipped} not modified, ${report.rejected} rejected\n`);
  rmSync(dir, { recursive: true, force: true });
  return [{ name: 'pocs.upload.100k', work: WORK, unit: 'rows', seconds: ours, peers: { reader: peer } }];
}
