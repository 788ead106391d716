// Bulk loads that fail in the store (a full disk, a locked state file): every
// loader (a tenant's data files, `lists upload`, `pocs upload`, a digital
// skill's list) reports it as the state file's problem, E-TENANT-STATE at
// the file, whether it happens as the load opens or midway, and keeps nothing
// of the load; a problem in a data file stays the data file's. The disk is
// made "full" for real: SQLite's max_page_count caps the file a few pages
// above its size, so the load's own writes fail with SQLITE_FULL.
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ScriptLoadError, type Diagnostic } from '../../src/contract/diagnostics.js';
import { loadListFile } from '../../src/tenant/digital/list-file.js';
import { ListUploadError, uploadCallingList } from '../../src/tenant/lists-upload.js';
import { findPoc } from '../../src/tenant/pocs/records.js';
import { PocUploadError, uploadPocs } from '../../src/tenant/pocs/upload.js';
import { SqliteTenantStore } from '../../src/tenant/sqlite-store.js';
import { loadTenant, tenantFromData } from '../../src/tenant/tenant.js';
import { BASE_TENANT } from './fixtures.js';

const dir = mkdtempSync(join(tmpdir(), 'bulk-load-'));
let n = 0;
const write = (name: string, text: string): string => {
  const f = join(dir, `${n++}-${name}`);
  writeFileSync(f, text);
  return f;
};
const NOW = Date.parse('2026-11-21T16:00:00Z');
/** A calling list of `rows` good rows, a few hundred bytes each (far more than a capped file has room for), after one rejected row. */
const list = (rows: number, name = 'list.csv'): string => {
  let text = 'Id,FirstName,LastName,MobilePhone,HomePhone,WorkPhone,Tz,ExpiresOn\nX0,Bad,,12,,,,\n';
  for (let i = 0; i < rows; i++) text += `R${i},Ada,${'L'.repeat(200)},303555${String(i % 10000).padStart(4, '0')},,,,\n`;
  return write(name, text);
};

/** Caps the state file a few pages above its size: the next writes that grow it fail as on a full disk. */
const fillUp = (store: SqliteTenantStore): void => {
  const pages = store.db.pragma('page_count', { simple: true }) as number;
  store.db.pragma(`max_page_count = ${pages + 4}`);
};
const locked = (): never => {
  throw Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' });
};
const stateError = (file: string, text: RegExp): Partial<Diagnostic> => ({ code: 'E-TENANT-STATE', span: { file, line: 1, col: 1 }, message: expect.stringMatching(text) });

afterEach(() => {
  vi.restoreAllMocks();
});

