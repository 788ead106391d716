// The fuzz harness every loader uses: one `fuzzLoader({...})` call registers
// three kinds of tests for a loader —
//   - mutations of valid inputs (the loader's seeds, edited by fast-check),
//   - inputs generated from scratch (the loader's own arbitrary),
//   - the corpus: every input that once failed, kept in test/corpus/<id>/.
// Each input goes through the loader's `run` (usually the real command line,
// in-process) and the answer must be clean: exit 0, 1 or 2, nothing reaching
// the last-resort handler, no stack trace, no "internal error", at most the
// per-command number of diagnostics, and a located message on exit 2. Time is
// bounded by budgets (input size, --max-actions, --until, loop limits), never
// by a wall-clock assertion.
//
// Runs: FUZZ_RUNS multiplies every loader's count (`npm run fuzz` sets 20);
// FUZZ_SEED picks the seed (default 1913, so `npm test` is deterministic).
// With FUZZ_SAVE=1 a failing input is written to test/corpus/<id>/ so it
// becomes a regression case (review it, name it, commit it). FUZZ_LAST=<file>
// writes each input there before it runs: after a crash of the worker itself
// (out of memory), the file holds the input that caused it.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, it } from 'vitest';
import { expectCleanAnswer, type CliOutcome } from '../reliability/cli.js';

export const CORPUS = join(import.meta.dirname, '../corpus');
export const FUZZ_SEED = Number(process.env.FUZZ_SEED ?? 1913);
const MULTIPLIER = Math.max(1, Number(process.env.FUZZ_RUNS ?? 1));

/** fast-check parameters for a property outside fuzzLoader: `n` inputs in `npm test`, FUZZ_RUNS times more under `npm run fuzz`. */
export function fuzzParams(n: number): fc.Parameters<unknown> {
  return { numRuns: n * MULTIPLIER, seed: FUZZ_SEED, endOnFailure: true };
}

/** Test timeout for work bounded by input size and counts: room for a loaded shared machine, never a speed assertion. */
export const FUZZ_TIMEOUT = 600_000 * MULTIPLIER;

export type Input = string | Uint8Array;

export interface Loader<T extends Input> {
  /** Folder name under test/corpus/ and the test title: `tenant-yaml`, `csv`, `state-db`… */
  id: string;
  /** File extension of corpus inputs (`.yaml`, `.csv`, `.db`). */
  ext: string;
  /** Valid inputs the mutations start from. */
  seeds: readonly T[];
  /** Inputs generated from scratch; without it only mutations and the corpus run. */
  generated?: fc.Arbitrary<T>;
  /** Edits applied to a seed (default: textMutations() for text, byteMutations() for bytes). */
  mutations?: fc.Arbitrary<(input: T) => T>;
  /** Feeds one input to the loader and returns the answer it gives the user. */
  run(input: T): Promise<CliOutcome> | CliOutcome;
  /** Extra checks on each answer (beyond the clean-answer rules). */
  check?(outcome: CliOutcome, input: T): void;
  /** Inputs per property in `npm test` (default 200 mutated, 100 generated). */
  runs?: { mutated?: number; generated?: number };
}

