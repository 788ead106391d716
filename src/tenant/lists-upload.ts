// Calling-list uploads (`studio-script lists upload`): a CSV file with a header
// row goes through the CREATEPROSPECTS v2 pipeline (buildProspect: the same
// validation, time-zone handling and expiration) into a Personal Connection
// skill's calling list. The file is streamed with csv-parse, so 100,000 rows
// run in constant memory on the SQLite store; the whole upload is one
// transaction there (a killed process leaves nothing of it, spec/reliability.md).
// Rejected rows go to a CSV file naming the row number and the reason.
import { CsvError, parse } from 'csv-parse';
import { closeSync, createReadStream, openSync, readSync, rmSync, statSync, writeSync } from 'node:fs';
import { diagnostic, type Diagnostic } from '../contract/diagnostics.js';
import type { DdoObject } from '../contract/value.js';
import { buildProspect, type ProspectOptions } from './prospects.js';
import { canonicalField, DEFAULT_MAX_DESTINATIONS, isCompleteMapping } from './source-map.js';
import { SqliteTenantStore } from './sqlite-store.js';
import { isDiskFull, StateFileError, stateError } from './state-file.js';
import type { ProspectRecord, SkillRecord, SourceMapping, TenantStore } from '../contract/tenant-store.js';
import { DIGITAL_SKILLS_COLLECTION, type DigitalSkillRecord } from './digital/records.js';
import { whyNotPcTarget } from './skills.js';

export interface ListUploadOptions {
  /** The CSV file. */
  file: string;
  skillNo: number;
  /** The source the prospects belong to; created with `mapping` when the tenant has none of that name. */
  sourceName: string;
  /** Prospect field -> CSV column(s); null: the source's own map. */
  mapping: SourceMapping | null;
  /** Where rejected rows are written (default `<file>.rejected.csv`); only written when a row is rejected. */
  rejectedFile?: string;
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
}

export interface ListUploadProgress {
  rows: number;
  bytes: number;
  totalBytes: number;
}

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

