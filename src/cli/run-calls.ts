// `run --calls file.yaml`: other calls next to the run's own, on the same
// tenant and virtual clock (RunOptions.calls), from a YAML or JSON list
// written as a test case's `calls:` and read by the same reader. Problems in
// the file, or scripts and caller labels it names that the folder does not
// have, are located in it (exit 2).
import { existsSync, statSync } from 'node:fs';
import type { Diagnostic } from '../contract/diagnostics.js';
import type { ScriptSet } from '../graph/load.js';
import type { CallStart } from '../runtime/runtime.js';
import { UsageError } from './io.js';

export interface CallsOption {
  /** As RunOptions.calls takes them, in the file's order. */
  starts: CallStart[];
  /** How the output names each: `calls[0]`, or `calls[0] (name)` with a name. */
  names: string[];
}

/** A stub or calls file with errors: its diagnostics, shown with the file's text. */
export class InputFileError extends Error {
  constructor(
    readonly diagnostics: Diagnostic[],
    readonly file: string,
    readonly source: string,
  ) {
    super(`invalid file ${file}`);
  }
}

/** Reads `file`; a call without `script` runs `script`, the run's own. */
export async function readCallsOption(file: string, script: string, scripts: ScriptSet): Promise<CallsOption> {
  if (!existsSync(file)) throw new UsageError(`--calls ${file}: file not found`);
  if (statSync(file).isDirectory()) throw new UsageError(`--calls ${file}: is a folder; give a YAML or JSON file of calls`);
  const [{ loadCallsFile }, { checkCallsAgainstScripts }, { callStart }] = await Promise.all([
    import('../testing/calls-file.js'),
    import('../testing/check-scripts.js'),
    import('../testing/project.js'),
  ]);
  const loaded = loadCallsFile(file, script);
  if (!loaded.calls) throw new InputFileError(loaded.diagnostics, file, loaded.source);
  const graphs = new Map([...scripts.scripts].map(([key, s]) => [key, s.graph]));
  const problems = checkCallsAgainstScripts(loaded.calls, { graphs, registry: scripts.registry }, scripts.folder);
  if (problems.length > 0) throw new InputFileError(problems, file, loaded.source);
  return { starts: loaded.calls.map(callStart), names: loaded.calls.map((c) => c.name) };
}
