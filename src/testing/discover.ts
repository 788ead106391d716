// Finds test files: each argument is a `*.test.yaml` file or a folder searched
// recursively (skipping node_modules and dot folders). Sorted, so runs and
// reports are in the same order everywhere.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const TEST_FILE = /\.test\.ya?ml$/i;

export interface Discovered {
  files: string[];
  /** Arguments that are neither a file nor a folder, or folders without test files. */
  problems: { arg: string; message: string }[];
}

export function discoverTestFiles(args: readonly string[], cwd = process.cwd()): Discovered {
  const files = new Set<string>();
  const problems: Discovered['problems'] = [];
  for (const arg of args.length === 0 ? ['.'] : args) {
    const path = resolve(cwd, arg);
    if (!existsSync(path)) {
      problems.push({ arg, message: `no such file or folder: ${arg}` });
      continue;
    }
    if (statSync(path).isDirectory()) {
      const found = walk(path);
      if (found.length === 0) problems.push({ arg, message: `no *.test.yaml files in ${arg}` });
      found.forEach((f) => files.add(f));
    } else if (/\.(ya?ml|json)$/i.test(path)) files.add(path);
    else problems.push({ arg, message: `${arg} is not a test file (expected *.test.yaml)` });
  }
  return { files: [...files].sort(), problems };
}

function walk(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
    const full = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...walk(full));
    else if (TEST_FILE.test(entry.name)) out.push(full);
  }
  return out;
}
