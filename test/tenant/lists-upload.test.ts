// Calling-list uploads (`studio-script lists upload`, docs/calling-lists.md):
// the CREATEPROSPECTS v2 pipeline on CSV rows, the report, the rejected-rows
// file, located CSV errors, one transaction on SQLite (also across a SIGKILL).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { displayPath } from '../../src/cli/output.js';
import { runCli } from '../cli/run-cli.js';
import { ListUploadError, parseMapOptions, uploadCallingList, type ListUploadOptions } from '../../src/tenant/lists-upload.js';
import { SqliteTenantStore } from '../../src/tenant/sqlite-store.js';
import { tenantFromData } from '../../src/tenant/tenant.js';
import { BASE_TENANT } from './fixtures.js';

const dir = mkdtempSync(join(tmpdir(), 'lists-upload-'));
let n = 0;
const file = (text: string, name = `list${n++}.csv`) => {
  const f = join(dir, name);
  writeFileSync(f, text);
  return f;
};
const NOW = Date.parse('2026-11-21T16:00:00Z');
const HEADER = 'Id,FirstName,LastName,MobilePhone,HomePhone,WorkPhone,Tz,ExpiresOn\n';

const upload = (store: Parameters<typeof uploadCallingList>[0], f: string, extra: Partial<ListUploadOptions> = {}) =>
  uploadCallingList(store, { file: f, skillNo: 1234, sourceName: 'SalesforceLeads', mapping: null, nowMs: NOW, ...extra });

