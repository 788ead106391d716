// `studio-script lists upload <file.csv|file.xlsx> --skill N --source NAME --map Field=Column…`:
// loads a calling list into a Personal Connection skill through the
// CREATEPROSPECTS v2 pipeline (docs/calling-lists.md). Progress on stderr when
// it is a terminal, a report on stdout, rejected rows in `<file>.rejected.csv`.
// Exit 0 when the upload ran (even with rejected rows), 2 on invalid input.
import type { Command } from 'commander';
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { EXIT, printDiagnostics, UsageError } from './io.js';
import { displayPath, printJson } from './output.js';
import { UploadProgress } from './progress.js';

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
    .option('--state <file.db>', 'the SQLite state file to load into (default: memory, nothing kept)')
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
  const { loadTenant, emptyTenant, openStateFile } = await import('../tenant/tenant.js');
  const { uploadCallingList, parseMapOptions, ListUploadError } = await import('../tenant/lists-upload.js');
  const { resolveZoneName } = await import('../tenant/zones.js');
  const { parseDateValue } = await import('../tenant/values.js');
  const { ScriptLoadError } = await import('../contract/diagnostics.js');
  const { existsSync } = await import('node:fs');

  const skillNo = Number(flags.skill);
  if (!Number.isInteger(skillNo) || skillNo < 1) throw new UsageError(`--skill ${flags.skill}: expected a skill number`);
  let mapping = null;
  try {
    if (flags.map?.length) mapping = parseMapOptions(flags.map);
  } catch (err) {
    if (err instanceof ListUploadError) throw new UsageError(err.message);
    throw err;
  }
  const zoneText = flags.timeZone?.trim();
  const fallbackZone = zoneText ? resolveZoneName(zoneText) : null;
  if (zoneText && !fallbackZone) throw new UsageError(`--time-zone ${zoneText}: not an IANA or Windows time zone name`);

  if (flags.tenant === undefined && flags.state !== undefined && !existsSync(flags.state)) throw new UsageError(`state file not found: ${flags.state} (give --tenant to create it from a tenant file)`);
  let tenant;
  try {
    if (flags.tenant !== undefined) tenant = await loadTenant(flags.tenant, { state: flags.state });
    else if (flags.state !== undefined) tenant = openStateFile(flags.state);
    else tenant = emptyTenant();
  } catch (err) {
    if (!(err instanceof ScriptLoadError)) throw err;
    printDiagnostics(err.diagnostics);
    return 2;
  }
  try {
    const zone = tenant.store.timeZone;
    const nowMs = flags.now === undefined ? Date.now() : parseDateValue(flags.now, zone);
    if (nowMs === null) throw new UsageError(`--now ${flags.now}: not a date`);
    const expiresText = flags.expires?.trim();
    const defaultExpiresAtMs = expiresText ? parseDateValue(expiresText, zone) : null;
    if (expiresText && defaultExpiresAtMs === null) throw new UsageError(`--expires ${expiresText}: not a date`);

    // The rejected-rows file may go to a folder that does not exist yet.
    if (flags.rejected !== undefined) mkdirSync(dirname(resolve(flags.rejected)), { recursive: true });
    const progress = process.stderr.isTTY ? new UploadProgress(file) : null;
    let report;
    try {
      report = await uploadCallingList(tenant.store, {
        file,
        skillNo,
        sourceName: flags.source,
        mapping,
        ...(flags.rejected !== undefined ? { rejectedFile: flags.rejected } : {}),
        noTimeZoneReject: flags.rejectNoTimeZone ?? false,
        fallbackZone,
        defaultExpiresAtMs,
        nowMs,
        ...(progress ? { onProgress: (p: { rows: number; bytes: number; totalBytes: number }) => progress.update(p) } : {}),
      });
    } catch (err) {
      progress?.clear();
      if (!(err instanceof ListUploadError)) throw err;
      if (err.diagnostics.length) printDiagnostics(err.diagnostics);
      else throw new UsageError(err.message);
      return EXIT.invalid;
    }
    progress?.clear();
    for (const w of report.warnings) process.stderr.write(`warning: ${w}\n`);
    if (flags.json) printJson({ ...report, file: displayPath(report.file), rejectedFile: report.rejectedFile === null ? null : displayPath(report.rejectedFile) });
    else {
      const where = flags.state !== undefined ? ` into ${flags.state}` : ' (memory store: nothing kept; use --state to keep it)';
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
