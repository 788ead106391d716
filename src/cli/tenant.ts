// `studio-script tenant check <file> [--json]`: validates a tenant file (YAML
// or JSON) against the published schema and the tenant's rules, printing every
// problem located at file:line:col. `studio-script tenant schema` prints the
// JSON Schema (schemas/tenant.schema.json) for editors.
import type { Command } from 'commander';
import { EXIT, printDiagnostics } from './io.js';

export function register(program: Command): void {
  const tenant = program.command('tenant').description('check tenant files (the emulated business unit)');
  tenant
    .command('check')
    .description('validate a tenant file (YAML or JSON) without running anything')
    .argument('<file>', 'tenant.yaml or tenant.json')
    .option('--json', 'print diagnostics as JSON on stdout')
    .action(async (file: string, opts: { json?: boolean }) => {
      const { checkTenantFile } = await import('../tenant/tenant.js');
      const { diagnostics, source, doc } = await checkTenantFile(file);
      const errors = diagnostics.filter((d) => d.severity === 'error').length;
      printDiagnostics(diagnostics, { json: opts.json, sources: source === undefined ? undefined : new Map([[file, source]]) });
      if (!opts.json) {
        const summary = errors === 0 && doc ? `${file}: ok — ${describe(doc.data)}` : `${file}: ${plural(errors, 'error')}`;
        const warnings = diagnostics.length - errors;
        process.stderr.write(`${summary}${warnings ? `, ${plural(warnings, 'warning')}` : ''}\n`);
      }
      process.exitCode = errors > 0 ? EXIT.invalid : EXIT.ok;
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
  if (list('sources').length) parts.push(plural(list('sources').length, 'source'));
  if (list('crm').length) parts.push(plural(list('crm').length, 'CRM configuration'));
  if (list('pointsOfContact').length) parts.push(plural(list('pointsOfContact').length, 'point of contact', 'points of contact'));
  if (list('messageTemplates').length) parts.push(plural(list('messageTemplates').length, 'message template'));
  if (list('campaigns').length) parts.push(plural(list('campaigns').length, 'campaign'));
  return parts.join(', ');
}

const plural = (n: number, word: string, many = `${word}s`): string => `${n} ${n === 1 ? word : many}`;
