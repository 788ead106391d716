// `studio-script pocs upload`: creates and changes many points of contact at
// once from a CSV or XLSX file, as ACD's "Manage Multiple Points of Contact"
// does (seed 002). With a Modified Row column only the rows marked modified
// are applied (Changed Rows Only); without one every row is. Each row obeys
// the POC rules (pocs/rules.ts); a rejected row goes to the rejected-rows file
// with its row number and reason, in the format calling-list uploads use. The
// whole upload is one transaction (the store's bulk load, open across the
// file's reads): every accepted row lands, or none does.
import type { TenantStore } from '../../contract/tenant-store.js';
import { diagnostic } from '../../contract/diagnostics.js';
import { stateFailureDiagnostic, withBulkLoad } from '../bulk-load.js';
import { RejectedRows } from '../rejected-rows.js';
import { StateFileError } from '../state-file.js';
import { finishUpload, fitRow, openTable, TableFileError, type TableRow, type UploadProgress } from '../table-file.js';
import { isEmailAddress, pocCollection, pocKey, POC_CHANNELS, POCS_COLLECTION, type PocChannel, type PocRecord } from './records.js';
import { pocProblem, type SkillFacts } from './rules.js';
import { columnsOf, type PocColumn } from './columns.js';

export type RowsToInclude = 'all' | 'changed';

export interface PocUploadOptions {
  /** The CSV or XLSX file (first worksheet), header row first. */
  file: string;
  /** All Rows, or Changed Rows Only (default: changed when the file has a Modified Row column). */
  rows?: RowsToInclude;
  /** Where rejected rows are written (default `<file>.rejected.csv`); only written when a row is rejected. */
  rejectedFile?: string;
  onProgress?: (p: UploadProgress) => void;
  progressEvery?: number;
}

export interface PocUploadReport {
  file: string;
  /** Which rows were applied: every row, or the rows marked in the Modified Row column. */
  rowsIncluded: RowsToInclude;
  /** Data rows read (the header excluded). */
  rows: number;
  created: number;
  updated: number;
  /** Rows applied that changed nothing. */
  unchanged: number;
  /** Rows left out because they are not marked modified. */
  skipped: number;
  rejected: number;
  /** The rejected-rows file, when a row was rejected. */
  rejectedFile: string | null;
  /** Header columns the upload does not use. */
  ignoredColumns: string[];
}

/** An upload that cannot run (unreadable file, header without a Point of Contact column…): nothing of it was written. */
export class PocUploadError extends TableFileError {
  override name = 'PocUploadError';
}

/** Uploads points of contact; throws PocUploadError (nothing written) when the upload cannot run. */
export async function uploadPocs(store: TenantStore, o: PocUploadOptions): Promise<PocUploadReport> {
  let table;
  try {
    table = openTable(o.file);
  } catch (err) {
    throw asUploadError(err);
  }
  const rejectedPath = o.rejectedFile ?? `${o.file}.rejected.csv`;
  const rejected = new RejectedRows(rejectedPath);
  const skills = skillFinder(store);
  const collection = pocCollection(store);
  /**
   * Changes of this upload by POC key, applied together at the end; `stored`:
   * the record at that key when the row's look-up already read it (null: none),
   * since nothing writes the collection before the end.
   */
  const pending = new Map<string, { rec: PocRecord; row: number; created: boolean; stored?: PocRecord | null }>();
  const report: PocUploadReport = { file: o.file, rowsIncluded: 'all', rows: 0, created: 0, updated: 0, unchanged: 0, skipped: 0, rejected: 0, rejectedFile: null, ignoredColumns: [] };
  const every = o.progressEvery ?? 1000;
  let columns: Map<PocColumn, number> | null = null;
  let width = 0;
  // One transaction from the first row to the last: the look-ups of every row
  // read inside it (on SQLite, not one read transaction per look-up) and the
  // changes land together or not at all.
  try {
    await withBulkLoad(store, async (bulk) => {
      for await (const row of table.rows()) {
        if (!columns) {
          const header = columnsOf(row, o.file, table.format);
          columns = header.columns;
          width = row.cells.length;
          report.ignoredColumns = header.ignored;
          report.rowsIncluded = o.rows ?? (columns.has('modified') ? 'changed' : 'all');
          if (report.rowsIncluded === 'changed' && !columns.has('modified'))
            throw new PocUploadError(`${o.file}: Changed Rows Only needs a Modified Row column (Y for the rows to apply); this file has none`, [
              diagnostic('E-POC-HEADER', 'Changed Rows Only needs a Modified Row column; this header has none', { file: o.file, line: row.row, col: 1 }),
            ]);
          rejected.header = row.cells;
          continue;
        }
        report.rows++;
        const outcome = applyRow(row, columns, width, table.format, report.rowsIncluded);
        if (outcome === 'skipped') report.skipped++;
        else if (typeof outcome === 'string') rejected.add(row.row, outcome, row.cells);
        if (o.onProgress && report.rows % every === 0) o.onProgress({ rows: report.rows, bytes: table.bytesRead(), totalBytes: table.totalBytes });
      }
      if (!columns) throw new PocUploadError(`${o.file}: empty file (a points-of-contact file needs a header row)`, [diagnostic('E-POC-EMPTY', 'empty file: a points-of-contact file needs a header row', { file: o.file, line: 1, col: 1 })]);
      // The rejected rows are on disk before the upload commits.
      rejected.close();
      for (const [key, p] of pending) {
        const before = p.stored === undefined ? collection.get(key) : (p.stored ?? undefined);
        if (before && samePoc(before, p.rec)) report.unchanged++;
        else {
          bulk.put(POCS_COLLECTION, key, p.rec);
          if (p.created) report.created++;
          else report.updated++;
        }
      }
    });
  } catch (err) {
    rejected.discard();
    throw asUploadError(err);
  } finally {
    rejected.close();
  }
  return finishUpload(report, rejected, table, o.onProgress);

  /** Checks one data row and keeps its change; returns why it is rejected, or 'skipped'. */
  function applyRow(row: TableRow, cols: Map<PocColumn, number>, headerWidth: number, format: 'csv' | 'xlsx', include: RowsToInclude): string | 'skipped' | null {
    const cells = fitRow(row, headerWidth, format);
    if (typeof cells === 'string') return cells;
    const cell = (c: PocColumn): string => (cols.has(c) ? cells[cols.get(c)!]!.trim() : '');
    if (include === 'changed') {
      const mark = yesNo(cell('modified'), false);
      if (mark === null) return `Modified Row "${cell('modified')}" is not Y or N`;
      if (!mark) return 'skipped';
    }
    if (row.problem) return row.problem;
    const id = cell('id');
    if (id === '') return 'no point of contact (the Point of Contact cell is empty)';
    const channelText = cell('channel');
    const channel = channelText === '' ? undefined : channelOf(channelText);
    if (channel === null) return `channel "${channelText}" is not one of ${POC_CHANNELS.join(', ')}`;
    const key = pocKey(id, channel);
    const earlier = pending.get(key);
    if (earlier) return `point of contact ${id} is already in row ${earlier.row} of this file`;
    const lower = id.toLowerCase();
    const atKey = collection.get(key);
    const atLower = atKey === undefined && lower !== key ? collection.get(lower) : undefined;
    const before = atKey ?? atLower;
    const skillText = cell('skill');
    let skill = before?.skill;
    if (skillText !== '') {
      const found = skills.byText(skillText);
      if (typeof found === 'string') return found;
      skill = found.id;
    }
    const activeText = cell('active');
    const active = activeText === '' ? (before?.active ?? true) : yesNo(activeText, true);
    if (active === null) return `Active "${activeText}" is not Y or N`;
    const name = cell('name') || before?.name;
    const resolvedChannel = channel ?? before?.channel ?? guessChannel(id);
    if (!before) {
      if (!name) return 'a new point of contact needs a Name';
      if (!resolvedChannel) return 'a new point of contact needs a Channel (Phone, Email, Chat, Digital, WorkItem or SMS)';
      if (skill === undefined) return 'a new point of contact needs a Skill';
    }
    const next: PocRecord = {
      id: before ? before.id : id,
      name: name!,
      channel: resolvedChannel!,
      skill: skill!,
      script: cell('script') || (before?.script ?? null),
      active,
    };
    const problem = pocProblem(next, before, skills.byId);
    if (problem) return problem.message;
    const at = before ? pocKey(before.id, before.channel) : pocKey(next.id, next.channel);
    const stored = at === key ? (atKey ?? null) : at === lower && atKey === undefined ? (atLower ?? null) : undefined;
    pending.set(at, { rec: next, row: row.row, created: !before, stored });
    return null;
  }
}

