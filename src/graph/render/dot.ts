// The action graph in Graphviz DOT, also the input of the SVG renderer.
// With coverage, visited actions and taken branches are green; unvisited
// actions and untaken branches are dashed and red.
import type { BranchEdge, ScriptGraph } from '../../contract/script-graph.js';
import type { GraphCoverage } from './coverage.js';
import { COLORS, LAYOUT_FONT, type Direction } from './look.js';
import { edgeLabel, nodeLines, shapeOf, type Shape } from './shapes.js';

export const dotQuote = (s: string): string => `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\r?\n/g, '\\n')}"`;

/** Attributes of a visited node / taken edge and of an unvisited node / untaken edge. */
export const VISITED = `color="${COLORS.visited}", fillcolor="${COLORS.visitedFill}"`;
export const MISSED = `color="${COLORS.missed}", fillcolor="${COLORS.missedFill}", fontcolor="${COLORS.missed}"`;

const SHAPES: Record<Shape, { shape: string; styles: string[] }> = {
  terminal: { shape: 'oval', styles: [] },
  decision: { shape: 'diamond', styles: [] },
  code: { shape: 'box', styles: ['rounded', 'filled'] },
  box: { shape: 'box', styles: ['rounded'] },
};

/** The lines every digraph starts with: one font for title, nodes and edges. */
export function dotHeader(direction: Direction): string[] {
  const font = dotQuote(LAYOUT_FONT);
  return [
    `  graph [fontname=${font}, fontsize=14, rankdir=${direction}, nodesep=0.3, ranksep=0.45];`,
    `  node [fontname=${font}, fontsize=11, margin="0.12,0.06"];`,
    `  edge [fontname=${font}, fontsize=10];`,
  ];
}

export interface DotOptions {
  coverage?: GraphCoverage;
  direction?: Direction;
}

export function toDot(graph: ScriptGraph, options: DotOptions = {}): string {
  const { coverage, direction = 'TB' } = options;
  const lines = [`digraph ${dotQuote(graph.name || 'script')} {`, ...dotHeader(direction), `  label=${dotQuote(`${graph.name} (${graph.mediaType})`)};`, '  labelloc=t;'];
  for (const a of graph.actions) {
    const visits = coverage?.visits(a.label);
    const text = visits === undefined ? nodeLines(a) : [...nodeLines(a), `visits: ${visits}`];
    const { shape, styles } = SHAPES[shapeOf(a)];
    const attrs = [`label=${dotQuote(text.join('\n'))}`, `shape=${shape}`];
    const style = [...styles];
    if (visits === undefined) {
      if (shapeOf(a) === 'code') attrs.push(`fillcolor="${COLORS.codeFill}"`);
    } else {
      if (!style.includes('filled')) style.push('filled');
      if (visits === 0) style.push('dashed');
      attrs.push(visits > 0 ? VISITED : MISSED);
    }
    if (style.length) attrs.push(`style=${dotQuote(style.join(','))}`);
    lines.push(`  ${dotQuote(a.label)} [${attrs.join(', ')}];`);
  }
  const labels = new Set(graph.actions.map((a) => a.label));
  for (const a of graph.actions) {
    const branches = a.branches.filter((b) => labels.has(b.target));
    // Graphviz draws several loops on one node with their labels on top of
    // each other: one loop carries all of them, a line each.
    const loops = branches.filter((b) => b.target === a.label);
    for (const b of branches.filter((b) => b.target !== a.label)) lines.push(`  ${dotQuote(a.label)} -> ${dotQuote(b.target)} [${edgeAttrs(a.label, [b], coverage)}];`);
    if (loops.length) lines.push(`  ${dotQuote(a.label)} -> ${dotQuote(a.label)} [${edgeAttrs(a.label, loops, coverage)}];`);
  }
  lines.push('}');
  return lines.join('\n') + '\n';
}

const TAKEN = `color="${COLORS.visited}", penwidth=1.6`;
const UNTAKEN = `style=dashed, color="${COLORS.missed}", fontcolor="${COLORS.missed}"`;

/** Label and coverage marks of an edge carrying one or more branches between the same two actions. */
function edgeAttrs(from: string, branches: readonly BranchEdge[], coverage?: GraphCoverage): string {
  const taken = branches.map((b) => (coverage ? coverage.taken(from, b.name) > 0 : undefined));
  const attrs = [];
  if (coverage && taken.some((t) => t) && taken.some((t) => !t)) {
    // Mixed: the edge is drawn taken, each untaken branch's line in red.
    const line = (b: BranchEdge, i: number): string => (taken[i] ? htmlEscape(edgeLabel(b)) : `<FONT COLOR="${COLORS.missed}">${htmlEscape(edgeLabel(b))}</FONT>`);
    attrs.push(`label=<${branches.map(line).join('<BR/>')}>`);
  } else attrs.push(`label=${dotQuote(branches.map(edgeLabel).join('\n'))}`);
  if (coverage) attrs.push(taken.some((t) => t) ? TAKEN : UNTAKEN);
  return attrs.join(', ');
}

const htmlEscape = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
