// Large tenant data in files the tenant file names: CRM records from CSV,
// JSON Lines or JSON, calling lists from CSV through the upload pipeline;
// streamed into the store after the sections, located errors in the data
// files, loaded once into a state file.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ScriptLoadError } from '../../src/contract/diagnostics.js';
import { CrmState } from '../../src/tenant/crm/state.js';
import { checkTenantFile, loadTenant, openCheckedTenant } from '../../src/tenant/tenant.js';
import { runCli } from '../cli/run-cli.js';
import { folder } from '../reliability/cli.js';

const CRM = (records: string) => `crm:
  - id: kustomer-prod
    type: Kustomer
    region: AMERICAS
    baseUrl: https://x.api.kustomerapp.com
    screenpopUrl: https://x.kustomerapp.com/app/customers
    records:
${records}
`;

const PC = `timeZone: America/Denver
skills:
  - { id: 1234, name: PC_Out, direction: Outbound, personalConnection: true }
  - { id: 2001, name: Inbound, direction: Inbound }
sources:
  - name: Leads
    mapping: { ExternalID: Id, FirstName: First, Destinations: [Cell, Home] }
`;

const errorsOf = async (file: string, state?: string) => ((await loadTenant(file, { state }).catch((e: unknown) => e)) as ScriptLoadError).diagnostics;

describe('CRM records in data files', () => {
  it('streams CSV, JSON Lines and JSON records into their record types', async () => {
    const dir = folder({
      'tenant.yaml': `timeZone: UTC\n${CRM('      leads: { file: data/leads.csv }\n      customers: { file: customers.jsonl }\n      conversations: { file: conversations.json }')}`,
      'customers.jsonl': '{"id":"c1","name":"Ada","phones":["+13035550100"]}\n\n{"name":"No id","phones":["12"]}\n',
      'conversations.json': '[\n  { "id": "conv-1", "customer": "c1" },\n  { "customer": "c1" }\n]\n',
      'data/leads.csv': 'id,firstName,mobilePhone,status,tags\nL1,Ada,303-555-0100,New,vip|west\nL2,Bob,,New,\n',
    });
    const tenant = await loadTenant(join(dir, 'tenant.yaml'));
    const crm = new CrmState(tenant.store);
    expect(crm.records('kustomer-prod', 'leads').all()).toEqual([
      { id: 'L1', firstName: 'Ada', mobilePhone: '303-555-0100', status: 'New', tags: ['vip', 'west'] },
      { id: 'L2', firstName: 'Bob', status: 'New' },
    ]);
    expect(crm.records('kustomer-prod', 'customers').all().map((c) => c.id)).toEqual(['c1', 'customer-2']);
    expect(crm.records('kustomer-prod', 'conversations').all().map((c) => c.id)).toEqual(['conv-1', 'conversation-2']);
    expect(crm.entities('kustomer-prod')).toEqual(expect.arrayContaining(['leads', 'customers', 'conversations']));
    // A customer phone SearchForANI cannot match is a warning located in the data file.
    expect(tenant.warnings.map((w) => [w.code, w.span.file, w.span.line])).toEqual([['W-TENANT-CRM-PHONE', join(dir, 'customers.jsonl'), 3]]);
  });

  it('locates problems in a data file, and loads nothing of the tenant', async () => {
    const tenantWith = (file: string, text: string) => {
      const dir = folder({ 'tenant.yaml': CRM(`      leads: { file: ${file} }`), [file]: text });
      return join(dir, 'tenant.yaml');
    };
    const cells = await errorsOf(tenantWith('leads.csv', 'id,status\nL1,New\nL2,New,extra\n'));
    expect(cells.map((d) => [d.code, d.span.file.split('/').pop(), d.span.line, d.message])).toEqual([['E-TENANT-DATA', 'leads.csv', 3, 'expected 2 cells (the header\'s columns), found 3']]);
    // A quote error is located where it is, as in an uploaded list: the quote never closed, the character after a closing quote.
    const open = await errorsOf(tenantWith('leads.csv', 'id,status\nL1,New\nL2,"New\nL3,New\n'));
    expect(open.map((d) => [d.code, d.span.line, d.span.col, d.message])).toEqual([['E-TENANT-DATA', 3, 4, 'not valid CSV: quote not closed: this quoted cell runs to the end of the file']]);
    const closing = await errorsOf(tenantWith('leads.csv', 'id,status\nL1,"New"x\n'));
    expect(closing.map((d) => [d.span.line, d.span.col, d.message.slice(0, 37)])).toEqual([[2, 9, 'not valid CSV: invalid closing quote:']]);
    const json = await errorsOf(tenantWith('leads.jsonl', '{"id":"L1"}\n{"id": "L2",}\n'));
    expect(json.map((d) => [d.span.line, d.span.col, d.message.slice(0, 14)])).toEqual([[2, 13, 'not valid JSON']]);
    const array = await errorsOf(tenantWith('leads.json', '[\n  {"id":"L1"},\n  "L2"\n]\n'));
    expect(array.map((d) => [d.span.line, d.span.col, d.message])).toEqual([[3, 3, 'item 2 of the array is not an object (a record)']]);
    const id = await errorsOf(tenantWith('leads.jsonl', '{"id":{"a":1}}\n'));
    expect(id[0]!.message).toBe('a record id must be text or a number');
  });

  it('reports a data file that cannot be read (a folder named like one) located, never as a crash', async () => {
    const read = async (name: string) => {
      const dir = folder({ 'tenant.yaml': CRM(`      leads: { file: ${name} }`), [`${name}/keep`]: '' });
      return (await errorsOf(join(dir, 'tenant.yaml'))).map((d) => [d.code, d.span.file.split('/').pop(), d.span.line, d.span.col, d.message]);
    };
    for (const name of ['leads.csv', 'leads.jsonl', 'leads.json']) expect(await read(name)).toEqual([['E-TENANT-DATA', name, 1, 1, 'a folder, not a data file']]);
  });

  it('reports a data file that is missing or of an unknown kind at its place in the tenant file', async () => {
    const dir = folder({ 'tenant.yaml': `timeZone: UTC\n${CRM('      leads: { file: nope.csv }\n      customers: { file: customers.xml }')}` });
    const { diagnostics } = await checkTenantFile(join(dir, 'tenant.yaml'));
    expect(diagnostics.map((d) => [d.code, d.span.line, d.message])).toEqual([
      ['E-TENANT-CRM-DATA-FILE', 9, 'data file not found: nope.csv (relative to the tenant file)'],
      ['E-TENANT-CRM-DATA-FILE', 10, 'records.customers.file must be a .csv, .jsonl, .ndjson or .json file (got "customers.xml")'],
    ]);
  });

  it('needs the asynchronous loader, which reads the files', async () => {
    const dir = folder({ 'tenant.yaml': CRM('      leads: { file: leads.csv }'), 'leads.csv': 'id\nL1\n' });
    const checked = await checkTenantFile(join(dir, 'tenant.yaml'));
    expect(() => openCheckedTenant(checked)).toThrow(ScriptLoadError);
    expect(() => openCheckedTenant(checked)).toThrow(/open it with loadTenant/);
  });
});

