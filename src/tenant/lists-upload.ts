// Calling-list uploads (`studio-script lists upload`): a CSV or XLSX file with
// a header row goes through the CREATEPROSPECTS v2 pipeline (buildProspect:
// the same validation, time-zone handling and expiration) into a Personal
// Connection skill's calling list. The file is streamed (table-file.ts), so
// every row goes through the store's bulk load: constant memory on the SQLite
// store, and the whole upload is one transaction (a killed process leaves
// nothing of it, spec/reliability.md). A large CSV file is read in a second
// thread while this one inserts (lists/upload-thread.ts). Rejected rows go to
// a CSV file naming the row number and the reason (rejected-rows.ts).
import type { ProspectOptions } from './prospects.js';
import { canonicalField, DEFAULT_MAX_DESTINATIONS, isCompleteMapping } from './source-map.js';
import { RejectedRows } from './rejected-rows.js';
import { stateFailureDiagnostic, withBulkLoad } from './bulk-load.js';
import { isDiskFull, StateFileError } from './state-file.js';
import { finishUpload, openTable, TableFileError, type TableSource, type UploadProgress } from './table-file.js';
import type { BulkLoad, SkillRecord, SourceMapping, TenantStore } from '../contract/tenant-store.js';
import { DIGITAL_SKILLS_COLLECTION, type DigitalSkillRecord } from './digital/records.js';
import { whyNotPcTarget } from './skills.js';
import { asUploadError, ListUploadError } from './lists/upload-error.js';
import { readUploadRows } from './lists/upload-rows.js';
import { visitRowBatch, type RowBatchVisitor } from './lists/row-batch.js';
import { readerThreadAvailable, readInThread, type UploadWork } from './lists/upload-thread.js';

export { ListUploadError } from './lists/upload-error.js';

/**
 * Files from this size up are read in a second thread while this one inserts
 * (a state file's store only; measured in bench/README.md, lists upload):
 * below it, starting the thread costs more than it saves.
 */
const THREAD_MIN_BYTES = 1 << 20;

export interface ListUploadOptions {
  /** The CSV or XLSX file (first worksheet). */
  file: string;
  skillNo: number;
  /** The source the prospects belong to; created with `mapping` when the tenant has none of that name. */
  sourceName: string;
  /** Prospect field -> CSV column(s); null: the source's own map. */
  mapping: SourceMapping | null;
  /** Where rejected rows are written (default `<file>.rejected.csv`; null: nowhere); only written when a row is rejected. */
  rejectedFile?: string | null;
  /** Called with each rejected row's number and reason. */
  onRejected?: (row: number, reason: string) => void;
  /** An open bulk load to write into (a tenant's data files load together); by default the upload opens and commits its own. */
  bulk?: BulkLoad;
  /** CREATEPROSPECTS' NoTimeZoneReject. */
  noTimeZoneReject?: boolean;
  /** Fallback zone (IANA) for rows without one; null: none. */
  fallbackZone?: string | null;
  /** Expiration (epoch ms) of rows without their own; null: never. */
  defaultExpiresAtMs?: number | null;
  nowMs: number;
  /** Called every `progressEvery` rows (and once at the end) with the counts so far. */
  onProgress?: (p: ListUploadProgress) => void;
  progressEvery?: number;
  /**
   * Read the file's rows in a second thread while this one inserts them; by
   * default a CSV file of 1 MB or more into a state file's store (SQLite) is.
   * Needs the compiled module (from TypeScript sources: never).
   */
  readerThread?: boolean;
}

export type ListUploadProgress = UploadProgress;

export interface ListUploadReport {
  file: string;
  skillNo: number;
  sourceName: string;
  /** Data rows read (the header excluded). */
  rows: number;
  /** New prospects. */
  loaded: number;
  /** Prospects that already existed (same skill and external id) and were replaced. */
  updated: number;
  rejected: number;
  /** The rejected-rows file, when a row was rejected. */
  rejectedFile: string | null;
  /** Advice about the upload (a list reloaded into a started digital skill). */
  warnings: string[];
}

