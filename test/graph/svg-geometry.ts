// Reads the geometry of a Graphviz SVG: node outlines, and a box around every
// piece of text sized with DejaVu Sans' advance widths (the widest family of
// the pictures' font list, measured in Chromium: per 1000 units of font
// size, characters 32 to 126). Used to check that text stays inside its shape
// and that labels never overlap, whichever listed font the viewer has.

// prettier-ignore
const DEJAVU_SANS = [
  318, 401, 460, 838, 636, 950, 780, 275, 390, 390, 500, 838, 318, 361, 318, 337, 636, 636, 636, 636, 636, 636, 636, 636,
  636, 636, 337, 337, 838, 838, 838, 531, 1000, 684, 686, 698, 770, 632, 575, 775, 752, 295, 295, 656, 557, 863, 748, 787,
  603, 787, 695, 635, 611, 732, 684, 989, 685, 611, 685, 390, 337, 390, 838, 500, 500, 613, 635, 550, 635, 615, 352, 635,
  634, 278, 278, 579, 278, 974, 634, 612, 635, 635, 411, 521, 392, 634, 592, 818, 592, 592, 525, 636, 337, 636, 838,
];
const ASCENT = 0.76;
const DESCENT = 0.24;

export interface Box { x1: number; y1: number; x2: number; y2: number }
export type Outline = { kind: 'polygon'; points: [number, number][] } | { kind: 'ellipse'; cx: number; cy: number; rx: number; ry: number };
export interface Text { text: string; box: Box; fontFamily: string; fill?: string }
export interface Node { id: string; outline: Outline; fill: string; stroke: string; dashed: boolean; texts: Text[] }
export interface Edge { id: string; stroke: string; dashed: boolean; labels: Text[] }
export interface Picture { title: Text[]; nodes: Node[]; edges: Edge[] }

export function textWidth(text: string, size: number): number {
  let units = 0;
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    units += code >= 32 && code <= 126 ? DEJAVU_SANS[code - 32]! : 1000;
  }
  return (units * size) / 1000;
}