/** Registers the mutated, generated and corpus tests of one loader. */
export function fuzzLoader<T extends Input>(loader: Loader<T>): void {
  const mutations = loader.mutations ?? ((typeof loader.seeds[0] === 'string' ? textMutations() : byteMutations()) as unknown as fc.Arbitrary<(input: T) => T>);
  const verify = async (input: T): Promise<void> => {
    if (process.env.FUZZ_LAST) writeFileSync(process.env.FUZZ_LAST, input);
    const outcome = await loader.run(input);
    try {
      expectCleanAnswer(outcome);
      loader.check?.(outcome, input);
    } catch (err) {
      if (process.env.FUZZ_SAVE) saveToCorpus(loader, input);
      throw err;
    }
  };
  const params = fuzzParams;
  const timeout = FUZZ_TIMEOUT;

  describe(`${loader.id} under fuzzing`, () => {
    it('answers every mutation of a valid input cleanly', async () => {
      const seed = fc.constantFrom(...loader.seeds);
      const edits = fc.array(mutations, { minLength: 1, maxLength: 4 });
      await fc.assert(
        fc.asyncProperty(seed, edits, async (s, es) => verify(es.reduce((x, e) => e(x), s))),
        params(loader.runs?.mutated ?? 200),
      );
    }, timeout);
    if (loader.generated) {
      const generated = loader.generated;
      it('answers every generated input cleanly', async () => {
        await fc.assert(fc.asyncProperty(generated, verify), params(loader.runs?.generated ?? 100));
      }, timeout);
    }
    const corpus = corpusOf(loader);
    if (corpus.length > 0) {
      it.each(corpus)(`answers corpus input ${loader.id}/%s cleanly`, async (name) => {
        const bytes = readFileSync(join(CORPUS, loader.id, name));
        await verify((typeof loader.seeds[0] === 'string' ? bytes.toString('utf8') : new Uint8Array(bytes)) as T);
      });
    }
  });
}

function corpusOf(loader: { id: string; ext: string }): string[] {
  const dir = join(CORPUS, loader.id);
  return existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith(loader.ext)).sort() : [];
}

function saveToCorpus(loader: { id: string; ext: string }, input: Input): void {
  const dir = join(CORPUS, loader.id);
  mkdirSync(dir, { recursive: true });
  const hash = createHash('sha1').update(input).digest('hex').slice(0, 10);
  writeFileSync(join(dir, `found-${hash}${loader.ext}`), input);
}

// ---------------------------------------------------------------- mutations

/** Pieces that break many text formats: brackets, quotes, YAML and CSV syntax, control and wide characters. */
export const COMMON_FRAGMENTS = [
  '{', '}', '[', ']', '(', ')', '"', "'", '"""', ':', ': ', '- ', ',', '\n', '\r\n', '\t', '#', '&a', '*a', '!!', '|', '>', '\\', '\u0000',
  '\ufeff', 'é', '😀', '\u202e', '__proto__', 'constructor', '-1', '1e999', 'NaN', 'null', '~', '<', '/>', '<!DOCTYPE x [<!ENTITY e "e">]>', '&e;',
];

/**
 * Text edits: delete a range, insert a fragment (the format's own or a
 * common one), repeat a fragment many times (bombs and deep nesting), copy a
 * slice elsewhere, or truncate.
 */
export function textMutations(fragments: readonly string[] = []): fc.Arbitrary<(s: string) => string> {
  const piece = fc.constantFrom(...fragments, ...COMMON_FRAGMENTS);
  const at = (s: string, n: number): number => (s.length === 0 ? 0 : n % (s.length + 1));
  return fc.oneof(
    fc.tuple(fc.nat(), fc.integer({ min: 1, max: 40 })).map(([n, len]) => (s: string) => s.slice(0, at(s, n)) + s.slice(at(s, n) + len)),
    fc.tuple(fc.nat(), piece).map(([n, p]) => (s: string) => s.slice(0, at(s, n)) + p + s.slice(at(s, n))),
    fc.tuple(fc.nat(), piece, fc.constantFrom(50, 2_000, 20_000)).map(([n, p, times]) => (s: string) => s.slice(0, at(s, n)) + p.repeat(times) + s.slice(at(s, n))),
    fc.tuple(fc.nat(), fc.nat(), fc.integer({ min: 1, max: 80 })).map(([from, to, len]) => (s: string) => {
      const a = at(s, from);
      return s.slice(0, at(s, to)) + s.slice(a, a + len) + s.slice(at(s, to));
    }),
    fc.tuple(fc.nat(), fc.string({ maxLength: 6 })).map(([n, t]) => (s: string) => s.slice(0, at(s, n)) + t + s.slice(at(s, n) + t.length)),
    fc.nat().map((n) => (s: string) => s.slice(0, at(s, n))),
  );
}

