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

/** Studio's own limits: raising them lets the emulator accept what Studio refuses. */
const STUDIO_LIMITS: ReadonlySet<keyof Limits> = new Set(['maxObjectBytes', 'maxResponseBytes', 'maxArrayElements']);

/** The end of every limit message: how to raise that limit (maxActions has its own, with --max-actions and test cases). */
export function raiseLimitHint(name: keyof Limits): string {
  const how = `--limit ${name}=N (run), limits.${name} (createRuntime)`;
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
