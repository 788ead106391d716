// Action and branch coverage: which actions ran and which connected branches
// were followed, per script, over all the runs of a test session. Hits are
// collected per run as plain data (so worker threads can send them back) and
// merged in a fixed order, so totals never depend on scheduling.
import type { ScriptGraph } from '../contract/script-graph.js';
import type { RunResult } from '../runtime/result.js';

/** Hits of one or more runs, keyed by `Script.label`. */
export interface Hits {
  actions: Record<string, number>;
  branches: Record<string, Record<string, number>>;
}

export const emptyHits = (): Hits => ({ actions: {}, branches: {} });

/** Collects a run's hits from its path, its spawned runs' paths and its `action.exit` events (needs the trace). */
export function hitsOf(result: Pick<RunResult, 'path' | 'trace' | 'spawned' | 'calls'>): Hits {
  const hits = emptyHits();
  // The trace holds every run's events (other calls' too); their paths come from each run.
  const runs = [result, ...(result.calls ?? [])];
  for (const run of runs)
    for (const path of [run.path, ...(run.spawned ?? []).map((s) => s.path)]) for (const step of path) hits.actions[step] = (hits.actions[step] ?? 0) + 1;
  for (const ev of result.trace ?? []) {
    if (ev.type !== 'action.exit' || !ev.branch) continue;
    const key = `${ev.script}.${ev.label}`;
    const b = (hits.branches[key] ??= {});
    b[ev.branch] = (b[ev.branch] ?? 0) + 1;
  }
  return hits;
}

export function mergeHits(into: Hits, from: Hits): Hits {
  for (const [k, n] of Object.entries(from.actions)) into.actions[k] = (into.actions[k] ?? 0) + n;
  for (const [k, bs] of Object.entries(from.branches)) {
    const b = (into.branches[k] ??= {});
    for (const [name, n] of Object.entries(bs)) b[name] = (b[name] ?? 0) + n;
  }
  return into;
}

export interface ScriptCoverage {
  file: string;
  /** Label -> times run, every action of the script in source order. */
  actions: Record<string, number>;
  /** Label -> connected branch -> times followed (actions without branches are left out). */
  branches: Record<string, Record<string, number>>;
  summary: { actions: Ratio; branches: Ratio };
}

export interface Ratio {
  covered: number;
  total: number;
  /** Percent, one decimal; 100 when there is nothing to cover. */
  pct: number;
}

/** The `coverage.json` shape `graph --coverage` reads. */
export interface CoverageReport {
  scripts: Record<string, ScriptCoverage>;
  summary: { actions: Ratio; branches: Ratio };
}

export function ratio(covered: number, total: number): Ratio {
  return { covered, total, pct: total === 0 ? 100 : Math.floor((covered / total) * 1000) / 10 };
}

/**
 * Coverage of `graphs` by `hits`. A branch is followed when the action exited
 * through it; an outcome whose branch is not connected continues on Default
 * (runtime.md), so it counts for the Default edge.
 */
export function computeCoverage(graphs: readonly ScriptGraph[], hits: Hits): CoverageReport {
  const scripts: Record<string, ScriptCoverage> = {};
  let actionsCovered = 0;
  let actionsTotal = 0;
  let branchesCovered = 0;
  let branchesTotal = 0;
  const lowerActions = lowerKeys(hits.actions);
  const lowerBranches = lowerKeys(hits.branches);
  for (const g of [...graphs].sort((a, b) => a.name.localeCompare(b.name))) {
    const actions: Record<string, number> = {};
    const branches: Record<string, Record<string, number>> = {};
    let aCov = 0;
    let bCov = 0;
    let bTotal = 0;
    for (const node of g.actions) {
      const key = `${g.name}.${node.label}`.toLowerCase();
      const n = lowerActions.get(key) ?? 0;
      actions[node.label] = n;
      if (n > 0) aCov++;
      if (node.branches.length === 0) continue;
      const taken = lowerBranches.get(key) ?? {};
      const edges: Record<string, number> = {};
      for (const edge of node.branches) edges[edge.name] = 0;
      for (const [name, count] of Object.entries(taken)) {
        const edge = node.branches.find((e) => e.name.toLowerCase() === name.toLowerCase());
        const target = edge ?? node.branches.find((e) => e.name === 'Default');
        if (target) edges[target.name] = (edges[target.name] ?? 0) + count;
      }
      branches[node.label] = edges;
      bTotal += node.branches.length;
      bCov += Object.values(edges).filter((c) => c > 0).length;
    }
    scripts[g.name] = {
      file: g.file,
      actions,
      branches,
      summary: { actions: ratio(aCov, g.actions.length), branches: ratio(bCov, bTotal) },
    };
    actionsCovered += aCov;
    actionsTotal += g.actions.length;
    branchesCovered += bCov;
    branchesTotal += bTotal;
  }
  return { scripts, summary: { actions: ratio(actionsCovered, actionsTotal), branches: ratio(branchesCovered, branchesTotal) } };
}

function lowerKeys<T>(rec: Record<string, T>): Map<string, T> {
  return new Map(Object.entries(rec).map(([k, v]) => [k.toLowerCase(), v]));
}

/**
 * Several coverage reports (the coverage.json of each `--shard`) as one: hit
 * counts add up per script, action and branch, and the totals are computed
 * again. Scripts only some reports know are kept as they are.
 */
export function mergeCoverage(reports: readonly CoverageReport[]): CoverageReport {
  const scripts: Record<string, ScriptCoverage> = {};
  for (const report of reports)
    for (const [name, cov] of Object.entries(report.scripts)) {
      const into = (scripts[name] ??= { file: cov.file, actions: {}, branches: {}, summary: cov.summary });
      for (const [label, n] of Object.entries(cov.actions ?? {})) into.actions[label] = (into.actions[label] ?? 0) + n;
      for (const [label, edges] of Object.entries(cov.branches ?? {})) {
        const b = (into.branches[label] ??= {});
        for (const [branch, n] of Object.entries(edges)) b[branch] = (b[branch] ?? 0) + n;
      }
    }
  let aCov = 0;
  let aTotal = 0;
  let bCov = 0;
  let bTotal = 0;
  const sorted: Record<string, ScriptCoverage> = {};
  for (const name of Object.keys(scripts).sort((a, b) => a.localeCompare(b))) {
    const s = scripts[name]!;
    const actions = Object.values(s.actions);
    const edges = Object.values(s.branches).flatMap((e) => Object.values(e));
    s.summary = { actions: ratio(actions.filter((n) => n > 0).length, actions.length), branches: ratio(edges.filter((n) => n > 0).length, edges.length) };
    aCov += s.summary.actions.covered;
    aTotal += s.summary.actions.total;
    bCov += s.summary.branches.covered;
    bTotal += s.summary.branches.total;
    sorted[name] = s;
  }
  return { scripts: sorted, summary: { actions: ratio(aCov, aTotal), branches: ratio(bCov, bTotal) } };
}
