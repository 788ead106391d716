// Random and damaged upload files: a points-of-contact upload of any CSV text
// or any damaged XLSX workbook either reports (every row counted once) or
// refuses the file with an upload error; it never crashes, never hangs, and a
// refused file changes nothing.
import fc from 'fast-check';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { allPocs } from '../../src/tenant/pocs/records.js';
import { PocUploadError, uploadPocs } from '../../src/tenant/pocs/upload.js';
import { tenantFromData } from '../../src/tenant/tenant.js';
import { writeWorkbook } from '../tenant/workbook.js';

const dir = mkdtempSync(join(tmpdir(), 'pocs-fuzz-'));
const TENANT = { skills: [{ id: 2001, name: 'Support', media: 'Phone' }, { id: 2003, name: 'Mail', media: 'Email', active: false }], pointsOfContact: [{ id: 8005550100, name: 'Main', skill: 2001 }] };
let n = 0;

/** Uploads `write`'s file into a fresh tenant: a report whose counts add up, or a PocUploadError with the POCs untouched. */
async function uploadChecked(ext: string, write: (file: string) => void): Promise<void> {
  const file = join(dir, `f${++n}.${ext}`);
  write(file);
  const t = tenantFromData(TENANT);
  const before = JSON.stringify(allPocs(t.store));
  try {
    const r = await uploadPocs(t.store, { file, rejectedFile: join(dir, `r${n}.csv`) });
    expect(r.created + r.updated + r.unchanged + r.skipped + r.rejected).toBe(r.rows);
  } catch (err) {
    if (!(err instanceof PocUploadError)) throw err;
    expect(err.message).not.toMatch(/\n\s+at /);
    expect(JSON.stringify(allPocs(t.store))).toBe(before);
  } finally {
    t.close();
  }
}

const FRAGMENTS = ['Point of Contact', 'Name', 'Skill', 'Channel', 'Active', 'Modified Row', 'Script', '8005550100', 'a@b.co', '2001', '2003', 'Y', 'N', 'Email', 'Chat', '"', '""', ',', '\n', '\r\n', '\uFEFF', ' ', 'é', '\u0000'];

describe('points-of-contact uploads under random input', () => {
  it('any CSV text: a report that adds up, or a refused file that changed nothing', async () => {
    const text = fc.array(fc.oneof(fc.constantFrom(...FRAGMENTS), fc.string({ maxLength: 6 })), { maxLength: 60 }).map((parts) => parts.join(''));
    await fc.assert(
      fc.asyncProperty(text, async (t) => uploadChecked('csv', (f) => writeFileSync(f, t))),
      { numRuns: 150 },
    );
  });

  let workbook: Buffer;
  beforeAll(async () => {
    const file = join(dir, 'seed.xlsx');
    await writeWorkbook(file, {
      rows: [
        ['Point of Contact', 'Name', 'Skill', 'Active', 'Modified Row'],
        [8005550101, 'Line', 2001, 'Y', 'Y'],
        [{ formula: 'A2+1', result: 8005550102 }, 'Formula', 2001, true, 'Y'],
        ['a@b.co', 'Mail', 2003, 'N', 'Y'],
      ],
    });
    workbook = readFileSync(file);
  });

  it('a damaged XLSX workbook (bytes changed, cut short): a report that adds up, or a refused file that changed nothing', async () => {
    const damage = fc.record({
      cut: fc.option(fc.integer({ min: 0, max: 4000 }), { nil: undefined }),
      flips: fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 6 }),
    });
    await fc.assert(
      fc.asyncProperty(damage, async ({ cut, flips }) => {
        const bytes = Buffer.from(workbook);
        for (const [at, value] of flips) bytes[at % bytes.length] = value;
        await uploadChecked('xlsx', (f) => writeFileSync(f, cut === undefined ? bytes : bytes.subarray(0, cut)));
      }),
      { numRuns: 60 },
    );
  });
});
