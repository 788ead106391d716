// Loads a standalone stub file for `studio-script run --stubs`: a YAML list
// of stubs, or a mapping whose only key is `stubs:` — the stubs a test case
// takes (action type and properties, `Script.label`, HTTP), checked the same
// way: schema, then meaning against the action registry (label stubs are then
// checked against the loaded scripts with checkStubsAgainstScripts). Every
// problem is a Diagnostic located in the file.
import type { ValidateFunction } from 'ajv';
import { prebuiltSchema } from './ajv.js';
import type { Diagnostic } from '../contract/diagnostics.js';
import type { ActionRegistry } from '../actions/registry.js';
import { schemaDiagnostics } from './load.js';
import type { RawStub } from './stub-spec.js';
import { stubFileJsonSchema } from './schema.js';
import { readListFile } from './list-file.js';
import { compileStub } from './stub-spec.js';
import type { StubSpec } from './test-file.js';

export interface LoadedStubFile {
  /** Undefined when the file has errors. */
  stubs?: StubSpec[];
  diagnostics: Diagnostic[];
  /** The file's text (for caret excerpts). */
  source: string;
}

const validator = (): ValidateFunction => prebuiltSchema('stubFile', stubFileJsonSchema);

export function loadStubFile(file: string, registry: ActionRegistry, opts: { text?: string } = {}): LoadedStubFile {
  const read = readListFile(file, 'stub file', 'stubs', opts);
  if (!read.data || !read.src) return { diagnostics: read.diagnostics, source: read.source };
  const { data, src, source: text } = read;
  const check = validator();
  if (!check(data)) return { diagnostics: schemaDiagnostics(check.errors ?? [], src), source: text };
  const raw = (data as { stubs: RawStub[] }).stubs;
  const diagnostics: Diagnostic[] = [];
  const compiled = raw.map((s, i) => compileStub(s, ['stubs', i], `stubs[${i}]`, src, registry, diagnostics));
  if (diagnostics.length > 0) return { diagnostics, source: text };
  return { stubs: compiled.filter((s): s is StubSpec => s !== undefined), diagnostics, source: text };
}
