// What `lists upload` and `pocs upload` share on the command line: the tenant
// an upload writes into (a tenant file, a state file, or an empty business
// unit), the progress line on a terminal (one self-rewriting stderr line, at
// most every 100 ms, cleared at the end), an upload that cannot run as
// located diagnostics (exit 2), and the JSON report with its paths shown
// relative to the working directory.
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import type { Tenant } from '../tenant/tenant.js';
import type { TableFileError, UploadProgress } from '../tenant/table-file.js';
import { EXIT, printDiagnostics, UsageError } from './io.js';
import { displayPath, printJson } from './output.js';

class ProgressLine {
  private last = 0;
  private shown = false;
  constructor(private readonly file: string) {}

  update(p: UploadProgress): void {
    const now = Date.now();
    if (now - this.last < 100) return;
    this.last = now;
    const pct = p.totalBytes > 0 ? Math.min(100, Math.floor((p.bytes / p.totalBytes) * 100)) : 100;
    process.stderr.write(`\r${this.file}: ${p.rows.toLocaleString('en-US')} rows (${pct}%)\x1b[K`);
    this.shown = true;
  }

  clear(): void {
    if (this.shown) process.stderr.write('\r\x1b[K');
    this.shown = false;
  }
}

/**
 * The tenant to upload into; a number is the exit code after its diagnostics
 * were printed. `scratch`: without --state the rows still need somewhere to
 * live while the upload counts them; a scratch state file in the temp folder
 * (removed when the tenant closes) keeps memory flat for a file of any length,
 * where the memory store would hold every row. Nothing in it has to survive a
 * crash, so its bulk loads never sync (SqliteTenantStore.scratch).
 */
export async function openUploadTenant(flags: { tenant?: string; state?: string }, opts: { scratch?: boolean } = {}): Promise<Tenant | number> {
  const { loadTenant, emptyTenant, openStateFile } = await import('../tenant/tenant.js');
  const { ScriptLoadError } = await import('../contract/diagnostics.js');
  if (flags.tenant === undefined && flags.state !== undefined && !existsSync(flags.state)) throw new UsageError(`state file not found: ${flags.state} (give --tenant to create it from a tenant file)`);
  const scratch = opts.scratch && flags.state === undefined ? mkdtempSync(join(tmpdir(), 'studio-script-upload-')) : undefined;
  const removeScratch = () => {
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  };
  const state = flags.state ?? (scratch ? join(scratch, 'scratch.db') : undefined);
  try {
    let tenant: Tenant;
    // A scratch file is marked so from its opening: the tenant's data files load into it without syncs too.
    if (flags.tenant !== undefined) tenant = await loadTenant(flags.tenant, { state, scratch: scratch !== undefined });
    else if (flags.state !== undefined) tenant = openStateFile(flags.state);
    else tenant = emptyTenant('UTC', { state, scratch: scratch !== undefined });
    if (!scratch) return tenant;
    return {
      ...tenant,
      close() {
        try {
          tenant.close();
        } finally {
          removeScratch();
        }
      },
    };
  } catch (err) {
    removeScratch();
    if (!(err instanceof ScriptLoadError)) throw err;
    printDiagnostics(err.diagnostics);
    return EXIT.invalid;
  }
}

/**
 * Runs an upload with the progress line; an upload error (`isUploadError`)
 * becomes its diagnostics, or a one-line message, and exit 2.
 */
export async function runUpload<R>(
  file: string,
  rejected: string | undefined,
  isUploadError: (err: unknown) => err is TableFileError,
  upload: (onProgress?: (p: UploadProgress) => void) => Promise<R>,
): Promise<R | number> {
  // The rejected-rows file may go to a folder that does not exist yet.
  if (rejected !== undefined) mkdirSync(dirname(resolve(rejected)), { recursive: true });
  const progress = process.stderr.isTTY ? new ProgressLine(file) : null;
  try {
    return await upload(progress ? (p) => progress.update(p) : undefined);
  } catch (err) {
    if (!isUploadError(err)) throw err;
    progress?.clear();
    if (err.diagnostics.length) printDiagnostics(err.diagnostics);
    else throw new UsageError(err.message);
    return EXIT.invalid;
  } finally {
    progress?.clear();
  }
}

/** The report as the one JSON document, paths relative. */
export function printUploadReport(report: { file: string; rejectedFile: string | null }): void {
  printJson({ ...report, file: displayPath(report.file), rejectedFile: report.rejectedFile === null ? null : displayPath(report.rejectedFile) });
}
