// `studio-script tenant` (placeholder until its issue lands).
import type { Command } from 'commander';
import { UsageError } from './io.js';

export function register(program: Command): void {
  program
    .command('tenant')
    .description('not available yet')
    .allowUnknownOption()
    .action(() => {
      throw new UsageError('tenant is not available yet');
    });
}
