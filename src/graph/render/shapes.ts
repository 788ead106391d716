// What renderers share: how each action is shown (text, shape) and each
// branch is labelled, so mermaid, DOT and SVG agree.
import type { ActionNode, BranchEdge } from '../../contract/script-graph.js';

export type Shape = 'terminal' | 'decision' | 'code' | 'box';

export function shapeOf(a: ActionNode): Shape {
  switch (a.type) {
    case 'BEGIN':
    case 'END':
    case 'RETURN':
      return 'terminal';
    case 'IF':
    case 'CASE':
      return 'decision';
    case 'SNIPPET':
      return 'code';
    default:
      return 'box';
  }
}

const typeLine = (a: ActionNode): string => a.type + (a.version !== undefined ? ` v${a.version}` : '');

/** Lines of text for a node: label, then caption (when it says more than the type), then type. */
export function nodeLines(a: ActionNode): string[] {
  const type = typeLine(a);
  return a.caption && a.caption !== type ? [a.label, a.caption, type] : [a.label, type];
}

export const edgeLabel = (b: BranchEdge): string => (b.isValue ? JSON.stringify(b.name) : b.name);
