// Canvas positions for actions that have none (a script written by hand):
// columns by distance from BEGIN, rows in file order. The exporter places
// such actions here, and the importer leaves out positions equal to these,
// so a script exported and imported again gets no positions it never had.

export interface LayoutNode {
  label: string;
  /** Branch targets, in the order the branches are written. */
  targets: readonly string[];
}

export interface Point {
  x: number;
  y: number;
}

const LEFT = 80;
const TOP = 80;
const COLUMN = 176;
const ROW = 112;

/** A position for every node: BEGIN's component first (breadth-first), then each unreached node's. */
export function defaultLayout(nodes: readonly LayoutNode[], begin: string): Map<string, Point> {
  const byLabel = new Map(nodes.map((n) => [n.label, n] as const));
  const depth = new Map<string, number>();
  const roots = [begin, ...nodes.map((n) => n.label)];
  let base = 0;
  for (const root of roots) {
    if (depth.has(root) || !byLabel.has(root)) continue;
    let deepest = base;
    depth.set(root, base);
    const queue = [root];
    while (queue.length > 0) {
      const label = queue.shift()!;
      const d = depth.get(label)!;
      deepest = Math.max(deepest, d);
      for (const t of byLabel.get(label)?.targets ?? [])
        if (!depth.has(t) && byLabel.has(t)) {
          depth.set(t, d + 1);
          queue.push(t);
        }
    }
    base = deepest + 1;
  }
  const rows = new Map<number, number>();
  const out = new Map<string, Point>();
  for (const n of nodes) {
    const d = depth.get(n.label) ?? 0;
    const row = rows.get(d) ?? 0;
    rows.set(d, row + 1);
    out.set(n.label, { x: LEFT + COLUMN * d, y: TOP + ROW * row });
  }
  return out;
}
