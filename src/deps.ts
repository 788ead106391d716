// How third-party libraries are loaded, for start-up time (spec/performance.md,
// row cli.start: `studio-script check` within 4× a bare `node`).
//
// - CommonJS packages every command needs (commander, moo, nearley,
//   picocolors) are
//   required, not imported: imported from ESM, each CommonJS file (and each
//   file it requires) first goes through Node 20's ESM loader and its export
//   lexer: about 40 ms of `check` for these three.
// - Libraries only run-time code needs (dates, XML, phone numbers) load on
//   first call: `check` compiles every snippet but runs none, so it never
//   loads them.
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
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