/**
 * Parses `--map Field=Column` options (`Destinations=Mobile,Home` lists
 * several columns in dialing order) into a source map. Field names are the
 * prospect fields of a source map, case-insensitive.
 */
export function parseMapOptions(entries: readonly string[]): SourceMapping {
  const map: Record<string, string | string[]> = {};
  for (const entry of entries) {
    const eq = entry.indexOf('=');
    if (eq <= 0) throw new ListUploadError(`--map ${entry}: expected Field=Column (for example ExternalID=Id or Destinations=Mobile,Home)`);
    const field = canonicalField(entry.slice(0, eq).trim());
    if (!field) throw new ListUploadError(`--map ${entry}: "${entry.slice(0, eq).trim()}" is not a prospect field (ExternalID, Destinations, FirstName, LastName, TimeZone, ExpirationDate, …)`);
    const columns = entry
      .slice(eq + 1)
      .split(',')
      .map((c) => c.trim())
      .filter((c) => c !== '');
    if (columns.length === 0) throw new ListUploadError(`--map ${entry}: no column named`);
    if (field === 'Destinations') map.Destinations = [...((map.Destinations as string[] | undefined) ?? []), ...columns];
    else if (columns.length > 1) throw new ListUploadError(`--map ${entry}: only Destinations takes several columns`);
    else map[field] = columns[0]!;
  }
  if (!isCompleteMapping(map as SourceMapping)) throw new ListUploadError('the map needs ExternalID=<column> and Destinations=<column>[,<column>…]');
  return map as SourceMapping;
}

/** Uploads a calling list; throws ListUploadError (nothing written) when the upload cannot run. */
export async function uploadCallingList(store: TenantStore, o: ListUploadOptions): Promise<ListUploadReport> {
  let table: TableSource;
  try {
    table = openTable(o.file);
  } catch (err) {
    throw asUploadError(err);
  }

  const skill = store.skill(o.skillNo);
  if (!skill) throw new ListUploadError(`skill ${o.skillNo} does not exist in this business unit`);
  const why = whyNotPcTarget(skill);
  if (why) throw new ListUploadError(`skill ${skill.id} (${skill.name}) cannot take a calling list: ${why}`);
  const existing = store.source(o.sourceName);
  const mapping = o.mapping ?? existing?.mapping ?? null;
  if (!isCompleteMapping(mapping)) {
    throw new ListUploadError(
      existing ? `source ${existing.name} has no source map: give one with --map ExternalID=<column> --map Destinations=<column>` : `source ${o.sourceName} is not in the tenant: give its map with --map ExternalID=<column> --map Destinations=<column>`,
    );
  }
  const source = existing ? { ...existing, mapping } : { id: 0, name: o.sourceName, mapping, maxDestinations: DEFAULT_MAX_DESTINATIONS };
  const options: ProspectOptions = {
    skillNo: skill.id,
    source,
    noTimeZoneReject: o.noTimeZoneReject ?? false,
    fallbackZone: o.fallbackZone ?? null,
    defaultExpiresAtMs: o.defaultExpiresAtMs ?? null,
    nowMs: o.nowMs,
    buZone: store.timeZone,
    emailDestination: skill.media === 'Digital',
  };

  const rejectedPath = o.rejectedFile === undefined ? `${o.file}.rejected.csv` : o.rejectedFile;
  const rejected = new RejectedRows(rejectedPath, o.onRejected);
  const report: ListUploadReport = { file: o.file, skillNo: skill.id, sourceName: source.name, rows: 0, loaded: 0, updated: 0, rejected: 0, rejectedFile: null, warnings: startedDigitalSkillWarning(store, skill) };
  const every = o.progressEvery ?? 1000;

  const progress = o.onProgress;
  const work: UploadWork = { file: o.file, mapping, options, every: progress ? every : null };
  const threaded = (o.readerThread ?? (store.kind === 'sqlite' && table.format === 'csv' && table.totalBytes >= THREAD_MIN_BYTES)) && readerThreadAvailable();
  try {
    await withBulkLoad(
      store,
      async (bulk) => {
        if (!existing) store.putSource(source);
        if (threaded) report.rows = await insertFromThread(work, bulk, report, rejected, (rows, bytes) => progress!({ rows, bytes, totalBytes: table.totalBytes }));
        else {
          report.rows = await readUploadRows(table, o.file, mapping, options, work.every, {
            header: (h) => (rejected.header = h),
            prospect: (p) => void (bulk.upsertProspect(p) === 'Created' ? report.loaded++ : report.updated++),
            rejected: (row, reason, cells) => rejected.add(row, reason, cells),
            progress: (rows, bytes) => progress!({ rows, bytes, totalBytes: table.totalBytes }),
          });
        }
        // The rejected rows are on disk before the upload commits: a disk that fills now still leaves nothing of it.
        rejected.close();
      },
      o.bulk,
    );
  } catch (err) {
    rejected.discard();
    throw err instanceof TableFileError ? asUploadError(err) : uploadFailure(err, rejectedPath);
  } finally {
    rejected.close();
  }
  return finishUpload(report, rejected, table, o.onProgress);
}

