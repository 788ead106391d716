// Option values of `test` and `coverage merge` that need checking: the
// coverage threshold, `--shard i/n` and `--workers`; each bad value is a
// one-line usage error naming the option.
import type { Ratio } from '../testing/coverage.js';
import type { Shard } from '../testing/session.js';
import { shown, UsageError } from './io.js';

export function parseThreshold(text: string | number | undefined): number | undefined {
  if (text === undefined) return undefined;
  const n = typeof text === 'number' ? text : Number(text.replace(/%$/, ''));
  if (!Number.isFinite(n) || n < 0 || n > 100) throw new UsageError(`--coverage-threshold must be a percentage between 0 and 100 (got "${shown(String(text))}")`);
  return n;
}

/** What fell below `threshold`: `action coverage 80%` and/or `branch coverage 75%`. */
export function thresholdMisses(summary: { actions: Ratio; branches: Ratio }, threshold: number): string[] {
  const missed: string[] = [];
  if (summary.actions.pct < threshold) missed.push(`action coverage ${summary.actions.pct}%`);
  if (summary.branches.pct < threshold) missed.push(`branch coverage ${summary.branches.pct}%`);
  return missed;
}

/** `2/3` -> the second of three shards. */
export function parseShard(text: string | undefined): Shard | undefined {
  if (text === undefined) return undefined;
  const m = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
  const index = Number(m?.[1]);
  const count = Number(m?.[2]);
  if (!m || count < 1 || index < 1 || index > count) throw new UsageError(`--shard must be INDEX/COUNT with 1 ≤ INDEX ≤ COUNT, such as 1/3 (got "${shown(text)}")`);
  return { index, count };
}

export function parseWorkers(value: string | number | undefined): number | 'auto' {
  if (value === undefined || value === 'auto') return 'auto';
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`--workers must be a whole number ≥ 1 or "auto" (got "${shown(String(value))}")`);
  return n;
}
