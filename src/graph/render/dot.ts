// The action graph in Graphviz DOT. With coverage, unvisited actions and
// untaken branches are dashed and red. Also the input of the SVG renderer.
import type { ScriptGraph } from '../../contract/script-graph.js';
import type { GraphCoverage } from './coverage.js';
import { edgeLabel, nodeLines, shapeOf } from './shapes.js';

const quote = (s: string): string => `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\r?\n/g, '\\n')}"`;

const SHAPES = { terminal: 'shape=oval', decision: 'shape=diamond', code: 'shape=box, style="rounded,filled", fillcolor="#f3f3f3"', box: 'shape=box, style=rounded' };
const MISSED = 'style=dashed, color="#c62828", fontcolor="#c62828"';

export function toDot(graph: ScriptGraph, coverage?: GraphCoverage): string {
  const lines = [
    `digraph ${quote(graph.name || 'script')} {`,
    `  label=${quote(`${graph.name} (${graph.mediaType})`)};`,
    '  labelloc=t;',
    '  node [fontname="Helvetica", fontsize=11];',
    '  edge [fontname="Helvetica", fontsize=10];',
  ];
  for (const a of graph.actions) {
    const text = nodeLines(a);
    if (coverage) text.push(`visits: ${coverage.visits(a.label)}`);
    const attrs = [`label=${quote(text.join('\n'))}`, SHAPES[shapeOf(a)]];
    if (coverage && coverage.visits(a.label) === 0) attrs.push(MISSED);
    lines.push(`  ${quote(a.label)} [${attrs.join(', ')}];`);
  }
  const labels = new Set(graph.actions.map((a) => a.label));
  for (const a of graph.actions)
    for (const b of a.branches) {
      if (!labels.has(b.target)) continue;
      const attrs = [`label=${quote(edgeLabel(b))}`];
      if (coverage && coverage.taken(a.label, b.name) === 0) attrs.push(MISSED);
      lines.push(`  ${quote(a.label)} -> ${quote(b.target)} [${attrs.join(', ')}];`);
    }
  lines.push('}');
  return lines.join('\n') + '\n';
}
