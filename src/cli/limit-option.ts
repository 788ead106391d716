// `--limit NAME=N` (repeatable) and its shorthand `--max-actions N`, shared by
// `run` and `test`: the same limit names as `limits:` in the configuration
// file, test files and createRuntime.
import type { Command } from 'commander';
import { didYouMean } from '../contract/diagnostics.js';
import { LIMIT_NAMES, isLimitName, type Limits } from '../contract/limits.js';
import { shown, UsageError } from './io.js';

export interface LimitFlags {
  limit: string[];
  maxActions?: string;
}

/** Adds `--max-actions` and `--limit` to a command; `what` says what the limits apply to. */
export function limitOptions(command: Command, what: string): Command {
  return command
    .option('--max-actions <n>', 'actions per run before the run fails (default 100000 per virtual day of the run; short for --limit maxActions=N)')
    .option('--limit <name=n>', `set a run limit, ${what} (repeatable): ${LIMIT_NAMES.join(', ')}`, (v: string, all: string[]) => [...all, v], []);
}

/** The limits the command line sets; a wrong name or value is a usage error naming it. */
export function commandLineLimits(flags: LimitFlags): Partial<Limits> {
  const out: Partial<Limits> = {};
  for (const item of flags.limit) {
    const eq = item.indexOf('=');
    const name = (eq > 0 ? item.slice(0, eq) : item).trim();
    if (eq <= 0) throw new UsageError(`--limit "${shown(item)}": expected NAME=N with NAME one of ${LIMIT_NAMES.join(', ')}`);
    if (!isLimitName(name)) {
      const hint = didYouMean(name, LIMIT_NAMES);
      throw new UsageError(`--limit "${shown(item)}": unknown limit "${shown(name)}"${hint ? `; did you mean "${hint}"?` : ''} (the limits: ${LIMIT_NAMES.join(', ')})`);
    }
    out[name] = wholeNumber(`--limit ${name}`, item.slice(eq + 1).trim());
  }
  if (flags.maxActions !== undefined) {
    const n = wholeNumber('--max-actions', flags.maxActions);
    if (out.maxActions !== undefined && out.maxActions !== n) throw new UsageError(`--max-actions ${flags.maxActions} and --limit maxActions=${out.maxActions} disagree; give one`);
    out.maxActions = n;
  }
  return out;
}

export function wholeNumber(option: string, text: string, min = 1): number {
  const n = Number(text);
  if (text === '' || !Number.isInteger(n) || n < min) throw new UsageError(`${option} "${shown(text)}": expected a whole number ≥ ${min}`);
  return n;
}
