// Tenant data files under fuzzing: CRM records in CSV, JSON Lines and JSON,
// and a calling list in CSV, each named by a tenant file that `tenant show`
// loads. A clean answer is the tenant (exit 0) or a refusal located in the
// data file (exit 2); nothing of a refused tenant is shown.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { expect } from 'vitest';
import { cli, folder, type CliOutcome } from '../reliability/cli.js';
import { fuzzLoader, jsonMutations, textMutations } from './harness.js';

const dir = folder();

const CRM = (file: string) => `crm:
  - id: kustomer-prod
    type: Kustomer
    region: AMERICAS
    baseUrl: https://x.api.kustomerapp.com
    screenpopUrl: https://x.kustomerapp.com/app/customers
    records:
      leads: { file: ${file} }
`;

const LIST = (file: string) => `timeZone: America/Denver
skills:
  - { id: 1234, name: PC_Out, direction: Outbound, personalConnection: true }
sources:
  - name: Leads
    mapping: { ExternalID: Id, FirstName: First, Destinations: [Cell, Home] }
callingLists:
  - { skill: 1234, source: Leads, file: ${file}, loadedAt: "2026-11-21T09:00:00" }
`;

/** Writes the data file and its tenant file, then shows the tenant. */
const show = (name: string, tenant: (file: string) => string) => (text: string) => {
  writeFileSync(join(dir, name), text);
  const tenantFile = join(dir, `${name}.tenant.yaml`);
  writeFileSync(tenantFile, tenant(name));
  return cli(['tenant', 'show', tenantFile]);
};

/** A refusal names the data file (or the tenant file's line naming it) at a line and column. */
const locatedIn = (name: string) => (r: CliOutcome) => {
  if (r.code !== 2) return;
  expect(r.err).toMatch(new RegExp(`${name.replace('.', '\\.')}(\\.tenant\\.yaml)?:\\d+:\\d+: error E-`));
};

const CSV_FRAGMENTS = ['"', '""', ',', '\n', '\r\n', '\ufeff', 'id', 'status', '303-555-0100', '+1 (720) 555-0142'];
const CSV_CELL = fc.oneof(fc.string({ maxLength: 8 }), fc.constantFrom('L1', '303-555-0100', 'New', '"', '""', '', 'a\nb'));
const csvRows = (header: string) =>
  fc.array(fc.array(CSV_CELL, { maxLength: 5 }), { maxLength: 8 }).map((rows) => [header, ...rows.map((r) => r.join(','))].join('\n'));

fuzzLoader({
  id: 'data-csv',
  ext: '.csv',
  seeds: ['id,firstName,mobilePhone,status\nL1,Ada,303-555-0100,New\nL2,"Bob ""B""",,New\n'],
  mutations: textMutations(CSV_FRAGMENTS),
  generated: csvRows('id,firstName,mobilePhone,status'),
  run: show('leads.csv', CRM),
  check: locatedIn('leads.csv'),
  runs: { mutated: 100, generated: 50 },
});

fuzzLoader({
  id: 'data-jsonl',
  ext: '.jsonl',
  seeds: ['{"id":"L1","status":"New"}\n{"id":2,"phones":["+13035550100"]}\n'],
  mutations: textMutations(['{', '}', '[', ']', '"', ':', ',', '\n', 'null', '{"id":"L3"}\n', '\\u0000']),
  generated: fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 6 }).map((values) => values.map((v) => JSON.stringify(v)).join('\n')),
  run: show('leads.jsonl', CRM),
  check: locatedIn('leads.jsonl'),
  runs: { mutated: 100, generated: 50 },
});

fuzzLoader({
  id: 'data-json',
  ext: '.json',
  seeds: ['[{"id":"L1","status":"New"},{"id":"L2","mobilePhone":"303-555-0100"}]'],
  mutations: jsonMutations(),
  generated: fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)),
  run: show('leads.json', CRM),
  check: locatedIn('leads.json'),
  runs: { mutated: 100, generated: 50 },
});

fuzzLoader({
  id: 'data-calling-list',
  ext: '.csv',
  seeds: ['Id,First,Cell,Home\nP1,Ada,303-555-0100,\nP2,"Bob ""B""",(720) 555-0142,+44 20 7946 0958\n'],
  mutations: textMutations(CSV_FRAGMENTS),
  generated: csvRows('Id,First,Cell,Home'),
  run: show('list.csv', LIST),
  check: locatedIn('list.csv'),
  runs: { mutated: 100, generated: 50 },
});
