// Reads a YAML (or JSON) file that is a list of entries, or a mapping whose
// only key names that list (`stubs:`, `calls:`): the standalone files of
// `run --stubs` and `run --calls`. A bare list is read as if it were under
// the key, and paths under the key point into the list itself, so the
// loaders locate problems the same way in both forms.
import { wrongKind, type Diagnostic, type Span } from '../contract/diagnostics.js';
import { readYaml, YamlSource, type PathSegment } from './source-map.js';

export interface ListFile {
  /** `{ [key]: entries }` (or another mapping, for the schema to refuse); undefined when the file could not be read. */
  data?: Record<string, unknown>;
  src?: YamlSource;
  diagnostics: Diagnostic[];
  /** The file's text (for caret excerpts). */
  source: string;
}

/** A file that is a bare list: paths under `key` point into the list itself. */
class ListSource extends YamlSource {
  key = '';
  override span(path: readonly PathSegment[], opts: { key?: boolean } = {}): Span {
    return super.span(path[0] === this.key ? path.slice(1) : path, opts);
  }
}

/** `what` names the file in messages (`stub file`), `entries` what it lists (`stubs`), `key` its mapping key. */
export function readListFile(file: string, what: string, key: string, opts: { text?: string } = {}): ListFile {
  const read = readYaml(file, what, {
    ...(opts.text !== undefined ? { text: opts.text } : {}),
    source: (f, t, root) => {
      if (root?.kind !== 'seq') return new YamlSource(f, t, root);
      const list = new ListSource(f, t, root);
      list.key = key;
      return list;
    },
  });
  if (read.diagnostics.length > 0 || !read.src) return { diagnostics: read.diagnostics, source: read.source };
  const data = read.data ?? [];
  if (Array.isArray(data)) return { data: { [key]: data }, src: read.src, diagnostics: [], source: read.source };
  if (typeof data !== 'object')
    return { diagnostics: [wrongKind('E-TEST-SCHEMA', `not a ${what}: a ${what} is a list of ${key} (or a mapping with a "${key}:" list)`, file)], source: read.source };
  return { data: data as Record<string, unknown>, src: read.src, diagnostics: [], source: read.source };
}
