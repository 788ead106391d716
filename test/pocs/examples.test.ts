// The points-of-contact example of scripts-examples/: pocs.csv and pocs.xlsx
// hold the same upload (an update and a new line marked modified, a line not
// marked, an e-mail POC on a phone skill that is rejected), and the calls the
// README tour makes reach SupportLine.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openTable } from '../../src/tenant/table-file.js';
import { runCli } from '../cli/run-cli.js';

const EXAMPLES = join(import.meta.dirname, '../../scripts-examples');
const TENANT = join(EXAMPLES, 'tenant.yaml');
const dir = mkdtempSync(join(tmpdir(), 'pocs-examples-'));
const NOW = '2026-01-05T09:00:00-07:00';

async function cellsOf(file: string): Promise<string[][]> {
  const out: string[][] = [];
  for await (const row of openTable(file).rows()) out.push(row.cells);
  return out;
}

describe('the points-of-contact example', () => {
  it('pocs.csv and pocs.xlsx hold the same rows (the workbook with a formula, dates and an empty row)', async () => {
    expect(await cellsOf(join(EXAMPLES, 'pocs.xlsx'))).toEqual(await cellsOf(join(EXAMPLES, 'pocs.csv')));
  });

  it.each(['pocs.csv', 'pocs.xlsx'])('%s: one created, one updated, one not modified, one rejected', async (name) => {
    const rejected = join(dir, `${name}.rejected.csv`);
    const { code, out } = await runCli(['pocs', 'upload', join(EXAMPLES, name), '--tenant', TENANT, '--rejected', rejected, '--json']);
    expect(code).toBe(0);
    expect(JSON.parse(out)).toMatchObject({ rowsIncluded: 'changed', rows: 4, created: 1, updated: 1, unchanged: 0, skipped: 1, rejected: 1, ignoredColumns: ['Updated On'] });
    const [header, row] = readFileSync(rejected, 'utf8').trim().split('\n');
    expect(header).toBe('Row,Reason,Point of Contact,Name,Channel,Skill,Script,Active,Modified Row,Updated On');
    expect(row).toBe(
      `${name === 'pocs.csv' ? 5 : 6},skill 2001 (Inbound_Support) is a Phone skill: an Email point of contact needs an Email skill,billing@example.com,Billing mailbox,Email,2001,,Y,Y,2026-01-05`,
    );
  });

  it('the README tour: upload into a state file, then a call to the new billing line reaches SupportLine', async () => {
    const state = join(dir, 'tour.db');
    expect((await runCli(['pocs', 'upload', join(EXAMPLES, 'pocs.xlsx'), '--tenant', TENANT, '--state', state, '--rejected', join(dir, 'tour.rejected.csv')])).code).toBe(0);
    const run = await runCli(['run', '--poc', '8005550102', '--tenant', TENANT, '--state', state, '--now', NOW, '--json']);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.out)).toMatchObject({ script: 'SupportLine', status: 'completed', variables: { greeting: 'Billing at 8005550102, skill 2001' } });
    const show = await runCli(['tenant', 'show', '--state', state]);
    expect(show.out).toContain('8005550100 Support line (24/7) (Phone): skill 2001, script SupportLine');
    expect(show.out).toContain('8005550102 Billing line (Phone): skill 2001, script SupportLine');
    const gone = await runCli(['run', '--poc', '8005550199', '--tenant', TENANT, '--now', NOW]);
    expect(gone.code).toBe(2);
    expect(gone.err).toContain('point of contact "8005550199" does not exist in this business unit');
  });
});
