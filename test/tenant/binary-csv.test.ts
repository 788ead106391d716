// A file given as CSV that is not UTF-8 text — an image, an XLSX workbook
// named .csv, a list saved in another encoding or as UTF-16 — is one clear
// error at its first bad byte's line:col on every path that reads CSV (a
// calling-list upload, a POC upload, a tenant data file, a digital skill's
// list file), instead of a header row of raw bytes. The check streams with
// the file: characters split between two read chunks are text, and a bad
// byte anywhere in a large file is found where it is.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ScriptLoadError } from '../../src/contract/diagnostics.js';
import { createRuntime } from '../../src/runtime/runtime.js';
import { csvRows, CsvSyntaxError } from '../../src/tenant/csv-rows.js';
import { ListUploadError, uploadCallingList } from '../../src/tenant/lists-upload.js';
import { PocUploadError, uploadPocs } from '../../src/tenant/pocs/upload.js';
import { loadTenant, tenantFromData } from '../../src/tenant/tenant.js';
import { runCli } from '../cli/run-cli.js';
import { storedZip } from './workbook.js';
import { outreachWith } from '../digital/fixtures.js';
import { folder } from '../reliability/cli.js';
import { scriptSet } from '../runtime/helpers.js';
import { BASE_TENANT } from './fixtures.js';

/** A small real PNG: signature, IHDR, IDAT (zlib data), IEND — CRCs left zero, which no reader here checks. */
function png(): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    return Buffer.concat([len, Buffer.from(type, 'latin1'), data, Buffer.alloc(4)]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(4, 0);
  ihdr.writeUInt32BE(4, 4);
  ihdr[8] = 8;
  ihdr[9] = 2;
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(Buffer.alloc(52, 0x7f))), chunk('IEND', Buffer.alloc(0))]);
}

/** A ZIP archive with one stored file, as an XLSX workbook is one. */
const zip = () => storedZip([['[Content_Types].xml', '<Types/>']]);

const PNG_MESSAGE = 'not a text file: this is a PNG image, and a CSV file is UTF-8 text';
const ZIP_MESSAGE = 'not a text file: this is a ZIP archive (an XLSX workbook is one: only a name ending in .xlsx is read as a workbook), and a CSV file is UTF-8 text';

async function readAll(file: string): Promise<string[][] | CsvSyntaxError> {
  const rows: string[][] = [];
  try {
    for await (const r of csvRows(file)) rows.push(r.cells);
    return rows;
  } catch (err) {
    if (err instanceof CsvSyntaxError) return err;
    throw err;
  }
}

const located = (e: unknown) => (e instanceof CsvSyntaxError ? [e.line, e.col, e.message] : e);

describe('the CSV reader refuses bytes that are not UTF-8 text, at the first one', () => {
  const dir = folder();
  const write = (name: string, bytes: Buffer | string) => {
    const f = join(dir, name);
    writeFileSync(f, bytes);
    return f;
  };

  it('names what a binary file is, at 1:1', async () => {
    expect(located(await readAll(write('image.csv', png())))).toEqual([1, 1, PNG_MESSAGE]);
    expect(located(await readAll(write('book.csv', zip())))).toEqual([1, 1, ZIP_MESSAGE]);
    // Big-endian UTF-16 (csv-parse reads only the little-endian kind, below).
    const be = Buffer.from('\uFEFFId,Name\r\nA1,Ana\r\n', 'utf16le').swap16();
    expect(located(await readAll(write('u16be.csv', be)))).toEqual([
      1,
      1,
      'not UTF-8 text: the file is UTF-16 (it starts with a UTF-16 byte order mark); save it as CSV UTF-8',
    ]);
  });

  it('reads a little-endian UTF-16 file (its byte order mark), as before the check', async () => {
    expect(await readAll(write('u16.csv', Buffer.from('\uFEFFId,Name\r\nA1,Zoë\r\n', 'utf16le')))).toEqual([
      ['Id', 'Name'],
      ['A1', 'Zoë'],
    ]);
  });

  it('locates a NUL byte and a byte of another encoding at their line and column (in characters)', async () => {
    expect(located(await readAll(write('nul.csv', 'Id,Name\nA1,Ana\nA2,Zoë\0\n')))).toEqual([
      3,
      7,
      'not a text file: a NUL byte here (binary data, as in an image or an archive); a CSV file is UTF-8 text',
    ]);
    const latin1 = Buffer.concat([Buffer.from('\uFEFFId,Name\nA1,Zoë,'), Buffer.from('José\n', 'latin1')]);
    expect(located(await readAll(write('latin1.csv', latin1)))).toEqual([
      2,
      11,
      'not UTF-8 text: byte 0xE9 here is not part of a UTF-8 character (a file saved in another encoding, such as Windows-1252?); save it as CSV UTF-8',
    ]);
    // A character cut off at the very end of the file.
    expect(located(await readAll(write('cut.csv', Buffer.concat([Buffer.from('Id,Price\nA1,'), Buffer.from('€').subarray(0, 2)]))))).toEqual([
      2,
      4,
      expect.stringContaining('byte 0xE2 here is not part of a UTF-8 character'),
    ]);
  });

  it('reads UTF-8 text of any characters across chunk boundaries, and finds a bad byte put anywhere in it (property)', async () => {
    // A 3-byte character split by the first 64 KiB read chunk.
    const split = `Id,Name\n${'x'.repeat(65_535 - 8)}€,ok\n`;
    expect(await readAll(write('split.csv', split))).toEqual([['Id', 'Name'], [`${'x'.repeat(65_535 - 8)}€`, 'ok']]);
    // Rows of 1- to 4-byte characters, well over one 64 KiB read chunk, so characters fall across chunk edges.
    const cell = fc.array(fc.constantFrom('a', 'Z', '7', 'é', 'ß', '€', '中', '😀', 'ﬃ', ' '), { minLength: 1, maxLength: 12 }).map((cs) => cs.join(''));
    const table = fc.array(fc.tuple(cell, cell, cell), { minLength: 4000, maxLength: 6000 });
    let n = 0;
    await fc.assert(
      fc.asyncProperty(table, fc.double({ min: 0, max: 1, noNaN: true }), fc.constantFrom(0x00, 0xff, 0x80, 0xc3), async (rows, where, bad) => {
        const text = rows.map((r) => r.join(',')).join('\n') + '\n';
        const good = write(`good${n}.csv`, text);
        expect(await readAll(good)).toEqual(rows);
        // A bad byte put in at a character boundary of a random line (0xC3 followed by a comma or line end starts no character).
        const lines = text.split('\n');
        const line = Math.min(lines.length - 2, Math.floor(where * (lines.length - 1)));
        const col = [...lines[line]!].length >= 1 ? Math.floor(where * [...lines[line]!].length) : 0;
        const prefix = lines.slice(0, line).map((l) => l + '\n').join('') + [...lines[line]!].slice(0, col).join('');
        const before = Buffer.from(prefix);
        const bytes = Buffer.concat([before, Buffer.from([bad]), Buffer.from(text).subarray(before.length)]);
        const err = await readAll(write(`bad${n++}.csv`, bytes));
        expect(err).toBeInstanceOf(CsvSyntaxError);
        expect([(err as CsvSyntaxError).line, (err as CsvSyntaxError).col]).toEqual([line + 1, prefix.length - prefix.lastIndexOf('\n')]);
      }),
      { numRuns: 6, seed: 4242 },
    );
  });
});

