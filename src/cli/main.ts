#!/usr/bin/env node
// The `studio-script` command. Only the module of the command being run is
// loaded (commands.ts), and every command gets the shared conventions of
// output.ts: --color/--no-color, one JSON document with --json.
import type * as Commander from 'commander';
import { readFileSync } from 'node:fs';
import { requireCommonJs } from '../deps.js';
import { COMMANDS } from './commands.js';
import { EXIT, reportCrash } from './io.js';
import { applyConventions, printJson } from './output.js';

const { Command, CommanderError } = requireCommonJs<typeof Commander>('commander');

async function main(argv: string[]): Promise<void> {
  const program = new Command('studio-script')
    .description('Run, check, graph, format and unit-test NICE CXone Studio scripts locally.')
    .version(version(), '-V, --version')
    .showHelpAfterError()
    .exitOverride();
  const wanted = argv[2];
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

function version(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

main(process.argv).catch(reportCrash);