/** An upload that cannot start or whose file is not valid CSV: nothing of it was written. */
export class ListUploadError extends Error {
  override name = 'ListUploadError';
  constructor(
    message: string,
    readonly diagnostics: Diagnostic[] = [],
  ) {
    super(message);
  }
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
  if (/\.xlsx?$/i.test(o.file)) throw new ListUploadError(`${o.file}: XLSX/XLS files are not supported; save the sheet as CSV (UTF-8) and upload that`);
  let totalBytes: number;
  try {
    totalBytes = statSync(o.file).size;
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    throw new ListUploadError(`cannot read ${o.file}: ${e.code === 'ENOENT' ? 'no such file' : e.message}`);
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

  const rejectedPath = o.rejectedFile ?? `${o.file}.rejected.csv`;
  const rejected = new RejectedRows(rejectedPath);
  const sqlite = store instanceof SqliteTenantStore ? store : null;
  // The memory store cannot hold a transaction open across the file's reads:
  // its prospects are kept here and applied in one transaction at the end.
  const pending: ProspectRecord[] = [];
  const report: ListUploadReport = { file: o.file, skillNo: skill.id, sourceName: source.name, rows: 0, loaded: 0, updated: 0, rejected: 0, rejectedFile: null, warnings: startedDigitalSkillWarning(store, skill) };
  const every = o.progressEvery ?? 1000;

  let header: string[] | null = null;
  // Rows are numbered by the file line they start on. csv-parse's `info`
  // option would give it but costs ~15 % of the upload, so lines are counted
  // here: one per record plus the line breaks inside its quoted cells.
  let line = 1;
  let open = false;
  try {
    if (sqlite) {
      sqlite.db.exec('SAVEPOINT lists_upload'); // a transaction of its own, or nested in the caller's
      open = true;
      if (!existing) store.putSource(source);
    }
    const input = createReadStream(o.file);
    const parser = input.pipe(parse({ relax_column_count: true, bom: true }));
    for await (const record of parser as AsyncIterable<string[]>) {
      const row = line;
      line++;
      for (const cell of record) if (cell.includes('\n')) line += cell.split('\n').length - 1;
      if (record.length === 1 && record[0] === '') continue; // an empty line
      if (!header) {
        header = checkHeader(record, mapping, o.file, row);
        rejected.header = header;
        continue;
      }
      report.rows++;
      if (record.length !== header.length) {
        rejected.add(row, `expected ${header.length} columns, found ${record.length}`, record);
      } else {
        const data: DdoObject = {};
        for (let i = 0; i < header.length; i++) data[header[i]!] = record[i]!;
        const outcome = buildProspect(data, options);
        if (!outcome.ok) rejected.add(row, outcome.code, record);
        else if (sqlite) {
          if (store.upsertProspect(outcome.prospect) === 'Created') report.loaded++;
          else report.updated++;
        } else pending.push(outcome.prospect);
      }
      if (o.onProgress && report.rows % every === 0) o.onProgress({ rows: report.rows, bytes: input.bytesRead, totalBytes });
    }
    if (!header) throw new ListUploadError(`${o.file}: empty file (a calling list needs a header row)`, [diagnostic('E-LIST-EMPTY', 'empty file: a calling list needs a header row', { file: o.file, line: 1, col: 1 })]);
    // The rejected rows are on disk before the upload commits: a disk that fills now still leaves nothing of it.
    rejected.close();
    if (sqlite) {
      sqlite.db.exec('RELEASE lists_upload');
      open = false;
    } else {
      store.transaction(() => {
        if (!existing) store.putSource(source);
        for (const p of pending) {
          if (store.upsertProspect(p) === 'Created') report.loaded++;
          else report.updated++;
        }
      });
    }
  } catch (err) {
    if (open) sqlite!.db.exec('ROLLBACK TO lists_upload; RELEASE lists_upload');
    rejected.discard();
    if (isCsvError(err)) throw csvFailure(err, o.file, line);
    throw uploadFailure(err, sqlite?.file, rejectedPath);
  } finally {
    rejected.close();
  }
  report.rejected = rejected.count;
  report.rejectedFile = rejected.count > 0 ? rejectedPath : null;
  o.onProgress?.({ rows: report.rows, bytes: totalBytes, totalBytes });
  return report;
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
 * A write that failed (a full disk, a locked or damaged state file, a
 * rejected-rows file that cannot be written) as an error naming what and
 * saying that nothing of the upload was kept; anything else is returned as is.
 */
function uploadFailure(err: unknown, stateFile: string | undefined, rejectedPath: string): Error {
  const code = String((err as { code?: unknown } | null)?.code ?? '');
  const path = (err as { path?: unknown } | null)?.path;
  if (stateFile !== undefined && (code.startsWith('SQLITE_') || err instanceof StateFileError)) {
    const e = stateError(stateFile, err);
    return new ListUploadError(`state file ${stateFile}: ${e.message}; nothing of this upload was written`);
  }
  if (isDiskFull(err)) return new ListUploadError(`the disk is full${typeof path === 'string' ? ` (writing ${path})` : ''}: nothing of this upload was written`);
  if (typeof path === 'string' && path === rejectedPath)
    return new ListUploadError(`cannot write the rejected-rows file ${rejectedPath} (${code || 'error'}): nothing of this upload was written; choose another place with --rejected`);
  if (typeof path === 'string' && /^E[A-Z]+$/.test(code)) return new ListUploadError(`cannot read ${path} (${code}): nothing of this upload was written`);
  return err instanceof Error ? err : new Error(String(err));
}

/** The header row: names are trimmed, must be unique and must include every mapped column. */
function checkHeader(record: string[], mapping: SourceMapping, file: string, line: number): string[] {
  const header = record.map((h) => h.trim());
  const fail = (code: string, message: string, col: number): never => {
    throw new ListUploadError(`${file}:${line}:${col}: ${message}`, [diagnostic(code, message, { file, line, col })]);
  };
  const seen = new Set<string>();
  header.forEach((h, i) => {
    if (seen.has(h)) fail('E-LIST-HEADER', `column "${h}" appears twice in the header row`, columnOffset(record, i));
    seen.add(h);
  });
  for (const [field, columns] of Object.entries(mapping)) {
    for (const c of Array.isArray(columns) ? columns : [columns]) {
      if (!seen.has(c)) fail('E-LIST-COLUMN', `${field} is mapped to column "${c}", which is not in the header row (${header.join(', ')})`, 1);
    }
  }
  return header;
}

/** 1-based column of field `i` in an unquoted header line (an approximation when cells are quoted). */
function columnOffset(record: string[], i: number): number {
  let col = 1;
  for (let k = 0; k < i; k++) col += record[k]!.length + 1;
  return col;
}

// Every parse error of csv-parse is a CsvError, whatever its code (INVALID_OPENING_QUOTE has no CSV_ prefix).
function isCsvError(err: unknown): err is CsvError {
  return err instanceof CsvError;
}

/**
 * A fatal CSV error located at file:line:col. csv-parse names the line where
 * it gave up; the exact place (the opening quote never closed, the character
 * after a closing quote) is found by rescanning from the end of the last good record.
 */
function csvFailure(err: CsvError, file: string, nextLine: number): ListUploadError {
  const at = locateQuoteProblem(file, nextLine, err.code) ?? { line: (err as { lines?: number }).lines ?? nextLine, col: 1 };
  const what =
    err.code === 'CSV_QUOTE_NOT_CLOSED'
      ? 'quote not closed: this quoted cell runs to the end of the file'
      : err.code === 'CSV_INVALID_CLOSING_QUOTE'
        ? 'invalid closing quote: a quoted cell must end at a comma or the end of the line (write "" for a quote inside it)'
        : err.code === 'INVALID_OPENING_QUOTE'
          ? 'quote inside an unquoted cell: quote the whole cell and double the quote inside it ("O""Brien")'
          : messageBefore(messageBefore(err.message, ', value is '), ' at line ');
  return new ListUploadError(`${file}:${at.line}:${at.col}: ${what}`, [diagnostic('E-LIST-CSV', what, { file, line: at.line, col: at.col })]);
}

/** `message` cut where `marker` first appears (csv-parse appends the line and the cell's value). */
function messageBefore(message: string, marker: string): string {
  const at = message.indexOf(marker);
  return at < 0 ? message : message.slice(0, at);
}

function locateQuoteProblem(file: string, nextLine: number, code: string): { line: number; col: number } | null {
  if (code !== 'CSV_QUOTE_NOT_CLOSED' && code !== 'CSV_INVALID_CLOSING_QUOTE' && code !== 'INVALID_OPENING_QUOTE') return null;
  let text: string;
  const fd = openSync(file, 'r');
  try {
    const start = offsetOfLine(fd, nextLine);
    const size = Math.min(statSync(file).size - start, 1 << 24);
    const buf = Buffer.alloc(Math.max(0, size));
    readSync(fd, buf, 0, buf.length, start);
    text = buf.toString('utf8');
  } finally {
    closeSync(fd);
  }
  // Scans from the start of the first record csv-parse did not finish.
  let line = nextLine;
  let col = 1;
  let i = 0;
  const advance = (ch: string) => {
    if (ch === '\n') {
      line++;
      col = 1;
    } else if (ch !== '\r') col++;
  };
  let fieldStart = true;
  let inQuote = false;
  let quoteAt = { line, col };
  for (; i < text.length; i++) {
    const ch = text[i]!;
    if (inQuote) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          advance(ch);
          i++;
          advance('"');
          continue;
        }
        inQuote = false;
        advance(ch);
        const next = text[i + 1];
        if (next !== undefined && next !== ',' && next !== '\n' && next !== '\r') return { line, col };
        continue;
      }
      advance(ch);
      continue;
    }
    if (ch === '"' && fieldStart) {
      inQuote = true;
      quoteAt = { line, col };
      fieldStart = false;
      advance(ch);
      continue;
    }
    // A quote in the middle of an unquoted cell (`O"Brien`).
    if (ch === '"') return { line, col };
    fieldStart = ch === ',' || ch === '\n' || ch === '\r';
    advance(ch);
  }
  return inQuote ? quoteAt : null;
}

