// SVG through Graphviz compiled to WebAssembly: no browser, no system
// graphviz. Loaded only when SVG is asked for (it is a large module).
// Graphviz lays text out with LAYOUT_FONT's widths; the SVG then names the
// whole family list, so the picture uses whichever font the viewer has.
import { FONT_FAMILY, LAYOUT_FONT } from './look.js';

const escapeAttr = (s: string): string => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;');

export async function dotToSvg(dot: string): Promise<string> {
  const { Graphviz } = await import('@hpcc-js/wasm-graphviz');
  const graphviz = await Graphviz.load();
  return graphviz.dot(dot).split(`font-family="${LAYOUT_FONT}"`).join(`font-family="${escapeAttr(FONT_FAMILY)}"`);
}
