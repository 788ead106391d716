// `studio-script check [files|folders|globs|-] [--tenant file] [--json] [--watch]`:
// loads and validates scripts (and tenant files) without running them. Exit 0
// when there are no errors (warnings allowed), 2 when any error is found.
// Without paths it checks the configured scripts folder (and tenant).
import type { Command } from 'commander';
import type { Diagnostic } from '../contract/diagnostics.js';
import { projectConfig } from './config.js';
import { EXIT, printDiagnostics, UsageError } from './io.js';
import { colorsFor, jsonMode } from './output.js';
import { expandGlobs, readStdin } from './paths.js';

interface CheckOptions {
  json?: boolean;
  tenant?: string[];
  watch?: boolean;
}

export function register(program: Command): void {
  program
    .command('check')
    .description('load and validate scripts (files, folders or globs) without running them')
    .argument('[paths...]', ".script files, folders or globs; '-' reads one script from stdin (default: the configured scripts folder)")
    .option('--tenant <file>', 'also check a tenant file (repeatable; default: the configured tenant)', (v: string, all: string[] = []) => [...all, v])
    .option('--json', 'print diagnostics as JSON on stdout')
    .option('--watch', 'check again whenever a script or tenant file changes')
    .action(async (args: string[], opts: CheckOptions) => {
      const { config } = await projectConfig();
      const paths = args.length > 0 ? await expandGlobs(args) : config.scripts !== undefined ? [config.scripts] : [];
      if (paths.length === 0) throw new UsageError('check: give .script files or folders, or set "scripts" in studio-script.config.yaml');
      if (paths.includes('-') && (paths.length > 1 || opts.watch)) throw new UsageError("check: '-' (stdin) cannot be combined with other paths or --watch");
      const tenants = opts.tenant ?? (config.tenant !== undefined ? [config.tenant] : []);
      const stdin = paths[0] === '-' ? await readStdin() : undefined;
      if (opts.watch) {
        if (jsonMode()) throw new UsageError('check: --watch prints a report per change; it cannot be combined with --json');
        const { watchAndRerun } = await import('./watch.js');
        await watchAndRerun({ paths: [...paths, ...tenants], run: () => checkOnce(paths, tenants, undefined, config.scripts), what: 'check' });
        return;
      }
      process.exitCode = await checkOnce(paths, tenants, stdin, config.scripts);
    });
}

async function checkOnce(paths: string[], tenants: string[], stdin: string | undefined, scriptsFolder: string | undefined): Promise<number> {
  const { checkPaths, checkText } = await import('../graph/folder.js');
  let result: { diagnostics: Diagnostic[]; sources: Map<string, string>; files: number };
  if (stdin !== undefined) result = { diagnostics: await checkText(stdin, '<stdin>', scriptsFolder), sources: new Map([['<stdin>', stdin]]), files: 1 };
  else result = await checkPaths(paths);
  if (tenants.length > 0) {
    const { checkTenantFile } = await import('../tenant/tenant.js');
    for (const file of tenants) {
      const t = await checkTenantFile(file);
      result.diagnostics.push(...t.diagnostics);
      if (t.source !== undefined) result.sources.set(file, t.source);
    }
  }
  const errors = result.diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = result.diagnostics.length - errors;
  printDiagnostics(result.diagnostics, { sources: result.sources });
  if (!jsonMode()) {
    const c = colorsFor('stderr');
    const summary = `checked ${plural(result.files, 'script')}: ${plural(errors, 'error')}, ${plural(warnings, 'warning')}`;
    process.stderr.write(`${errors > 0 ? c.red(summary) : warnings > 0 ? c.yellow(summary) : c.green(summary)}\n`);
  }
  return errors > 0 ? EXIT.invalid : EXIT.ok;
}

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;
