// `studio-script graph` (placeholder until its issue lands).
import type { Command } from 'commander';
import { UsageError } from './io.js';

export function register(program: Command): void {
  program
    .command('graph')
    .description('not available yet')
    .allowUnknownOption()
    .action(() => {
      throw new UsageError('graph is not available yet');
    });
}
