import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ScriptLoadError, type Diagnostic } from '../../src/contract/diagnostics.js';
import { checkTenantText, emptyTenant, loadTenant, tenantFromData } from '../../src/tenant/tenant.js';
import { BASE_TENANT } from './fixtures.js';

const dir = mkdtempSync(join(tmpdir(), 'tenant-load-'));
const write = (name: string, text: string) => {
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
};
const errorsOf = (text: string): Diagnostic[] => checkTenantText(text, 'tenant.yaml').diagnostics.filter((d) => d.severity === 'error');

describe('loadTenant', () => {
  it('loads YAML into the store', async () => {
    const file = write('ok.yaml', `businessUnit: 4600123\ntimeZone: Mountain Standard Time\nskills:\n  - { id: 1234, name: PC_Sales, direction: Outbound, personalConnection: true, dialer: { ratePerMinute: 5 } }\nsources:\n  - name: Leads\n    mapping: { ExternalID: Id, Destinations: [Mobile] }\n`);
    const tenant = await loadTenant(file);
    expect(tenant.timeZone).toBe('America/Denver');
    expect(tenant.businessUnit).toBe(4600123);
    expect(tenant.store.skill(1234)).toMatchObject({ name: 'PC_Sales', media: 'Phone', active: true, dialer: { ratePerMinute: 5 } });
    expect(tenant.store.source('leads')).toMatchObject({ name: 'Leads', maxDestinations: 6, mapping: { ExternalID: 'Id', Destinations: ['Mobile'] } });
    expect(tenant.background().map((b) => b.name)).toEqual(['dialer:1234']);
  });

  it('loads JSON too', async () => {
    const file = write('ok.json', JSON.stringify(BASE_TENANT, null, 2));
    const tenant = await loadTenant(file);
    expect(tenant.store.skills()).toHaveLength(4);
  });

  it('throws ScriptLoadError with every located diagnostic', async () => {
    const file = write('bad.yaml', `timeZone: Mars/Olympus\nskills:\n  - id: 1\n    name: "x"\n    media: Fone\n    colour: red\n`);
    const err = await loadTenant(file).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ScriptLoadError);
    const ds = (err as ScriptLoadError).diagnostics;
    expect(ds.map((d) => [d.span.line, d.span.col])).toEqual(expect.arrayContaining([[4, 11], [5, 12], [6, 5]]));
    expect(ds.every((d) => d.span.file === file)).toBe(true);
  });

  it('reports a missing file as a diagnostic', async () => {
    const err = (await loadTenant(join(dir, 'nope.yaml')).catch((e: unknown) => e)) as ScriptLoadError;
    expect(err.diagnostics[0]).toMatchObject({ code: 'E-TENANT-FILE', message: expect.stringContaining('file not found') });
  });

  it('emptyTenant has no skills and the given zone', () => {
    const t = emptyTenant('Eastern Standard Time');
    expect(t.timeZone).toBe('America/New_York');
    expect(t.store.skills()).toEqual([]);
    expect(() => emptyTenant('Nowhere')).toThrow(ScriptLoadError);
  });
});

