// Every rule of the tenant file's crm: and workflowDataProfiles: sections, each
// reported as a located diagnostic (file:line:col of the offending value).
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import type { Diagnostic } from '../../src/contract/diagnostics.js';
import { checkTenantText } from '../../src/tenant/tenant.js';
import { CRM_TENANT, KUSTOMER } from './fixtures.js';

const check = (text: string): Diagnostic[] => checkTenantText(text, 'tenant.yaml').diagnostics;
const errors = (text: string) => check(text).filter((d) => d.severity === 'error');
/** A tenant whose only configuration is KUSTOMER changed by `patch`. */
const withConfig = (patch: Record<string, unknown>) => stringify({ timeZone: 'America/Denver', crm: [{ ...KUSTOMER, ...patch }] });
/** 1-based line of the first line containing `needle`. */
const lineOf = (text: string, needle: string) => text.split('\n').findIndex((l) => l.includes(needle)) + 1;

describe('crm section', () => {
  it('accepts the shared fixture with no diagnostics', () => {
    expect(check(stringify(CRM_TENANT))).toEqual([]);
  });

  it('accepts tenant.md\'s own example (voice mapping with Customer Name)', () => {
    const text = `timeZone: America/Denver
crm:
  - id: kustomer-prod
    type: Kustomer
    region: AMERICAS
    baseUrl: https://ven12345.api.kustomerapp.com
    screenpopUrl: https://ven12345.kustomerapp.com/app/customers
    tokenRefreshSeconds: [9, 15]
    workflows:
      - { id: search-ani, kind: SearchForANI }
    records:
      customers: [ { id: c1, name: Ada Lovelace, phones: ["+13035550100"] } ]
    memorialization:
      - name: voice-default
        channel: Voice
        entity: Conversation
        fields: { Note: "Disposition Notes", CustomerName: "Customer Name", Reason: "script:callreason" }
    dynamicData:
      - { name: cust-card, entity: Customer, fields: [name, email, phone, company, tier] }
`;
    expect(check(text)).toEqual([]);
  });

  it.each([
    ['region', { region: 'EUROPE' }, 'region'],
    ['type', { type: 'Zendesk' }, 'type'],
    ['workflow kind', { workflows: [{ id: 'x', kind: 'SearchForAni' }] }, 'kind'],
    ['unknown key', { colour: 'red' }, 'colour'],
  ])('rejects an invalid %s through the schema, located', (_what, patch, needle) => {
    const text = withConfig(patch);
    const ds = errors(text);
    expect(ds.length).toBeGreaterThan(0);
    expect(ds[0]!.span.line).toBe(lineOf(text, needle));
  });

  it('requires https base and screen-pop URLs and warns about other forms', () => {
    const text = withConfig({ baseUrl: 'http://ven12345.api.kustomerapp.com', screenpopUrl: 'https://other.example.com/customers' });
    const ds = check(text);
    expect(ds).toContainEqual(expect.objectContaining({ code: 'E-TENANT-CRM-URL', severity: 'error', message: expect.stringContaining('baseUrl must be an https URL') }));
    expect(ds).toContainEqual(expect.objectContaining({ code: 'W-TENANT-CRM-URL', severity: 'warning', message: expect.stringContaining('https://[orgname].kustomerapp.com/app/customers') }));
    expect(ds.find((d) => d.code === 'E-TENANT-CRM-URL')!.span.line).toBe(lineOf(text, 'baseUrl'));
  });

  it('warns when the screen-pop URL names another organisation', () => {
    const ds = check(withConfig({ screenpopUrl: 'https://other.kustomerapp.com/app/customers' }));
    expect(ds).toEqual([expect.objectContaining({ code: 'W-TENANT-CRM-ORG', message: expect.stringContaining('"other"') })]);
  });

  it('rejects a token refresh range with min > max', () => {
    expect(errors(withConfig({ tokenRefreshSeconds: [15, 9] }))).toEqual([expect.objectContaining({ code: 'E-TENANT-CRM-TOKEN' })]);
  });

  it('rejects duplicate configuration ids, workflow ids and record ids', () => {
    const text = stringify({
      crm: [
        { ...KUSTOMER, workflows: [{ id: 'a', kind: 'SearchForANI' }, { id: 'A', kind: 'CreateCustomer' }], records: { customers: [{ id: 'c1' }, { id: 'c1' }] } },
        { ...KUSTOMER },
      ],
    });
    const messages = errors(text).map((d) => d.message);
    expect(messages).toEqual(
      expect.arrayContaining([
        expect.stringContaining('workflow "A" is declared twice'),
        expect.stringContaining('customers record "c1" is declared twice'),
        expect.stringContaining('CRM configuration "kustomer-prod" is declared twice'),
      ]),
    );
  });

  it('warns about a customer phone SearchForANI cannot normalise', () => {
    const ds = check(withConfig({ records: { customers: [{ id: 'c9', phones: ['12'] }] } }));
    expect(ds).toEqual([expect.objectContaining({ code: 'W-TENANT-CRM-PHONE', severity: 'warning' })]);
  });

  describe('memorialization mappings', () => {
    const mapping = (fields: Record<string, string>, channel = 'Voice') => withConfig({ memorialization: [{ name: 'm', channel, entity: 'Conversation', fields }] });

    it('requires script variables in lowercase, located at the field', () => {
      const text = mapping({ Ok: 'ANI', Reason: 'script:CallReason' });
      const ds = errors(text);
      expect(ds).toEqual([expect.objectContaining({ code: 'E-TENANT-CRM-SCRIPT-LOWERCASE', message: expect.stringContaining('write "script:callreason"') })]);
      expect(ds[0]!.span.line).toBe(lineOf(text, 'script:CallReason'));
    });

    it('refuses script variables in digital mappings', () => {
      expect(errors(mapping({ Reason: 'script:reason' }, 'Digital'))).toEqual([expect.objectContaining({ code: 'E-TENANT-CRM-SCRIPT-DIGITAL' })]);
    });

    it('accepts only the data fields of the mapping\'s channel, with a suggestion', () => {
      const voice = errors(mapping({ T: 'Transcript URL' }));
      expect(voice).toEqual([expect.objectContaining({ code: 'E-TENANT-CRM-FIELD', message: expect.stringContaining('not a Voice data field') })]);
      const typo = errors(mapping({ A: 'Contact Idd' }));
      expect(typo[0]!.message).toContain('did you mean "Contact ID"?');
      expect(errors(mapping({ T: 'Transcript URL', R: 'recording url' }, 'Digital'))).toEqual([expect.objectContaining({ message: expect.stringContaining('"recording url" is not a Digital data field') })]);
    });

    it('matches field names case-insensitively', () => {
      expect(errors(mapping({ A: 'contact id', B: 'ani' }))).toEqual([]);
    });

    it('rejects duplicate mapping names', () => {
      const text = withConfig({ memorialization: [KUSTOMER.memorialization[0], KUSTOMER.memorialization[0]] });
      expect(errors(text)).toEqual([expect.objectContaining({ code: 'E-TENANT-CRM-DUPLICATE' })]);
    });
  });

  describe('dynamic data mappings', () => {
    const dyn = (fields: unknown[]) => withConfig({ dynamicData: [{ name: 'card', entity: 'Customer', fields }] });

    it('allows 5 text and 3 non-text fields per record type', () => {
      const five = ['a', 'b', 'c', 'd', { field: 'e', type: 'text' }];
      const three = [{ field: 'n', type: 'number' }, { field: 'd', type: 'date' }, { field: 'b', type: 'boolean' }];
      expect(errors(dyn([...five, ...three]))).toEqual([]);
    });

    it('rejects a sixth text field, located at it', () => {
      const text = dyn(['a', 'b', 'c', 'd', 'e', 'sixth']);
      const ds = errors(text);
      expect(ds).toEqual([expect.objectContaining({ code: 'E-TENANT-CRM-DYNAMIC-LIMIT', message: expect.stringContaining('at most 5 text fields') })]);
      expect(ds[0]!.span.line).toBe(lineOf(text, 'sixth'));
    });

    it('rejects a fourth non-text field', () => {
      const fields = ['n1', 'n2', 'n3', 'n4'].map((field) => ({ field, type: 'number' }));
      expect(errors(dyn(fields))).toEqual([expect.objectContaining({ message: expect.stringContaining('at most 3 non-text fields') })]);
    });

    it('counts per record type across entries of one mapping', () => {
      const text = withConfig({
        dynamicData: [
          { name: 'card', entity: 'Customer', fields: ['a', 'b', 'c'] },
          { name: 'card', entity: 'Customer', fields: ['d', 'e', 'f'] },
          { name: 'card', entity: 'Conversation', fields: ['a', 'b', 'c', 'd', 'e'] },
        ],
      });
      expect(errors(text)).toEqual([expect.objectContaining({ message: expect.stringContaining('(Customer)') })]);
    });
  });
});

describe('workflowDataProfiles section', () => {
  it('rejects duplicate profile names and bad names', () => {
    const text = stringify({ workflowDataProfiles: [{ name: 'Hours', data: {} }, { name: 'hours', data: {} }] });
    expect(errors(text)).toEqual([expect.objectContaining({ code: 'E-TENANT-WORKFLOWDATA', message: 'profile "hours" is declared twice' })]);
    expect(errors(stringify({ workflowDataProfiles: [{ name: 'bad name', data: {} }] }))[0]!.span.line).toBe(2);
  });
});