function samePoc(a: PocRecord, b: PocRecord): boolean {
  return a.id === b.id && a.name === b.name && a.channel === b.channel && a.skill === b.skill && a.script === b.script && a.active === b.active;
}

function asUploadError(err: unknown): unknown {
  if (err instanceof TableFileError) return new PocUploadError(err.message, err.diagnostics);
  if (err instanceof StateFileError) return new PocUploadError(err.describe(), [stateFailureDiagnostic(err, 'this upload')]);
  return err;
}

/** Skills by number or by name (case-insensitive), as the rules see them. */
function skillFinder(store: TenantStore): { byId: (id: number) => SkillFacts | undefined; byText: (text: string) => SkillFacts | string } {
  const all = store.skills();
  const byName = new Map(all.map((s) => [s.name.toLowerCase(), s]));
  const byId = (id: number): SkillFacts | undefined => store.skill(id);
  return {
    byId,
    byText(text) {
      const found = /^\d+$/.test(text) ? byId(Number(text)) : byName.get(text.toLowerCase());
      return found ?? `skill ${text} does not exist in this business unit`;
    },
  };
}

const YES = new Set(['y', 'yes', 'true', '1', 'x', 'active']);
const NO = new Set(['n', 'no', 'false', '0', 'inactive']);

/** Y/N, Yes/No, TRUE/FALSE, 1/0 (and Active/Inactive); `blank` for an empty cell; null when it is none of them. */
function yesNo(text: string, blank: boolean): boolean | null {
  const t = text.trim().toLowerCase();
  if (t === '') return blank;
  if (YES.has(t)) return true;
  if (NO.has(t)) return false;
  return null;
}

/** ACD media type names and numbers (research digital-and-proactive §4: 1 Email, 3 Chat, 4 Voice, 6 Work Item, 7 SMS, 9 Digital). */
const CHANNEL_NAMES: Record<string, PocChannel> = {
  phone: 'Phone',
  voice: 'Phone',
  '4': 'Phone',
  email: 'Email',
  mail: 'Email',
  '1': 'Email',
  chat: 'Chat',
  '3': 'Chat',
  digital: 'Digital',
  '9': 'Digital',
  workitem: 'WorkItem',
  '6': 'WorkItem',
  sms: 'SMS',
  '7': 'SMS',
};

function channelOf(text: string): PocChannel | null {
  return CHANNEL_NAMES[text.toLowerCase().replace(/[\s_-]+/g, '')] ?? null;
}

/** A new POC without a Channel: a number is a phone line, an address a mailbox; anything else must say. */
function guessChannel(id: string): PocChannel | undefined {
  if (isEmailAddress(id)) return 'Email';
  if (/^[+\d\s().-]+$/.test(id)) return 'Phone';
  return undefined;
}

