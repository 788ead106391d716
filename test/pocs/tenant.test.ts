// Points of contact in the tenant file: schema and rules, located errors,
// both stores, and `tenant show`.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkTenantText, loadTenant, tenantFromData } from '../../src/tenant/tenant.js';
import { arrivalAt } from '../../src/tenant/pocs/arrival.js';
import { allPocs, findPoc } from '../../src/tenant/pocs/records.js';
import { summarizeTenant, formatSummary } from '../../src/tenant/summary.js';
import { runCli } from '../cli/run-cli.js';

const PROJECT = join(import.meta.dirname, 'project');
const TENANT = join(PROJECT, 'tenant.yaml');
const dir = mkdtempSync(join(tmpdir(), 'pocs-tenant-'));

const skills = [
  { id: 2001, name: 'Inbound_Support', media: 'Phone' },
  { id: 2003, name: 'Support_Email', media: 'Email' },
  { id: 2004, name: 'Old_Sales', media: 'Phone', active: false },
];

function errors(pocs: unknown[]): string[] {
  const text = JSON.stringify({ skills, pointsOfContact: pocs }, null, 2);
  return checkTenantText(text, 't.json').diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.span.line}: ${d.code} ${d.message}`);
}

describe('points of contact in the tenant file', () => {
  it('loads id, name, channel, skill, script and active flag into both stores', async () => {
    for (const state of [undefined, join(dir, 'load.db')]) {
      const t = await loadTenant(TENANT, state ? { state } : {});
      expect(allPocs(t.store).map((p) => [p.id, p.channel, p.skill, p.script, p.active])).toEqual([
        ['8005550100', 'Phone', 2001, null, true],
        ['+1 (800) 555-0101', 'Phone', 2002, 'SalesLine', true],
        ['Support@Example.com', 'Email', 2003, null, true],
        ['8005550199', 'Phone', 2004, null, false],
      ]);
      expect(findPoc(t.store, '800.555.0101')?.name).toBe('Sales line');
      expect(findPoc(t.store, 'support@example.COM')?.name).toBe('Support mailbox');
      t.close();
    }
  });

  it('a POC still assigned to an active skill cannot be inactive, and the error names the skill', () => {
    expect(errors([{ id: 8005550100, name: 'Main', skill: 2001, active: false }])).toEqual([
      '25: E-TENANT-POC point of contact 8005550100 cannot be deactivated because it is still assigned to an active skill: 2001 (Inbound_Support); assign it to an inactive skill first',
    ]);
    expect(errors([{ id: 8005550100, name: 'Main', skill: 2004, active: false }])).toEqual([]);
  });

  it('checks the id against the channel, the skill and its media, and duplicates, each located', () => {
    expect(
      errors([
        { id: 'not-a-number', name: 'A', skill: 2001 },
        { id: 'nobody', name: 'B', channel: 'Email', skill: 2003 },
        { id: 8005550100, name: 'C', skill: 9999 },
        { id: 8005550101, name: 'D', skill: 2003 },
        { id: 8005550102, name: 'E', skill: 2001 },
        { id: '(800) 555-0102', name: 'F', skill: 2001 },
      ]),
    ).toEqual([
      '22: E-TENANT-POC not-a-number is not a valid phone number (a Phone point of contact is a number)',
      '27: E-TENANT-POC nobody is not an e-mail address (an Email point of contact is an address)',
      '35: E-TENANT-POC skill 9999 does not exist in this business unit',
      '40: E-TENANT-POC skill 2003 (Support_Email) is an Email skill: a Phone point of contact needs a Phone skill',
      '48: E-TENANT-DUPLICATE point of contact (800) 555-0102 is already declared by pointsOfContact[4]',
    ]);
    const schema = checkTenantText(JSON.stringify({ skills, pointsOfContact: [{ id: 1, skill: 2001, extra: true }] }), 't.json').diagnostics;
    expect(schema.map((d) => d.message).join('\n')).toMatch(/name/);
  });

  it('`tenant show` lists the points of contact', async () => {
    const { code, out } = await runCli(['tenant', 'show', TENANT]);
    expect(code).toBe(0);
    expect(out).toContain('points of contact:\n  8005550100 Support line (Phone): skill 2001, script (the skill\'s)\n');
    expect(out).toContain('  8005550199 Retired line (Phone, inactive): skill 2004');
    const json = await runCli(['tenant', 'show', TENANT, '--json']);
    expect(JSON.parse(json.out).pointsOfContact[2]).toEqual({ id: 'Support@Example.com', name: 'Support mailbox', channel: 'Email', skill: 2003, script: null, active: true });
  });

  it('keeps uploaded POCs in a state file when the tenant file is loaded again', async () => {
    const state = join(dir, 'keep.db');
    const first = await loadTenant(TENANT, { state });
    first.store.collection('pocs').put('+18005550100', { ...findPoc(first.store, '8005550100')!, name: 'Renamed by an upload' });
    first.close();
    const again = await loadTenant(TENANT, { state });
    expect(findPoc(again.store, '8005550100')?.name).toBe('Renamed by an upload');
    expect(formatSummary(summarizeTenant(again.store))).toContain('Renamed by an upload');
    again.close();
  });
});

describe('a contact arriving at a point of contact', () => {
  const tenant = () => tenantFromData({ skills: [...skills, { id: 2002, name: 'Sales', media: 'Phone', script: 'SalesLine' }], pointsOfContact: [
    { id: 8005550100, name: 'Support line', skill: 2001, script: 'SupportLine' },
    { id: 8005550101, name: 'Sales line', skill: 2002 },
    { id: 8005550102, name: 'No script', skill: 2001 },
    { id: 8005550199, name: 'Retired', skill: 2004, active: false },
  ] });

  it('resolves POC → skill → script, the skill giving the script when the POC has none', () => {
    const t = tenant();
    expect(arrivalAt(t.store, '8005550100')).toMatchObject({ script: 'SupportLine', skillNo: 2001, skillName: 'Inbound_Support', dnis: '8005550100' });
    expect(arrivalAt(t.store, '+18005550101')).toMatchObject({ script: 'SalesLine', skillNo: 2002 });
  });

  it('an unknown, inactive or scriptless POC is an error naming it', () => {
    const t = tenant();
    expect(arrivalAt(t.store, '8005550000')).toMatch(/^point of contact "8005550000" does not exist in this business unit \(known: 8005550100, 8005550101/);
    expect(arrivalAt(t.store, '8005550199')).toBe('point of contact 8005550199 (Retired) is inactive: contacts cannot arrive there');
    expect(arrivalAt(t.store, '8005550102')).toBe('point of contact 8005550102 (No script) has no script, and its skill 2001 (Inbound_Support) has none either');
  });
});

