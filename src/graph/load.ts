// The loader API: text -> syntax tree -> action graph -> validation ->
// compiled properties, for one text, a folder of scripts, or the paths given
// to `studio-script check`. Loading never executes anything and reports every
// problem of every file in one pass.
import { hasErrors, type Diagnostic } from '../contract/diagnostics.js';
import { builtinRegistry } from '../actions/registry.js';
import type { ScriptAst } from '../parse/ast.js';
import { parseScriptText } from '../parse/parse.js';
import { analyzeScript } from './analyze.js';
import type { LoadedScript, LoadOptions } from './script-set.js';

/** Parses only (no graph, no validation). The tree is partial when there are errors. */
export function parseScript(text: string, file: string): { ast?: ScriptAst; diagnostics: Diagnostic[] } {
  const { ast, diagnostics } = parseScriptText(text, file);
  return { ast, diagnostics };
}

/** Loads one script text. `script` is present when there are no errors (warnings allowed). */
export function loadScriptText(text: string, file: string, opts: LoadOptions = {}): { script?: LoadedScript; diagnostics: Diagnostic[] } {
  const a = analyzeScript(text, file, opts.registry ?? builtinRegistry());
  if (hasErrors(a.diagnostics)) return { diagnostics: a.diagnostics };
  return { script: { graph: a.graph, source: a.source, compiled: a.compiled }, diagnostics: a.diagnostics };
}

export type { LoadedScript, LoadOptions, ScriptSet } from './script-set.js';
export { checkPaths, loadFolder, type CheckResult } from './folder.js';
export { analyzeScript, type AnalyzedScript } from './analyze.js';
export { formatAst, formatText } from './format.js';
