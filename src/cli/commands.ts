// The commands of `studio-script`, by name, each loaded only when it runs (so
// start-up stays close to a bare `node` start, bench/README.md cli.start). A new
// command is one line here; main.ts gives it the shared conventions.
import type { Command } from 'commander';

/** Command name -> module exporting `register(program)`. */
export const COMMANDS: Record<string, () => Promise<{ register(program: Command): void }>> = {
  run: () => import('./run.js'),
  check: () => import('./check.js'),
  graph: () => import('./graph.js'),
  fmt: () => import('./fmt.js'),
  test: () => import('./test.js'),
  tenant: () => import('./tenant.js'),
  import: () => import('./import.js'),
  export: () => import('./export.js'),
  lists: () => import('./lists.js'),
  pocs: () => import('./pocs.js'),
  coverage: () => import('./coverage.js'),
  init: () => import('./init.js'),
  actions: () => import('./actions.js'),
  outreach: () => import('./outreach.js'),
};

/** Other names of commands (`poc upload` is `pocs upload`), so the right module loads for them too. */
export const COMMAND_ALIASES: Record<string, string> = { poc: 'pocs' };
