// The call graph of a folder of scripts: one node per script, one edge per
// RUNSUB / RUNSCRIPT / SPAWN with a literal ScriptName (`graph <folder>`).
import type { ScriptGraph } from '../../contract/script-graph.js';
import type { CoverageFile } from './coverage.js';
import { findEntry } from './coverage.js';
import { dotHeader, dotQuote, MISSED, VISITED } from './dot.js';
import { COLORS, type Direction } from './look.js';
import { scriptCallOf, scriptTarget } from './shapes.js';

export interface CallGraph {
  scripts: { name: string; mediaType: string; file: string; visited?: boolean }[];
  calls: { from: string; to: string; via: string; label: string }[];
}

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
      const target = scriptTarget(a);
      const to = target === undefined ? undefined : byName.get(target.toLowerCase());
      if (to) calls.push({ from: g.name, to, via: a.type, label: a.label });
    }
  return { scripts, calls };
}

export function callGraphToDot(cg: CallGraph, direction: Direction = 'LR'): string {
  const lines = [`digraph "scripts" {`, ...dotHeader(direction), '  node [shape=box, style=rounded];'];
  for (const s of cg.scripts) {
    const mark = s.visited === undefined ? '' : s.visited ? `, style="rounded,filled", ${VISITED}` : `, style="rounded,filled,dashed", ${MISSED}`;
    lines.push(`  ${dotQuote(s.name)} [label=${dotQuote(`${s.name}\n${s.mediaType}`)}${mark}];`);
  }
  for (const c of cg.calls) lines.push(`  ${dotQuote(c.from)} -> ${dotQuote(c.to)} [label=${dotQuote(`${c.via} ${c.label}`)}${startsRun(c) ? ', style=dotted' : ''}];`);
  lines.push('}');
  return lines.join('\n') + '\n';
}

export function callGraphToMermaid(cg: CallGraph, direction: Direction = 'LR'): string {
  const ids = new Map(cg.scripts.map((s, i) => [s.name, `s${i}`]));
  const lines = [`flowchart ${direction}`];
  for (const s of cg.scripts) lines.push(`  ${ids.get(s.name)}["${s.name}<br/>${s.mediaType}"]`);
  for (const c of cg.calls) lines.push(`  ${ids.get(c.from)} ${startsRun(c) ? '-.->' : '-->'}|"${c.via} ${c.label}"| ${ids.get(c.to)}`);
  const visited = cg.scripts.filter((s) => s.visited === true).map((s) => ids.get(s.name)!);
  const unvisited = cg.scripts.filter((s) => s.visited === false).map((s) => ids.get(s.name)!);
  if (visited.length) lines.push(`  classDef visited fill:${COLORS.visitedFill},stroke:${COLORS.visited}`, `  class ${visited.join(',')} visited`);
  if (unvisited.length)
    lines.push(`  classDef unvisited fill:${COLORS.missedFill},stroke:${COLORS.missed},stroke-dasharray:5 5,color:${COLORS.missed}`, `  class ${unvisited.join(',')} unvisited`);
  return lines.join('\n') + '\n';
}

/** A call that starts a new run (SPAWN) is drawn dotted: the caller does not wait for it. */
const startsRun = (c: CallGraph['calls'][number]): boolean => scriptCallOf(c.via)?.mode === 'spawn';
