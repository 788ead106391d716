// Finds where a value of a parsed YAML document sits in its file, so every
// problem in a test file is reported at `file:line:col`. Test files are read
// by the fast reader of the common YAML layout (tenant/yaml-subset.ts) when it
// can, and by the `yaml` package otherwise (which also gives every syntax
// error); both give the same located tree (tenant/yaml-located.ts).
import { readFileSync } from 'node:fs';
import { diagnostic, LineIndex, looksBinary, wrongKind, type Diagnostic, type Span } from '../contract/diagnostics.js';
import { parseYamlDocument, TOO_DEEP, yamlData } from '../tenant/yaml-data.js';
import { locatedFromDocument, type LocatedNode, type LocatedPair } from '../tenant/yaml-located.js';
import { readYamlSubset } from '../tenant/yaml-subset.js';

export type PathSegment = string | number;

export class YamlSource {
  private index: LineIndex | undefined;

  constructor(
    readonly file: string,
    readonly text: string,
    /** The document's top value; undefined for an empty document. */
    readonly root: LocatedNode | undefined,
  ) {}

  /** Line starts, computed on the first span and kept for every later one. */
  private get lines(): LineIndex {
    return (this.index ??= new LineIndex(this.text));
  }

  /** Span of the value at `path` (or of its key with `key: true`); falls back to the nearest located ancestor. */
  span(path: readonly PathSegment[], opts: { key?: boolean } = {}): Span {
    let node: LocatedNode | undefined = this.root;
    let best: LocatedNode | undefined = node;
    for (let i = 0; i < path.length; i++) {
      const seg = path[i]!;
      const last = i === path.length - 1;
      if (node?.kind === 'map') {
        const pair = pairNamed(node.pairs, String(seg));
        if (!pair) break;
        if (last && opts.key && pair.key) return this.spanOf(pair.key);
        node = pair.value;
        if (pair.key) best = pair.key;
      } else if (node?.kind === 'seq' && typeof seg === 'number') {
        node = node.items[seg];
      } else break;
      if (node) best = node;
    }
    return best ? this.spanOf(best) : this.at(0);
  }

  /** Span of a key inside the mapping at `path` whose name is `key`. */
  keySpan(path: readonly PathSegment[], key: string): Span {
    return this.span([...path, key], { key: true });
  }

  at(offset: number, length = 1): Span {
    const { line, col } = this.lines.positionAt(offset);
    return { file: this.file, line, col, offset, length };
  }

  private spanOf(node: LocatedNode): Span {
    const [start, valueEnd] = node.range;
    // A multi-line value is underlined on its first line only.
    const pos = this.lines.positionAt(start);
    const next = this.lines.lineStart(pos.line + 1);
    const end = next !== undefined && next - 1 < valueEnd ? next - 1 : valueEnd;
    return { file: this.file, line: pos.line, col: pos.col, offset: start, length: Math.max(1, end - start) };
  }
}

/** The first entry named `name` (as `yaml` finds a key). */
function pairNamed(pairs: readonly LocatedPair[], name: string): LocatedPair | undefined {
  for (const p of pairs) if (p.name === name) return p;
  return undefined;
}

export interface ReadYaml {
  /** The document as plain data; undefined when `diagnostics` has errors. */
  data?: unknown;
  src?: YamlSource;
  /** The file's text (for caret excerpts). */
  source: string;
  diagnostics: Diagnostic[];
}

/**
 * Reads a YAML file (or the given text): a read failure or a syntax error is a
 * located diagnostic, and a small alias budget keeps "billion laughs"
 * documents from expanding. `what` names the file in messages ("test file").
 */
export function readYaml(
  file: string,
  what: string,
  opts: { text?: string; source?: (file: string, text: string, root: LocatedNode | undefined) => YamlSource } = {},
): ReadYaml {
  let text: string;
  try {
    text = opts.text ?? readFileSync(file, 'utf8');
  } catch (err) {
    const reason = (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'file not found' : (err as Error).message;
    return { diagnostics: [diagnostic('E-TEST-READ', `cannot read ${what}: ${reason}`, { file, line: 1, col: 1 })], source: '' };
  }
  // Binary data is named, never parsed into messages that would quote it.
  if (looksBinary(text)) return { diagnostics: [wrongKind('E-TEST-READ', `not a ${what}: the file holds binary data`, file)], source: '' };
  const source = opts.source ?? ((f: string, t: string, root: LocatedNode | undefined) => new YamlSource(f, t, root));
  const fast = readYamlSubset(text);
  if (fast) return { data: fast.data, src: source(file, text, fast.root), source: text, diagnostics: [] };
  const doc = parseYamlDocument(text, { uniqueKeys: true, prettyErrors: false });
  if (!doc) return { diagnostics: [diagnostic('E-TEST-YAML', `the file is ${TOO_DEEP}`, { file, line: 1, col: 1 })], source: text };
  const src = source(file, text, locatedFromDocument(doc));
  const diagnostics: Diagnostic[] = doc.errors.map((e) =>
    diagnostic('E-TEST-YAML', yamlMessage(e.message), src.at(e.pos[0], Math.max(1, e.pos[1] - e.pos[0]))),
  );
  if (diagnostics.length > 0) return { diagnostics, src, source: text };
  const read = yamlData(doc, 100);
  if ('problem' in read) return { diagnostics: [diagnostic('E-TEST-YAML', read.problem, src.at(read.offset ?? 0))], src, source: text };
  return { data: read.data, src, source: text, diagnostics };
}

export function yamlMessage(message: string): string {
  // The yaml package appends "at line x, column y" and a code excerpt; the span already says where.
  return message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
}