describe('a store that fails during a bulk load', () => {
  it('lists upload: E-TENANT-STATE at the state file midway or at the start, nothing kept, no rejected-rows file', async () => {
    const db = join(dir, 'upload.db');
    const tenant = tenantFromData(BASE_TENANT, { state: db });
    const store = tenant.store as SqliteTenantStore;
    const f = list(2000);
    const rows = `${f}.rejected.csv`;
    const upload = () => uploadCallingList(store, { file: f, skillNo: 1234, sourceName: 'SalesforceLeads', mapping: null, nowMs: NOW });

    fillUp(store);
    const full = await upload().catch((e: unknown) => e);
    expect(full).toBeInstanceOf(ListUploadError);
    expect((full as ListUploadError).diagnostics).toMatchObject([stateError(db, /^state file: the disk is full: nothing of this upload was written$/)]);
    expect(store.prospectCount()).toBe(0);
    expect(existsSync(rows)).toBe(false);

    store.db.pragma('max_page_count = 1073741823');
    vi.spyOn(store, 'bulkLoad').mockImplementation(locked);
    const busy = await upload().catch((e: unknown) => e);
    expect((busy as ListUploadError).diagnostics).toMatchObject([stateError(db, /in use by another process .*; nothing of this upload was written$/)]);
    vi.restoreAllMocks();

    // The store is usable afterwards, and the same upload then lands whole.
    expect((await upload()).loaded).toBe(2000);
    expect(store.prospectCount(1234)).toBe(2000);
    tenant.close();
  });

  it('pocs upload: E-TENANT-STATE at the state file, nothing kept', async () => {
    const db = join(dir, 'pocs.db');
    const tenant = tenantFromData({ timeZone: 'UTC', skills: [{ id: 2002, name: 'Inbound_Sales', media: 'Phone' }] }, { state: db });
    const store = tenant.store as SqliteTenantStore;
    let text = 'Point of Contact,Name,Channel,Skill\n';
    for (let i = 0; i < 2000; i++) text += `80055${String(i).padStart(5, '0')},${'N'.repeat(200)},Phone,2002\n`;
    const f = write('pocs.csv', text);
    fillUp(store);
    const full = await uploadPocs(store, { file: f }).catch((e: unknown) => e);
    expect(full).toBeInstanceOf(PocUploadError);
    expect((full as PocUploadError).diagnostics).toMatchObject([stateError(db, /^state file: the disk is full: nothing of this upload was written$/)]);
    expect(findPoc(store, '8005500000')).toBeUndefined();
    vi.spyOn(store, 'bulkLoad').mockImplementation(locked);
    const busy = await uploadPocs(store, { file: f }).catch((e: unknown) => e);
    expect((busy as PocUploadError).diagnostics).toMatchObject([stateError(db, /in use by another process/)]);
    vi.restoreAllMocks();
    store.db.pragma('max_page_count = 1073741823');
    expect(await uploadPocs(store, { file: f })).toMatchObject({ created: 2000, rejected: 0 });
    expect(findPoc(store, '8005500000')).toMatchObject({ skill: 2002 });
    tenant.close();
  });

  it("a digital skill's list: E-TENANT-STATE at the state file", async () => {
    const db = join(dir, 'digital.db');
    const tenant = tenantFromData(BASE_TENANT, { state: db });
    const store = tenant.store as SqliteTenantStore;
    fillUp(store);
    const full = await loadListFile(store, list(2000), 1234, 'SalesforceLeads', NOW).catch((e: unknown) => e);
    expect(full).toBeInstanceOf(ScriptLoadError);
    expect((full as ScriptLoadError).diagnostics).toMatchObject([stateError(db, /the disk is full: nothing of this upload was written$/)]);
    expect(store.prospectCount()).toBe(0);
    vi.spyOn(store, 'bulkLoad').mockImplementation(locked);
    const busy = await loadListFile(store, list(10), 1234, 'SalesforceLeads', NOW).catch((e: unknown) => e);
    expect((busy as ScriptLoadError).diagnostics).toMatchObject([stateError(db, /^state file: in use by another process .*; nothing of the calling list of skill 1234 was written$/)]);
    tenant.close();
  });

  const tenantFile = (rows: number): string => {
    const csv = list(rows, 'leads.csv');
    return write(
      'tenant.yaml',
      `timeZone: America/Denver
skills:
  - { id: 1234, name: PC_Out, direction: Outbound, personalConnection: true }
sources:
  - name: Leads
    mapping: { ExternalID: Id, LastName: LastName, Destinations: [MobilePhone] }
callingLists:
  - { skill: 1234, source: Leads, file: ${JSON.stringify(csv)}, loadedAt: "2026-11-20T08:00:00" }
`,
    );
  };

  it("a tenant's data files: E-TENANT-STATE at the state file (not E-TENANT-DATA at the data file), nothing of the load kept", async () => {
    const file = tenantFile(2000);
    const open = SqliteTenantStore.prototype.bulkLoad;
    for (const [name, fail, text] of [
      [
        'full.db',
        function (this: SqliteTenantStore) {
          fillUp(this);
          return open.call(this);
        },
        /^state file: the disk is full: nothing of this upload was written$/,
      ],
      ['busy.db', locked, /^state file: in use by another process .*; nothing of the tenant's data files was written$/],
    ] as const) {
      const db = join(dir, name);
      const spy = vi.spyOn(SqliteTenantStore.prototype, 'bulkLoad').mockImplementation(fail);
      const err = await loadTenant(file, { state: db }).catch((e: unknown) => e);
      spy.mockRestore();
      expect(err).toBeInstanceOf(ScriptLoadError);
      expect((err as ScriptLoadError).diagnostics).toMatchObject([stateError(db, text)]);
      // Nothing of the list was kept, and the file is whole.
      const again = new SqliteTenantStore(db);
      expect(again.prospectCount()).toBe(0);
      expect(again.db.pragma('integrity_check', { simple: true })).toBe('ok');
      again.close();
    }
  });

  it("a scratch state file is scratch before the tenant's data files load (they never sync)", async () => {
    const open = SqliteTenantStore.prototype.bulkLoad;
    const journals: unknown[] = [];
    vi.spyOn(SqliteTenantStore.prototype, 'bulkLoad').mockImplementation(function (this: SqliteTenantStore) {
      const bulk = open.call(this);
      journals.push(this.db.pragma('journal_mode', { simple: true }), this.db.pragma('synchronous', { simple: true }));
      return bulk;
    });
    const tenant = await loadTenant(tenantFile(20), { state: join(dir, 'scratch.db'), scratch: true });
    expect(journals).toEqual(['memory', 0]);
    expect(tenant.store.prospectCount(1234)).toBe(20);
    tenant.close();
  });
});