describe('uploadCallingList', () => {
  it('loads rows through the source map, counts updates and writes rejected rows with their row numbers', async () => {
    const tenant = tenantFromData(BASE_TENANT);
    const f = file(
      HEADER +
        'P1,Ada,Lovelace,(303) 555-0100,,,,\n' + // row 2
        'P2,Bob,Byte,,,,,\n' + // row 3: no phone
        'P3,Cy,Cole,720-555-0101,,,Mars/Base,\n' + // row 4: bad zone
        'P4,Dee,Dale,2125550100,,,,2020-01-01\n' + // row 5: expired
        '\n' + // row 6: empty, skipped
        'P5,Eve\n' + // row 7: wrong column count
        'P1,Ada,Lovelace,3035550109,,,,\n', // row 8: updates P1
    );
    const report = await upload(tenant.store, f);
    expect(report).toEqual({ file: f, skillNo: 1234, sourceName: 'SalesforceLeads', rows: 6, loaded: 1, updated: 1, rejected: 4, rejectedFile: `${f}.rejected.csv`, warnings: [] });
    const rejected = readFileSync(`${f}.rejected.csv`, 'utf8').trim().split('\n');
    expect(rejected).toEqual([
      'Row,Reason,Id,FirstName,LastName,MobilePhone,HomePhone,WorkPhone,Tz,ExpiresOn',
      '3,No valid destination,P2,Bob,Byte,,,,,',
      '4,Invalid time zone,P3,Cy,Cole,720-555-0101,,,Mars/Base,',
      '5,Expired,P4,Dee,Dale,2125550100,,,,2020-01-01',
      '7,"expected 8 columns, found 2",P5,Eve',
    ]);
    const p1 = tenant.store.prospect(1234, 'P1')!;
    expect(p1.destinations).toEqual(['+13035550109']);
    expect(p1.timeZone).toBe('America/Denver'); // from the 303 area code, as CREATEPROSPECTS does
    expect(p1.firstName).toBe('Ada');
    expect(tenant.store.prospectCount(1234)).toBe(1);
  });

  it('numbers rows by the line they start on (multi-line cells included) and uses --map columns', async () => {
    const tenant = tenantFromData(BASE_TENANT);
    const f = file('Key,Note,Cell\nK1,"two\nlines",3035550100\nK2,x,\n');
    const report = await upload(tenant.store, f, { sourceName: 'Csv', mapping: parseMapOptions(['externalid=Key', 'Destinations=Cell', 'Notes=Note']) });
    expect(report).toMatchObject({ rows: 2, loaded: 1, rejected: 1 });
    expect(readFileSync(`${f}.rejected.csv`, 'utf8')).toContain('4,No valid destination,K2,x,\n');
    expect(tenant.store.prospect(1234, 'K1')!.fields.Notes).toBe('two\nlines');
    expect(tenant.store.source('Csv')?.mapping?.ExternalID).toBe('Key');
  });

  it('applies the fallback zone, NoTimeZoneReject and the default expiration like CREATEPROSPECTS', async () => {
    const tenant = tenantFromData(BASE_TENANT);
    const f = file(HEADER + 'U1,,,+44 20 7946 0958,,,,\n');
    expect(await upload(tenant.store, f, { rejectedFile: join(dir, 'r1.csv') })).toMatchObject({ loaded: 0, rejected: 1 });
    expect(readFileSync(join(dir, 'r1.csv'), 'utf8')).toContain('2,No time zone,U1');
    const expires = Date.parse('2026-12-01T00:00:00Z');
    expect(await upload(tenant.store, f, { fallbackZone: 'Europe/London', defaultExpiresAtMs: expires })).toMatchObject({ loaded: 1, rejected: 0, rejectedFile: null });
    expect(tenant.store.prospect(1234, 'U1')).toMatchObject({ timeZone: 'Europe/London', expiresAtMs: expires });
    expect(await upload(tenant.store, f, { fallbackZone: 'Europe/London', noTimeZoneReject: true, rejectedFile: join(dir, 'r2.csv') })).toMatchObject({ rejected: 1 });
  });

  it('refuses a bad skill, a missing map, a missing column and an XLS workbook before writing anything', async () => {
    const tenant = tenantFromData(BASE_TENANT);
    const f = file(HEADER + 'P1,Ada,Lovelace,3035550100,,,,\n');
    await expect(upload(tenant.store, f, { skillNo: 1235 })).rejects.toThrow(/skill 1235 \(PC_Paused\) cannot take a calling list: it is not active/);
    await expect(upload(tenant.store, f, { skillNo: 9 })).rejects.toThrow(/skill 9 does not exist/);
    await expect(upload(tenant.store, f, { sourceName: 'Unmapped' })).rejects.toThrow(/source Unmapped has no source map/);
    await expect(upload(tenant.store, f, { sourceName: 'Nope' })).rejects.toThrow(/source Nope is not in the tenant/);
    await expect(upload(tenant.store, f, { mapping: parseMapOptions(['ExternalID=Key', 'Destinations=MobilePhone']) })).rejects.toThrow(
      /:1:1: ExternalID is mapped to column "Key", which is not in the header row/,
    );
    await expect(upload(tenant.store, join(dir, 'sheet.xls'))).rejects.toThrow(/Excel 97–2003 \(.xls\) workbooks are not supported/);
    expect(() => parseMapOptions(['Phone=Cell'])).toThrow(ListUploadError);
    expect(() => parseMapOptions(['ExternalID=Id'])).toThrow(/needs ExternalID=<column> and Destinations/);
    expect(tenant.store.prospectCount()).toBe(0);
  });

  it('locates an unclosed quote and a bad closing quote, and loads nothing of that file', async () => {
    const tenant = tenantFromData(BASE_TENANT);
    const unclosed = file(HEADER + 'P1,Ada,Lovelace,3035550100,,,,\nP2,"Bob,Byte,3035550101,,,,\nP3,Cy,Cole,3035550102,,,,\n');
    const err = await upload(tenant.store, unclosed).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ListUploadError);
    expect((err as ListUploadError).diagnostics[0]).toMatchObject({ code: 'E-LIST-CSV', span: { file: unclosed, line: 3, col: 4 } });
    const badClose = file(HEADER + 'P1,"Ada"x,Lovelace,3035550100,,,,\n');
    await expect(upload(tenant.store, badClose)).rejects.toThrow(`${badClose}:2:9: invalid closing quote`);
    expect(tenant.store.prospectCount()).toBe(0);
    expect(existsSync(`${unclosed}.rejected.csv`)).toBe(false);
  });

  it('rolls the SQLite store back when the file turns out malformed after thousands of rows', async () => {
    const db = join(dir, 'rollback.db');
    const tenant = tenantFromData(BASE_TENANT, { state: db });
    let text = HEADER;
    for (let i = 0; i < 3000; i++) text += `R${i},A,B,303555${String(i).padStart(4, '0')},,,,\n`;
    await upload(tenant.store, file(text));
    await expect(upload(tenant.store, file(text.replace(/R0,/g, 'S0,') + 'X1,"oops,,,,,,,\n'))).rejects.toThrow(ListUploadError);
    expect(tenant.store.prospectCount(1234)).toBe(3000);
    expect(tenant.store.prospect(1234, 'S0')).toBeUndefined();
    tenant.close();
  });
});

