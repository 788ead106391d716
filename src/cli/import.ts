// `studio-script import <file.xml> [-o file.script] [--json]`: converts a
// Desktop Studio XML export to canonical `.script` text (stdout, or the -o
// file). Warnings (unknown actions, unknown parameter orders) are printed and
// the exit code stays 0; XML that cannot be read is exit 2 with a located
// diagnostic.
import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { EXIT, printDiagnostics, UsageError, writeOutput } from './io.js';

interface ImportCliOptions {
  output?: string;
  json?: boolean;
}

export function register(program: Command): void {
  program
    .command('import')
    .description('convert a Desktop Studio XML export to a .script file')
    .argument('<file>', 'a Desktop Studio XML export (ScriptContainer)')
    .option('-o, --output <file>', 'write the .script here instead of stdout')
    .option('--json', 'print diagnostics as JSON on stdout (needs -o)')
    .action(async (file: string, opts: ImportCliOptions) => {
      if (opts.json && !opts.output) throw new UsageError('import: --json needs -o (stdout carries the script otherwise)');
      let xml: string;
      try {
        xml = await readFile(file, 'utf8');
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code;
        throw new UsageError(`cannot read ${file}: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a folder' : (err as Error).message}`);
      }
      // Loaded here, not at the top, so other commands never pay for the XML parser.
      const { importStudioXml } = await import('../import/convert.js');
      const result = importStudioXml(xml, file, opts.output ? { outFile: opts.output } : {});
      printDiagnostics(result.diagnostics, { json: opts.json, sources: new Map([[file, xml]]) });
      if (result.text === undefined) {
        process.exitCode = EXIT.invalid;
        return;
      }
      if (opts.output) {
        const out = opts.output;
        writeOutput(out, result.text);
        if (!opts.json) process.stderr.write(`imported ${file} -> ${out}\n`);
      } else process.stdout.write(result.text);
      process.exitCode = EXIT.ok;
    });
}
