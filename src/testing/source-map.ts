// Finds where a value of a parsed YAML document sits in its file, so every
// problem in a test file is reported at `file:line:col` (the `yaml` package
// keeps each node's character range).
import { isMap, isPair, isScalar, isSeq, type Document, type Node } from 'yaml';
import { positionAt, type Span } from '../diagnostics.js';

export type PathSegment = string | number;

export class YamlSource {
  constructor(
    readonly file: string,
    readonly text: string,
    readonly doc: Document.Parsed,
  ) {}

  /** Span of the value at `path` (or of its key with `key: true`); falls back to the nearest located ancestor. */
  span(path: readonly PathSegment[], opts: { key?: boolean } = {}): Span {
    let node: unknown = this.doc.contents;
    let best: Node | undefined = isNode(node) ? node : undefined;
    for (let i = 0; i < path.length; i++) {
      const seg = path[i]!;
      const last = i === path.length - 1;
      if (isMap(node)) {
        const pair = node.items.find((p) => isPair(p) && keyText(p.key) === String(seg));
        if (!pair) break;
        if (last && opts.key && isNode(pair.key)) return this.spanOf(pair.key);
        node = pair.value;
        if (isNode(pair.key)) best = pair.key;
      } else if (isSeq(node) && typeof seg === 'number') {
        node = node.items[seg];
      } else break;
      if (isNode(node)) best = node;
    }
    return best ? this.spanOf(best) : this.at(0);
  }

  /** Span of a key inside the mapping at `path` whose name is `key`. */
  keySpan(path: readonly PathSegment[], key: string): Span {
    return this.span([...path, key], { key: true });
  }

  at(offset: number, length = 1): Span {
    const { line, col } = positionAt(this.text, offset);
    return { file: this.file, line, col, offset, length };
  }

  private spanOf(node: Node): Span {
    const range = node.range;
    if (!range) return this.at(0);
    const [start, valueEnd] = range;
    // A multi-line value is underlined on its first line only.
    const nl = this.text.indexOf('\n', start);
    const end = nl >= 0 && nl < valueEnd ? nl : valueEnd;
    return this.at(start, Math.max(1, end - start));
  }
}

function isNode(v: unknown): v is Node {
  return isMap(v) || isSeq(v) || isScalar(v);
}

function keyText(key: unknown): string | undefined {
  if (isScalar(key)) return String(key.value);
  if (typeof key === 'string' || typeof key === 'number') return String(key);
  return undefined;
}
