// How third-party libraries are loaded, for start-up time (bench/README.md,
// row cli.start: `studio-script check` within 4× a bare `node`).
//
// - CommonJS packages every command needs (commander, moo, nearley,
//   picocolors) are
//   required, not imported: imported from ESM, each CommonJS file (and each
//   file it requires) first goes through Node 20's ESM loader and its export
//   lexer: about 40 ms of `check` for these three.
// - Libraries only run-time code needs (dates, XML, phone numbers, XLSX) load on
//   first call: `check` compiles every snippet but runs none, so it never
//   loads them.
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type BetterSqlite3 from 'better-sqlite3';
import type * as ExcelJs from 'exceljs';
import type * as FastXmlParser from 'fast-xml-parser';
import type * as LibPhoneNumber from 'libphonenumber-js/max';
import type * as Luxon from 'luxon';

const require = createRequire(import.meta.url);

/** A CommonJS package, required (the same instance an `import` of it would give). */
export function requireCommonJs<T>(specifier: 'commander' | 'moo' | 'nearley' | 'picocolors'): T {
  return require(specifier) as T;
}

/**
 * A getter that loads `specifier` synchronously the first time it is called.
 * It requires the very file `import` resolves to (require(esm), Node ≥ 20.19),
 * so the instance is the one static importers share: one luxon, whose
 * `DateTime`s pass `instanceof` everywhere. Where require(esm) is switched off
 * it falls back to the package's CommonJS build. Never call a getter while
 * modules are still being evaluated (at a module's top level): only at run time.
 */
export function lazyImport<T>(specifier: string): () => T {
  let loaded: T | undefined;
  return () => (loaded ??= load<T>(specifier));
}

function load<T>(specifier: string): T {
  try {
    return require(fileURLToPath(import.meta.resolve(specifier))) as T;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ERR_REQUIRE_ESM') throw err;
    return require(specifier) as T;
  }
}

export const luxon = lazyImport<typeof Luxon>('luxon');
export const fastXmlParser = lazyImport<typeof FastXmlParser>('fast-xml-parser');
export const libPhoneNumber = lazyImport<typeof LibPhoneNumber>('libphonenumber-js/max');
/** exceljs (XLSX uploads): about a second to load, so only an XLSX upload pays for it. */
export const excelJs = lazyImport<typeof ExcelJs>('exceljs');

/**
 * A package that is installed only when needed and is missing (or failed to
 * build): the message names the fix. The CLI reports it in one line, exit 2.
 */
export class MissingDependencyError extends Error {
  override name = 'MissingDependencyError';
}

let sqlite: typeof BetterSqlite3 | undefined;

/**
 * better-sqlite3, loaded the first time a state file is opened. It is an
 * optional dependency (a native module): a failed build must not fail the
 * install of a tool that needs it only for `--state`.
 */
export function sqliteDriver(): typeof BetterSqlite3 {
  if (sqlite) return sqlite;
  try {
    sqlite = require('better-sqlite3') as typeof BetterSqlite3;
    return sqlite;
  } catch (err) {
    const why = (err as NodeJS.ErrnoException).code === 'MODULE_NOT_FOUND' ? 'is not installed' : `cannot be loaded (${(err as Error).message.split('\n')[0]})`;
    throw new MissingDependencyError(
      `state files (--state) need the optional package better-sqlite3, which ${why}. ` +
        `Install it with "npm install better-sqlite3" (where no prebuilt binary exists for Node ${process.versions.node} on ${process.platform}-${process.arch}, ` +
        `a C++ toolchain builds it); everything else works without it, with the tenant in memory.`,
    );
  }
}