describe('every path that reads CSV says so, located', () => {
  it('lists upload (API and CLI): exit 2 with the located message, nothing loaded', async () => {
    const dir = folder({ 'leads.csv': png(), 'tenant.json': JSON.stringify(BASE_TENANT) });
    const tenant = tenantFromData(BASE_TENANT);
    const file = join(dir, 'leads.csv');
    const err = await uploadCallingList(tenant.store, { file, skillNo: 1234, sourceName: 'SalesforceLeads', mapping: null, nowMs: Date.parse('2026-11-21T16:00:00Z') }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ListUploadError);
    expect((err as ListUploadError).diagnostics).toEqual([expect.objectContaining({ code: 'E-LIST-CSV', message: PNG_MESSAGE, span: expect.objectContaining({ file, line: 1, col: 1 }) })]);
    expect(tenant.store.prospectCount()).toBe(0);
    const cli = await runCli(['lists', 'upload', file, '--skill', '1234', '--source', 'SalesforceLeads', '--tenant', join(dir, 'tenant.json')]);
    expect(cli.code).toBe(2);
    expect(cli.err).toContain(`:1:1: error E-LIST-CSV ${PNG_MESSAGE}`);
    expect(cli.err).not.toContain('PNG\r');
  });

  it('pocs upload of a CSV file', async () => {
    const dir = folder({ 'pocs.csv': zip() });
    const t = tenantFromData({ timeZone: 'UTC', skills: [{ id: 2001, name: 'Inbound', media: 'Phone' }] });
    const err = await uploadPocs(t.store, { file: join(dir, 'pocs.csv') }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PocUploadError);
    expect((err as Error).message).toBe(`${join(dir, 'pocs.csv')}:1:1: ${ZIP_MESSAGE}`);
  });

  it('a data file the tenant file names', async () => {
    const dir = folder({
      'tenant.yaml': 'timeZone: UTC\ncrm:\n  - id: k\n    type: Kustomer\n    region: AMERICAS\n    baseUrl: https://x.api.kustomerapp.com\n    screenpopUrl: https://x.kustomerapp.com/app/customers\n    records:\n      leads: { file: leads.csv }\n',
      'leads.csv': Buffer.concat([Buffer.from('id,name\nL1,'), Buffer.from('Müller\n', 'latin1')]),
    });
    const err = (await loadTenant(join(dir, 'tenant.yaml')).catch((e: unknown) => e)) as ScriptLoadError;
    expect(err).toBeInstanceOf(ScriptLoadError);
    expect(err.diagnostics.map((d) => [d.code, d.span.file, d.span.line, d.span.col, d.message.slice(0, 62)])).toEqual([
      ['E-TENANT-DATA', join(dir, 'leads.csv'), 2, 5, 'not valid CSV: not UTF-8 text: byte 0xFC here is not part of a'],
    ]);
  });

  it("a digital skill's calling list file", async () => {
    const dir = folder({ 'tenant.yaml': outreachWith('started: true', 'started: false\n    list: promo.csv'), 'promo.csv': png() });
    const tenant = await loadTenant(join(dir, 'tenant.yaml'));
    const err = await createRuntime({ scripts: scriptSet(['script Quiet\ntype Generic\nstart: BEGIN -> done\ndone: END\n']), tenant, now: '2026-11-23T09:00:00-07:00' })
      .run('Quiet')
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ScriptLoadError);
    expect((err as ScriptLoadError).diagnostics).toEqual([
      expect.objectContaining({ code: 'E-LIST-CSV', message: `calling list of skill 4100: ${PNG_MESSAGE}`, span: expect.objectContaining({ file: join(dir, 'promo.csv'), line: 1, col: 1 }) }),
    ]);
    expect(tenant.store.queueDepth(4100)).toBe(0);
  });
});
