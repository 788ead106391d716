// Loads a calls file for `studio-script run --calls`: a YAML (or JSON) list
// of calls, or a mapping whose only key is `calls:` — the calls a test case's
// `calls:` takes, read by the same reader (durations, callers, contacts), so
// every problem is a Diagnostic located in the file. Calls name scripts and
// caller labels; check them against the loaded scripts with
// checkCallsAgainstScripts; callStart (project.ts) makes each a RunOptions
// call.
import type { ValidateFunction } from 'ajv';
import type { Diagnostic } from '../contract/diagnostics.js';
import { prebuiltSchema } from './ajv.js';
import { readCall, schemaDiagnostics, type RawCall } from './load.js';
import { callsFileJsonSchema } from './schema.js';
import { readListFile } from './list-file.js';
import type { CaseCall } from './test-file.js';

export interface LoadedCallsFile {
  /** Undefined when the file has errors. */
  calls?: CaseCall[];
  diagnostics: Diagnostic[];
  /** The file's text (for caret excerpts). */
  source: string;
}

const validator = (): ValidateFunction => prebuiltSchema('callsFile', callsFileJsonSchema);

/** Reads the calls of `file`; a call without `script` runs `script` (the run's own script). */
export function loadCallsFile(file: string, script: string, opts: { text?: string } = {}): LoadedCallsFile {
  const read = readListFile(file, 'calls file', 'calls', opts);
  if (!read.data || !read.src) return { diagnostics: read.diagnostics, source: read.source };
  const { data, src, source: text } = read;
  const check = validator();
  if (!check(data)) {
    // A call copied from a test file may keep its expect: say where expectations go.
    const said = schemaDiagnostics(check.errors ?? [], src, callsFileJsonSchema).map((d) =>
      /^unknown property "expect" in calls\[\d+\]$/.test(d.message) ? { ...d, message: `${d.message}: a run checks nothing; expectations belong in a test file's calls:` } : d,
    );
    return { diagnostics: said, source: text };
  }
  const diagnostics: Diagnostic[] = [];
  const calls = (data as { calls: RawCall[] }).calls.map((raw, i) => readCall(raw, { script }, ['calls', i], src, diagnostics));
  if (diagnostics.length > 0) return { diagnostics, source: text };
  return { calls, diagnostics, source: text };
}
