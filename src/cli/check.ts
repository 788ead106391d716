// `studio-script check <files|folders> [--tenant file] [--json]`: loads and
// validates scripts (and tenant files) without running them. Exit 0 when there
// are no errors (warnings allowed), 2 when any error is found.
import type { Command } from 'commander';
import { EXIT, printDiagnostics } from './io.js';

interface CheckOptions {
  json?: boolean;
  tenant?: string[];
}

export function register(program: Command): void {
  program
    .command('check')
    .description('load and validate scripts (files or folders) without running them')
    .argument('<paths...>', '.script files or folders of scripts')
    .option('--tenant <file>', 'also check a tenant file (repeatable)', (v: string, all: string[] = []) => [...all, v])
    .option('--json', 'print diagnostics as JSON on stdout')
    .action(async (paths: string[], opts: CheckOptions) => {
      // Loaded here, not at the top, so other commands never pay for the loader.
      const { checkPaths } = await import('../graph/folder.js');
      const result = await checkPaths(paths);
      if (opts.tenant) {
        const { checkTenantFile } = await import('../tenant/tenant.js');
        for (const file of opts.tenant) {
          const t = await checkTenantFile(file);
          result.diagnostics.push(...t.diagnostics);
          if (t.source !== undefined) result.sources.set(file, t.source);
        }
      }
      const errors = result.diagnostics.filter((d) => d.severity === 'error').length;
      const warnings = result.diagnostics.length - errors;
      printDiagnostics(result.diagnostics, { json: opts.json, sources: result.sources });
      if (!opts.json) {
        const summary = `checked ${plural(result.files, 'script')}: ${plural(errors, 'error')}, ${plural(warnings, 'warning')}`;
        process.stderr.write(`${summary}\n`);
      }
      process.exitCode = errors > 0 ? EXIT.invalid : EXIT.ok;
    });
}

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;
