// Picks a renderer by format name; SVG goes through DOT and loads Graphviz lazily.
import type { ScriptGraph } from '../../contract/script-graph.js';
import type { GraphCoverage } from './coverage.js';
import { toDot } from './dot.js';
import { toJson } from './json.js';
import { toMermaid } from './mermaid.js';

export { coverageFor, coverageProblem, findEntry, type CoverageFile, type GraphCoverage } from './coverage.js';
export { toDot, toJson, toMermaid };

export type GraphFormat = 'mermaid' | 'dot' | 'json' | 'svg';

export async function renderGraph(graph: ScriptGraph, format: GraphFormat, coverage?: GraphCoverage): Promise<string> {
  switch (format) {
    case 'mermaid':
      return toMermaid(graph, coverage);
    case 'dot':
      return toDot(graph, coverage);
    case 'json':
      return toJson(graph, coverage);
    case 'svg': {
      const { dotToSvg } = await import('./svg.js');
      return dotToSvg(toDot(graph, coverage));
    }
  }
}
