// The action graph as a mermaid flowchart (renders on GitHub and in most
// markdown viewers). With coverage, unvisited actions and untaken branches are
// drawn dashed and red.
import type { ScriptGraph } from '../../contract/script-graph.js';
import type { GraphCoverage } from './coverage.js';
import { COLORS, type Direction } from './look.js';
import { edgeLabel, nodeLines, shapeOf } from './shapes.js';

// Mermaid labels are quoted strings with HTML entities; `#quot;` is mermaid's escape for `"`,
// and any `#name;` in a label is read as one, so `#` itself is written `#35;` first.
const escape = (s: string): string =>
  s.replace(/#/g, '#35;').replace(/&/g, '&amp;').replace(/"/g, '#quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\r?\n/g, ' ');

export function toMermaid(graph: ScriptGraph, options: { coverage?: GraphCoverage; direction?: Direction } = {}): string {
  const { coverage, direction = 'TB' } = options;
  const ids = new Map(graph.actions.map((a, i) => [a.label, `n${i}`]));
  const lines = [`flowchart ${direction === 'TB' ? 'TD' : direction}`];
  for (const a of graph.actions) {
    let text = nodeLines(a).map(escape).join('<br/>');
    if (coverage) text += `<br/>visits: ${coverage.visits(a.label)}`;
    const id = ids.get(a.label)!;
    const [open, close] = { terminal: ['([', '])'], decision: ['{', '}'], code: ['[[', ']]'], box: ['[', ']'] }[shapeOf(a)];
    lines.push(`  ${id}${open}"${text}"${close}`);
  }
  const taken: number[] = [];
  const untaken: number[] = [];
  let edge = 0;
  for (const a of graph.actions)
    for (const b of a.branches) {
      const target = ids.get(b.target);
      if (!target) continue;
      lines.push(`  ${ids.get(a.label)} -->|"${escape(edgeLabel(b))}"| ${target}`);
      if (coverage) (coverage.taken(a.label, b.name) > 0 ? taken : untaken).push(edge);
      edge++;
    }
  if (coverage) {
    lines.push(`  classDef visited fill:${COLORS.visitedFill},stroke:${COLORS.visited}`);
    lines.push(`  classDef unvisited fill:${COLORS.missedFill},stroke:${COLORS.missed},stroke-dasharray:5 5,color:${COLORS.missed}`);
    const visited = graph.actions.filter((a) => coverage.visits(a.label) > 0).map((a) => ids.get(a.label)!);
    const unvisited = graph.actions.filter((a) => coverage.visits(a.label) === 0).map((a) => ids.get(a.label)!);
    if (visited.length) lines.push(`  class ${visited.join(',')} visited`);
    if (unvisited.length) lines.push(`  class ${unvisited.join(',')} unvisited`);
    if (taken.length) lines.push(`  linkStyle ${taken.join(',')} stroke:${COLORS.visited},stroke-width:2px`);
    if (untaken.length) lines.push(`  linkStyle ${untaken.join(',')} stroke:${COLORS.missed},stroke-dasharray:5 5`);
  }
  return lines.join('\n') + '\n';
}