const built = fileURLToPath(new URL('../../dist/src/tenant/lists-upload.js', import.meta.url));
const builtStore = fileURLToPath(new URL('../../dist/src/tenant/sqlite-store.js', import.meta.url));

describe('a killed upload (SQLite)', () => {
  it.skipIf(!existsSync(built))('leaves nothing of the upload it was in, and all of the one before', () => {
    const db = join(dir, 'kill.db');
    let text = HEADER;
    for (let i = 0; i < 20000; i++) text += `K${i},A,B,303555${String(i % 10000).padStart(4, '0')},,,,\n`;
    const first = file(HEADER + 'F1,Ada,Lovelace,3035550100,,,,\n');
    const second = file(text);
    const child = join(dir, 'child.mjs');
    writeFileSync(
      child,
      `import { uploadCallingList } from ${JSON.stringify(built)};
import { SqliteTenantStore } from ${JSON.stringify(builtStore)};
const store = new SqliteTenantStore(${JSON.stringify(db)}, 'America/Denver', 1);
store.putSkill({ id: 1234, name: 'PC', media: 'Phone', direction: 'Outbound', personalConnection: true, campaign: null, active: true, script: null, dialer: null });
const mapping = { ExternalID: 'Id', Destinations: ['MobilePhone'] };
const o = { skillNo: 1234, sourceName: 'Leads', mapping, nowMs: ${NOW} };
await uploadCallingList(store, { ...o, file: ${JSON.stringify(first)} });
await uploadCallingList(store, { ...o, file: ${JSON.stringify(second)}, progressEvery: 1000,
  onProgress: (p) => { if (p.rows === 15000) process.kill(process.pid, 'SIGKILL'); } });
`,
    );
    const res = spawnSync(process.execPath, [child], { encoding: 'utf8' });
    expect(res.signal).toBe('SIGKILL');
    const store = new SqliteTenantStore(db, 'America/Denver', 1);
    expect(store.prospectCount()).toBe(1);
    expect(store.prospect(1234, 'F1')).toBeDefined();
    expect(store.prospect(1234, 'K0')).toBeUndefined();
    expect(store.db.pragma('integrity_check', { simple: true })).toBe('ok');
    store.close();
  });
});

const builtCli = fileURLToPath(new URL('../../dist/src/cli/main.js', import.meta.url));

