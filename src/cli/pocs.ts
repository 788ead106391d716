// `studio-script pocs upload <file.csv|file.xlsx>` (alias `poc upload`):
// creates and changes points of contact from a CSV or XLSX file
// (docs/points-of-contact.md). Progress on stderr when it is a terminal, a
// report on stdout, rejected rows in `<file>.rejected.csv`. Exit 0 when the
// upload ran (even with rejected rows), 2 on invalid input.
// `studio-script pocs download [-o file]` writes the existing points of
// contact (or the empty template) in the upload's columns.
import type { Command } from 'commander';
import { EXIT, shown, UsageError } from './io.js';
import { displayPath, printJson, writeOutputFile } from './output.js';
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
  pocs
    .command('download')
    .description("write the points of contact in the upload's columns (every row marked N in Modified Row), or the empty template")
    .option('-o, --output <file.csv|file.xlsx>', 'the file to write (XLSX when it ends in .xlsx); default: CSV on stdout')
    .option('--template', 'only the header row (the template for new points of contact)')
    .option('--state <file.db>', 'the SQLite state file to read')
    .option('--tenant <file>', 'the tenant file (YAML or JSON)')
    .option('--json', 'print the points of contact (or, with -o, what was written) as JSON')
    .action(async (flags: DownloadFlags) => {
      process.exitCode = await download(flags);
    });
}

interface DownloadFlags {
  output?: string;
  template?: boolean;
  state?: string;
  tenant?: string;
  json?: boolean;
}

async function download(flags: DownloadFlags): Promise<number> {
  const { pocTable, tableCsv, tableXlsx } = await import('../tenant/pocs/download.js');
  const tenant = await openUploadTenant(flags);
  if (typeof tenant === 'number') return tenant;
  try {
    const rows = pocTable(tenant.store, { template: flags.template ?? false });
    if (flags.output === undefined) {
      if (flags.json) printJson({ columns: rows[0], pointsOfContact: rows.slice(1) });
      else process.stdout.write(tableCsv(rows));
      return EXIT.ok;
    }
    writeOutputFile(flags.output, /\.xlsx$/i.test(flags.output) ? await tableXlsx(rows) : tableCsv(rows));
    if (flags.json) printJson({ file: displayPath(flags.output), rows: rows.length - 1 });
    else process.stdout.write(`${displayPath(flags.output)}: ${rows.length - 1} points of contact${flags.template ? ' (template)' : ''}\n`);
    return EXIT.ok;
  } finally {
    tenant.close();
  }
}

async function upload(file: string, flags: UploadFlags): Promise<number> {
  const { uploadPocs, PocUploadError } = await import('../tenant/pocs/upload.js');
  if (flags.rows !== undefined && flags.rows !== 'all' && flags.rows !== 'changed') throw new UsageError(`--rows ${shown(String(flags.rows))}: expected all or changed`);
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
