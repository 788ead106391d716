// Calling-list uploads whose rows are read in a second thread (src/tenant/lists/upload-thread.ts):
// the same report, rows, order, rejected rows, progress and errors as when
// they are read in the upload's own thread, and nothing kept of an upload that
// fails on either side. Worker threads run the compiled module, so these tests
// use dist/ (built before the suite runs, as for the CLI tests).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type * as UploadModule from '../../src/tenant/lists-upload.js';
import type * as ThreadModule from '../../src/tenant/lists/upload-thread.js';
import type * as StoreModule from '../../src/tenant/sqlite-store.js';
import type { ProspectRecord } from '../../src/contract/tenant-store.js';
import { BASE_TENANT } from './fixtures.js';

const built = (path: string): string => fileURLToPath(new URL(`../../dist/src/${path}`, import.meta.url));
const builtUpload = built('tenant/lists-upload.js');
const haveDist = existsSync(built('tenant/lists/upload-worker.js'));
const load = async () => ({
  upload: (await import(builtUpload)) as typeof UploadModule,
  thread: (await import(built('tenant/lists/upload-thread.js'))) as typeof ThreadModule,
  store: (await import(built('tenant/sqlite-store.js'))) as typeof StoreModule,
});

const dir = mkdtempSync(join(tmpdir(), 'lists-upload-thread-'));
let n = 0;
const file = (text: string | Buffer, name = `list${n++}.csv`): string => {
  const f = join(dir, name);
  writeFileSync(f, text);
  return f;
};
const NOW = Date.parse('2026-11-21T16:00:00Z');
const HEADER = 'Id,FirstName,LastName,MobilePhone,HomePhone,WorkPhone,Tz,ExpiresOn\n';
const mapping = { ExternalID: 'Id', FirstName: 'FirstName', LastName: 'LastName', Destinations: ['MobilePhone', 'HomePhone', 'WorkPhone'], TimeZone: 'Tz', ExpirationDate: 'ExpiresOn' };

/** 7,000 rows of every kind: good, rejected for each reason, wrong width, multi-line and long cells, accents, updates of earlier rows. */
function mixedList(): string {
  let text = HEADER;
  for (let i = 0; i < 7000; i++) {
    const phone = `303555${String(i % 10000).padStart(4, '0')}`;
    if (i % 997 === 5) text += `X${i},No,Phone,,,,,\n`;
    else if (i % 1009 === 7) text += `Z${i},Bad,Zone,${phone},,,Mars/Base,\n`;
    else if (i % 1013 === 11) text += `E${i},Old,Row,${phone},,,,2020-01-01\n`;
    else if (i % 1019 === 13) text += `W${i},Too,Few\n`;
    else if (i % 1021 === 17) text += `,Missing,Id,${phone},,,,\n`;
    else if (i % 500 === 3) text += `M${i},"Multi\nLine","Ünïcødé ✓ ${'x'.repeat(50_000)}",${phone},+44 20 7946 0958,,,\n`;
    else if (i % 700 === 9) text += `P${i - 9},Again,Updated,${phone},,,,\n`;
    else text += `P${i},${i % 3 ? 'Ada' : ''},Lovelace${i},(720) 555-${String(i % 10000).padStart(4, '0')},${phone},,America/New_York,2027-01-0${1 + (i % 9)}\n`;
  }
  return text;
}

interface Outcome {
  report?: unknown;
  error?: { name: string; message: string; diagnostics: unknown };
  rejected: [number, string][];
  progress: unknown[];
  rejectedFile: string | null;
  prospects: ProspectRecord[];
}

