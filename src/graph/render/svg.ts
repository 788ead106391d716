// SVG through Graphviz compiled to WebAssembly: no browser, no system
// graphviz. Loaded only when SVG is asked for (it is a large module).
export async function dotToSvg(dot: string): Promise<string> {
  const { Graphviz } = await import('@hpcc-js/wasm-graphviz');
  const graphviz = await Graphviz.load();
  return graphviz.dot(dot);
}
