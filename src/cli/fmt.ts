// `studio-script fmt <files|folders> [--check|--write]`: prints scripts in
// canonical form (stdout), lists files that are not (--check, exit 1), or
// rewrites them (--write). A file that does not parse is exit 2.
import { writeFileSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import type { Command } from 'commander';
import type { Diagnostic } from '../contract/diagnostics.js';
import { EXIT, printDiagnostics, UsageError, writeOrExplain } from './io.js';

interface FmtOptions {
  check?: boolean;
  write?: boolean;
}

export function register(program: Command): void {
  program
    .command('fmt')
    .description('format scripts canonically (prints to stdout unless --check or --write)')
    .argument('<paths...>', ".script files or folders of scripts; '-' reads stdin and writes stdout (for editors)")
    .option('--check', 'list files that are not formatted; exit 1 if any')
    .option('--write', 'rewrite files in place')
    .action(async (paths: string[], opts: FmtOptions) => {
      if (opts.check && opts.write) throw new UsageError('fmt: use either --check or --write, not both');
      if (paths.includes('-')) {
        if (paths.length > 1 || opts.write) throw new UsageError("fmt: '-' (stdin) cannot be combined with files or --write");
        await formatStdin(Boolean(opts.check));
        return;
      }
      const [{ formatText }, { findScriptFiles }] = await Promise.all([import('../graph/format.js'), import('../graph/folder.js')]);
      const files = await expand(paths, findScriptFiles);
      const diagnostics: Diagnostic[] = [];
      const sources = new Map<string, string>();
      let unformatted = 0;
      for (const file of files) {
        const text = await readFile(file, 'utf8');
        sources.set(file, text);
        const out = formatText(text, file);
        diagnostics.push(...out.diagnostics);
        if (out.text === undefined) continue;
        if (opts.check) {
          if (out.text !== text) (unformatted++, process.stdout.write(`${file}\n`));
        } else if (opts.write) {
          if (out.text !== text) (writeOrExplain(file, () => writeFileSync(file, out.text!)), process.stderr.write(`formatted ${file}\n`));
        } else process.stdout.write(out.text);
      }
      printDiagnostics(diagnostics, { sources });
      if (opts.check && unformatted > 0) process.stderr.write(`${unformatted} of ${files.length} file(s) need formatting (run studio-script fmt --write)\n`);
      process.exitCode = diagnostics.some((d) => d.severity === 'error') ? EXIT.invalid : unformatted > 0 ? EXIT.failed : EXIT.ok;
    });
}

async function formatStdin(check: boolean): Promise<void> {
  const { formatText } = await import('../graph/format.js');
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  const out = formatText(text, '<stdin>');
  printDiagnostics(out.diagnostics, { sources: new Map([['<stdin>', text]]) });
  if (out.text === undefined) process.exitCode = EXIT.invalid;
  else if (check) process.exitCode = out.text === text ? EXIT.ok : EXIT.failed;
  else (process.stdout.write(out.text), (process.exitCode = EXIT.ok));
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
