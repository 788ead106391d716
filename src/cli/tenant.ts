// `studio-script tenant check <file> [--json]`: validates a tenant file (YAML
// or JSON) against the published schema and the tenant's rules, and the data
// files it names, printing every problem located at file:line:col. `studio-script tenant schema` prints the
// JSON Schema (schemas/tenant.schema.json) for editors; `tenant show` summarises
// a tenant and, with --state, what earlier runs left in the state file.
import type { Command } from 'commander';
import { existsSync } from 'node:fs';
import { EXIT, printDiagnostics, UsageError } from './io.js';
import { displayPath, printJson } from './output.js';

export function register(program: Command): void {
  const tenant = program.command('tenant').description('check, show and describe tenant files (the emulated business unit)');
  tenant
    .command('check')
    .description('validate a tenant file (YAML or JSON) without running anything')
    .argument('<file>', 'tenant.yaml or tenant.json')
    .option('--json', 'print diagnostics as JSON on stdout')
    .action(async (file: string, opts: { json?: boolean }) => {
      const { checkTenantFile, loadCheckedTenant } = await import('../tenant/tenant.js');
      const { ScriptLoadError } = await import('../contract/diagnostics.js');
      const checked = await checkTenantFile(file);
      const { source, doc } = checked;
      let diagnostics = checked.diagnostics;
      if (doc && !diagnostics.some((d) => d.severity === 'error')) {
        // A valid file is also loaded (in memory), so problems in the data files it names are found too.
        try {
          const loaded = await loadCheckedTenant(checked);
          diagnostics = [...loaded.warnings];
          loaded.close();
        } catch (err) {
          if (!(err instanceof ScriptLoadError)) throw err;
          diagnostics = [...diagnostics, ...err.diagnostics.filter((d) => !diagnostics.includes(d))];
        }
      }
      const errors = diagnostics.filter((d) => d.severity === 'error').length;
      printDiagnostics(diagnostics, { json: opts.json, sources: source === undefined ? undefined : new Map([[file, source]]) });
      if (!opts.json) {
        const summary = errors === 0 && doc ? `${displayPath(file)}: ok — ${describe(doc.data)}` : `${displayPath(file)}: ${plural(errors, 'error')}`;
        const warnings = diagnostics.length - errors;
        process.stderr.write(`${summary}${warnings ? `, ${plural(warnings, 'warning')}` : ''}\n`);
      }
      process.exitCode = errors > 0 ? EXIT.invalid : EXIT.ok;
    });
  tenant
    .command('show')
    .description('summarise a tenant: skills and their calling lists, sources, records (with --state: what earlier runs left)')
    .argument('[file]', 'tenant.yaml or tenant.json (default: none, an empty tenant)')
    .option('--state <file.db>', 'the SQLite state file to read')
    .option('--json', 'print the summary as JSON on stdout')
    .action(async (file: string | undefined, opts: { state?: string; json?: boolean }) => {
      const { loadTenant, emptyTenant, openStateFile, checkTenantFile } = await import('../tenant/tenant.js');
      const { summarizeTenant, formatSummary } = await import('../tenant/summary.js');
      const { ScriptLoadError, hasErrors } = await import('../contract/diagnostics.js');
      if (opts.state !== undefined && file === undefined && !existsSync(opts.state)) throw new UsageError(`state file not found: ${opts.state}`);
      let tenant;
      try {
        if (opts.state !== undefined && existsSync(opts.state)) {
          // Showing never writes: the state file is opened read-only (so a run holding it does not block this),
          // and a tenant file given with it is checked, not applied.
          if (file !== undefined) {
            const checked = await checkTenantFile(file);
            if (hasErrors(checked.diagnostics)) throw new ScriptLoadError(checked.diagnostics);
          }
          tenant = openStateFile(opts.state, { readonly: true });
        } else if (file !== undefined) tenant = await loadTenant(file);
        else tenant = emptyTenant();
      } catch (err) {
        if (!(err instanceof ScriptLoadError)) throw err;
        printDiagnostics(err.diagnostics, { json: opts.json });
        process.exitCode = EXIT.invalid;
        return;
      }
      try {
        const summary = summarizeTenant(tenant.store);
        if (opts.json) printJson(summary);
        else process.stdout.write(formatSummary(summary));
        if (opts.state !== undefined && !existsSync(opts.state) && !opts.json) process.stderr.write(`note: ${opts.state} does not exist yet; this is the tenant file alone
`);
      } finally {
        tenant.close();
      }
      process.exitCode = EXIT.ok;
    });
  tenant
    .command('schema')
    .description('print the JSON Schema of tenant files')
    .action(async () => {
      const { tenantSchema } = await import('../tenant/schema.js');
      process.stdout.write(JSON.stringify(tenantSchema(), null, 2) + '\n');
    });
}

/** One line about what the file declares: `BU 4600123 (America/Denver), 2 skills (1 Personal Connection), 1 source`. */
function describe(data: Record<string, unknown>): string {
  const list = (key: string) => (Array.isArray(data[key]) ? (data[key] as Record<string, unknown>[]) : []);
  const parts = [`BU ${data.businessUnit ?? '(none)'} (${data.timeZone ?? 'UTC'})`];
  const pc = list('skills').filter((s) => s.personalConnection === true).length;
  if (list('agents').length) parts.push(plural(list('agents').length, 'agent'));
  if (list('skills').length) parts.push(`${plural(list('skills').length, 'skill')}${pc ? ` (${pc} Personal Connection)` : ''}`);
  if (list('hoursOfOperation').length) parts.push(plural(list('hoursOfOperation').length, 'hours profile'));
  if (list('sources').length) parts.push(plural(list('sources').length, 'source'));
  if (list('crm').length) parts.push(plural(list('crm').length, 'CRM configuration'));
  if (list('pointsOfContact').length) parts.push(plural(list('pointsOfContact').length, 'point of contact', 'points of contact'));
  const channels = list('byoc').reduce((n, i) => n + (Array.isArray(i.channels) ? i.channels.length : 0), 0);
  if (list('byoc').length) parts.push(`${plural(list('byoc').length, 'BYOC integration')} (${plural(channels, 'channel')})`);
  if (list('messageTemplates').length) parts.push(plural(list('messageTemplates').length, 'message template'));
  if (list('campaigns').length) parts.push(plural(list('campaigns').length, 'campaign'));
  return parts.join(', ');
}

const plural = (n: number, word: string, many = `${word}s`): string => `${n} ${n === 1 ? word : many}`;
