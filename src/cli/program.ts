// The command line as a function: builds the program with the command being
// run (commands.ts) and the shared conventions of output.ts (--color, one
// JSON document with --json), parses the arguments and turns every failure
// into an exit code. Bad input ends in a usage error or diagnostics (exit 2);
// anything else reaches the last-resort handler (`reportCrash`), which tests
// assert no input reaches.
import type * as Commander from 'commander';
import { readFileSync } from 'node:fs';
import { MissingDependencyError, requireCommonJs } from '../deps.js';
import { COMMAND_ALIASES, COMMANDS } from './commands.js';
import { EXIT, reportCrash, UsageError } from './io.js';
import { applyConventions, OutputError, printJson, resetOutput } from './output.js';

const { Command, CommanderError } = requireCommonJs<typeof Commander>('commander');

export interface CommandLineOptions {
  /** Receives what no command turned into an exit code (default: reportCrash). */
  onCrash?: (err: unknown) => void;
  /** Where commander writes help and its own errors (default: the terminal). */
  output?: { writeOut(s: string): void; writeErr(s: string): void };
}

/** Runs `studio-script` with `argv` (as process.argv: node, script, arguments…); sets process.exitCode. */
export async function runCommandLine(argv: string[], opts: CommandLineOptions = {}): Promise<void> {
  resetOutput();
  try {
    await parse(argv, opts);
  } catch (err) {
    // A usage error is bad input, told in one line; only the rest is a crash.
    if (err instanceof UsageError || err instanceof OutputError || err instanceof MissingDependencyError) reportCrash(err);
    else (opts.onCrash ?? reportCrash)(err);
  }
}

async function parse(argv: string[], opts: CommandLineOptions): Promise<void> {
  const program = new Command('studio-script')
    .description('Run, check, graph, format and unit-test NICE CXone Studio scripts locally.')
    .version(version(), '-V, --version')
    .showHelpAfterError()
    .exitOverride();
  if (opts.output) program.configureOutput(opts.output);
  const wanted = argv[2] && (COMMAND_ALIASES[argv[2]] ?? argv[2]);
  const names = wanted && COMMANDS[wanted] ? [wanted] : Object.keys(COMMANDS);
  for (const name of names) {
    const load = COMMANDS[name];
    if (load) (await load()).register(program);
  }
  applyConventions(program);
  try {
    await program.parseAsync(argv);
  } catch (err) {
    if (err instanceof CommanderError) {
      // Help and version are successes; every other commander error is a usage error.
      process.exitCode = err.exitCode === 0 ? EXIT.ok : EXIT.invalid;
      // The option parser failed before the command ran: --json still gets its one document.
      if (err.exitCode !== 0 && argv.includes('--json')) printJson({ diagnostics: [{ severity: 'error', code: 'E-USAGE', message: err.message.replace(/^error: /, '') }] });
      return;
    }
    throw err;
  }
}

/** The package version: package.json sits three folders up from the built file (two from the source, as tests load it). */
function version(): string {
  for (const up of ['../../../package.json', '../../package.json']) {
    try {
      return (JSON.parse(readFileSync(new URL(up, import.meta.url), 'utf8')) as { version: string }).version;
    } catch {
      // not this one
    }
  }
  return 'unknown';
}
