// Compiles each action's properties and SNIPPET code with the snippet
// compiler, by property kind (docs/script-format.md "Values and
// property kinds"), so the runtime only evaluates. Errors come back located in
// the `.script` file.
import { diagnostic, type Diagnostic, type Span } from '../contract/diagnostics.js';
import type { ActionDefinition, PropSpec } from '../actions/define.js';
import type { ActionRegistry } from '../actions/registry.js';
import type { Compiled, CompiledExpression, CompiledSnippet, CompiledTemplate, SourceOrigin } from '../contract/snippet.js';
import type { CompiledAction, CompiledProp } from './compiled.js';
import { compilePrompt } from './compile-prompt.js';
import { parseNumberText } from './props.js';
import type { ActionNode, PropValue, ScriptGraph } from '../contract/script-graph.js';

/** The entry points of the snippet compiler (src/snippet/index.ts). */
export interface SnippetCompiler {
  compileSnippet(text: string, origin: SourceOrigin): Compiled<CompiledSnippet>;
  /** What a SNIPPET whose code does not compile runs: its first problem, as a run-time error. */
  failedSnippet(problem: Diagnostic, code: string, origin: SourceOrigin): CompiledSnippet;
  compileExpression(text: string, origin: SourceOrigin): Compiled<CompiledExpression>;
  compileTemplate(text: string, origin: SourceOrigin): Compiled<CompiledTemplate>;
}

export function compileGraph(
  graph: ScriptGraph,
  definitions: Map<string, ActionDefinition>,
  registry: ActionRegistry,
  compiler: SnippetCompiler,
  source: string,
): { compiled: Map<string, CompiledAction>; diagnostics: Diagnostic[] } {
  const compiled = new Map<string, CompiledAction>();
  const diagnostics: Diagnostic[] = [];
  const ctx: Ctx = { compiler, source, diagnostics };
  for (const node of graph.actions) {
    if (compiled.has(node.label)) continue;
    if (node.opaque) compiled.set(node.label, { props: new Map(Object.entries(node.props).map(([k, v]) => [k, asWritten(v)])) });
    const def = definitions.get(node.label);
    if (!def || compiled.has(node.label)) continue;
    compiled.set(node.label, compileAction(node, def, registry, ctx));
  }
  return { compiled, diagnostics };
}

/** An opaque action's property, never interpreted: its text as written (a stub may match on it). */
function asWritten(v: PropValue): CompiledProp {
  switch (v.kind) {
    case 'string':
    case 'boolean':
      return { kind: 'literal', value: v.value };
    case 'number':
      return { kind: 'literal', value: v.value };
    case 'path':
      return { kind: 'literal', value: v.path };
    case 'list':
      return { kind: 'list', items: v.items.map(asWritten) };
  }
}

interface Ctx {
  compiler: SnippetCompiler;
  source: string;
  diagnostics: Diagnostic[];
}

function compileAction(node: ActionNode, def: ActionDefinition, registry: ActionRegistry, ctx: Ctx): CompiledAction {
  const props = new Map<string, CompiledProp>();
  for (const [name, value] of Object.entries(node.props)) {
    const resolved = registry.prop(def, name);
    if (!resolved) continue;
    const prop = compileProp(resolved.spec, value, ctx);
    if (prop) props.set(resolved.name, prop);
  }
  const action: CompiledAction = { props };
  if (node.snippet) {
    const origin = { file: node.snippet.span.file, span: node.snippet.span };
    const out = ctx.compiler.compileSnippet(node.snippet.code, origin);
    if (out.ok) action.snippet = out.value;
    else {
      // Studio saves such a snippet and fails it when it runs: the script loads, the run takes Error with _ERR set.
      ctx.diagnostics.push(...out.diagnostics.map((d) => diagnostic('W-SNIPPET-COMPILE', `${d.code} ${d.message} (this SNIPPET takes its Error branch when it runs, with _ERR set)`, d.span, 'warning')));
      action.snippet = ctx.compiler.failedSnippet(out.diagnostics[0]!, node.snippet.code, origin);
    }
  }
  return action;
}

/** A substitution is an unescaped `{`; an escaped `\{`/`\}` also needs the template compiler to drop its backslash. */
const needsTemplate = (s: string): boolean => s.includes('{') || s.includes('\\}');

