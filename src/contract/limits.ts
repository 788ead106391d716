// The run limits (maxActions, maxCallDepth…) and their defaults. Hosts may
// lower or raise each one; actions and the snippet interpreter read them from
// their context, never from a global.

export interface Limits {
  maxActions: number;
  maxCallDepth: number;
  maxLoopIterations: number;
  maxArrayElements: number;
  maxObjectBytes: number;
  maxResponseBytes: number;
  maxSpawnedRuns: number;
}

/**
 * Emulator decision: unless a host sets maxActions, a run with an until time
 * may take 100,000 actions per virtual day it covers (at least 100,000), so a
 * month-long brain-script run completes while an endless loop still stops.
 */
export const ACTIONS_PER_VIRTUAL_DAY = 100_000;

/**
 * Without an `until`, how far past a run's start background processes are
 * followed once no run has anything due (emulator decision): further than
 * any setting schedules (a preview recycle is at most a year away), and short
 * enough that a wake-up planned centuries ahead (a hand-edited snapshot) does
 * not have the run simulate every day until then.
 */
export const PROCESS_HORIZON_DAYS = 400;

/** Studio's own limits: raising them lets the emulator accept what Studio refuses. */
const STUDIO_LIMITS: ReadonlySet<keyof Limits> = new Set(['maxObjectBytes', 'maxResponseBytes', 'maxArrayElements']);

/**
 * The end of every limit message: how to raise that limit, with every way the
 * same name is set (the command line, the configuration file, test files and
 * cases, the API).
 */
export function raiseLimitHint(name: keyof Limits): string {
  const how = `--limit ${name}=N (run, test) or limits: { ${name}: N } (studio-script.config, a test file or case, createRuntime, runScript)`;
  return STUDIO_LIMITS.has(name) ? `Studio's own limit; to allow more in the emulator anyway: ${how}` : `raise it: ${how}`;
}

export const DEFAULT_LIMITS: Limits = Object.freeze({
  maxActions: 100_000,
  maxCallDepth: 32,
  maxLoopIterations: 1_000_000,
  maxArrayElements: 63_000_000,
  maxObjectBytes: 32 * 1024,
  maxResponseBytes: 32 * 1024,
  maxSpawnedRuns: 1_000,
});

/** The limit names, as `--limit NAME=N`, `limits:` mappings and `createRuntime({ limits })` take them. */
export const LIMIT_NAMES = Object.keys(DEFAULT_LIMITS) as readonly (keyof Limits)[];

export function isLimitName(name: string): name is keyof Limits {
  return (LIMIT_NAMES as readonly string[]).includes(name);
}

/**
 * The JSON Schema of a `limits:` mapping (configuration file, test file, test
 * case): the limit names only, each a whole number ≥ 1.
 */
export const limitsJsonSchema = {
  type: 'object',
  additionalProperties: false,
  description: 'Run limits by name (maxActions, maxCallDepth, maxLoopIterations, maxArrayElements, maxObjectBytes, maxResponseBytes, maxSpawnedRuns).',
  properties: Object.fromEntries(LIMIT_NAMES.map((name) => [name, { type: 'integer', minimum: 1 }])) as Record<keyof Limits, { type: 'integer'; minimum: 1 }>,
} as const;
