// Loads a standalone stub file for `studio-script run --stubs`: a YAML list
// of stubs, or a mapping whose only key is `stubs:` — the stubs a test case
// takes (action type and properties, `Script.label`, HTTP), checked the same
// way: schema, then meaning against the action registry (label stubs are then
// checked against the loaded scripts with checkStubsAgainstScripts). Every
// problem is a Diagnostic located in the file.
import type { ValidateFunction } from 'ajv';
import { prebuiltSchema } from './ajv.js';
import { diagnostic, wrongKind, type Diagnostic, type Span } from '../contract/diagnostics.js';
import type { ActionRegistry } from '../actions/registry.js';
import { schemaDiagnostics } from './load.js';
import type { RawStub } from './stub-spec.js';
import { stubFileJsonSchema } from './schema.js';
import { readYaml, YamlSource, type PathSegment } from './source-map.js';
import { compileStub } from './stub-spec.js';
import type { StubSpec } from './test-file.js';

export interface LoadedStubFile {
  /** Undefined when the file has errors. */
  stubs?: StubSpec[];
  diagnostics: Diagnostic[];
  /** The file's text (for caret excerpts). */
  source: string;
}

/** A file that is a bare list: paths under `stubs` point into the list itself. */
class ListSource extends YamlSource {
  override span(path: readonly PathSegment[], opts: { key?: boolean } = {}): Span {
    return super.span(path[0] === 'stubs' ? path.slice(1) : path, opts);
  }
}

const validator = (): ValidateFunction => prebuiltSchema('stubFile', stubFileJsonSchema);

export function loadStubFile(file: string, registry: ActionRegistry, opts: { text?: string } = {}): LoadedStubFile {
  const read = readYaml(file, 'stub file', {
    ...(opts.text !== undefined ? { text: opts.text } : {}),
    source: (f, t, root) => (root?.kind === 'seq' ? new ListSource(f, t, root) : new YamlSource(f, t, root)),
  });
  if (read.diagnostics.length > 0 || !read.src) return { diagnostics: read.diagnostics, source: read.source };
  const { src, source: text } = read;
  let data = read.data;
  if (data === null || data === undefined) data = [];
  if (Array.isArray(data)) data = { stubs: data };
  else if (typeof data !== 'object')
    return { diagnostics: [wrongKind('E-TEST-SCHEMA', 'not a stub file: a stub file is a list of stubs (or a mapping with a "stubs:" list)', file)], source: text };
  const check = validator();
  if (!check(data)) return { diagnostics: schemaDiagnostics(check.errors ?? [], src), source: text };
  const raw = (data as { stubs: RawStub[] }).stubs;
  const diagnostics: Diagnostic[] = [];
  const compiled = raw.map((s, i) => compileStub(s, ['stubs', i], `stubs[${i}]`, src, registry, diagnostics));
  if (diagnostics.length > 0) return { diagnostics, source: text };
  return { stubs: compiled.filter((s): s is StubSpec => s !== undefined), diagnostics, source: text };
}