describe('a long list', () => {
  it.skipIf(!existsSync(builtCli))('uploads in a small, fixed heap with and without --state (no row is kept by the upload)', () => {
    // 60,000 rows in a 32 MB heap: an upload that kept its rows (about 1 KB each) runs out of memory here.
    const areas = ['303', '720', '212', '312', '415', '206', '404', '305', '617', '214'];
    const rows = Array.from({ length: 60_000 }, (_, i) => `L${i},(${areas[i % 10]}) 555-${String(i % 10_000).padStart(4, '0')}\n`);
    const f = file(`Id,Cell\n${rows.join('')}`);
    const tenantFile = join(dir, 'long-tenant.json');
    writeFileSync(tenantFile, JSON.stringify(BASE_TENANT));
    const before = readdirSync(tmpdir()).filter((d) => d.startsWith('studio-script-upload-')).length;
    for (const state of [[], ['--state', join(dir, 'long.db')]]) {
      const args = ['upload', f, '--skill', '1234', '--source', 'Long', '--map', 'ExternalID=Id', '--map', 'Destinations=Cell', '--tenant', tenantFile, '--json', ...state];
      const res = spawnSync(process.execPath, ['--max-old-space-size=32', builtCli, 'lists', ...args], { encoding: 'utf8' });
      expect(res.stderr).toBe('');
      expect(res.status).toBe(0);
      expect(JSON.parse(res.stdout)).toMatchObject({ rows: 60_000, loaded: 60_000, rejected: 0 });
    }
    // Without --state the rows went to a scratch state file in the temp folder, removed afterwards.
    expect(readdirSync(tmpdir()).filter((d) => d.startsWith('studio-script-upload-')).length).toBe(before);
    const kept = new SqliteTenantStore(join(dir, 'long.db'), 'America/Denver', 1);
    expect(kept.prospectCount(1234)).toBe(60_000);
    kept.close();
  }, 120_000);
});

const listsCli = (args: string[]) => runCli(['lists', ...args]);

describe('studio-script lists upload', () => {
  const tenantFile = join(dir, 'tenant.json');
  writeFileSync(tenantFile, JSON.stringify(BASE_TENANT));

  it('loads into a state file, reports the counts and exits 0 even with rejected rows', async () => {
    const db = join(dir, 'cli.db');
    const f = file('Id,Cell,Home\nC1,3035550100,\nC2,,\n');
    const r = await listsCli(['upload', f, '--skill', '1234', '--source', 'Csv', '--map', 'ExternalID=Id', '--map', 'Destinations=Cell,Home', '--tenant', tenantFile, '--state', db, '--rejected', join(dir, 'cli-rejected.csv')]);
    expect(r.code).toBe(0);
    expect(r.out).toContain(`2 rows → skill 1234 (source Csv) into ${db}: 1 loaded, 0 updated, 1 rejected (see ${join(dir, 'cli-rejected.csv')})`);
    expect(readFileSync(join(dir, 'cli-rejected.csv'), 'utf8')).toContain('3,No valid destination,C2,,');
    const again = await listsCli(['upload', f, '--skill', '1234', '--source', 'Csv', '--state', db, '--json', '--rejected', join(dir, 'cli-rejected.csv')]);
    expect(again.code).toBe(0);
    expect(JSON.parse(again.out)).toMatchObject({ rows: 2, loaded: 0, updated: 1, rejected: 1 });
  });

  it('exits 2 with a located diagnostic on malformed CSV, and with one line on an XLS workbook or a bad map', async () => {
    const f = file('Id,Cell\nC1,"3035550100\n');
    const r = await listsCli(['upload', f, '--skill', '1234', '--source', 'SalesforceLeads', '--map', 'ExternalID=Id', '--map', 'Destinations=Cell', '--tenant', tenantFile]);
    expect(r.code).toBe(2);
    expect(r.err).toContain(`${displayPath(f)}:2:4: error E-LIST-CSV quote not closed`);
    const x = await listsCli(['upload', 'calls.xls', '--skill', '1234', '--source', 'SalesforceLeads', '--tenant', tenantFile]);
    expect(x.code).toBe(2);
    expect(x.err).toContain('Excel 97–2003 (.xls) workbooks are not supported');
    const m = await listsCli(['upload', f, '--skill', '1234', '--source', 'S', '--map', 'Phone=Cell', '--tenant', tenantFile]);
    expect(m.code).toBe(2);
    expect(m.err).toContain('"Phone" is not a prospect field');
    const s = await listsCli(['upload', f, '--skill', '1234', '--source', 'S', '--state', join(dir, 'missing.db')]);
    expect(s.code).toBe(2);
    expect(s.err).toContain('state file not found');
    expect(existsSync(join(dir, 'missing.db'))).toBe(false);
  });
});
