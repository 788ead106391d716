// What loading gives: one loaded script (graph, source text, compiled
// properties) and a loaded folder of them with its action registry. The
// runtime and the test runner take these as they are.
import type { Diagnostic } from '../contract/diagnostics.js';
import type { ScriptGraph } from '../contract/script-graph.js';
import type { ActionRegistry } from '../actions/registry.js';
import type { CompiledAction } from './compiled.js';

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
