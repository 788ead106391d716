// `pocs upload`: every rule of seed 002's bulk upload, for CSV and XLSX files
// alike — the Modified Row column, creating and changing POCs, rejected rows
// with their row number and reason, deactivation blocked by an active skill,
// and one transaction for the whole upload.
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Collection, TenantStore } from '../../src/contract/tenant-store.js';
import { findPoc, type PocRecord } from '../../src/tenant/pocs/records.js';
import { uploadPocs, PocUploadError } from '../../src/tenant/pocs/upload.js';
import { tenantFromData, type Tenant } from '../../src/tenant/tenant.js';
import { writeWorkbook, type CellInput } from '../tenant/workbook.js';

const dir = mkdtempSync(join(tmpdir(), 'pocs-upload-'));
let n = 0;

const TENANT = {
  timeZone: 'America/Denver',
  skills: [
    { id: 2001, name: 'Inbound_Support', media: 'Phone', script: 'SupportLine' },
    { id: 2002, name: 'Inbound_Sales', media: 'Phone' },
    { id: 2003, name: 'Support_Email', media: 'Email' },
    { id: 2004, name: 'Old_Sales', media: 'Phone', active: false },
  ],
  pointsOfContact: [
    { id: 8005550100, name: 'Support line', skill: 2001 },
    { id: 8005550101, name: 'Sales line', skill: 2002, script: 'SalesLine' },
  ],
};

const HEADER = ['Point of Contact', 'Name', 'Channel', 'Skill', 'Script', 'Active', 'Modified Row'];

type Format = 'csv' | 'xlsx';

/** Writes rows (header first) as a CSV or XLSX file. */
async function table(format: Format, rows: CellInput[][]): Promise<string> {
  const file = join(dir, `t${++n}.${format}`);
  if (format === 'xlsx') await writeWorkbook(file, { rows });
  else writeFileSync(file, rows.map((r) => r.map((c) => (c === null ? '' : String(c))).join(',')).join('\n') + '\n');
  return file;
}

const open = (state?: string): Tenant => tenantFromData(TENANT, state ? { state } : {});
const poc = (t: Tenant, id: string): PocRecord | undefined => findPoc(t.store, id);

