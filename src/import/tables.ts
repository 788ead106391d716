// One view of an action's Studio parameter vector, whether it comes from the
// action's definition (`studio` of defineAction) or, for a Studio action the
// emulator does not run, from the catalog: which property each position
// holds, Studio's name for it, and the order of the named branches.
import type { ActionDefinition } from '../actions/define.js';
import { studioSpecOf } from '../actions/studio-spec.js';
import { CATALOG } from './catalog.js';

export interface Position {
  /** Studio's name of the position (the `name` in CXone Studio JSON); absent when nobody knows it. */
  studio?: string;
  /** The property (or output) of the action the position holds; absent: kept as written, never interpreted. */
  prop?: string;
}

export interface StudioTable {
  params: Position[];
  /** A list property taking every position after `params`, one item per position. */
  rest?: string;
  /** Named branches in Studio's order (a branch's `Index`). */
  branches?: readonly string[];
}

/** Studio's table of an action: its definition's, else the catalog's for its type, else none. */
export function studioTable(def: ActionDefinition | undefined, type: string): StudioTable | undefined {
  if (def) return definitionTable(def);
  const known = CATALOG[type.toUpperCase()];
  return known ? { params: known.params.map((studio) => ({ studio })), ...(known.branches ? { branches: known.branches } : {}) } : undefined;
}

function definitionTable(def: ActionDefinition): StudioTable | undefined {
  const spec = studioSpecOf(def);
  if (!spec || spec.evidence === 'unknown') return undefined;
  const params = spec.params.map((p): Position => {
    if (typeof p === 'string') return { studio: p, prop: p };
    if ('unknown' in p) return {};
    return p.prop ? { studio: p.studio, prop: p.prop } : { studio: p.studio };
  });
  const table: StudioTable = { params };
  if (spec.rest) table.rest = spec.rest;
  if (spec.branches) table.branches = spec.branches;
  return table;
}

/** The `P1`, `P2`… name of a position nobody knows the meaning of (1-based, as Studio's editor counts). */
export const positionName = (i: number): string => `P${i + 1}`;

export { positionOf } from '../graph/studio-meta.js';

/**
 * The `Index` Studio gives a named branch: its place in the table's branch
 * order; else in the definition's branches (Default not counted); else, for
 * an action nobody has a table for, its place among the named branches as
 * written (`running`).
 */
export function branchIndex(name: string, def: ActionDefinition | undefined, table: StudioTable | undefined, running: number): number {
  const low = name.toLowerCase();
  const inTable = table?.branches?.findIndex((b) => b.toLowerCase() === low) ?? -1;
  if (inTable >= 0) return inTable;
  const inDef = def?.branches.filter((b) => b !== 'Default').findIndex((b) => b.toLowerCase() === low) ?? -1;
  return inDef >= 0 ? inDef : running;
}
