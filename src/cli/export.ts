// `studio-script export <file.script> --format xml|json [-o out] [--json]`: writes a
// script back as a Desktop Studio XML export or as the body CXone Studio's
// Admin API saves, so a script edited and tested here can return to Studio.
// A script with errors is exit 2 (nothing written); warnings are printed.
import type { Command } from 'commander';
import { finishConversion, readInput, shown, UsageError } from './io.js';
import { displayPath } from './output.js';

interface ExportCliOptions {
  format?: string;
  output?: string;
  json?: boolean;
}

export function register(program: Command): void {
  program
    .command('export')
    .description('write a .script file as a Studio export (Desktop Studio XML or CXone Studio JSON)')
    .argument('<file>', 'a .script file')
    .requiredOption('--format <format>', 'xml (Desktop Studio) or json (CXone Studio)')
    .option('-o, --output <file>', 'write the export here instead of stdout')
    .option('--json', 'print {file, format, text or output, diagnostics} on stdout instead')
    .action(async (file: string, opts: ExportCliOptions) => {
      const format = opts.format?.toLowerCase();
      if (format !== 'xml' && format !== 'json') throw new UsageError(`export: --format is xml or json, not '${shown(String(opts.format))}'`);
      const source = await readInput(file);
      const { exportStudio } = await import('../import/export.js');
      const result = exportStudio(source, file, { format });
      const note = `exported ${displayPath(file)} -> ${displayPath(opts.output ?? '')} (${format === 'xml' ? 'Desktop Studio XML' : 'CXone Studio JSON'})`;
      finishConversion(result, { file, source, format, output: opts.output, json: opts.json, note });
    });
}
