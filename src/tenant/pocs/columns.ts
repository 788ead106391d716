// The columns of a points-of-contact upload file and the header names each
// is recognised by. ACD's template column list is not documented (research
// digital-and-proactive §4, open question 5): the names here are the seed's
// (Modified Row / Ligne modifiée, Row Changed in older pages) and the API's
// field names, matched without regard to case, spaces, punctuation or accents.
import { cellError, type TableRow } from '../table-file.js';

export type PocColumn = 'id' | 'name' | 'channel' | 'skill' | 'script' | 'active' | 'modified';

/** Each column's name in a template this tool writes, and the other names it accepts. */
export const POC_COLUMNS: Record<PocColumn, { title: string; aliases: readonly string[] }> = {
  id: { title: 'Point of Contact', aliases: ['POC', 'Contact Address', 'Point of Contact Address', 'Address'] },
  name: { title: 'Name', aliases: ['Point of Contact Name', 'Contact Description', 'Description'] },
  channel: { title: 'Channel', aliases: ['Media Type', 'Media Type Name', 'Media'] },
  skill: { title: 'Skill', aliases: ['Skill Id', 'Skill Name', 'Skill No', 'Default Skill', 'Default Skill Id'] },
  script: { title: 'Script', aliases: ['Script Name'] },
  active: { title: 'Active', aliases: ['Is Active', 'Status'] },
  modified: { title: 'Modified Row', aliases: ['Row Changed', 'Rows Changed', 'Changed', 'Modified', 'Ligne modifiée'] },
};

/** `Ligne modifiée` → `lignemodifiee`. */
export function headerKey(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '');
}

const BY_KEY = new Map<string, PocColumn>(
  (Object.entries(POC_COLUMNS) as [PocColumn, { title: string; aliases: readonly string[] }][]).flatMap(([col, c]) => [c.title, ...c.aliases].map((n) => [headerKey(n), col] as const)),
);

/** The header row: which cell holds which column, and the names it does not use. Throws TableFileError for a header the upload cannot use. */
export function columnsOf(header: TableRow, file: string, format: 'csv' | 'xlsx'): { columns: Map<PocColumn, number>; ignored: string[] } {
  const columns = new Map<PocColumn, number>();
  const ignored: string[] = [];
  const fail = (message: string, i: number): never => {
    throw cellError(file, format, header, i, 'E-POC-HEADER', message);
  };
  header.cells.forEach((name, i) => {
    const col = BY_KEY.get(headerKey(name));
    if (col === undefined) {
      if (name.trim() !== '') ignored.push(name.trim());
      return;
    }
    if (columns.has(col)) fail(`columns "${header.cells[columns.get(col)!]!.trim()}" and "${name.trim()}" both give the ${POC_COLUMNS[col].title}`, i);
    columns.set(col, i);
  });
  if (!columns.has('id'))
    fail(`no ${POC_COLUMNS.id.title} column: the header row needs one (found ${header.cells.map((c) => c.trim()).filter(Boolean).join(', ') || 'no names'})`, 0);
  return { columns, ignored };
}