/** One upload into a fresh state file, everything it shows recorded. */
async function run(f: string, readerThread: boolean, extra: Partial<UploadModule.ListUploadOptions> = {}): Promise<Outcome> {
  const { upload, store: storeModule } = await load();
  const db = join(dir, `state${n++}.db`);
  const store = new storeModule.SqliteTenantStore(db, 'America/Denver', 1);
  store.putSkill({ id: 1234, name: 'PC', media: 'Phone', direction: 'Outbound', personalConnection: true, campaign: null, active: true, script: null, dialer: null });
  const rejected: [number, string][] = [];
  const progress: unknown[] = [];
  const rejectedPath = join(dir, `rejected${n++}.csv`);
  const out: Outcome = { rejected, progress, rejectedFile: null, prospects: [] };
  try {
    out.report = await upload.uploadCallingList(store, {
      file: f,
      skillNo: 1234,
      sourceName: 'Leads',
      mapping,
      nowMs: NOW,
      rejectedFile: rejectedPath,
      onRejected: (row, reason) => rejected.push([row, reason]),
      progressEvery: 500,
      onProgress: (p) => progress.push(p),
      readerThread,
      ...extra,
    });
    (out.report as { rejectedFile: string | null }).rejectedFile &&= 'written';
  } catch (err) {
    const e = err as UploadModule.ListUploadError;
    out.error = { name: e.name, message: e.message, diagnostics: e.diagnostics };
  }
  out.rejectedFile = existsSync(rejectedPath) ? readFileSync(rejectedPath, 'utf8') : null;
  out.prospects = store.prospects();
  store.close();
  return out;
}

