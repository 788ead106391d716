// "Download the template" and "Download existing points of contact" of ACD's
// Manage Multiple Points of Contact page (seed 002): the business unit's POCs
// in the upload's own columns, each row marked not modified, so a user edits
// some rows, marks them Y and uploads the file again. CSV text or an XLSX
// workbook (written with exceljs, the library uploads read with).
import type { TenantStore } from '../../contract/tenant-store.js';
import { excelJs } from '../../deps.js';
import { csvLine } from '../rejected-rows.js';
import { POC_COLUMNS, type PocColumn } from './columns.js';
import { allPocs } from './records.js';

const ORDER: readonly PocColumn[] = ['id', 'name', 'channel', 'skill', 'script', 'active', 'modified'];

/** The header row and one row per POC (none for the template). */
export function pocTable(store: TenantStore, opts: { template?: boolean } = {}): string[][] {
  const header = ORDER.map((c) => POC_COLUMNS[c].title);
  if (opts.template) return [header];
  return [header, ...allPocs(store).map((p) => [p.id, p.name, p.channel, String(p.skill), p.script ?? '', p.active ? 'Y' : 'N', 'N'])];
}

export function tableCsv(rows: readonly (readonly string[])[]): string {
  return rows.map(csvLine).join('');
}

/** The rows as the first worksheet of a workbook; every cell is text, so numbers keep their digits. */
export async function tableXlsx(rows: readonly (readonly string[])[], sheet = 'Points of Contact'): Promise<Uint8Array> {
  const ExcelJS = excelJs();
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(sheet);
  for (const r of rows) ws.addRow([...r]);
  ws.getRow(1).font = { bold: true };
  return new Uint8Array(await wb.xlsx.writeBuffer());
}
