// The loader API: text -> syntax tree -> action graph -> validation ->
// compiled properties, for one text, a folder of scripts, or the paths given
// to `studio-script check`. Loading never executes anything and reports every
// problem of every file in one pass.
import { hasErrors, type Diagnostic } from '../diagnostics.js';
import { builtinRegistry, type ActionRegistry } from '../actions/registry.js';
import type { ScriptAst } from '../parse/ast.js';
import { parseScriptText } from '../parse/parse.js';
import { analyzeScript } from './analyze.js';
import type { CompiledAction } from './compiled.js';
import type { ScriptGraph } from './types.js';

export interface LoadedScript {
  graph: ScriptGraph;
  source: string;
  /** Compiled properties and snippet of each action, by label. */
  compiled: Map<string, CompiledAction>;
}

export interface ScriptSet {
  folder: string;
  /** By lowercase script name. */
  scripts: Map<string, LoadedScript>;
  registry: ActionRegistry;
  /** Warnings (loading throws on errors). */
  diagnostics: Diagnostic[];
}

export interface LoadOptions {
  /** Actions to load against; defaults to the built-in actions. */
  registry?: ActionRegistry;
  /**
   * loadFolder only: the entry script's file. Errors then stop the load only
   * when they are in a script the entry can reach (through RUNSUB, RUNSCRIPT
   * and SPAWN); other broken scripts are left out with a warning.
   */
  entryFile?: string;
}

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

export { checkPaths, loadFolder, type CheckResult } from './folder.js';
export { analyzeScript, type AnalyzedScript } from './analyze.js';
export { formatAst, formatText } from './format.js';
