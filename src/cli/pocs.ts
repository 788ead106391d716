// `studio-script pocs upload <file.csv|file.xlsx>` (alias `poc upload`):
// creates and changes points of contact from a CSV or XLSX file
// (docs/points-of-contact.md). Progress on stderr when it is a terminal, a
// report on stdout, rejected rows in `<file>.rejected.csv`. Exit 0 when the
// upload ran (even with rejected rows), 2 on invalid input.
import type { Command } from 'commander';
import { EXIT, UsageError } from './io.js';
import { openUploadTenant, printUploadReport, runUpload } from './upload.js';

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
  const { uploadPocs, PocUploadError } = await import('../tenant/pocs/upload.js');
  if (flags.rows !== undefined && flags.rows !== 'all' && flags.rows !== 'changed') throw new UsageError(`--rows ${flags.rows}: expected all or changed`);
  const tenant = await openUploadTenant(flags);
  if (typeof tenant === 'number') return tenant;
  try {
    const report = await runUpload(
      file,
      flags.rejected,
      (err) => err instanceof PocUploadError,
      (onProgress) =>
        uploadPocs(tenant.store, {
          file,
          ...(flags.rows !== undefined ? { rows: flags.rows as 'all' | 'changed' } : {}),
          ...(flags.rejected !== undefined ? { rejectedFile: flags.rejected } : {}),
          ...(onProgress ? { onProgress } : {}),
        }),
    );
    if (typeof report === 'number') return report;
    if (flags.json) printUploadReport(report);
    else {
      const where = flags.state !== undefined ? ` into ${flags.state}` : ' (memory store: nothing kept; use --state to keep it)';
      const rows = `${report.rows} ${report.rows === 1 ? 'row' : 'rows'}${report.rowsIncluded === 'changed' ? ', changed rows only' : ''}`;
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
