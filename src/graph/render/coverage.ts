// Coverage as written by `studio-script test --coverage` (coverage/coverage.json),
// read by `graph --coverage` to mark unvisited actions and untaken branches.
import type { ScriptGraph } from '../../contract/script-graph.js';

export interface ScriptCoverage {
  file?: string;
  /** Label -> number of visits. */
  actions?: Record<string, number>;
  /** Label -> branch name (or CASE value) -> times taken. */
  branches?: Record<string, Record<string, number>>;
}

export interface CoverageFile {
  scripts: Record<string, ScriptCoverage>;
}

/** What a renderer needs: hit counts per action and per branch of one script. */
export interface GraphCoverage {
  visits(label: string): number;
  taken(label: string, branch: string): number;
}

/** Finds the script's entry (exact name first, then case-insensitively); an absent script counts as never run. */
export function coverageFor(file: CoverageFile, graph: ScriptGraph): GraphCoverage {
  const entry = findEntry(file, graph.name) ?? ({} as ScriptCoverage);
  return {
    visits: (label) => entry.actions?.[label] ?? 0,
    taken: (label, branch) => {
      const byBranch = entry.branches?.[label] ?? {};
      return byBranch[branch] ?? Object.entries(byBranch).find(([b]) => b.toLowerCase() === branch.toLowerCase())?.[1] ?? 0;
    },
  };
}

export function findEntry(file: CoverageFile, name: string): ScriptCoverage | undefined {
  const scripts = file.scripts ?? {};
  return scripts[name] ?? Object.entries(scripts).find(([n]) => n.toLowerCase() === name.toLowerCase())?.[1];
}

/** Validates the shape of a parsed coverage file; returns a message when it is not one. */
export function coverageProblem(data: unknown): string | undefined {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return 'expected a JSON object with a "scripts" member';
  const scripts = (data as { scripts?: unknown }).scripts;
  if (typeof scripts !== 'object' || scripts === null || Array.isArray(scripts)) return 'expected a "scripts" object';
  for (const [name, s] of Object.entries(scripts as Record<string, unknown>)) {
    if (typeof s !== 'object' || s === null) return `scripts.${name} must be an object`;
    const { actions, branches } = s as ScriptCoverage;
    if (actions !== undefined && (typeof actions !== 'object' || Object.values(actions).some((n) => typeof n !== 'number')))
      return `scripts.${name}.actions must map labels to hit counts`;
    if (branches !== undefined && (typeof branches !== 'object' || Object.values(branches).some((b) => typeof b !== 'object' || b === null)))
      return `scripts.${name}.branches must map labels to { branch: count }`;
  }
  return undefined;
}