function compileProp(spec: PropSpec, v: PropValue, ctx: Ctx): CompiledProp | undefined {
  switch (spec.kind) {
    case 'variable':
      return v.kind === 'path' ? { kind: 'variable', name: v.path.toLowerCase() } : v.kind === 'string' ? { kind: 'variable', name: v.value.trim().toLowerCase() } : undefined;
    case 'expression': {
      const text = v.kind === 'string' ? v.value : v.kind === 'path' ? v.path : v.kind === 'number' ? v.raw : v.kind === 'boolean' ? String(v.value) : undefined;
      return text === undefined ? undefined : expression(text, v.kind === 'string' ? stringOrigin(v.span, ctx) : v.span, ctx);
    }
    case 'list':
      return compileList(spec.of, v, ctx);
    case 'prompt':
      return compilePrompt(v, {
        source: ctx.source,
        diagnostics: ctx.diagnostics,
        template: (text, span) => unwrap(template(text, span, ctx), 'template'),
        expression: (text, span) => unwrap(expression(text, span, ctx), 'expression'),
      });
    default:
      return compileScalar(spec, v, ctx);
  }
}

function compileScalar(spec: PropSpec, v: PropValue, ctx: Ctx): CompiledProp | undefined {
  switch (v.kind) {
    case 'path':
      return expression(v.path, v.span, ctx);
    case 'list':
      return { kind: 'list', items: v.items.map((item) => compileScalar(spec, item, ctx)).filter((p): p is CompiledProp => p !== undefined) };
    case 'number':
      return { kind: 'literal', value: spec.kind === 'text' ? v.raw : v.value };
    case 'boolean':
      return { kind: 'literal', value: spec.kind === 'text' ? String(v.value) : v.value };
    case 'string': {
      if (needsTemplate(v.value)) return template(v.value, stringOrigin(v.span, ctx), ctx);
      if (spec.kind === 'number') {
        const n = parseNumberText(v.value);
        return { kind: 'literal', value: n ?? v.value };
      }
      if (spec.kind === 'boolean' && /^(true|false)$/i.test(v.value.trim())) return { kind: 'literal', value: v.value.trim().toLowerCase() === 'true' };
      return { kind: 'literal', value: v.value };
    }
  }
}

function compileList(of: 'value' | 'variable' | 'text', v: PropValue, ctx: Ctx): CompiledProp | undefined {
  const item = { kind: of } as PropSpec;
  if (v.kind === 'list') return { kind: 'list', items: v.items.map((i) => compileProp(item, i, ctx)).filter((p): p is CompiledProp => p !== undefined) };
  // One string with `|` separators is a list (Studio's text arrays); a `|` inside `{…}` is the snippet's "or".
  if (v.kind === 'string' && v.value.includes('|')) {
    const parts = splitOutsideBraces(v.value).map((p) => p.trim());
    if (parts.length > 1) {
      const origin = stringOrigin(v.span, ctx);
      const items = parts.map((p): CompiledProp | undefined =>
        of === 'variable' ? { kind: 'variable', name: p.toLowerCase() } : needsTemplate(p) ? template(p, origin, ctx) : { kind: 'literal', value: p },
      );
      return { kind: 'list', items: items.filter((p): p is CompiledProp => p !== undefined) };
    }
  }
  const one = compileProp(item, v, ctx);
  return one ? { kind: 'list', items: [one] } : undefined;
}

/** Splits at `|` outside `{…}` substitutions. */
export function splitOutsideBraces(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\\') i++;
    else if (c === '{') depth++;
    else if (c === '}') depth = Math.max(0, depth - 1);
    else if (c === '|' && depth === 0) (parts.push(text.slice(start, i)), (start = i + 1));
  }
  parts.push(text.slice(start));
  return parts;
}

function expression(text: string, span: Span, ctx: Ctx): CompiledProp | undefined {
  const out = ctx.compiler.compileExpression(text, { file: span.file, span });
  ctx.diagnostics.push(...out.diagnostics);
  return out.ok ? { kind: 'expression', expression: out.value } : undefined;
}

function template(text: string, span: Span, ctx: Ctx): CompiledProp | undefined {
  const out = ctx.compiler.compileTemplate(text, { file: span.file, span });
  ctx.diagnostics.push(...out.diagnostics);
  return out.ok ? { kind: 'template', template: out.value } : undefined;
}

function unwrap<K extends 'template' | 'expression'>(p: CompiledProp | undefined, kind: K): (K extends 'template' ? CompiledTemplate : CompiledExpression) | undefined {
  if (!p || p.kind !== kind) return undefined;
  return (p.kind === 'template' ? p.template : (p as Extract<CompiledProp, { kind: 'expression' }>).expression) as never;
}

/** Where a string's text starts: after `"` or `"""`. */
function stringOrigin(span: Span, ctx: Ctx): Span {
  const at = span.offset ?? -1;
  const skip = at >= 0 && ctx.source.startsWith('"""', at) ? 3 : 1;
  return { file: span.file, line: span.line, col: span.col + skip, offset: at >= 0 ? at + skip : undefined, length: Math.max(1, (span.length ?? 2) - 2 * skip) };
}