describe('calling lists in data files', () => {
  it('load through the upload pipeline at loadedAt, rejected rows as one warning', async () => {
    const dir = folder({
      'tenant.yaml': `${PC}callingLists:\n  - { skill: 1234, source: Leads, file: list.csv, loadedAt: "2026-11-20T08:00:00" }\n`,
      'list.csv': 'Id,First,Cell,Home\nP1,Ada,(303) 555-0100,\nP2,Bob,12,\nP3,Cy,,720-555-0101\nP1,Ada,(303) 555-0109,\n',
    });
    const tenant = await loadTenant(join(dir, 'tenant.yaml'));
    const at = Date.parse('2026-11-20T15:00:00Z');
    expect(tenant.store.prospects(1234).map((p) => [p.externalId, p.firstName, p.destinations, p.timeZone, p.createdAtMs])).toEqual([
      ['P1', 'Ada', ['+13035550109'], 'America/Denver', at],
      ['P3', 'Cy', ['+17205550101'], 'America/Denver', at],
    ]);
    expect(tenant.store.queueDepth(1234)).toBe(2);
    expect(tenant.warnings.map((w) => [w.code, w.message])).toEqual([['W-TENANT-LIST', '1 of 4 rows rejected (row 3: No valid destination)']]);
  });

  it('checks the skill, source, file and dates at their places in the tenant file', async () => {
    const dir = folder({
      'tenant.yaml': `${PC}callingLists:\n  - { skill: 2001, source: Nope, file: list.txt, loadedAt: someday, timeZone: Mars/Base }\n`,
    });
    const { diagnostics } = await checkTenantFile(join(dir, 'tenant.yaml'));
    expect(diagnostics.map((d) => [d.code, d.span.line, d.span.col, d.message])).toEqual([
      ['E-TENANT-LIST', 9, 14, 'skill 2001 cannot take a calling list: it must be an active, outbound Personal Connection skill'],
      ['E-TENANT-LIST', 9, 28, 'source Nope is not in sources'],
      ['E-TENANT-LIST', 9, 40, 'a calling list is a .csv file (got "list.txt")'],
      ['E-TENANT-LIST', 9, 60, 'loadedAt "someday" is not a date (ISO-8601, e.g. 2026-11-20T08:00:00)'],
      ['E-TENANT-LIST', 9, 79, 'timeZone "Mars/Base" is not an IANA or Windows time zone name'],
    ]);
    const missing = folder({ 'tenant.yaml': `${PC}callingLists:\n  - { skill: 1234, source: Leads, file: gone.csv, loadedAt: "2026-11-20T08:00:00" }\n` });
    expect((await checkTenantFile(join(missing, 'tenant.yaml'))).diagnostics.map((d) => [d.code, d.span.line, d.span.col, d.message])).toEqual([
      ['E-TENANT-LIST', 9, 41, 'calling list file not found: gone.csv (relative to the tenant file)'],
    ]);
  });

  it('go into a state file once: later opens keep what runs changed', async () => {
    const dir = folder({
      'tenant.yaml': `${PC}callingLists:\n  - { skill: 1234, source: Leads, file: list.csv, loadedAt: "2026-11-20T08:00:00" }\n${CRM('      leads: { file: leads.csv }')}`,
      'list.csv': 'Id,First,Cell,Home\nP1,Ada,(303) 555-0100,\n',
      'leads.csv': 'id,status\nL1,New\n',
    });
    const state = join(dir, 'state.db');
    const first = await loadTenant(join(dir, 'tenant.yaml'), { state });
    first.store.transaction(() => {
      first.store.dialNext(1234, 1, Date.parse('2026-11-21T16:00:00Z'));
      new CrmState(first.store).records('kustomer-prod', 'leads').put('L1', { id: 'L1', status: 'Queued' });
    });
    first.close();
    const again = await loadTenant(join(dir, 'tenant.yaml'), { state });
    expect(again.store.prospect(1234, 'P1')?.status).toBe('dialed');
    expect(again.store.prospectCount()).toBe(1);
    expect(new CrmState(again.store).records('kustomer-prod', 'leads').all()).toEqual([{ id: 'L1', status: 'Queued' }]);
    again.close();
  });
});

