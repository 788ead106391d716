// A tenant of the size a real business unit has, for the bench rows
// tests.bigtenant and brain.30d.sqlite: the examples tenant
// (scripts-examples/tenant.yaml) with its Kustomer leads replaced by a JSON
// Lines data file of 24,000 leads on realistic numbers (bench/phones.mjs),
// written as tenant.json next to leads.jsonl in `dir`. Seeded: the same
// tenant on every run.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { phoneGenerator, seeded } from './phones.mjs';

export const EXAMPLES = fileURLToPath(new URL('../scripts-examples/', import.meta.url));
export const LEADS = 24_000;

const FIRST = ['Ada', 'Grace', 'Alan', 'Barbara', 'Donald', 'Margaret', 'Linus', 'Radia', 'Frances', 'Edsger', 'Shafi', 'Niklaus'];
const LAST = ['Lovelace', 'Hopper', 'Turing', 'Liskov', 'Knuth', 'Hamilton', 'Torvalds', 'Perlman', 'Allen', 'Dijkstra', 'Goldwasser', 'Wirth'];

/** Writes dir/tenant.json and dir/leads.jsonl; returns the tenant file's path. */
export function writeBigTenant(dir, leads = LEADS) {
  const tenant = parse(readFileSync(join(EXAMPLES, 'tenant.yaml'), 'utf8'));
  tenant.crm[0].records.leads = { file: 'leads.jsonl' };
  const phones = phoneGenerator({ seed: 3 });
  const random = seeded(9);
  const lines = [];
  for (let i = 0; i < leads; i++) {
    const lead = { id: `B${String(i).padStart(5, '0')}`, firstName: FIRST[random(FIRST.length)], lastName: LAST[random(LAST.length)], mobilePhone: phones.next(), status: 'New' };
    if (random(3) === 0) lead.homePhone = phones.next();
    if (random(10) === 0) lead.expiresOn = '2030-12-31';
    lines.push(JSON.stringify(lead));
  }
  writeFileSync(join(dir, 'leads.jsonl'), lines.join('\n') + '\n');
  const file = join(dir, 'tenant.json');
  writeFileSync(file, JSON.stringify(tenant, null, 2));
  return file;
}
