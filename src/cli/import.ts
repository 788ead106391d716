// `studio-script import <export> [-o file.script] [--json]`: converts a Studio
// export (Desktop Studio XML or CXone Studio JSON, told apart by content) to
// canonical `.script` text (stdout, or the -o file; with --json, inside the
// one JSON document). Warnings (unknown actions, unknown parameter orders) are
// printed and the exit code stays 0; an export that cannot be read is exit 2
// with a located diagnostic.
import type { Command } from 'commander';
import { finishConversion, readInput } from './io.js';
import { displayPath } from './output.js';

interface ImportCliOptions {
  output?: string;
  json?: boolean;
}

export function register(program: Command): void {
  program
    .command('import')
    .description('convert a Studio export (Desktop Studio XML or CXone Studio JSON) to a .script file')
    .argument('<file>', 'a Desktop Studio XML export (ScriptContainer) or CXone Studio script JSON')
    .option('-o, --output <file>', 'write the .script here instead of stdout')
    .option('--json', 'print {file, format, text or output, diagnostics} on stdout instead')
    .action(async (file: string, opts: ImportCliOptions) => {
      const source = await readInput(file);
      // Loaded here, not at the top, so other commands never pay for the XML parser.
      const { importStudio } = await import('../import/convert.js');
      const result = importStudio(source, file, opts.output ? { outFile: opts.output } : {});
      const format = result.format === 'json' ? 'CXone Studio JSON' : 'Desktop Studio XML';
      const note = `imported ${displayPath(file)} (${format}) -> ${displayPath(opts.output ?? '')}`;
      finishConversion(result, { file, source, format: result.format, output: opts.output, json: opts.json, note });
    });
}
