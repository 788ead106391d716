// Picks a renderer by format name; SVG goes through DOT and loads Graphviz lazily.
import type { ScriptGraph } from '../../contract/script-graph.js';
import type { GraphCoverage } from './coverage.js';
import { toDot } from './dot.js';
import { toJson } from './json.js';
import type { Direction } from './look.js';
import { toMermaid } from './mermaid.js';

export { coverageFor, coverageProblem, findEntry, type CoverageFile, type GraphCoverage } from './coverage.js';
export { DIRECTIONS, type Direction } from './look.js';
export { toDot, toJson, toMermaid };

export type GraphFormat = 'mermaid' | 'dot' | 'json' | 'svg';

export interface RenderOptions {
  /** Marks visited actions and taken branches (green), the rest (red, dashed). */
  coverage?: GraphCoverage;
  /** `TB` (default) or `LR`; JSON ignores it. */
  direction?: Direction;
}

export async function renderGraph(graph: ScriptGraph, format: GraphFormat, options: RenderOptions = {}): Promise<string> {
  switch (format) {
    case 'mermaid':
      return toMermaid(graph, options);
    case 'dot':
      return toDot(graph, options);
    case 'json':
      return toJson(graph, options.coverage);
    case 'svg': {
      const { dotToSvg } = await import('./svg.js');
      return dotToSvg(toDot(graph, options));
    }
  }
}
