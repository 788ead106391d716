// The shape of an action's Studio parameter table (`studio` of defineAction):
// the order in which Desktop Studio XML writes an action's parameters and
// CXone Studio JSON numbers them, Studio's name of each position, and the
// order of the named branches. Import and export read it (docs/import.md).

/** One position of Studio's parameter vector. */
export type StudioPosition =
  /** A property (or output) of the action whose Studio name is the same. */
  | string
  /**
   * Studio's name of the position, and the property it holds when that has
   * another name; without `prop` the position is one the emulator keeps (a
   * `.script` may set it by Studio's name) but never interprets, such as
   * ASSIGN's `Publish`.
   */
  | { studio: string; prop?: string }
  /** A position Studio writes whose meaning is not known: kept as `P<n>`. */
  | { unknown: true };

/**
 * Where an order comes from, with the tags of the research notes:
 * `observed` (a real export or request body), `third-party` (a public tool
 * that reads or writes real exports), `help-page` (the property order of the
 * help page, checked against no export), `unknown` (no order is known: JSON
 * imports by name, XML as `P1`, `P2`… with a warning).
 */
export type StudioEvidence = 'observed' | 'third-party' | 'help-page' | 'unknown';

export interface StudioSpec {
  evidence: StudioEvidence;
  /** Positions in Studio's order. */
  params: readonly StudioPosition[];
  /** A list property that takes every position after `params`, one item per position (RUNSUB's parameters). */
  rest?: string;
  /** Named branches in Studio's order: a branch's `Index` in exports (Default is not listed). */
  branches?: readonly string[];
  /** The sources of the order, in a few words (docs/import.md's per-action table shows them). */
  source?: string;
}

/**
 * The table an action declares: its `studio`, or its `studioParams` shorthand
 * read as help-page evidence, where a name that is not one of the action's
 * properties or outputs is a position kept but not interpreted.
 */
export function studioSpecOf(def: {
  studio?: StudioSpec;
  studioParams?: readonly string[];
  props?: Readonly<Record<string, unknown>>;
  outputs?: Readonly<Record<string, unknown>>;
}): StudioSpec | undefined {
  if (def.studio) return def.studio;
  if (!def.studioParams) return undefined;
  const own = new Set([...Object.keys(def.props ?? {}), ...Object.keys(def.outputs ?? {})].map((k) => k.toLowerCase()));
  const params = def.studioParams.map((name): StudioPosition => (own.has(name.toLowerCase()) ? name : { studio: name }));
  return { evidence: 'help-page', params, source: 'the property order of the help page' };
}
