// The checks behind the vitest matchers, as plain functions over a run result:
// each returns pass/fail and a message that shows the path the run took, so a
// failing assertion says where the contact actually went.
import type { RunResult, RunStatus } from '../runtime/result.js';
import { branchesTaken, checkVisits, qualify } from './expect.js';
import { show, valueMatches } from './match-value.js';
import { EFFECT_KINDS, isEffectKind } from '../contract/effects.js';

export interface MatchOutcome {
  pass: boolean;
  /** The message for a failed assertion (`not` flips which one is shown). */
  message: string;
}

const same = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();

/** The path as numbered lines, shortened around `focus` when long. */
export function formatPath(result: Pick<RunResult, 'path' | 'status'>, focus?: number): string {
  const { path } = result;
  if (path.length === 0) return 'Path taken: (no action ran)';
  const at = focus ?? path.length - 1;
  const from = path.length <= 20 ? 0 : Math.max(0, at - 8);
  const to = path.length <= 20 ? path.length : Math.min(path.length, at + 8);
  const lines = [`Path taken (${path.length} steps, run ${result.status}):`];
  if (from > 0) lines.push(`  … ${from} earlier step(s)`);
  for (let i = from; i < to; i++) lines.push(`${i === focus ? '>' : ' '} ${String(i + 1).padStart(4)}  ${path[i]}`);
  if (to < path.length) lines.push(`  … ${path.length - to} later step(s)`);
  return lines.join('\n');
}

export function assertResult(value: unknown): RunResult {
  const r = value as RunResult | null;
  if (!r || typeof r !== 'object' || !Array.isArray(r.path) || typeof r.status !== 'string')
    throw new TypeError(`expected a run result (from runScript or runtime.run), got ${show(value)}`);
  return r;
}

/** Visited every action; with several, in this order. A label alone means one of the entry script. */
export function visited(result: RunResult, labels: string | readonly string[]): MatchOutcome {
  const wanted = (typeof labels === 'string' ? [labels] : [...labels]).map((l) => qualify(l, result.script));
  const [failure] = checkVisits(wanted, result.path);
  if (!failure) return { pass: true, message: `expected the run not to visit ${wanted.join(' → ')}\n\n${formatPath(result)}` };
  return { pass: false, message: `${failure.message}\n\n${formatPath(result, failure.divergence?.pathIndex)}` };
}

export function takenBranch(result: RunResult, label: string, branch: string): MatchOutcome {
  const name = qualify(label, result.script);
  const taken = branchesTaken(result.trace ?? []).get(name.toLowerCase()) ?? [];
  if (!result.trace) return { pass: false, message: `the run result has no trace: run with keepTrace (runScript keeps it)` };
  const pass = taken.some((b) => same(b, branch));
  const at = result.path.findIndex((p) => same(p, name));
  const what = taken.length === 0 ? 'it never ran' : `it took ${taken.join(', ')}`;
  return {
    pass,
    message: pass
      ? `expected ${name} not to take ${branch}\n\n${formatPath(result, at >= 0 ? at : undefined)}`
      : `expected ${name} to take ${branch}, but ${what}\n\n${formatPath(result, at >= 0 ? at : undefined)}`,
  };
}

export function endedWith(result: RunResult, status: RunStatus): MatchOutcome {
  const pass = result.status === status;
  const why = result.lastError ? `\n_err: ${result.lastError}` : '';
  const warn = result.warnings.length ? `\nwarnings: ${result.warnings.join('; ')}` : '';
  return {
    pass,
    message: pass
      ? `expected the run not to end ${status}\n\n${formatPath(result)}`
      : `expected the run to end ${status}, but it ended ${result.status}${why}${warn}\n\n${formatPath(result)}`,
  };
}

/** The entry script's variable exists (and, when given, matches `value` as test files compare values). */
export function hasVariable(result: RunResult, name: string, ...value: [] | [unknown]): MatchOutcome {
  const key = Object.keys(result.variables).find((k) => same(k, name));
  const got = key === undefined ? undefined : result.variables[key];
  const pass = value.length === 0 ? key !== undefined : valueMatches(value[0], got);
  const want = value.length === 0 ? `a variable ${name}` : `${name} = ${show(value[0])}`;
  return {
    pass,
    message: pass ? `expected the run not to end with ${want}\n\n${formatPath(result)}` : `expected ${want}, but it is ${show(got)}\n\n${formatPath(result)}`,
  };
}

/** The run recorded an effect of `kind` (matching `match` as test files compare values, or exactly `match` of them when a number). */
export function hasEffect(result: RunResult, kind: string, match?: unknown): MatchOutcome {
  if (!isEffectKind(kind))
    return { pass: false, message: `unknown effect kind "${kind}": a run records ${EFFECT_KINDS.join(', ')}` };
  const list = (result.effects[kind] ?? []) as unknown[];
  let pass: boolean;
  let want: string;
  if (typeof match === 'number') {
    pass = list.length === match;
    want = `${match} ${kind} effect(s)`;
  } else if (match === undefined) {
    pass = list.length > 0;
    want = `a ${kind} effect`;
  } else {
    pass = list.some((e) => valueMatches(match, e));
    want = `a ${kind} effect matching ${show(match)}`;
  }
  const recorded = list.length === 0 ? `no ${kind} effects` : `${list.length}: ${show(list)}`;
  return {
    pass,
    message: pass ? `expected the run not to record ${want}\n\n${formatPath(result)}` : `expected ${want}, but the run recorded ${recorded}\n\n${formatPath(result)}`,
  };
}
