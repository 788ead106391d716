import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { displayPath } from '../../src/cli/output.js';
import { runCli } from '../cli/run-cli.js';

const tenantCli = (args: string[]) => runCli(['tenant', ...args]);

const dir = mkdtempSync(join(tmpdir(), 'tenant-cli-'));
const file = (name: string, text: string) => {
  const f = join(dir, name);
  writeFileSync(f, text);
  return f;
};

describe('studio-script tenant check', () => {
  it('accepts the example tenant with a one-line summary', async () => {
    const r = await tenantCli(['check', new URL('../../scripts-examples/tenant.yaml', import.meta.url).pathname]);
    expect(r.code).toBe(0);
    expect(r.err).toMatch(/tenant\.yaml: ok — BU 4600123 \(America\/Denver\), \d+ agents, \d+ skills \(\d+ Personal Connection\), 1 hours profile, \d+ sources?, 1 CRM configuration/);
  });

  it('prints every error located with a caret and exits 2', async () => {
    const f = file('bad.yaml', 'timeZone: America/Denver\nskills:\n  - { id: 1, name: "PC Sales" }\n');
    const r = await tenantCli(['check', f]);
    expect(r.code).toBe(2);
    expect(r.err).toContain(`${displayPath(f)}:3:20: error E-TENANT-SCHEMA skills[0].name: skill names are 2–30 characters`);
    expect(r.err).toContain('3 |   - { id: 1, name: "PC Sales" }');
    expect(r.err).toMatch(/\^{10}/);
    expect(r.err).not.toMatch(/at .*\.ts:\d+/);
  });

  it('prints JSON diagnostics with --json', async () => {
    const f = file('bad.json', '{ "timeZone": "Nowhere/City" }');
    const r = await tenantCli(['check', f, '--json']);
    expect(r.code).toBe(2);
    expect(JSON.parse(r.out)).toEqual({
      diagnostics: [{ file: displayPath(f), line: 1, col: 15, severity: 'error', code: 'E-TENANT-ZONE', message: expect.stringContaining('"Nowhere/City" is not an IANA zone') }],
    });
  });

  it('reports a missing file', async () => {
    const r = await tenantCli(['check', join(dir, 'missing.yaml')]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/cannot read tenant file: file not found/);
  });

  it('prints the JSON Schema', async () => {
    const r = await tenantCli(['schema']);
    expect(JSON.parse(r.out).properties.skills.items.properties.name.pattern).toBe('^[\\p{L}\\p{N}_.:-]{2,30}$');
  });
});

describe('studio-script tenant show', () => {
  it('summarises what a state file holds, without its tenant file', async () => {
    const { loadTenant } = await import('../../src/tenant/tenant.js');
    const state = join(dir, 'show.db');
    const tenant = await loadTenant(new URL('../../scripts-examples/tenant.yaml', import.meta.url).pathname, { state });
    tenant.store.upsertProspect({
      skillNo: 1234, externalId: 'x1', sourceName: 'KustomerLeads', firstName: null, lastName: null, destinations: ['+13035550100'],
      timeZone: 'America/Denver', expiresAtMs: null, fields: {}, status: 'queued', createdAtMs: Date.parse('2026-11-21T16:00:00Z'),
      updatedAtMs: Date.parse('2026-11-21T16:00:00Z'), dialedAtMs: null,
    });
    tenant.close();
    const r = await tenantCli(['show', '--state', state]);
    expect(r.code).toBe(0);
    expect(r.out).toContain('business unit 4600123, America/Denver, sqlite store');
    expect(r.out).toContain('1234 PC_Outbound_Sales (Outbound, Personal Connection); calling list: 1 queued, 0 dialed, 0 expired; dialer 0.5/min; oldest queued 2026-11-21T09:00:00.000-07:00');
    expect(r.out).toMatch(/crm\.records\.kustomer-prod\.leads: 240/);
    const json = JSON.parse((await tenantCli(['show', '--state', state, '--json'])).out);
    expect(json.skills[0].prospects).toEqual({ queued: 1, dialed: 0, expired: 0 });
  });

  it('reports a file that is not a state file', async () => {
    const bad = file('not.db', 'hello');
    const r = await tenantCli(['show', '--state', bad]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/E-TENANT-STATE cannot open state file/);
    const missing = await tenantCli(['show', '--state', join(dir, 'missing.db')]).catch((e: Error) => ({ code: 2, out: '', err: e.message }));
    expect(missing.err).toMatch(/state file not found/);
  });
});
