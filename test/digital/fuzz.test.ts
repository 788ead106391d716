// Random and mutated outreach input never crashes: an edited outreach tenant
// gives located diagnostics, any template body parses and renders, and an
// edited calling list loads or is refused with a message (reliability.md).
import fc from 'fast-check';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadListFile } from '../../src/tenant/digital/list-file.js';
import { parseTemplate, renderTemplate } from '../../src/tenant/digital/template.js';
import { checkTenantText, openCheckedTenant } from '../../src/tenant/tenant.js';
import { OUTREACH_TENANT_YAML } from './fixtures.js';

const EXAMPLE_DIR = join(import.meta.dirname, '..', '..', 'scripts-examples', 'outreach');
const LIST = readFileSync(join(EXAMPLE_DIR, 'promo-list.csv'), 'utf8');
const TENANT = readFileSync(join(EXAMPLE_DIR, 'tenant.yaml'), 'utf8').replace('    list: promo-list.csv            # the calling list, loaded when the tenant opens\n', '');

const edit = fc.record({ at: fc.nat(), drop: fc.nat({ max: 30 }), insert: fc.string({ maxLength: 16 }) });
const applyEdits = (text: string, edits: { at: number; drop: number; insert: string }[]): string => {
  for (const e of edits) {
    const at = e.at % (text.length + 1);
    text = text.slice(0, at) + e.insert + text.slice(at + e.drop);
  }
  return text;
};

describe('outreach input under random edits', { timeout: 600_000 }, () => {
  it('an edited outreach tenant gives only located diagnostics', () => {
    fc.assert(
      fc.property(fc.constantFrom(OUTREACH_TENANT_YAML, TENANT), fc.array(edit, { minLength: 1, maxLength: 3 }), (base, edits) => {
        const text = applyEdits(base, edits);
        const lines = text.split('\n').length;
        for (const d of checkTenantText(text, 'fuzz.yaml').diagnostics) {
          expect(d.span.file).toBe('fuzz.yaml');
          expect(d.span.line).toBeGreaterThanOrEqual(1);
          expect(d.span.line).toBeLessThanOrEqual(lines + 1);
          expect(d.message).not.toMatch(/\n\s+at /);
        }
      }),
      { numRuns: 60 },
    );
  });

  it('any template body parses, and renders every placeholder it accepted', () => {
    const body = fc.array(fc.oneof(fc.string({ maxLength: 6 }), fc.constantFrom('{', '}', '{{', '}}', '{FirstName}', '{ x }', '{}', '{Offer End}')), { maxLength: 12 }).map((parts) => parts.join(''));
    fc.assert(
      fc.property(body, fc.dictionary(fc.string({ maxLength: 8 }), fc.string({ maxLength: 8 })), (text, values) => {
        const parsed = parseTemplate(text);
        for (const p of parsed.problems) expect(p.offset).toBeLessThan(text.length);
        const rendered = renderTemplate(parsed, values);
        expect(typeof rendered.text).toBe('string');
        for (const m of rendered.missing) expect(parsed.fields).toContain(m);
      }),
      { numRuns: 300 },
    );
  });

  it('an edited calling list loads with a report, or is refused with a message', () => {
    const dir = mkdtempSync(join(tmpdir(), 'digital-fuzz-'));
    const file = join(dir, 'list.csv');
    fc.assert(
      fc.property(fc.array(edit, { minLength: 1, maxLength: 4 }), (edits) => {
        writeFileSync(file, applyEdits(LIST, edits));
        const tenant = openCheckedTenant(checkTenantText(TENANT, join(EXAMPLE_DIR, 'tenant.yaml')));
        try {
          const report = loadListFile(tenant.store, file, 4100, 'PromoList', Date.parse('2026-11-23T16:00:00Z'));
          expect(report.loaded + report.rejected.length).toBe(report.rows);
          expect(tenant.store.prospectCount(4100)).toBeLessThanOrEqual(report.loaded);
        } catch (err) {
          expect(err).toBeInstanceOf(Error);
          expect((err as Error).message.length).toBeGreaterThan(0);
          expect((err as Error).message).not.toMatch(/\n\s+at /);
        } finally {
          tenant.close();
        }
      }),
      { numRuns: 60 },
    );
  });
});
