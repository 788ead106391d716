// Runs one studio-script command in-process, capturing stdout, stderr and the exit code.
import { Command, CommanderError } from 'commander';
import { COMMAND_ALIASES, COMMANDS } from '../../src/cli/commands.js';
import { ScriptLoadError } from '../../src/contract/diagnostics.js';
import { reportCrash, UsageError } from '../../src/cli/io.js';
import { applyConventions, OutputError, printJson, resetOutput } from '../../src/cli/output.js';
import { captureCommand, type Captured } from './capture.js';

export async function runCli(args: string[]): Promise<Captured> {
  const program = new Command('studio-script').exitOverride().configureOutput({ writeOut: () => {}, writeErr: () => {} });
  (await COMMANDS[COMMAND_ALIASES[args[0]!] ?? args[0]!]!()).register(program);
  applyConventions(program);
  resetOutput();
  return captureCommand(async () => {
    try {
      await program.parseAsync(['node', 'studio-script', ...args]);
    } catch (x) {
      if (x instanceof UsageError || x instanceof OutputError || x instanceof ScriptLoadError) {
        // The command's own last-resort handler: one line on stderr, or the --json document.
        reportCrash(x);
      } else if (x instanceof CommanderError) {
        process.exitCode = x.exitCode === 0 ? 0 : 2;
        if (process.exitCode === 2 && args.includes('--json')) printJson({ diagnostics: [{ severity: 'error', code: 'E-USAGE', message: x.message }] });
      } else throw x;
    }
  });
}