/** Byte offset where 1-based `line` starts (read in chunks: constant memory). */
function offsetOfLine(fd: number, line: number): number {
  if (line <= 1) return 0;
  const chunk = Buffer.alloc(1 << 16);
  let seen = 1;
  let pos = 0;
  for (;;) {
    const n = readSync(fd, chunk, 0, chunk.length, pos);
    if (n === 0) return pos;
    for (let k = chunk.indexOf(10); k !== -1 && k < n; k = chunk.indexOf(10, k + 1)) {
      if (++seen === line) return pos + k + 1;
    }
    pos += n;
  }
}

/** The rejected-rows file: `Row,Reason` then the row's own cells; created at the first rejected row. */
class RejectedRows {
  header: string[] = [];
  count = 0;
  private fd: number | null = null;
  private buffer = '';
  /** True once the file exists on disk (so a failed upload removes it). */
  private created = false;

  constructor(readonly path: string) {}

  add(row: number, reason: string, cells: readonly string[]): void {
    if (this.fd === null) {
      this.fd = openSync(this.path, 'w');
      this.created = true;
      this.buffer = csvLine(['Row', 'Reason', ...this.header]);
    }
    this.count++;
    this.buffer += csvLine([String(row), reason, ...cells]);
    if (this.buffer.length > 65536) this.flush();
  }

  private flush(): void {
    if (this.fd !== null && this.buffer !== '') writeSync(this.fd, this.buffer);
    this.buffer = '';
  }

  /** The upload failed: no report, so no rejected-rows file either. */
  discard(): void {
    this.buffer = '';
    this.count = 0;
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
    if (this.created) rmSync(this.path, { force: true });
    this.created = false;
  }

  close(): void {
    if (this.fd === null) return;
    const fd = this.fd;
    this.fd = null;
    try {
      if (this.buffer !== '') writeSync(fd, this.buffer);
    } finally {
      this.buffer = '';
      closeSync(fd);
    }
  }
}

function csvLine(cells: readonly string[]): string {
  return cells.map((c) => (/[",\r\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(',') + '\n';
}
