// `studio-script run` (placeholder until its issue lands).
import type { Command } from 'commander';
import { UsageError } from './io.js';

export function register(program: Command): void {
  program
    .command('run')
    .description('not available yet')
    .allowUnknownOption()
    .action(() => {
      throw new UsageError('run is not available yet');
    });
}
