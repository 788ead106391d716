// `studio-script test` (placeholder until its issue lands).
import type { Command } from 'commander';
import { UsageError } from './io.js';

export function register(program: Command): void {
  program
    .command('test')
    .description('not available yet')
    .allowUnknownOption()
    .action(() => {
      throw new UsageError('test is not available yet');
    });
}
