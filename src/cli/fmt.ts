// `studio-script fmt` (placeholder until its issue lands).
import type { Command } from 'commander';
import { UsageError } from './io.js';

export function register(program: Command): void {
  program
    .command('fmt')
    .description('not available yet')
    .allowUnknownOption()
    .action(() => {
      throw new UsageError('fmt is not available yet');
    });
}