describe.skipIf(!haveDist)('an upload read in a second thread', () => {
  it('loads, counts, rejects and reports exactly as an upload read in its own thread', async () => {
    const f = file(mixedList());
    const inThread = await run(f, false);
    const threaded = await run(f, true);
    expect(inThread.report).toMatchObject({ rows: 7000, rejectedFile: 'written' });
    expect(inThread.rejected.length).toBeGreaterThan(20);
    expect(inThread.progress).toHaveLength(15); // every 500 rows, and once at the end
    expect(inThread.prospects.some((p) => p.firstName === null)).toBe(true);
    expect(threaded).toEqual(inThread);
    // The same again: the kept thread reads the next file as well.
    expect(await run(f, true)).toEqual(inThread);
  });

  it('fails a malformed file (quote, binary, empty, a missing column) with the same located error, keeping nothing', async () => {
    const good = mixedList();
    const files = [
      file(good + 'Q1,"oops,,,,,,,\n'), // a quote never closed, after thousands of rows and rejections
      file(good.slice(0, 200_000) + 'Q2,Bad"Quote,,,,,,\n' + good.slice(200_000)),
      file(Buffer.concat([Buffer.from(good.slice(0, 100_000)), Buffer.from([0, 1, 2, 0xff]), Buffer.from(good.slice(100_000))])),
      file(''),
      file('Id,FirstName\nA,B\n'),
    ];
    for (const f of files) {
      const inThread = await run(f, false);
      const threaded = await run(f, true);
      expect(inThread.error?.name).toBe('ListUploadError');
      expect(threaded).toEqual(inThread);
      expect(threaded.prospects).toEqual([]);
      expect(threaded.rejectedFile).toBeNull();
    }
  });

  it('reads a UTF-16 file as its own thread does', async () => {
    const text = HEADER + 'U1,Zoë,Ångström,(303) 555-0100,,,,\nU2,,,,,,,\n';
    const f = file(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
    const threaded = await run(f, true);
    expect(threaded.report).toMatchObject({ rows: 2, loaded: 1, rejected: 1 });
    expect(threaded).toEqual(await run(f, false));
  });

  it('rolls back when the store fails midway, stops the reading thread, and the next upload still loads', async () => {
    const { upload, store: storeModule } = await load();
    const db = join(dir, 'full.db');
    const store = new storeModule.SqliteTenantStore(db, 'America/Denver', 1);
    store.putSkill({ id: 1234, name: 'PC', media: 'Phone', direction: 'Outbound', personalConnection: true, campaign: null, active: true, script: null, dialer: null });
    const f = file(mixedList());
    const o = { file: f, skillNo: 1234, sourceName: 'Leads', mapping, nowMs: NOW, readerThread: true, rejectedFile: join(dir, 'full-rejected.csv') };
    // The file is capped a few pages above its size: the load's own writes fail as on a full disk.
    store.db.pragma(`max_page_count = ${(store.db.pragma('page_count', { simple: true }) as number) + 4}`);
    const err = (await upload.uploadCallingList(store, o).catch((e: unknown) => e)) as UploadModule.ListUploadError;
    expect(err.name).toBe('ListUploadError');
    expect(err.diagnostics).toMatchObject([{ code: 'E-TENANT-STATE', message: 'state file: the disk is full: nothing of this upload was written' }]);
    expect(store.prospectCount()).toBe(0);
    expect(existsSync(join(dir, 'full-rejected.csv'))).toBe(false);
    store.db.pragma('max_page_count = 1073741823');
    expect(await upload.uploadCallingList(store, o)).toMatchObject({ rows: 7000 });
    store.close();
  });

  it("passes on an error of the reading thread's own as the same error, and reads again afterwards", async () => {
    const { thread } = await load();
    const f = file(HEADER + 'T1,Ada,Lovelace,3035550100,,,,\n');
    const options = { skillNo: 1234, source: { id: 1, name: 'Leads', mapping, maxDestinations: 3 }, noTimeZoneReject: false, fallbackZone: null, defaultExpiresAtMs: null, nowMs: NOW, buZone: 'America/Denver' };
    const read = async (work: ThreadModule.UploadWork) => {
      const seen: string[] = [];
      for await (const m of thread.readInThread(work)) seen.push(m.type);
      return seen;
    };
    // A map that is not one (a caller's bug): what fails in the thread is thrown here, with its name and message.
    const broken = await read({ file: f, mapping: null as never, options, every: null }).catch((e: unknown) => e);
    expect(broken).toBeInstanceOf(Error);
    expect((broken as Error).name).toBe('TypeError');
    expect((broken as Error).message).toMatch(/null/);
    // A file that vanished: the reader's error with its code and path, as the upload words it.
    const gone = await read({ file: join(dir, 'gone.csv'), mapping, options, every: null }).catch((e: unknown) => e);
    expect(gone).toMatchObject({ name: 'TableFileError', message: expect.stringContaining('gone.csv') });
    expect(await read({ file: f, mapping, options, every: null })).toEqual(['header', 'batch', 'done']);
  });

  it('lets the CLI exit at once after an upload read in a second thread, and after one that failed there', () => {
    const cli = built('cli/main.js');
    const tenantFile = join(dir, 'tenant.json');
    writeFileSync(tenantFile, JSON.stringify(BASE_TENANT));
    const good = mixedList().replace(/\n([^\n]*)$/, '\n'); // well over the size read in a second thread
    const bad = good + 'Q1,"oops,,,,,,,\n';
    const args = (f: string) => ['lists', 'upload', f, '--skill', '1234', '--source', 'SalesforceLeads', '--tenant', tenantFile, '--json', '--rejected', join(dir, 'cli-rejected.csv')];
    const ok = spawnSync(process.execPath, [cli, ...args(file(good, 'cli-good.csv'))], { encoding: 'utf8', timeout: 60_000 });
    expect(ok.status).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({ rows: 7000 });
    const failed = spawnSync(process.execPath, [cli, ...args(file(bad, 'cli-bad.csv')).filter((a) => a !== '--json')], { encoding: 'utf8', timeout: 60_000 });
    expect(failed.status).toBe(2);
    // Line 7016: the header, 7,000 rows and the line breaks inside 14 multi-line cells.
    expect(failed.stderr).toContain('cli-bad.csv:7016:4: error E-LIST-CSV quote not closed');
    rmSync(join(dir, 'cli-rejected.csv'), { force: true });
  }, 120_000);
});
