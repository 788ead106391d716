// `studio-script fmt <files|folders> [--check|--write]`: prints scripts in
// canonical form (stdout), lists files that are not (--check, exit 1), or
// rewrites them (--write). A file that does not parse is exit 2.
import { readFile, stat } from 'node:fs/promises';
import type { Command } from 'commander';
import type { Diagnostic } from '../contract/diagnostics.js';
import { diagnosticsJson, EXIT, printDiagnostics, UsageError, writeOutput } from './io.js';
import { projectConfig } from './config.js';
import { displayPath, printJson } from './output.js';
import { expandGlobs, readStdin } from './paths.js';

interface FmtOptions {
  check?: boolean;
  write?: boolean;
  json?: boolean;
}

export function register(program: Command): void {
  program
    .command('fmt')
    .description('format scripts canonically (prints to stdout unless --check or --write)')
    .argument('[paths...]', ".script files, folders or globs (default: the configured scripts folder); '-' reads stdin and writes stdout (for editors)")
    .option('--check', 'list files that are not formatted; exit 1 if any')
    .option('--write', 'rewrite files in place')
    .option('--json', 'print {files: [{file, changed, text?}], diagnostics} on stdout instead')
    .action(async (args: string[], opts: FmtOptions) => {
      const { config } = await projectConfig();
      const paths = args.length > 0 ? await expandGlobs(args) : config.scripts !== undefined ? [config.scripts] : [];
      if (paths.length === 0) throw new UsageError('fmt: give .script files or folders, or set "scripts" in studio-script.config.yaml');
      if (opts.check && opts.write) throw new UsageError('fmt: use either --check or --write, not both');
      if (paths.includes('-')) {
        if (paths.length > 1 || opts.write) throw new UsageError("fmt: '-' (stdin) cannot be combined with files or --write");
        await formatStdin(opts);
        return;
      }
      const [{ formatText }, { findScriptFiles }] = await Promise.all([import('../graph/format.js'), import('../graph/folder.js')]);
      const files = await expand(paths, findScriptFiles);
      const diagnostics: Diagnostic[] = [];
      const sources = new Map<string, string>();
      const results: FileResult[] = [];
      for (const file of files) {
        const text = await readFile(file, 'utf8');
        sources.set(file, text);
        const out = formatText(text, file);
        diagnostics.push(...out.diagnostics);
        if (out.text === undefined) continue;
        const changed = out.text !== text;
        results.push({ file: displayPath(file), changed, ...(!opts.check && !opts.write ? { text: out.text } : {}) });
        if (opts.check) {
          if (changed && !opts.json) process.stdout.write(`${displayPath(file)}\n`);
        } else if (opts.write) {
          if (changed) (writeOutput(file, out.text), opts.json || process.stderr.write(`formatted ${displayPath(file)}\n`));
        } else if (!opts.json) process.stdout.write(out.text);
      }
      const unformatted = opts.check ? results.filter((r) => r.changed).length : 0;
      if (opts.json) printJson({ files: results, ...diagnosticsJson(diagnostics) });
      else printDiagnostics(diagnostics, { sources });
      if (unformatted > 0 && !opts.json) process.stderr.write(`${unformatted} of ${files.length} file(s) need formatting (run studio-script fmt --write)\n`);
      process.exitCode = diagnostics.some((d) => d.severity === 'error') ? EXIT.invalid : unformatted > 0 ? EXIT.failed : EXIT.ok;
    });
}

interface FileResult {
  file: string;
  /** The file is not in canonical form (with --write: it was rewritten). */
  changed: boolean;
  /** The canonical text, when printing rather than checking or writing. */
  text?: string;
}

async function formatStdin(opts: FmtOptions): Promise<void> {
  const { formatText } = await import('../graph/format.js');
  const text = await readStdin();
  const out = formatText(text, '<stdin>');
  const changed = out.text !== undefined && out.text !== text;
  if (opts.json) {
    const files = out.text === undefined ? [] : [{ file: '<stdin>', changed, ...(opts.check ? {} : { text: out.text }) }];
    printJson({ files, ...diagnosticsJson(out.diagnostics) });
  } else printDiagnostics(out.diagnostics, { sources: new Map([['<stdin>', text]]) });
  if (out.text === undefined) process.exitCode = EXIT.invalid;
  else if (opts.check) process.exitCode = changed ? EXIT.failed : EXIT.ok;
  else (opts.json || process.stdout.write(out.text), (process.exitCode = EXIT.ok));
}

async function expand(paths: string[], find: (dir: string) => Promise<string[]>): Promise<string[]> {
  const files: string[] = [];
  for (const p of paths) {
    let isDir: boolean;
    try {
      isDir = (await stat(p)).isDirectory();
    } catch {
      throw new UsageError(`cannot read ${p}: no such file or folder`);
    }
    if (isDir) files.push(...(await find(p)));
    else files.push(p);
  }
  return files;
}