/** The seed's advice when a list goes into a started digital skill: stop it before reloading after critical updates, restart after. */
function startedDigitalSkillWarning(store: TenantStore, skill: SkillRecord): string[] {
  const digital = store.collection<DigitalSkillRecord>(DIGITAL_SKILLS_COLLECTION).get(String(skill.id));
  if (!digital?.started) return [];
  return [
    `skill ${skill.id} (${skill.name}) is started: its sender works through the records as they load. After critical updates to a list, stop the skill before reloading it and start it again after the upload (records already sent are not sent again)`,
  ];
}

/**
 * A write that failed (the state file: E-TENANT-STATE at it; a full disk, a
 * rejected-rows file that cannot be written) as an error naming what and
 * saying that nothing of the upload was kept; anything else is returned as is.
 */
function uploadFailure(err: unknown, rejectedPath: string | null): Error {
  if (err instanceof StateFileError) return new ListUploadError(err.describe(), [stateFailureDiagnostic(err, 'this upload')]);
  const code = String((err as { code?: unknown } | null)?.code ?? '');
  const path = (err as { path?: unknown } | null)?.path;
  if (isDiskFull(err)) return new ListUploadError(`the disk is full${typeof path === 'string' ? ` (writing ${path})` : ''}: nothing of this upload was written`);
  if (typeof path === 'string' && rejectedPath !== null && path === rejectedPath)
    return new ListUploadError(`cannot write the rejected-rows file ${rejectedPath} (${code || 'error'}): nothing of this upload was written; choose another place with --rejected`);
  if (typeof path === 'string' && /^E[A-Z]+$/.test(code)) return new ListUploadError(`cannot read ${path} (${code}): nothing of this upload was written`);
  return err instanceof Error ? err : new Error(String(err));
}

/** The rows read in a second thread (upload-thread.ts), inserted here as their batches come; returns the data rows. */
async function insertFromThread(work: UploadWork, bulk: BulkLoad, report: ListUploadReport, rejected: RejectedRows, progress: (rows: number, bytes: number) => void): Promise<number> {
  const visitor: RowBatchVisitor = {
    prospect: (p) => void (bulk.upsertEncoded(p) === 'Created' ? report.loaded++ : report.updated++),
    rejected: (row, reason, cells) => rejected.add(row, reason, cells),
    progress,
  };
  for await (const m of readInThread(work)) {
    if (m.type === 'header') rejected.header = m.header;
    else if (m.type === 'batch') visitRowBatch(m.batch, visitor);
    else return m.rows;
  }
  throw new Error('the thread reading the file ended without its row count');
}