describe.each<Format>(['csv', 'xlsx'])('pocs upload from %s', (format) => {
  it('only rows marked modified are applied (Changed Rows Only)', async () => {
    const t = open();
    const file = await table(format, [
      HEADER,
      [8005550100, 'Support line (new name)', 'Phone', 2001, '', 'Y', 'Y'],
      [8005550101, 'Sales line renamed but not marked', 'Phone', 2002, '', 'Y', 'N'],
      [8005550102, 'New unmarked line', 'Phone', 2002, '', 'Y', ''],
      [8005550103, 'New marked line', 'Phone', 2002, '', 'Y', 'y'],
    ]);
    const report = await uploadPocs(t.store, { file });
    expect(report).toMatchObject({ rowsIncluded: 'changed', rows: 4, created: 1, updated: 1, skipped: 2, rejected: 0, rejectedFile: null });
    expect(poc(t, '8005550100')?.name).toBe('Support line (new name)');
    expect(poc(t, '8005550101')?.name).toBe('Sales line');
    expect(poc(t, '8005550102')).toBeUndefined();
    expect(poc(t, '8005550103')).toMatchObject({ name: 'New marked line', channel: 'Phone', skill: 2002, script: null, active: true });
  });

  it('without a Modified Row column every row is applied (All Rows), and --rows all ignores the marks', async () => {
    const t = open();
    const plain = await table(format, [HEADER.slice(0, 6), [8005550104, 'Line four', 'Phone', 2002, '', 'Y'], [8005550101, 'Sales renamed', '', '', '', '']]);
    expect(await uploadPocs(t.store, { file: plain })).toMatchObject({ rowsIncluded: 'all', created: 1, updated: 1, skipped: 0 });
    const marked = await table(format, [HEADER, [8005550105, 'Line five', 'Phone', 2002, '', 'Y', 'N']]);
    expect(await uploadPocs(t.store, { file: marked, rows: 'all' })).toMatchObject({ rowsIncluded: 'all', created: 1, skipped: 0 });
    await expect(uploadPocs(t.store, { file: plain, rows: 'changed' })).rejects.toThrow(/Changed Rows Only needs a Modified Row column/);
  });

  it('blank cells keep what an existing point of contact has; a new one needs a name, a channel and a skill', async () => {
    const t = open();
    const file = await table(format, [
      HEADER,
      ['+1 800 555 0101', '', '', '', '', '', 'Y'],
      [8005550106, '', 'Phone', 2002, '', '', 'Y'],
      ['WebChat', 'Web chat', '', 2002, '', '', 'Y'],
      ['sales@example.com', 'Sales mailbox', '', 2003, 'SalesMail', '', 'Y'],
    ]);
    const report = await uploadPocs(t.store, { file });
    expect(report).toMatchObject({ unchanged: 1, created: 1, rejected: 2 });
    expect(poc(t, '8005550101')).toMatchObject({ name: 'Sales line', script: 'SalesLine' });
    expect(poc(t, 'SALES@example.com')).toMatchObject({ channel: 'Email', skill: 2003, script: 'SalesMail' });
    expect(readFileSync(report.rejectedFile!, 'utf8')).toContain('a new point of contact needs a Name');
  });

  it('each rejected row is reported with its row number and reason, in the format of lists upload', async () => {
    const t = open();
    const file = await table(format, [
      HEADER,
      ['not a number', 'Bad', 'Phone', 2001, '', 'Y', 'Y'],
      [8005550107, 'Wrong media', 'Phone', 2003, '', 'Y', 'Y'],
      [8005550108, 'Unknown skill', 'Phone', 'NoSuchSkill', '', 'Y', 'Y'],
      [8005550109, 'Fine', 'Voice', 'inbound_sales', '', 'Yes', 'Y'],
      [8005550109, 'Twice', 'Phone', 2002, '', 'Y', 'Y'],
      [8005550110, 'Odd flag', 'Phone', 2002, '', 'maybe', 'Y'],
    ]);
    const report = await uploadPocs(t.store, { file, rejectedFile: join(dir, `rejected-${format}.csv`) });
    expect(report).toMatchObject({ created: 1, rejected: 5 });
    expect(poc(t, '8005550109')).toMatchObject({ name: 'Fine', skill: 2002 });
    expect(readFileSync(report.rejectedFile!, 'utf8')).toBe(
      [
        'Row,Reason,Point of Contact,Name,Channel,Skill,Script,Active,Modified Row',
        '2,not a number is not a valid phone number (a Phone point of contact is a number),not a number,Bad,Phone,2001,,Y,Y',
        '3,skill 2003 (Support_Email) is an Email skill: a Phone point of contact needs a Phone skill,8005550107,Wrong media,Phone,2003,,Y,Y',
        '4,skill NoSuchSkill does not exist in this business unit,8005550108,Unknown skill,Phone,NoSuchSkill,,Y,Y',
        '6,point of contact 8005550109 is already in row 5 of this file,8005550109,Twice,Phone,2002,,Y,Y',
        '7,"Active ""maybe"" is not Y or N",8005550110,Odd flag,Phone,2002,,maybe,Y',
        '',
      ].join('\n'),
    );
  });

  it('deactivating a point of contact still assigned to an active skill fails naming the skill', async () => {
    const t = open();
    const file = await table(format, [
      HEADER,
      [8005550100, '', '', '', '', 'N', 'Y'],
      // Seed 002's way out: assign the POC to an inactive skill, then deactivate it.
      [8005550101, '', '', 2004, '', 'N', 'Y'],
    ]);
    const report = await uploadPocs(t.store, { file });
    expect(report).toMatchObject({ updated: 1, rejected: 1 });
    expect(readFileSync(report.rejectedFile!, 'utf8')).toContain(
      '2,point of contact 8005550100 cannot be deactivated because it is still assigned to an active skill: 2001 (Inbound_Support); assign it to an inactive skill first',
    );
    expect(poc(t, '8005550100')?.active).toBe(true);
    expect(poc(t, '8005550101')).toMatchObject({ skill: 2004, active: false });
  });

  it('a file that cannot be read applies nothing and writes no rejected rows', async () => {
    const t = open();
    const good = [HEADER, [8005550111, 'Line', 'Phone', 2002, '', 'Y', 'Y'], ['bad', 'Bad', 'Phone', 2002, '', 'Y', 'Y']];
    const file = await table(format, good as CellInput[][]);
    const broken = join(dir, `broken${++n}.${format}`);
    if (format === 'csv') writeFileSync(broken, readFileSync(file, 'utf8') + '8005550112,"unclosed\n');
    else writeFileSync(broken, readFileSync(file).subarray(0, 600));
    const rejectedFile = join(dir, `never-${n}.csv`);
    await expect(uploadPocs(t.store, { file: broken, rejectedFile })).rejects.toBeInstanceOf(PocUploadError);
    expect(poc(t, '8005550111')).toBeUndefined();
    expect(existsSync(rejectedFile)).toBe(false);
  });

  it('a header without a Point of Contact column, or with a column twice, is refused', async () => {
    const t = open();
    await expect(uploadPocs(t.store, { file: await table(format, [['Name', 'Skill'], ['A', 2001]]) })).rejects.toThrow(/no Point of Contact column: the header row needs one \(found Name, Skill\)/);
    await expect(uploadPocs(t.store, { file: await table(format, [['POC', 'Point of Contact'], ['8005550100', '8005550100']]) })).rejects.toThrow(/columns "POC" and "Point of Contact" both give the Point of Contact/);
  });
});

