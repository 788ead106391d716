// Proactive digital outreach input under fuzzing, through `outreach preview`
// (the command that loads a digital skill's calling list and renders its
// template for every record): calling lists (the skill's `list` file) and
// message template bodies. A clean answer is a preview whose messages were
// rendered from the template, or a located refusal. The outreach tenant file
// itself is a seed of the tenant-yaml and tenant-json loaders (tenant.test.ts).
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { expect, it } from 'vitest';
import { parseTemplate, renderTemplate } from '../../src/tenant/digital/template.js';
import { cli, folder, type CliOutcome } from '../reliability/cli.js';
import { EXAMPLES } from './fixtures.js';
import { FUZZ_TIMEOUT, fuzzLoader, fuzzParams, textMutations } from './harness.js';

const OUTREACH = join(EXAMPLES, 'outreach');
const project = folder();
cpSync(OUTREACH, project, { recursive: true });
const TENANT = readFileSync(join(OUTREACH, 'tenant.yaml'), 'utf8');
const LIST = readFileSync(join(OUTREACH, 'promo-list.csv'), 'utf8');
const BODY = 'Hi {FirstName}, your {Plan} offer ends {OfferEnd}. Reply YES to book a call.';
if (!TENANT.includes(JSON.stringify(BODY))) throw new Error('the example outreach tenant no longer has the template body this test replaces');

const preview = (tenantFile: string) => cli(['outreach', 'preview', '4100', '--tenant', tenantFile, '--now', '2026-11-23T09:00:00-07:00', '--json']);

/** A preview lists at most the records waiting, each with a destination or marked skipped, and names only fields the template has. */
function previewHolds(r: CliOutcome, fields?: readonly string[]): void {
  if (r.code !== 0) return;
  const p = JSON.parse(r.out) as { waiting: number; messages: { externalId: string; to: string | null; text: string; missingFields: string[] }[]; notes: string[] };
  expect(p.messages).toHaveLength(p.waiting);
  for (const m of p.messages) {
    expect(typeof m.text).toBe('string');
    if (fields) for (const f of m.missingFields) expect(fields).toContain(f);
  }
}

const CELL = fc.oneof(fc.string({ maxLength: 8 }), fc.constantFrom('C-1', '+1 303 555 0101', '303-555-0102', 'ada@example.com', 'not an address@', 'Gold', '31 October', '"', '""', '', '\u202e'));
fuzzLoader({
  id: 'outreach-list',
  ext: '.csv',
  seeds: [LIST],
  mutations: textMutations(['CustomerId', 'FirstName', 'Mobile', 'Email', 'Plan', 'OfferEnd', ',', '"', '""', '\n', '\ufeff', '+13035550101', '@example.com']),
  generated: fc
    .array(fc.array(CELL, { maxLength: 7 }), { maxLength: 8 })
    .map((rows) => ['CustomerId,FirstName,LastName,Mobile,Email,Plan,OfferEnd', ...rows.map((r) => r.join(','))].join('\n')),
  run: (text) => {
    writeFileSync(join(project, 'promo-list.csv'), text);
    return preview(join(project, 'tenant.yaml'));
  },
  check: (r) => previewHolds(r),
  runs: { mutated: 100, generated: 60 },
});

const TEMPLATE_PIECE = fc.constantFrom('{', '}', '{{', '}}', '{FirstName}', '{Plan}', '{ x }', '{}', '{Offer End}', '{OfferEnd}', '\u202e', 'é');
const body = fc.array(fc.oneof(fc.string({ maxLength: 6 }), TEMPLATE_PIECE), { maxLength: 12 }).map((parts) => parts.join(''));
fuzzLoader({
  id: 'outreach-template',
  ext: '.txt',
  seeds: [BODY],
  mutations: textMutations(['{', '}', '{{', '}}', '{FirstName}', '{Unknown}', '{ }']),
  generated: body,
  run: (text) => {
    const file = join(project, 'template-tenant.yaml');
    writeFileSync(file, TENANT.replace(JSON.stringify(BODY), JSON.stringify(text)));
    return preview(file);
  },
  check: (r, text) => previewHolds(r, parseTemplate(text).fields),
  runs: { mutated: 60, generated: 60 },
});

it('any template body parses, and renders only the placeholders it accepted', () => {
  fc.assert(
    fc.property(body, fc.dictionary(fc.string({ maxLength: 8 }), fc.string({ maxLength: 8 })), (text, values) => {
      const parsed = parseTemplate(text);
      for (const p of parsed.problems) expect(p.offset).toBeLessThan(text.length);
      const rendered = renderTemplate(parsed, values);
      expect(typeof rendered.text).toBe('string');
      for (const m of rendered.missing) expect(parsed.fields).toContain(m);
    }),
    fuzzParams(300),
  );
}, FUZZ_TIMEOUT);