const decode = (s: string): string =>
  s.replace(/&#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n))).replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;|&apos;/g, "'").replace(/&amp;/g, '&');
const attr = (tag: string, name: string): string | undefined => new RegExp(`\\s${name}="([^"]*)"`).exec(tag)?.[1];
const num = (tag: string, name: string): number => Number(attr(tag, name));
const pairs = (nums: number[]): [number, number][] => nums.flatMap((_, i) => (i % 2 ? [] : [[nums[i]!, nums[i + 1]!] as [number, number]]));
const numbersIn = (s: string): number[] => (s.match(/-?\d+(\.\d+)?/g) ?? []).map(Number);

function texts(group: string): Text[] {
  return [...group.matchAll(/<text([^>]*)>([^<]*)<\/text>/g)].map(([, tag, raw]) => {
    const text = decode(raw!);
    const size = num(tag!, 'font-size');
    const x = num(tag!, 'x');
    const y = num(tag!, 'y');
    const w = textWidth(text, size);
    const anchor = attr(tag!, 'text-anchor') ?? 'start';
    const x1 = anchor === 'middle' ? x - w / 2 : anchor === 'end' ? x - w : x;
    return { text, box: { x1, y1: y - ASCENT * size, x2: x1 + w, y2: y + DESCENT * size }, fontFamily: decode(attr(tag!, 'font-family') ?? ''), fill: attr(tag!, 'fill') };
  });
}

function outline(group: string): { outline: Outline; tag: string } {
  const shape = /<(ellipse|polygon|path)\b([^>]*)\/>/.exec(group)!;
  const tag = shape[2]!;
  if (shape[1] === 'ellipse') return { outline: { kind: 'ellipse', cx: num(tag, 'cx'), cy: num(tag, 'cy'), rx: num(tag, 'rx'), ry: num(tag, 'ry') }, tag };
  if (shape[1] === 'polygon') return { outline: { kind: 'polygon', points: pairs(numbersIn(attr(tag, 'points')!)) }, tag };
  // Rounded boxes are paths: their bounding box is the box.
  const b = bounds(pairs(numbersIn(attr(tag, 'd')!)));
  return { outline: { kind: 'polygon', points: [[b.x1, b.y1], [b.x2, b.y1], [b.x2, b.y2], [b.x1, b.y2]] }, tag };
}

export function parsePicture(svg: string): Picture {
  const groups = [...svg.matchAll(/<g id="([^"]*)" class="(graph|node|edge)"[^>]*>([\s\S]*?)(?=<g id=|<\/svg>)/g)];
  const picture: Picture = { title: [], nodes: [], edges: [] };
  for (const [, id, kind, body] of groups) {
    if (kind === 'graph') picture.title = texts(body!.replace(/<polygon[^>]*\/>/, ''));
    else if (kind === 'node') {
      const { outline: o, tag } = outline(body!);
      picture.nodes.push({ id: id!, outline: o, fill: attr(tag, 'fill') ?? '', stroke: attr(tag, 'stroke') ?? '', dashed: /stroke-dasharray/.test(tag), texts: texts(body!) });
    } else {
      const path = /<path\b([^>]*)\/>/.exec(body!)?.[1] ?? '';
      picture.edges.push({ id: id!, stroke: attr(path, 'stroke') ?? '', dashed: /stroke-dasharray/.test(path), labels: texts(body!) });
    }
  }
  return picture;
}

export function bounds(points: readonly [number, number][]): Box {
  const xs = points.map((p) => p[0]);
  const ys = points.map((p) => p[1]);
  return { x1: Math.min(...xs), y1: Math.min(...ys), x2: Math.max(...xs), y2: Math.max(...ys) };
}

const corners = (b: Box): [number, number][] => [[b.x1, b.y1], [b.x2, b.y1], [b.x2, b.y2], [b.x1, b.y2]];

/** True when the box lies inside the outline (allowing `slack` points). */
export function inside(b: Box, o: Outline, slack = 0.5): boolean {
  const shrunk: Box = { x1: b.x1 + slack, y1: b.y1 + slack, x2: b.x2 - slack, y2: b.y2 - slack };
  if (o.kind === 'ellipse') return corners(shrunk).every(([x, y]) => ((x - o.cx) / o.rx) ** 2 + ((y - o.cy) / o.ry) ** 2 <= 1);
  return corners(shrunk).every((p) => insideConvex(p, o.points));
}

function insideConvex([x, y]: [number, number], poly: readonly [number, number][]): boolean {
  let sign = 0;
  for (let i = 0; i < poly.length; i++) {
    const [ax, ay] = poly[i]!;
    const [bx, by] = poly[(i + 1) % poly.length]!;
    if (ax === bx && ay === by) continue;
    const cross = (bx - ax) * (y - ay) - (by - ay) * (x - ax);
    if (Math.abs(cross) < 1e-9) continue;
    if (sign === 0) sign = Math.sign(cross);
    else if (Math.sign(cross) !== sign) return false;
  }
  return true;
}

export function boxesOverlap(a: Box, b: Box): boolean {
  return a.x1 < b.x2 && b.x1 < a.x2 && a.y1 < b.y2 && b.y1 < a.y2;
}

/** Whether a text box overlaps a node's outline (separating axes for polygons, sampled for ellipses). */
export function overlapsOutline(b: Box, o: Outline): boolean {
  const poly = o.kind === 'polygon' ? o.points : Array.from({ length: 48 }, (_, i) => [o.cx + o.rx * Math.cos((i * Math.PI) / 24), o.cy + o.ry * Math.sin((i * Math.PI) / 24)] as [number, number]);
  const rect = corners(b);
  for (const shape of [rect, poly])
    for (let i = 0; i < shape.length; i++) {
      const [ax, ay] = shape[i]!;
      const [bx, by] = shape[(i + 1) % shape.length]!;
      const [nx, ny] = [ay - by, bx - ax];
      if (nx === 0 && ny === 0) continue;
      const project = (ps: readonly [number, number][]): [number, number] => {
        const ds = ps.map(([x, y]) => x * nx + y * ny);
        return [Math.min(...ds), Math.max(...ds)];
      };
      const [r1, r2] = project(rect);
      const [p1, p2] = project(poly);
      if (r2 <= p1 || p2 <= r1) return false;
    }
  return true;
}
