// `pocs download`: the existing points of contact (or the template) in the
// upload's columns, CSV or XLSX, every row marked not modified, so the file
// goes back through `pocs upload` unchanged until a user marks a row.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../cli/run-cli.js';

const TENANT = join(import.meta.dirname, 'project', 'tenant.yaml');
const dir = mkdtempSync(join(tmpdir(), 'pocs-download-'));

describe('pocs download', () => {
  it('writes the existing points of contact in the upload columns, marked not modified', async () => {
    const r = await runCli(['pocs', 'download', '--tenant', TENANT]);
    expect(r.code).toBe(0);
    expect(r.out.split('\n').slice(0, 3)).toEqual([
      'Point of Contact,Name,Channel,Skill,Script,Active,Modified Row',
      '8005550100,Support line,Phone,2001,,Y,N',
      '+1 (800) 555-0101,Sales line,Phone,2002,SalesLine,Y,N',
    ]);
    expect((await runCli(['pocs', 'download', '--template', '--tenant', TENANT])).out).toBe('Point of Contact,Name,Channel,Skill,Script,Active,Modified Row\n');
  });

  it('a downloaded file uploads unchanged; a row edited and marked Y is applied (CSV and XLSX)', async () => {
    for (const ext of ['csv', 'xlsx']) {
      const state = join(dir, `${ext}.db`);
      const file = join(dir, `pocs.${ext}`);
      expect((await runCli(['pocs', 'download', '--tenant', TENANT, '--state', state, '-o', file])).code).toBe(0);
      const same = JSON.parse((await runCli(['pocs', 'upload', file, '--state', state, '--json'])).out);
      expect(same).toMatchObject({ rowsIncluded: 'changed', rows: 4, created: 0, updated: 0, skipped: 4, rejected: 0 });
      if (ext === 'csv') {
        writeFileSync(file, readFileSync(file, 'utf8').replace('8005550100,Support line,Phone,2001,,Y,N', '8005550100,Support line (24/7),Phone,2001,,Y,Y'));
        const edited = JSON.parse((await runCli(['pocs', 'upload', file, '--state', state, '--json'])).out);
        expect(edited).toMatchObject({ updated: 1, skipped: 3 });
        expect((await runCli(['tenant', 'show', '--state', state])).out).toContain('8005550100 Support line (24/7) (Phone)');
      }
    }
  });
});
