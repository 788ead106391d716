// The call graph of a folder of scripts: one node per script, one edge per
// RUNSUB / RUNSCRIPT / SPAWN with a literal ScriptName (`graph <folder>`).
import type { ScriptGraph } from '../../contract/script-graph.js';
import type { CoverageFile } from './coverage.js';
import { findEntry } from './coverage.js';

export interface CallGraph {
  scripts: { name: string; mediaType: string; file: string; visited?: boolean }[];
  calls: { from: string; to: string; via: string; label: string }[];
}

const CALLERS = new Set(['RUNSUB', 'RUNSCRIPT', 'SPAWN']);

export function callGraph(graphs: readonly ScriptGraph[], coverage?: CoverageFile): CallGraph {
  const byName = new Map(graphs.map((g) => [g.name.toLowerCase(), g.name]));
  const scripts = graphs.map((g) => {
    const s: CallGraph['scripts'][number] = { name: g.name, mediaType: g.mediaType, file: g.file };
    if (coverage) s.visited = Object.values(findEntry(coverage, g.name)?.actions ?? {}).some((n) => n > 0);
    return s;
  });
  const calls: CallGraph['calls'] = [];
  for (const g of graphs)
    for (const a of g.actions) {
      const target = a.props.ScriptName;
      if (!CALLERS.has(a.type) || target?.kind !== 'string') continue;
      const to = byName.get(target.value.trim().toLowerCase());
      if (to) calls.push({ from: g.name, to, via: a.type, label: a.label });
    }
  return { scripts, calls };
}

const dotQuote = (s: string): string => `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`;
const MISSED = 'style=dashed, color="#c62828", fontcolor="#c62828"';

export function callGraphToDot(cg: CallGraph): string {
  const lines = ['digraph "scripts" {', '  node [shape=box, style=rounded, fontname="Helvetica", fontsize=11];', '  edge [fontname="Helvetica", fontsize=10];'];
  for (const s of cg.scripts) lines.push(`  ${dotQuote(s.name)} [label=${dotQuote(`${s.name}\n${s.mediaType}`)}${s.visited === false ? `, ${MISSED}` : ''}];`);
  for (const c of cg.calls) lines.push(`  ${dotQuote(c.from)} -> ${dotQuote(c.to)} [label=${dotQuote(`${c.via} ${c.label}`)}${c.via === 'SPAWN' ? ', style=dotted' : ''}];`);
  lines.push('}');
  return lines.join('\n') + '\n';
}

export function callGraphToMermaid(cg: CallGraph): string {
  const ids = new Map(cg.scripts.map((s, i) => [s.name, `s${i}`]));
  const lines = ['flowchart LR'];
  for (const s of cg.scripts) lines.push(`  ${ids.get(s.name)}["${s.name}<br/>${s.mediaType}"]`);
  for (const c of cg.calls) lines.push(`  ${ids.get(c.from)} ${c.via === 'SPAWN' ? '-.->' : '-->'}|"${c.via} ${c.label}"| ${ids.get(c.to)}`);
  const unvisited = cg.scripts.filter((s) => s.visited === false).map((s) => ids.get(s.name)!);
  if (unvisited.length) lines.push('  classDef unvisited fill:#fdecea,stroke:#c62828,stroke-dasharray:5 5,color:#c62828', `  class ${unvisited.join(',')} unvisited`);
  return lines.join('\n') + '\n';
}
