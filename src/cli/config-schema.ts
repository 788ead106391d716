// The shape of the project configuration file (studio-script.config.* or the
// "studio-script" key of package.json), as a TypeScript type for
// `defineConfig` and as the JSON Schema it is validated against.
import { limitsJsonSchema, type Limits } from '../contract/limits.js';

/** The project configuration. Paths are relative to the file that holds it. */
export interface StudioScriptConfig {
  /** Folder of .script files: what `check` and `fmt` look at without paths, where `run NAME` finds NAME, and the `scripts:` of test files that give none. */
  scripts?: string;
  /** Tenant file for `run`, `check` and test files that give none. */
  tenant?: string;
  /** Stub file for `run` (`--stubs`). */
  stubs?: string;
  /** Start of the virtual clock for `run` and for test cases that give no `now`. */
  now?: string;
  /** When `run` stops (`--until`): a duration (`8h`, `30d`) or an ISO time. */
  until?: string;
  /** Seed of the random source for `run` and for test cases that give none. */
  seed?: number;
  /**
   * Run limits by name (maxActions, maxCallDepth, maxLoopIterations…), for
   * `run` and for every test case; `--limit` on the command line, then a test
   * case's and a test file's own `limits:` come first.
   */
  limits?: Partial<Limits>;
  test?: {
    /** Test files (globs) `test` runs when given no paths. Default: every `*.test.yaml` under the config's folder. */
    include?: string[];
    /** Globs left out of `include`. node_modules is always left out. */
    exclude?: string[];
    /** Reporters: `pretty`, `junit`, `json` (and others the tool adds). */
    reporters?: string[];
    /** Where a reporter writes: a file for the one file reporter, or a file per reporter name. */
    outputFile?: string | Record<string, string>;
    coverage?: {
      enabled?: boolean;
      /** Folder of lcov.info and coverage.json. Default `coverage`. */
      dir?: string;
      /** Percentage that action and branch coverage must reach. */
      threshold?: number;
    };
    forceErrors?: boolean;
    /** Threads running cases: a number, or `auto`. */
    workers?: number | 'auto';
  };
}

/** For a typed `studio-script.config.js`: `export default defineConfig({ … })`. */
export function defineConfig(config: StudioScriptConfig): StudioScriptConfig {
  return config;
}

const text = { type: 'string', minLength: 1 } as const;
const texts = { type: 'array', items: text } as const;

export const configJsonSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  title: 'studio-script configuration',
  type: 'object',
  additionalProperties: false,
  properties: {
    $schema: { type: 'string' },
    scripts: text,
    tenant: text,
    stubs: text,
    now: text,
    until: text,
    seed: { type: 'integer', minimum: 0 },
    limits: limitsJsonSchema,
    test: {
      type: 'object',
      additionalProperties: false,
      properties: {
        include: texts,
        exclude: texts,
        reporters: texts,
        outputFile: { oneOf: [text, { type: 'object', additionalProperties: text }] },
        coverage: {
          type: 'object',
          additionalProperties: false,
          properties: {
            enabled: { type: 'boolean' },
            dir: text,
            threshold: { type: 'number', minimum: 0, maximum: 100 },
          },
        },
        forceErrors: { type: 'boolean' },
        workers: { oneOf: [{ type: 'integer', minimum: 1 }, { const: 'auto' }] },
      },
    },
  },
} as const;
