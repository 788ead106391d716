// One script text through every load step (parse, graph, validation,
// compilation), keeping everything learned even when there are errors, so
// folder loading can still check calls between scripts.
import { hasErrors, type Diagnostic } from '../contract/diagnostics.js';
import type { ActionDefinition } from '../actions/define.js';
import { builtinRegistry, type ActionRegistry } from '../actions/registry.js';
import type { ScriptAst } from '../parse/ast.js';
import { parseScriptText } from '../parse/parse.js';
import * as snippetCompiler from '../snippet/index.js';
import { buildGraph } from './build.js';
import { compileGraph, type SnippetCompiler } from './compile.js';
import type { CompiledAction } from './compiled.js';
import type { ScriptGraph } from '../contract/script-graph.js';
import { checkStudioRules } from './studio-rules.js';
import { validateGraph } from './validate.js';

/** Everything known about one file after loading, even when it has errors (for cross-script checks). */
export interface AnalyzedScript {
  file: string;
  source: string;
  ast: ScriptAst;
  graph: ScriptGraph;
  definitions: Map<string, ActionDefinition>;
  compiled: Map<string, CompiledAction>;
  diagnostics: Diagnostic[];
}

const compiler: SnippetCompiler = snippetCompiler;

/** Parses, builds, validates and compiles one text; never throws for bad input. */
export function analyzeScript(text: string, file: string, registry: ActionRegistry = builtinRegistry()): AnalyzedScript {
  const parsed = parseScriptText(text, file);
  const built = buildGraph(parsed.ast, registry);
  const diagnostics = [...parsed.diagnostics, ...built.diagnostics];
  diagnostics.push(...validateGraph(built.graph, built.definitions, { brokenLabels: parsed.brokenLabels, branchErrors: built.branchErrors, incomplete: hasErrors(parsed.diagnostics) }));
  diagnostics.push(...checkStudioRules(built.graph, built.definitions));
  const { compiled, diagnostics: compileDiagnostics } = compileGraph(built.graph, built.definitions, registry, compiler, text);
  diagnostics.push(...compileDiagnostics);
  return { file, source: text, ast: parsed.ast, graph: built.graph, definitions: built.definitions, compiled, diagnostics };
}