/** Byte edits for binary files: truncate, zero a page, flip bits, overwrite bytes, append garbage. */
export function byteMutations(pageSize = 4096): fc.Arbitrary<(b: Uint8Array) => Uint8Array> {
  const at = (b: Uint8Array, n: number): number => (b.length === 0 ? 0 : n % b.length);
  return fc.oneof(
    fc.nat().map((n) => (b: Uint8Array) => b.slice(0, at(b, n))),
    fc.nat().map((n) => (b: Uint8Array) => {
      const c = b.slice();
      const pages = Math.max(1, Math.floor(c.length / pageSize));
      const start = (n % pages) * pageSize;
      c.fill(0, start, start + pageSize);
      return c;
    }),
    fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 7 })), { minLength: 1, maxLength: 8 }).map((flips) => (b: Uint8Array) => {
      const c = b.slice();
      for (const [n, bit] of flips) if (c.length > 0) c[at(c, n)]! ^= 1 << bit;
      return c;
    }),
    fc.tuple(fc.nat(), fc.uint8Array({ minLength: 1, maxLength: 64 })).map(([n, bytes]) => (b: Uint8Array) => {
      const c = b.slice();
      c.set(bytes.subarray(0, Math.max(0, c.length - at(c, n))), at(c, n));
      return c;
    }),
    fc.uint8Array({ minLength: 1, maxLength: 512 }).map((tail) => (b: Uint8Array) => {
      const c = new Uint8Array(b.length + tail.length);
      c.set(b);
      c.set(tail, b.length);
      return c;
    }),
  );
}

/**
 * Structural edits of JSON text: a node (chosen by its place in a walk of
 * the document) is replaced by random JSON, deleted, or nested deeply; text
 * that is not JSON gets a text edit instead. Reaches the checks behind a
 * parser, which text edits mostly stop at.
 */
export function jsonMutations(): fc.Arbitrary<(s: string) => string> {
  const replacement = fc.oneof(
    fc.jsonValue({ maxDepth: 3 }),
    fc.constantFrom<unknown>('', -1, 1e308, 0.5, 'x'.repeat(40_000), {}, [], { __proto__: null, constructor: 1 }, JSON.parse('{"__proto__":{"x":1}}')),
    fc.integer({ min: 50, max: 3000 }).map((depth) => JSON.parse('['.repeat(depth) + ']'.repeat(depth)) as unknown),
  );
  const op = fc.tuple(fc.nat(), fc.constantFrom('replace', 'delete'), replacement);
  return fc.oneof(
    { weight: 4, arbitrary: op.map(([n, kind, value]) => (s: string) => editJson(s, n, kind, value)) },
    { weight: 1, arbitrary: textMutations() },
  );
}

function editJson(text: string, n: number, kind: string, value: unknown): string {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    return text;
  }
  const slots: { parent: Record<string, unknown> | unknown[]; key: string | number }[] = [];
  const walk = (v: unknown): void => {
    if (v === null || typeof v !== 'object') return;
    for (const k of Object.keys(v)) {
      slots.push({ parent: v as Record<string, unknown>, key: Array.isArray(v) ? Number(k) : k });
      walk((v as Record<string, unknown>)[k]);
    }
  };
  walk(doc);
  if (slots.length === 0) return JSON.stringify(value);
  const { parent, key } = slots[n % slots.length]!;
  if (kind === 'delete') {
    if (Array.isArray(parent)) parent.splice(key as number, 1);
    else delete parent[key as string];
  } else if (Array.isArray(parent)) parent[key as number] = value;
  else Object.defineProperty(parent, key as string, { value, enumerable: true, writable: true, configurable: true });
  return JSON.stringify(doc);
}
