// Runs one studio-script command in-process, capturing stdout, stderr and the exit code.
import { Command, CommanderError } from 'commander';
import { vi } from 'vitest';
import { UsageError } from '../../src/cli/io.js';

const COMMANDS: Record<string, () => Promise<{ register(p: Command): void }>> = {
  check: () => import('../../src/cli/check.js'),
  graph: () => import('../../src/cli/graph.js'),
  fmt: () => import('../../src/cli/fmt.js'),
  tenant: () => import('../../src/cli/tenant.js'),
  import: () => import('../../src/cli/import.js'),
  lists: () => import('../../src/cli/lists.js'),
};

export async function runCli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const program = new Command('studio-script').exitOverride().configureOutput({ writeOut: () => {}, writeErr: () => {} });
  (await COMMANDS[args[0]!]!()).register(program);
  let out = '';
  let err = '';
  const o = vi.spyOn(process.stdout, 'write').mockImplementation((s) => ((out += String(s)), true));
  const e = vi.spyOn(process.stderr, 'write').mockImplementation((s) => ((err += String(s)), true));
  const saved = process.exitCode;
  process.exitCode = undefined;
  let code: number;
  try {
    await program.parseAsync(['node', 'studio-script', ...args]);
    code = Number(process.exitCode ?? 0);
  } catch (x) {
    if (x instanceof UsageError) (err += x.message), (code = 2);
    else if (x instanceof CommanderError) code = x.exitCode === 0 ? 0 : 2;
    else throw x;
  } finally {
    o.mockRestore();
    e.mockRestore();
    process.exitCode = saved;
  }
  return { code, out, err };
}
