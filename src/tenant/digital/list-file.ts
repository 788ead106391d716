// The calling list a tenant file names for an outbound digital skill
// (`list: promo-list.csv`): streamed into the skill's calling list at the
// start of a run (the sender's `prepare`, before the first step), at the
// run's virtual time, through the `lists upload` pipeline (CREATEPROSPECTS
// v2's rules, e-mail destinations allowed) in one bulk load, so a list of a
// million rows loads in constant memory on the SQLite store. Loaded once per
// store (a `--state` file keeps the report, so a later run does not load it
// again); the report of loaded and rejected rows is kept with the rows, for
// the run's warning and `tenant show`.
import { diagnostic, ScriptLoadError } from '../../contract/diagnostics.js';
import type { TenantStore } from '../../contract/tenant-store.js';
import { stateFailureDiagnostic, withBulkLoad } from '../bulk-load.js';
import { ListUploadError, uploadCallingList } from '../lists-upload.js';
import { StateFileError } from '../state-file.js';

/** The report of a tenant-declared list, keyed by skill number. */
const LIST_REPORTS_COLLECTION = 'digital.lists';

/** Rejected rows a report names one by one; the rest are counted (a million bad rows keep a small report). */
const NAMED_REJECTS = 10;

export interface ListReport {
  skill: number;
  file: string;
  rows: number;
  loaded: number;
  /** The first NAMED_REJECTS rejected rows, with why. */
  rejected: { row: number; reason: string }[];
  /** Every rejected row (absent in reports written before the count was kept: then `rejected.length`). */
  rejectedRows?: number;
}

/** The report kept for a skill's tenant-named list, or undefined when it was not loaded into this store. */
export function listReport(store: TenantStore, skillNo: number): ListReport | undefined {
  return store.collection<ListReport>(LIST_REPORTS_COLLECTION).get(String(skillNo));
}

/**
 * Streams `file` into the skill's calling list with the source's map, the
 * rows and the report in one bulk load (a failure leaves nothing of it).
 * A file that cannot load (unreadable, no header, a mapped column missing)
 * throws ScriptLoadError located in the file.
 */
export async function loadListFile(store: TenantStore, file: string, skillNo: number, sourceName: string, nowMs: number): Promise<ListReport> {
  const rejected: ListReport['rejected'] = [];
  try {
    return await withBulkLoad(store, async (bulk) => {
      const upload = await uploadCallingList(store, {
        file,
        skillNo,
        sourceName,
        mapping: null,
        nowMs,
        // Rows without a zone take the business unit's.
        fallbackZone: store.timeZone,
        defaultExpiresAtMs: null,
        noTimeZoneReject: false,
        rejectedFile: null,
        onRejected: (row, reason) => void (rejected.length < NAMED_REJECTS && rejected.push({ row, reason })),
        bulk,
      });
      const report: ListReport = { skill: skillNo, file, rows: upload.rows, loaded: upload.loaded + upload.updated, rejected, rejectedRows: upload.rejected };
      bulk.put(LIST_REPORTS_COLLECTION, String(skillNo), report);
      return report;
    });
  } catch (err) {
    if (err instanceof StateFileError) throw new ScriptLoadError([stateFailureDiagnostic(err, `the calling list of skill ${skillNo}`)]);
    if (!(err instanceof ListUploadError)) throw err;
    throw new ScriptLoadError(
      err.diagnostics.length > 0
        ? err.diagnostics.map((d) => ({ ...d, message: `calling list of skill ${skillNo}: ${d.message}` }))
        : [diagnostic('E-DIGITAL-LIST', `calling list of skill ${skillNo}: ${err.message}`, { file, line: 1, col: 1 })],
    );
  }
}

/** One line per list: `calling list promo-list.csv of skill 4100: 6 rows, 4 loaded, 2 rejected (row 4: No valid destination; row 7: Missing External ID)`. */
export function describeListReport(r: ListReport, name: string): string {
  const count = r.rejectedRows ?? r.rejected.length;
  const more = count > r.rejected.length ? [`and ${count - r.rejected.length} more`] : [];
  const named = [...r.rejected.map((x) => `row ${x.row}: ${x.reason}`), ...more];
  return `calling list ${name} of skill ${r.skill}: ${r.rows} rows, ${r.loaded} loaded, ${count} rejected${named.length ? ` (${named.join('; ')})` : ''}`;
}
