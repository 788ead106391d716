// Runs one studio-script command in-process, capturing stdout, stderr and the exit code.
import { Command, CommanderError } from 'commander';
import { vi } from 'vitest';
import { COMMAND_ALIASES, COMMANDS } from '../../src/cli/commands.js';
import { ScriptLoadError } from '../../src/contract/diagnostics.js';
import { reportCrash, UsageError } from '../../src/cli/io.js';
import { applyConventions, OutputError, printJson, resetOutput } from '../../src/cli/output.js';

export async function runCli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const program = new Command('studio-script').exitOverride().configureOutput({ writeOut: () => {}, writeErr: () => {} });
  (await COMMANDS[COMMAND_ALIASES[args[0]!] ?? args[0]!]!()).register(program);
  applyConventions(program);
  resetOutput();
  let out = '';
  let err = '';
  const o = vi.spyOn(process.stdout, 'write').mockImplementation((s) => ((out += String(s)), true));
  const e = vi.spyOn(process.stderr, 'write').mockImplementation((s) => ((err += String(s)), true));
  const saved = process.exitCode;
  process.exitCode = undefined;
  let code: number;
  try {
    await program.parseAsync(['node', 'studio-script', ...args]);
    code = Number(process.exitCode ?? 0);
  } catch (x) {
    if (x instanceof UsageError || x instanceof OutputError || x instanceof ScriptLoadError) {
      // The command's own last-resort handler: one line on stderr, or the --json document.
      reportCrash(x);
      code = Number(process.exitCode);
    } else if (x instanceof CommanderError) {
      code = x.exitCode === 0 ? 0 : 2;
      if (code === 2 && args.includes('--json')) printJson({ diagnostics: [{ severity: 'error', code: 'E-USAGE', message: x.message }] });
    }
    else throw x;
  } finally {
    o.mockRestore();
    e.mockRestore();
    process.exitCode = saved;
  }
  return { code, out, err };
}