describe('a data file that fails to load into a new state file', () => {
  it('leaves the file new, so the next open loads the whole tenant once the data is mended', async () => {
    const dir = folder({
      'tenant.yaml': `${PC}callingLists:\n  - { skill: 1234, source: Leads, file: list.csv, loadedAt: "2026-11-20T08:00:00" }\n${CRM('      leads: { file: leads.csv }')}`,
      'list.csv': 'Id,First,Cell,Home\nP1,Ada,(303) 555-0100,\n',
      'leads.csv': 'id,status\nL1,New,extra\n',
    });
    const state = join(dir, 'state.db');
    expect((await errorsOf(join(dir, 'tenant.yaml'), state)).map((d) => [d.code, d.span.line])).toEqual([['E-TENANT-DATA', 2]]);
    writeFileSync(join(dir, 'leads.csv'), 'id,status\nL1,New\n');
    const mended = await loadTenant(join(dir, 'tenant.yaml'), { state });
    expect(mended.store.skill(1234)?.name).toBe('PC_Out');
    expect(mended.store.prospectCount()).toBe(1);
    expect(new CrmState(mended.store).records('kustomer-prod', 'leads').all()).toEqual([{ id: 'L1', status: 'New' }]);
    mended.close();
  });
});

describe('studio-script tenant check', () => {
  it('reads the data files too', async () => {
    const dir = folder({ 'tenant.yaml': CRM('      leads: { file: leads.csv }'), 'leads.csv': 'id,status\nL1,New,x\n' });
    const r = await runCli(['tenant', 'check', join(dir, 'tenant.yaml')]);
    expect(r.code).toBe(2);
    expect(r.err).toContain('leads.csv:2:1: error E-TENANT-DATA expected 2 cells');
  });
});
