// What renderers share: how each action is shown (text, shape) and each
// branch is labelled, so mermaid, DOT and SVG agree.
import type { ActionNode, BranchEdge } from '../../contract/script-graph.js';
import type { ScriptCall } from '../../actions/define.js';
import { actionTypeName, builtinRegistry, type ActionRegistry } from '../../actions/registry.js';
import { CAPTION_WIDTH } from './look.js';
import { wrapText } from './wrap.js';

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

/** How an action type starts another script (its definition's `callsScript`), or undefined. */
export function scriptCallOf(type: string, version?: number, registry: ActionRegistry = builtinRegistry()): ScriptCall | undefined {
  return registry.lookup(type, version)?.callsScript;
}

/**
 * The script an action that calls scripts (RUNSUB, RUNSCRIPT, SPAWN) names,
 * as written: a literal name, or `{variable}` when the name is a variable.
 * Undefined for other actions.
 */
export function scriptTarget(a: ActionNode, registry?: ActionRegistry): string | undefined {
  const call = scriptCallOf(a.type, a.version, registry);
  if (!call) return undefined;
  const p = a.props[call.prop];
  if (p?.kind === 'string') return p.value.trim() || undefined;
  if (p?.kind === 'path') return `{${p.path}}`;
  return undefined;
}


/** Labels are identifiers: only a very long one is cut, never at a space. */
const LABEL_WIDTH = 32;

/**
 * Lines of text for a node: label, then the caption wrapped to the box
 * (when it says more than the type), then the type, then the script a
 * RUNSUB/RUNSCRIPT/SPAWN calls.
 */
export function nodeLines(a: ActionNode): string[] {
  const type = actionTypeName(a);
  const lines = wrapText(a.label, LABEL_WIDTH);
  if (a.caption && a.caption !== type) lines.push(...wrapText(a.caption, CAPTION_WIDTH));
  // An action the emulator does not run says so: a run will need a stub for it.
  lines.push(a.opaque ? `${type} (not emulated)` : type);
  const target = scriptTarget(a);
  if (target !== undefined) lines.push(...wrapText(`→ ${target}`, CAPTION_WIDTH));
  return lines;
}

export const edgeLabel = (b: BranchEdge): string => (b.isValue ? JSON.stringify(b.name) : b.name);
