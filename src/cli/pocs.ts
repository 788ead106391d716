// `studio-script pocs upload <file.csv|file.xlsx>` (alias `poc upload`):
// creates and changes points of contact from a CSV or XLSX file
// (docs/points-of-contact.md). Progress on stderr when it is a terminal, a
// report on stdout, rejected rows in `<file>.rejected.csv`. Exit 0 when the
// upload ran (even with rejected rows), 2 on invalid input.
import type { Command } from 'commander';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { EXIT, printDiagnostics, UsageError } from './io.js';
import { displayPath, printJson } from './output.js';
import { UploadProgress } from './progress.js';

interface UploadFlags {
  rows?: string;
  state?: string;
  tenant?: string;
  rejected?: string;
  json?: boolean;
}

export function register(program: Command): void {
  const pocs = program.command('pocs').alias('poc').description('manage points of contact (the numbers and addresses contacts arrive at)');
  pocs
    .command('upload')
    .description('create and change points of contact from a CSV or XLSX file (Modified Row: only the rows marked Y are applied)')
    .argument('<file>', 'the CSV or XLSX file (first worksheet), header row first: Point of Contact, Name, Channel, Skill, Script, Active, Modified Row')
    .option('--rows <all|changed>', 'rows to include: all, or changed (only rows whose Modified Row is Y); default: changed when the file has a Modified Row column')
    .option('--state <file.db>', 'the SQLite state file to upload into (default: memory, nothing kept)')
    .option('--tenant <file>', 'the tenant file (YAML or JSON) declaring the skills')
    .option('--rejected <path>', 'where rejected rows are written (default: <file>.rejected.csv)')
    .option('--json', 'print the report as JSON on stdout')
    .action(async (file: string, flags: UploadFlags) => {
      process.exitCode = await upload(file, flags);
    });
}

async function upload(file: string, flags: UploadFlags): Promise<number> {
  const { loadTenant, emptyTenant, openStateFile } = await import('../tenant/tenant.js');
  const { uploadPocs, PocUploadError } = await import('../tenant/pocs/upload.js');
  const { ScriptLoadError } = await import('../contract/diagnostics.js');
  if (flags.rows !== undefined && flags.rows !== 'all' && flags.rows !== 'changed') throw new UsageError(`--rows ${flags.rows}: expected all or changed`);
  if (flags.tenant === undefined && flags.state !== undefined && !existsSync(flags.state)) throw new UsageError(`state file not found: ${flags.state} (give --tenant to create it from a tenant file)`);
  let tenant;
  try {
    if (flags.tenant !== undefined) tenant = await loadTenant(flags.tenant, { state: flags.state });
    else if (flags.state !== undefined) tenant = openStateFile(flags.state);
    else tenant = emptyTenant();
  } catch (err) {
    if (!(err instanceof ScriptLoadError)) throw err;
    printDiagnostics(err.diagnostics);
    return EXIT.invalid;
  }
  try {
    if (flags.rejected !== undefined) mkdirSync(dirname(resolve(flags.rejected)), { recursive: true });
    const progress = process.stderr.isTTY ? new UploadProgress(file) : null;
    let report;
    try {
      report = await uploadPocs(tenant.store, {
        file,
        ...(flags.rows !== undefined ? { rows: flags.rows as 'all' | 'changed' } : {}),
        ...(flags.rejected !== undefined ? { rejectedFile: flags.rejected } : {}),
        ...(progress ? { onProgress: (p: { rows: number; bytes: number; totalBytes: number }) => progress.update(p) } : {}),
      });
    } catch (err) {
      progress?.clear();
      if (!(err instanceof PocUploadError)) throw err;
      if (err.diagnostics.length) printDiagnostics(err.diagnostics);
      else throw new UsageError(err.message);
      return EXIT.invalid;
    }
    progress?.clear();
    if (flags.json) printJson({ ...report, file: displayPath(report.file), rejectedFile: report.rejectedFile === null ? null : displayPath(report.rejectedFile) });
    else {
      const where = flags.state !== undefined ? ` into ${flags.state}` : ' (memory store: nothing kept; use --state to keep it)';
      const rows = report.rowsIncluded === 'changed' ? `${report.rows} ${report.rows === 1 ? 'row' : 'rows'}, changed rows only` : `${report.rows} ${report.rows === 1 ? 'row' : 'rows'}`;
      process.stdout.write(
        `${file}: ${rows} → points of contact${where}: ` +
          `${report.created} created, ${report.updated} updated, ${report.unchanged} unchanged, ${report.skipped} not modified, ${report.rejected} rejected` +
          (report.rejectedFile ? ` (see ${report.rejectedFile})` : '') +
          '\n' +
          (report.ignoredColumns.length ? `columns not used: ${report.ignoredColumns.join(', ')}\n` : ''),
      );
    }
    return EXIT.ok;
  } finally {
    tenant.close();
  }
}
