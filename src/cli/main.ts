#!/usr/bin/env node
// The `studio-script` command. Only the module of the command being run is
// loaded, so start-up stays close to a bare `node` start (spec/performance.md).
import type * as Commander from 'commander';
import { readFileSync } from 'node:fs';
import { requireCommonJs } from '../deps.js';
import { EXIT, reportCrash } from './io.js';

const { Command, CommanderError } = requireCommonJs<typeof Commander>('commander');

/** Command name -> module exporting `register(program)`. */
const COMMANDS: Record<string, () => Promise<{ register(program: Commander.Command): void }>> = {
  run: () => import('./run.js'),
  check: () => import('./check.js'),
  graph: () => import('./graph.js'),
  fmt: () => import('./fmt.js'),
  test: () => import('./test.js'),
  tenant: () => import('./tenant.js'),
  import: () => import('./import.js'),
  lists: () => import('./lists.js'),
};

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
  try {
    await program.parseAsync(argv);
  } catch (err) {
    if (err instanceof CommanderError) {
      // Help and version are successes; every other commander error is a usage error.
      process.exitCode = err.exitCode === 0 ? EXIT.ok : EXIT.invalid;
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
