// Calling lists from XLSX workbooks: the same pipeline, report and rejected
// rows as CSV, with the sheet's row numbers, formulas read by their result,
// dates by their wall-clock time, and empty rows left out.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ListUploadError, uploadCallingList } from '../../src/tenant/lists-upload.js';
import { SqliteTenantStore } from '../../src/tenant/sqlite-store.js';
import { tenantFromData } from '../../src/tenant/tenant.js';
import { runCli } from '../cli/run-cli.js';
import { BASE_TENANT } from './fixtures.js';
import { writeWorkbook } from './workbook.js';

const dir = mkdtempSync(join(tmpdir(), 'lists-xlsx-'));
const NOW = Date.parse('2026-11-21T16:00:00Z');
const HEADER = ['Id', 'FirstName', 'LastName', 'MobilePhone', 'HomePhone', 'WorkPhone', 'Tz', 'ExpiresOn'];

describe('calling lists from XLSX', () => {
  it('loads a sheet with formulas, dates and empty rows; rejected rows carry their sheet row number', async () => {
    const tenant = tenantFromData(BASE_TENANT);
    const f = join(dir, 'calls.xlsx');
    await writeWorkbook(f, {
      rows: [
        HEADER,
        ['P1', 'Ada', 'Lovelace', 3035550100, null, null, null, new Date('2027-01-31T00:00:00Z')],
        null,
        ['P2', { formula: 'UPPER("bob")', result: 'BOB' }, 'Byte', { formula: 'D2+1', result: 3035550101 }, null, null, 'America/Chicago', null],
        ['P3', 'Cy', 'Cole', null, null, null, null, null],
        null,
        ['P4', 'Dee', 'Dale', 2125550100, null, null, null, new Date('2020-01-01T00:00:00Z')],
        ['P5', 'Eve', 'Err', { error: '#VALUE!' }, null, null, null, null],
      ],
    });
    const report = await uploadCallingList(tenant.store, { file: f, skillNo: 1234, sourceName: 'SalesforceLeads', mapping: null, nowMs: NOW });
    expect(report).toMatchObject({ rows: 5, loaded: 2, updated: 0, rejected: 3 });
    expect(readFileSync(report.rejectedFile!, 'utf8').trim().split('\n')).toEqual([
      'Row,Reason,Id,FirstName,LastName,MobilePhone,HomePhone,WorkPhone,Tz,ExpiresOn',
      '5,No valid destination,P3,Cy,Cole',
      '7,Expired,P4,Dee,Dale,2125550100,,,,2020-01-01',
      '8,cell Sheet1!D8 holds the error #VALUE!,P5,Eve,Err',
    ]);
    const p2 = tenant.store.prospect(1234, 'P2')!;
    expect(p2).toMatchObject({ firstName: 'BOB', destinations: ['+13035550101'], timeZone: 'America/Chicago' });
    expect(new Date(tenant.store.prospect(1234, 'P1')!.expiresAtMs!).toISOString()).toBe('2027-02-01T06:59:59.999Z'); // a date alone: the end of that day in the BU zone, as in CSV
  });

  it('a damaged workbook is refused and nothing of it is written, on SQLite too', async () => {
    const store = new SqliteTenantStore(join(dir, 'x.db'), 'America/Denver', 1);
    tenantFromData(BASE_TENANT, { state: join(dir, 'x.db') }).close();
    const f = join(dir, 'good.xlsx');
    await writeWorkbook(f, { rows: [HEADER, ['P1', 'Ada', 'Lovelace', 3035550100]] });
    const cut = join(dir, 'cut.xlsx');
    (await import('node:fs')).writeFileSync(cut, readFileSync(f).subarray(0, 2000));
    await expect(uploadCallingList(store, { file: cut, skillNo: 1234, sourceName: 'SalesforceLeads', mapping: null, nowMs: NOW })).rejects.toThrow(ListUploadError);
    expect(store.prospectCount()).toBe(0);
    store.close();
  });

  it('lists upload takes an .xlsx file on the command line', async () => {
    const f = join(dir, 'cli.xlsx');
    await writeWorkbook(f, { rows: [['Key', 'Cell'], ['C1', '(303) 555-0100'], ['C2', '']] });
    const tenantFile = join(dir, 'tenant.json');
    (await import('node:fs')).writeFileSync(tenantFile, JSON.stringify(BASE_TENANT));
    const r = await runCli(['lists', 'upload', f, '--skill', '1234', '--source', 'Sheet', '--map', 'ExternalID=Key', '--map', 'Destinations=Cell', '--tenant', tenantFile, '--json', '--now', '2026-11-21T09:00:00Z']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject({ rows: 2, loaded: 1, rejected: 1 });
  });
});
