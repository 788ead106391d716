// `studio-script pocs upload` (and its alias `poc upload`) on the command
// line: the report, --json, --state kept for the next run --poc, usage errors.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../cli/run-cli.js';
import { writeWorkbook } from '../tenant/workbook.js';

const PROJECT = join(import.meta.dirname, 'project');
const TENANT = join(PROJECT, 'tenant.yaml');
const dir = mkdtempSync(join(tmpdir(), 'pocs-cli-'));

describe('pocs upload', () => {
  it('prints a report line; the rejected rows go to <file>.rejected.csv', async () => {
    const file = join(dir, 'lines.csv');
    writeFileSync(file, 'Point of Contact,Name,Skill,Modified Row\n8005550130,New line,2002,Y\n8005550100,Not marked,2001,N\nnot-a-number,Bad,2002,Y\n');
    const { code, out } = await runCli(['pocs', 'upload', file, '--tenant', TENANT]);
    expect(code).toBe(0);
    expect(out).toBe(
      `${file}: 3 rows, changed rows only → points of contact (memory store: nothing kept; use --state to keep it): 1 created, 0 updated, 0 unchanged, 1 not modified, 1 rejected (see ${file}.rejected.csv)\n`,
    );
  });

  it('keeps the points of contact in a state file, where run --poc finds them; `poc upload` is the same command', async () => {
    const state = join(dir, 'state.db');
    const book = join(dir, 'lines.xlsx');
    await writeWorkbook(book, { rows: [['Point of Contact', 'Name', 'Skill', 'Script', 'Notes'], [8005550131, 'Promo line', 2002, 'SalesLine', 'spring promo']] });
    const up = await runCli(['poc', 'upload', book, '--tenant', TENANT, '--state', state, '--json']);
    expect(up.code).toBe(0);
    expect(JSON.parse(up.out)).toMatchObject({ rowsIncluded: 'all', rows: 1, created: 1, rejected: 0, ignoredColumns: ['Notes'] });
    const run = await runCli(['run', '--poc', '800-555-0131', '--tenant', TENANT, '--state', state, '--json', '--now', '2026-01-05T09:00:00-07:00']);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.out)).toMatchObject({ script: 'SalesLine', variables: { arrived: '8005550131|2002|8005550131' } });
    const show = await runCli(['tenant', 'show', '--state', state]);
    expect(show.out).toContain('  8005550131 Promo line (Phone): skill 2002, script SalesLine');
  });

  it('refuses a --rows value it does not know, an XLS workbook and a folder', async () => {
    expect((await runCli(['pocs', 'upload', join(dir, 'x.csv'), '--rows', 'some'])).err).toContain('--rows some: expected all or changed');
    const xls = join(dir, 'old.xls');
    writeFileSync(xls, 'x');
    const old = await runCli(['pocs', 'upload', xls, '--tenant', TENANT]);
    expect(old.code).toBe(2);
    expect(old.err).toContain('Excel 97–2003 (.xls) workbooks are not supported');
    const folder = await runCli(['pocs', 'upload', dir, '--tenant', TENANT]);
    expect(folder.code).toBe(2);
    expect(folder.err).toContain('is a folder');
  });
});