describe('one transaction', () => {
  /** A store whose `pocs` collection fails at the third write, as a full disk would. */
  function failingAtThirdWrite(store: TenantStore): TenantStore {
    let writes = 0;
    return new Proxy(store, {
      get(target, prop, receiver) {
        if (prop !== 'collection') return Reflect.get(target, prop, receiver);
        return (name: string) => {
          const c = target.collection(name) as Collection<unknown>;
          if (name !== 'pocs') return c;
          return new Proxy(c, {
            get(ct, p, r) {
              if (p !== 'put') return Reflect.get(ct, p, r);
              return (id: string, rec: unknown) => {
                if (++writes === 3) throw new Error('disk full');
                return ct.put(id, rec);
              };
            },
          });
        };
      },
    });
  }

  it.each([['memory'], ['sqlite']])('a failure while applying leaves nothing half-applied (%s store)', async (kind) => {
    const t = open(kind === 'sqlite' ? join(dir, `tx${++n}.db`) : undefined);
    const file = await table('csv', [HEADER, ...[0, 1, 2, 3].map((i) => [`800555020${i}`, `Line ${i}`, 'Phone', 2002, '', 'Y', 'Y'])]);
    await expect(uploadPocs(failingAtThirdWrite(t.store), { file })).rejects.toThrow('disk full');
    expect([0, 1, 2, 3].map((i) => poc(t, `800555020${i}`))).toEqual([undefined, undefined, undefined, undefined]);
    expect(poc(t, '8005550100')?.name).toBe('Support line');
    t.close();
  });
});

describe('XLSX sheets as people make them', () => {
  it('reads formulas by their result, leaves dates and other unknown columns aside, skips empty rows, numbers rows by sheet row', async () => {
    const t = open();
    const file = join(dir, 'people.xlsx');
    await writeWorkbook(file, {
      rows: [
        [...HEADER, 'Updated On', 'Notes'],
        null,
        [8005550120, 'Formula base', 'Phone', 2002, '', true, 'Y', new Date('2026-02-01T00:00:00Z'), 'first'],
        [{ formula: 'A3+1', result: 8005550121 }, { formula: 'CONCATENATE("Line ","two")', result: 'Line two' }, 'Phone', { formula: '2000+2', result: 2002 }, '', 'Y', 'Y', 46054, null],
        null,
        null,
        [{ error: '#REF!' }, 'Broken', 'Phone', 2002, '', 'Y', 'Y', null, null],
        ['sales@example.com', 'Sales', 'Email', 2003, '', 'Y', 'N', null, null],
      ],
      formats: { H4: 'yyyy-mm-dd' },
    });
    const report = await uploadPocs(t.store, { file });
    expect(report).toMatchObject({ rows: 4, created: 2, skipped: 1, rejected: 1, ignoredColumns: ['Updated On', 'Notes'] });
    expect(poc(t, '8005550121')).toMatchObject({ name: 'Line two', skill: 2002 });
    expect(readFileSync(report.rejectedFile!, 'utf8').split('\n')[1]).toBe('7,cell Sheet1!A7 holds the error #REF!,,Broken,Phone,2002,,Y,Y');
  });
});
