// The calling list a tenant file names for an outbound digital skill
// (`list: promo-list.csv`): loaded into the skill's calling list when the
// skill's sender first runs (once per store: a `--state` file keeps it),
// on the run's virtual clock, through the same pipeline as `lists upload`
// (CREATEPROSPECTS v2's rules, e-mail destinations allowed), with the
// report of loaded and rejected rows kept for the sender and `tenant show`.
// The whole file is read at once: a list for a test or a demo; large lists go
// through `lists upload`, which streams.
import { parse } from 'csv-parse/sync';
import { readFileSync } from 'node:fs';
import type { TenantStore } from '../../contract/tenant-store.js';
import { buildProspect } from '../prospects.js';
import { DEFAULT_MAX_DESTINATIONS, isCompleteMapping } from '../source-map.js';

/** The report of a tenant-declared list, keyed by skill number. */
export const LIST_REPORTS_COLLECTION = 'digital.lists';

export interface ListReport {
  skill: number;
  file: string;
  rows: number;
  loaded: number;
  rejected: { row: number; reason: string }[];
}

/** Loads `file` into the skill's calling list with the source's map; throws an Error naming the problem when the file cannot be read. */
export function loadListFile(store: TenantStore, file: string, skillNo: number, sourceName: string, nowMs: number): ListReport {
  const source = store.source(sourceName);
  if (!source || !isCompleteMapping(source.mapping)) throw new Error(`source ${sourceName} has no complete map (ExternalID and Destinations)`);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new Error((err as NodeJS.ErrnoException).code === 'ENOENT' ? 'file not found' : (err as Error).message);
  }
  const records = parse(text, { relax_column_count: true, bom: true, info: true, skip_empty_lines: true }) as unknown as { record: string[]; info: { lines: number } }[];
  const report: ListReport = { skill: skillNo, file, rows: 0, loaded: 0, rejected: [] };
  const [head, ...rows] = records;
  if (!head) throw new Error('empty file: a calling list needs a header row');
  const header = head.record.map((h) => h.trim());
  for (const [field, columns] of Object.entries(source.mapping))
    for (const c of Array.isArray(columns) ? columns : [columns]) if (!header.includes(c)) throw new Error(`${field} is mapped to column "${c}", which is not in the header row (${header.join(', ')})`);
  const options = {
    skillNo,
    source: { ...source, mapping: source.mapping, maxDestinations: source.maxDestinations ?? DEFAULT_MAX_DESTINATIONS },
    noTimeZoneReject: false,
    fallbackZone: store.timeZone,
    defaultExpiresAtMs: null,
    nowMs,
    buZone: store.timeZone,
    emailDestination: true,
  };
  for (const { record, info } of rows) {
    report.rows++;
    const row = info.lines;
    if (record.length !== header.length) {
      report.rejected.push({ row, reason: `expected ${header.length} columns, found ${record.length}` });
      continue;
    }
    const data: Record<string, string> = {};
    header.forEach((h, i) => (data[h] = record[i]!));
    const outcome = buildProspect(data, options);
    if (!outcome.ok) report.rejected.push({ row, reason: outcome.code });
    else {
      store.upsertProspect(outcome.prospect);
      report.loaded++;
    }
  }
  store.collection<ListReport>(LIST_REPORTS_COLLECTION).put(String(skillNo), report);
  return report;
}

/** One line per list: `promo-list.csv: 6 rows, 4 loaded, 2 rejected (row 4: No valid destination; row 7: Missing External ID)`. */
export function describeListReport(r: ListReport, name: string): string {
  const rejected = r.rejected.length ? ` (${r.rejected.map((x) => `row ${x.row}: ${x.reason}`).join('; ')})` : '';
  return `calling list ${name} of skill ${r.skill}: ${r.rows} rows, ${r.loaded} loaded, ${r.rejected.length} rejected${rejected}`;
}
