// `studio-script init [dir]`: scaffolds a working project: a scripts folder
// with one example script and its test, a tenant file, the configuration,
// package.json scripts and a GitHub Actions workflow. Existing files are kept
// (named in the output) unless --force.
import type { Command } from 'commander';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { EXIT, UsageError, writeOutput } from './io.js';
import { INIT_FILES, PACKAGE_SCRIPTS } from './init-files.js';
import { colorsFor, displayPath, jsonMode, printJson } from './output.js';

export function register(program: Command): void {
  program
    .command('init')
    .description('create a starter project: a script and its test, a tenant, the configuration, npm scripts and a CI workflow')
    .argument('[dir]', 'the project folder (created as needed; default: the current folder)', '.')
    .option('--force', 'overwrite files that already exist')
    .option('--json', 'print {created, kept} as JSON on stdout')
    .action(async (dir: string, opts: { force?: boolean }) => {
      const root = resolve(dir);
      if (existsSync(root) && !statSync(root).isDirectory()) throw new UsageError(`${dir}: not a folder`);
      const created: string[] = [];
      const kept: string[] = [];
      for (const [name, text] of Object.entries(INIT_FILES)) {
        const file = join(root, name);
        if (existsSync(file) && !opts.force) kept.push(displayPath(file));
        else (writeOutput(file, text), created.push(displayPath(file)));
      }
      const pkg = join(root, 'package.json');
      const updated = updatePackage(pkg, basename(root));
      (updated === 'unchanged' ? kept : created).push(displayPath(pkg));
      if (jsonMode()) printJson({ created, kept });
      else {
        const c = colorsFor('stdout');
        for (const f of created) process.stdout.write(`${c.green('created')} ${f}\n`);
        for (const f of kept) process.stdout.write(`${c.yellow('kept')}    ${f} (exists; --force overwrites)\n`);
        const cd = resolve(dir) === process.cwd() ? '' : `cd ${dir} && `;
        process.stdout.write(`\nNext: ${cd}npm install && npm test\n`);
      }
      process.exitCode = EXIT.ok;
    });
}

/** Adds the npm scripts, the dev dependency and better-sqlite3's install script approval to package.json (created when missing); existing entries win. */
function updatePackage(file: string, name: string): 'created' | 'updated' | 'unchanged' {
  let pkg: Record<string, unknown> = {};
  const exists = existsSync(file);
  if (exists) {
    try {
      pkg = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    } catch (err) {
      throw new UsageError(`${displayPath(file)}: not valid JSON (${(err as Error).message}); fix it and run init again`);
    }
  } else pkg = { name: name.toLowerCase().replace(/[^a-z0-9-._~]/g, '-') || 'studio-scripts', version: '1.0.0', private: true, type: 'module' };
  const before = JSON.stringify(pkg);
  const scripts = { ...PACKAGE_SCRIPTS, ...((pkg.scripts as Record<string, string> | undefined) ?? {}) };
  // A fresh package.json's placeholder test script is replaced.
  if (/no test specified/.test(scripts.test ?? '')) scripts.test = PACKAGE_SCRIPTS.test!;
  pkg.scripts = scripts;
  const deps = { ...((pkg.dependencies as object | undefined) ?? {}) } as Record<string, string>;
  const dev = { ...((pkg.devDependencies as object | undefined) ?? {}) } as Record<string, string>;
  if (!deps['studio-script'] && !dev['studio-script']) (dev['studio-script'] = `^${ownVersion()}`, (pkg.devDependencies = dev));
  // npm from 11.16 asks for install scripts to be approved in package.json (npm 12 skips the others): better-sqlite3
  // builds or fetches its native part in one, and `--state` needs it.
  const allowed = (pkg.allowScripts as Record<string, unknown> | undefined) ?? {};
  if (!('better-sqlite3' in allowed)) pkg.allowScripts = { ...allowed, 'better-sqlite3': true };
  if (JSON.stringify(pkg) === before) return 'unchanged';
  writeOutput(file, JSON.stringify(pkg, null, 2) + '\n');
  return exists ? 'updated' : 'created';
}

/** This package's version (from dist/src/cli, or src/cli when run from source). */
function ownVersion(): string {
  for (const up of ['../../../package.json', '../../package.json']) {
    const url = new URL(up, import.meta.url);
    if (existsSync(url)) return (JSON.parse(readFileSync(url, 'utf8')) as { version: string }).version;
  }
  return '0.0.0';
}