describe('tenant file rules', () => {
  const cases: [string, string, RegExp, [number, number]][] = [
    ['YAML syntax', 'skills: [\n', /./, [2, 1]],
    ['empty file', '', /empty/, [1, 1]],
    ['not a mapping', '- 1\n- 2\n', /mapping of sections/, [1, 1]],
    ['unknown section with hint', 'skils: []\n', /unknown section "skils" \(did you mean "skills"\?\)/, [1, 1]],
    ['skill name too short', 'skills:\n  - { id: 1, name: x }\n', /2–30 characters/, [2, 20]],
    ['skill name with a space', 'skills:\n  - id: 1\n    name: PC Sales\n', /letters, digits and - _ \. :/, [3, 11]],
    ['skill name too long', `skills:\n  - { id: 1, name: ${'a'.repeat(31)} }\n`, /2–30/, [2, 20]],
    ['media enum with hint', 'skills:\n  - { id: 1, name: ab, media: Fone }\n', /did you mean "Phone"/, [2, 31]],
    ['missing id', 'skills:\n  - { name: ab }\n', /missing the required member "id"/, [2, 5]],
    ['wrong type', 'skills:\n  - { id: one, name: ab }\n', /must be a whole number, not "one"/, [2, 11]],
    ['duplicate skill id', 'skills:\n  - { id: 1, name: ab }\n  - { id: 1, name: cd }\n', /skill id 1 is already used/, [3, 11]],
    ['duplicate skill name', 'skills:\n  - { id: 1, name: ab }\n  - { id: 2, name: AB }\n', /skill name AB is already used/, [3, 20]],
    ['PC skill must be outbound', 'skills:\n  - { id: 1, name: ab, direction: Inbound, personalConnection: true }\n', /must be Outbound/, [2, 35]],
    ['bad zone', 'timeZone: Mars/Olympus\n', /not an IANA zone/, [1, 11]],
    ['unknown map field with hint', 'sources:\n  - name: S\n    mapping: { ExternalId: Id, Destinations: [M], FirstNme: F }\n', /"FirstNme" \(did you mean "FirstName"\?\)/, [3, 51]],
    ['map without ExternalID', 'sources:\n  - name: S\n    mapping: { Destinations: [M] }\n', /no ExternalID/, [3, 5]],
    ['map without destinations', 'sources:\n  - name: S\n    mapping: { ExternalID: Id }\n', /no Destinations/, [3, 5]],
    ['map over maxDestinations', 'sources:\n  - name: S\n    maxDestinations: 2\n    mapping: { ExternalID: Id, Destinations: [A, B, C] }\n', /maps 3 destinations but maxDestinations is 2/, [4, 46]],
    ['duplicate source', 'sources:\n  - name: S\n  - name: s\n', /source name s is already used/, [3, 11]],
    ['bad agent e-mail', 'agents:\n  - { id: 1, email: nobody, name: N }\n', /must be an e-mail address/, [2, 21]],
    ['duplicate key', 'timeZone: UTC\ntimeZone: UTC\n', /unique/i, [2, 1]],
  ];
  it.each(cases)('%s', (_name, text, message, [line, col]) => {
    const errors = errorsOf(text);
    expect(errors.length).toBeGreaterThan(0);
    const match = errors.find((d) => message.test(d.message));
    expect(match, errors.map((d) => d.message).join('\n')).toBeDefined();
    expect([match!.span.line, match!.span.col]).toEqual([line, col]);
  });

  it('warns about a dialer on a non-PC skill and a missing zone', () => {
    const ds = checkTenantText('skills:\n  - { id: 1, name: ab, dialer: { ratePerMinute: 1 } }\n', 't.yaml').diagnostics;
    expect(ds.map((d) => [d.severity, d.code])).toEqual([
      ['warning', 'W-TENANT-DIALER'],
      ['warning', 'W-TENANT-ZONE'],
    ]);
  });

  it('accepts the placeholder sections with their identifying member', () => {
    const ok = 'timeZone: UTC\nmessageTemplates:\n  - { name: promo, body: "Hi {FirstName}" }\n';
    expect(errorsOf(ok)).toEqual([]);
    expect(errorsOf('messageTemplates:\n  - { body: x }\n')[0]!.message).toMatch(/missing the required member "name"/);
  });

  it('limits alias expansion', () => {
    const bomb = 'a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\n';
    const ds = errorsOf(bomb);
    expect(ds.length).toBeGreaterThan(0);
  });

  it('tenantFromData validates like a file', () => {
    expect(() => tenantFromData({ skills: [{ id: 1, name: 'x' }] })).toThrow(/2–30 characters/);
    expect(tenantFromData(BASE_TENANT).store.skill(1234)?.campaign).toBe('Sales');
  });
});

describe('tenant file against existing state', () => {
  it('reports a section that refuses the stored state as a located error', async () => {
    const state = join(dir, 'region.db');
    const crm = (region: string) =>
      `timeZone: UTC\ncrm:\n  - { id: k, type: Kustomer, region: ${region}, baseUrl: "https://a.api.kustomerapp.com", screenpopUrl: "https://a.kustomerapp.com/app/customers" }\n`;
    (await loadTenant(write('r1.yaml', crm('AMERICAS')), { state })).close();
    const err = (await loadTenant(write('r2.yaml', crm('EMEA')), { state }).catch((e: unknown) => e)) as ScriptLoadError;
    expect(err).toBeInstanceOf(ScriptLoadError);
    // Located at the region value of the refused configuration (line 3, after "region: ").
    const col = crm('EMEA').split('\n')[2]!.indexOf('EMEA') + 1;
    expect(err.diagnostics[0]).toMatchObject({ code: 'E-TENANT-STATE', span: { line: 3, col }, message: expect.stringMatching(/^crm: .*region/) });
  });
});
