// Upload files under fuzzing: points-of-contact files (CSV and XLSX) and XLSX
// calling lists, each through the real command, in-process. A clean answer
// is a report (exit 0) whose counts add up, or a located refusal (exit 2).
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { expect } from 'vitest';
import { cli, type CliOutcome } from '../reliability/cli.js';
import { writeWorkbook } from '../tenant/workbook.js';
import { EXAMPLES, exampleProject, SMALL_TENANT } from './fixtures.js';
import { fuzzLoader, textMutations } from './harness.js';

const project = exampleProject({ 'tenant.yaml': SMALL_TENANT });
const TENANT = join(project, 'tenant.yaml');
const inProject = (name: string, content: string | Uint8Array): string => {
  const file = join(project, name);
  writeFileSync(file, content);
  return file;
};

/** A report must count every row once: applied, unchanged, not modified or rejected. */
function pocReportAddsUp(r: CliOutcome): void {
  if (r.code !== 0) return;
  const report = JSON.parse(r.out) as { rows: number; created: number; updated: number; unchanged: number; skipped: number; rejected: number };
  expect(report.created + report.updated + report.unchanged + report.skipped + report.rejected).toBe(report.rows);
}

const uploadPocs = (file: string) => cli(['pocs', 'upload', file, '--tenant', TENANT, '--rejected', join(project, 'pocs.rejected.csv'), '--json']);

const POC_CELL = fc.oneof(fc.string({ maxLength: 8 }), fc.constantFrom('8005550100', '+1 (800) 555-0102', 'a@b.co', '2001', 'Inbound_Support', 'Y', 'N', 'Email', 'Chat', 'SupportLine', '"', '""', ''));
fuzzLoader({
  id: 'pocs-csv',
  ext: '.csv',
  seeds: [readFileSync(join(EXAMPLES, 'pocs.csv'), 'utf8')],
  mutations: textMutations(['Point of Contact', 'Modified Row', 'Channel', 'Skill', 'Active', ',Y', ',N', '"', '""', ',', '\n', '\ufeff', '8005550100', 'Email']),
  generated: fc
    .array(fc.array(POC_CELL, { maxLength: 7 }), { maxLength: 8 })
    .map((rows) => ['Point of Contact,Name,Channel,Skill,Active,Modified Row', ...rows.map((r) => r.join(','))].join('\n')),
  run: (text) => uploadPocs(inProject('pocs.csv', text)),
  check: pocReportAddsUp,
});

fuzzLoader({
  id: 'pocs-xlsx',
  ext: '.xlsx',
  seeds: [new Uint8Array(readFileSync(join(EXAMPLES, 'pocs.xlsx')))],
  run: (bytes) => uploadPocs(inProject('pocs.xlsx', bytes)),
  check: pocReportAddsUp,
  runs: { mutated: 100 },
});

const listBook = join(project, 'list-seed.xlsx');
await writeWorkbook(listBook, {
  rows: [
    ['id', 'first', 'mobile', 'due'],
    ['1', 'Ada', 3035550100, new Date('2026-12-01T00:00:00Z')],
    null,
    [{ formula: 'A2+1', result: 2 }, { richText: [{ text: 'Gr' }, { text: 'ace' }] }, '(720) 555-0142', null],
    ['3', { error: '#N/A' }, 2125550100, null],
  ],
});
fuzzLoader({
  id: 'lists-xlsx',
  ext: '.xlsx',
  seeds: [new Uint8Array(readFileSync(listBook))],
  run: (bytes) =>
    cli(['lists', 'upload', inProject('list.xlsx', bytes), '--tenant', TENANT, '--skill', '1234', '--source', 'Fuzz', '--map', 'ExternalID=id', '--map', 'Destinations=mobile', '--rejected', join(project, 'list.rejected.csv'), '--now', '2026-11-21T09:00:00Z']),
  runs: { mutated: 100 },
});
