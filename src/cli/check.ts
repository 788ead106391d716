// `studio-script check` (placeholder until its issue lands).
import type { Command } from 'commander';
import { UsageError } from './io.js';

export function register(program: Command): void {
  program
    .command('check')
    .description('not available yet')
    .allowUnknownOption()
    .action(() => {
      throw new UsageError('check is not available yet');
    });
}
