// `studio-script lists upload <file.csv|file.xlsx> --skill N --source NAME --map Field=Column…`:
// loads a calling list into a Personal Connection skill through the
// CREATEPROSPECTS v2 pipeline (docs/calling-lists.md). Progress on stderr when
// it is a terminal, a report on stdout, rejected rows in `<file>.rejected.csv`.
// Exit 0 when the upload ran (even with rejected rows), 2 on invalid input.
import type { Command } from 'commander';
import { EXIT, shown, UsageError } from './io.js';
import { openUploadTenant, printUploadReport, runUpload } from './upload.js';

interface UploadFlags {
  skill: string;
  source: string;
  map?: string[];
  state?: string;
  tenant?: string;
  rejected?: string;
  now?: string;
  timeZone?: string;
  expires?: string;
  rejectNoTimeZone?: boolean;
  json?: boolean;
}

export function register(program: Command): void {
  const lists = program.command('lists').description('load calling lists into Personal Connection skills');
  lists
    .command('upload')
    .description('load a CSV or XLSX calling list (header row) into a Personal Connection skill, as CREATEPROSPECTS v2 does')
    .argument('<file>', 'the CSV or XLSX file (first worksheet)')
    .requiredOption('--skill <n>', 'the Personal Connection skill number')
    .requiredOption('--source <name>', 'the source the prospects belong to (its map is used when no --map is given)')
    .option('--map <field=column>', 'prospect field = column of the header row (repeatable; Destinations=Mobile,Home lists several)', (v: string, prev: string[] = []) => [...prev, v])
    .option('--state <file.db>', 'the SQLite state file to load into (default: nothing kept)')
    .option('--tenant <file>', 'the tenant file (YAML or JSON) declaring the skill and source')
    .option('--rejected <path>', 'where rejected rows are written (default: <file>.rejected.csv)')
    .option('--now <iso>', 'the time expirations are checked against (default: now)')
    .option('--time-zone <zone>', 'fallback zone for rows without one (CREATEPROSPECTS TimeZone)')
    .option('--expires <date>', 'expiration of rows without their own (CREATEPROSPECTS DefaultExpirationDate)')
    .option('--reject-no-time-zone', 'reject rows whose zone cannot be determined (CREATEPROSPECTS NoTimeZoneReject)')
    .option('--json', 'print the report as JSON on stdout')
    .action(async (file: string, flags: UploadFlags) => {
      process.exitCode = await upload(file, flags);
    });
}

async function upload(file: string, flags: UploadFlags): Promise<number> {
  const { uploadCallingList, parseMapOptions, ListUploadError } = await import('../tenant/lists-upload.js');
  const { resolveZoneName } = await import('../tenant/zones.js');
  const { parseDateValue } = await import('../tenant/values.js');

  const skillNo = Number(flags.skill);
  if (!Number.isInteger(skillNo) || skillNo < 1) throw new UsageError(`--skill ${shown(String(flags.skill))}: expected a skill number`);
  let mapping = null;
  try {
    if (flags.map?.length) mapping = parseMapOptions(flags.map);
  } catch (err) {
    if (err instanceof ListUploadError) throw new UsageError(err.message);
    throw err;
  }
  const zoneText = flags.timeZone?.trim();
  const fallbackZone = zoneText ? resolveZoneName(zoneText) : null;
  if (zoneText && !fallbackZone) throw new UsageError(`--time-zone ${shown(zoneText)}: not an IANA or Windows time zone name`);

  const tenant = await openUploadTenant(flags, { scratch: true });
  if (typeof tenant === 'number') return tenant;
  try {
    const zone = tenant.store.timeZone;
    const nowMs = flags.now === undefined ? Date.now() : parseDateValue(flags.now, zone);
    if (nowMs === null) throw new UsageError(`--now ${shown(String(flags.now))}: not a date`);
    const expiresText = flags.expires?.trim();
    const defaultExpiresAtMs = expiresText ? parseDateValue(expiresText, zone) : null;
    if (expiresText && defaultExpiresAtMs === null) throw new UsageError(`--expires ${shown(expiresText)}: not a date`);

    const report = await runUpload(
      file,
      flags.rejected,
      (err) => err instanceof ListUploadError,
      (onProgress) =>
        uploadCallingList(tenant.store, {
          file,
          skillNo,
          sourceName: flags.source,
          mapping,
          ...(flags.rejected !== undefined ? { rejectedFile: flags.rejected } : {}),
          noTimeZoneReject: flags.rejectNoTimeZone ?? false,
          fallbackZone,
          defaultExpiresAtMs,
          nowMs,
          ...(onProgress ? { onProgress } : {}),
        }),
    );
    if (typeof report === 'number') return report;
    for (const w of report.warnings) process.stderr.write(`warning: ${w}\n`);
    if (flags.json) printUploadReport(report);
    else {
      const where = flags.state !== undefined ? ` into ${flags.state}` : ' (nothing kept; use --state to keep it)';
      process.stdout.write(
        `${file}: ${report.rows} ${report.rows === 1 ? 'row' : 'rows'} → skill ${report.skillNo} (source ${report.sourceName})${where}: ` +
          `${report.loaded} loaded, ${report.updated} updated, ${report.rejected} rejected` +
          (report.rejectedFile ? ` (see ${report.rejectedFile})` : '') +
          '\n',
      );
    }
    return EXIT.ok;
  } finally {
    tenant.close();
  }
}
