// The action graph as JSON data; with coverage, each action gets `visits` and
// `visited`, each branch `taken` (count) and `covered`.
import type { ScriptGraph } from '../../contract/script-graph.js';
import type { GraphCoverage } from './coverage.js';

export function toJson(graph: ScriptGraph, coverage?: GraphCoverage): string {
  if (!coverage) return JSON.stringify(graph, null, 2) + '\n';
  const annotated = {
    ...graph,
    actions: graph.actions.map((a) => ({
      ...a,
      visits: coverage.visits(a.label),
      visited: coverage.visits(a.label) > 0,
      branches: a.branches.map((b) => ({ ...b, taken: coverage.taken(a.label, b.name), covered: coverage.taken(a.label, b.name) > 0 })),
    })),
  };
  return JSON.stringify(annotated, null, 2) + '\n';
}
