// File arguments as every command reads them: a glob is expanded by the tool
// itself (`check 'scripts/*.script'` works in shells that do not expand, such
// as Windows'), `-` means stdin, and a bare script name is looked up in the
// configured scripts folder.
import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { UsageError } from './io.js';

const GLOB = /[*?[\]{}]/;

/** Arguments with globs replaced by the files they match (sorted); other arguments stay as given. */
export async function expandGlobs(args: readonly string[], cwd = process.cwd()): Promise<string[]> {
  const out: string[] = [];
  for (const arg of args) {
    if (arg === '-' || !GLOB.test(arg) || existsSync(resolve(cwd, arg))) {
      out.push(arg);
      continue;
    }
    const { glob } = await import('tinyglobby');
    const files = await glob(arg, { cwd, ignore: ['**/node_modules/**'], expandDirectories: false });
    if (files.length === 0) throw new UsageError(`no files match ${arg}`);
    out.push(...files.sort());
  }
  return out;
}

/** The files that globs `include` (minus `exclude`) match under `dir`, absolute and sorted. */
export async function globFiles(include: readonly string[], exclude: readonly string[], dir: string): Promise<string[]> {
  const { glob } = await import('tinyglobby');
  const files = await glob([...include], { cwd: dir, ignore: ['**/node_modules/**', ...exclude], absolute: true, expandDirectories: false });
  return files.sort();
}

/** Reads all of stdin as text. */
export async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * A script argument: a path as given, or, when no such file exists and the
 * configuration names a scripts folder, the `.script` file there whose file
 * name is `name` (any case, subfolders included).
 */
export async function scriptArgument(arg: string, scriptsFolder: string | undefined): Promise<string> {
  if (existsSync(arg) || scriptsFolder === undefined || /[\\/]|\.script$/i.test(arg)) return arg;
  const wanted = `${arg.toLowerCase()}.script`;
  const walk = async (dir: string): Promise<string | undefined> => {
    const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
    for (const e of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      if (e.name.startsWith('.') || e.name === 'node_modules') continue;
      if (e.isFile() && e.name.toLowerCase() === wanted) return join(dir, e.name);
    }
    for (const e of entries) if (e.isDirectory() && !e.name.startsWith('.') && e.name !== 'node_modules') {
      const found = await walk(join(dir, e.name));
      if (found) return found;
    }
    return undefined;
  };
  return (await walk(scriptsFolder)) ?? arg;
}
