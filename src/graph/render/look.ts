// The look every picture shares: one font family, the colours of coverage,
// the direction of the drawing. DOT, SVG, mermaid and the HTML report read
// these, so a visited action is the same green everywhere.

/**
 * The font Graphviz lays text out with. DejaVu Sans is the widest of the
 * families in FONT_FAMILY (about 10% wider than Helvetica/Arial), so boxes
 * sized for it still fit whichever family the viewer ends up using.
 */
export const LAYOUT_FONT = 'DejaVu Sans';

/** The font-family list written into SVG and HTML: the first one installed wins. */
export const FONT_FAMILY = "Helvetica, Arial, 'Liberation Sans', 'DejaVu Sans', sans-serif";

export const COLORS = {
  /** Visited actions and taken branches. */
  visitedFill: '#e6f4ea',
  visited: '#2e7d32',
  /** Unvisited actions and untaken branches (also dashed). */
  missedFill: '#fdecea',
  missed: '#c62828',
  /** SNIPPET boxes without coverage. */
  codeFill: '#f3f3f3',
} as const;

/** `TB`: top to bottom (the default); `LR`: left to right, like Studio's canvas. */
export type Direction = 'TB' | 'LR';
export const DIRECTIONS: readonly Direction[] = ['TB', 'LR'];

/** Longest line of a caption before it wraps (characters). */
export const CAPTION_WIDTH = 24;
