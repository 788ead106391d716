// Syntax tree -> action graph, with the checks that concern one action at a
// time: action type (with "did you mean"), unsupported Studio actions,
// properties (unknown, duplicate, missing, wrong literal) and branch names.
import { diagnostic, didYouMean, type Diagnostic } from '../contract/diagnostics.js';
import type { ActionDefinition } from '../actions/define.js';
import { actionTypeName, type ActionRegistry } from '../actions/registry.js';
import { studioSpecOf } from '../actions/studio-spec.js';
import { typeName, type ActionAst, type BranchAst, type ScriptAst } from '../parse/ast.js';
import { checkProp, toPropValue } from './props.js';
import { MEDIA_TYPES, type ActionNode, type BranchEdge, type MediaType, type PropValue, type ScriptGraph } from '../contract/script-graph.js';
import { buildStudioMeta } from './studio-meta.js';

/**
 * Studio actions the emulator knows about but does not run yet (docs/import.md):
 * like any type it does not know, they load as opaque actions, which a run can
 * only pass with a stub.
 */
export const NOT_EMULATED_ACTIONS: readonly string[] = [
  'CHECKCALLSUP', 'SUPPRESSCALL', 'PERMITCALL', 'LOCATE',
];

export interface BuiltGraph {
  graph: ScriptGraph;
  diagnostics: Diagnostic[];
  /** Definition of each action that resolved, by label (unknown types are left out). */
  definitions: Map<string, ActionDefinition>;
  /** Labels of actions with a rejected branch (their routing warnings would only repeat the error). */
  branchErrors: Set<string>;
}

export function buildGraph(ast: ScriptAst, registry: ActionRegistry): BuiltGraph {
  const diagnostics: Diagnostic[] = [];
  const definitions = new Map<string, ActionDefinition>();
  const branchErrors = new Set<string>();
  let mediaType: MediaType = 'Generic';
  if (ast.mediaType) {
    const written = ast.mediaType.text;
    const found = MEDIA_TYPES.find((m) => m.toLowerCase() === written.toLowerCase());
    if (found) mediaType = found;
    else {
      const hint = didYouMean(written, MEDIA_TYPES);
      diagnostics.push(
        diagnostic(
          'E-GRAPH-MEDIA-TYPE',
          `unknown media type '${written}'${hint ? `; did you mean ${hint}?` : ''} (one of ${MEDIA_TYPES.join(', ')})`,
          ast.mediaType.span,
        ),
      );
    }
  }
  const actions: ActionNode[] = [];
  for (const a of ast.actions) {
    const def = resolveType(a, registry, diagnostics);
    // First action wins for a duplicated label, as in validation (the duplicate is an error there).
    if (def && !definitions.has(a.label.text)) definitions.set(a.label.text, def);
    const before = diagnostics.length;
    const node = buildAction(a, def, registry, diagnostics);
    if (node.branches.length < a.branches.length || diagnostics.slice(before).some((d) => d.code.endsWith('-BRANCH'))) branchErrors.add(a.label.text);
    actions.push(node);
  }
  const begins = actions.filter((n) => n.type === 'BEGIN');
  const graph: ScriptGraph = { name: ast.name.text, mediaType, file: ast.file, begin: begins[0]?.label ?? '', actions };
  if (ast.studio) {
    const studio = buildStudioMeta(ast.studio, new Set(actions.map((a) => a.label)));
    graph.studio = studio.meta;
    diagnostics.push(...studio.diagnostics);
  }
  return { graph, diagnostics, definitions, branchErrors };
}

function resolveType(a: ActionAst, registry: ActionRegistry, ds: Diagnostic[]): ActionDefinition | undefined {
  const type = typeName(a);
  const def = registry.lookup(type, a.version?.value);
  if (def) return def;
  const written = a.version ? `${type} v${a.version.value}` : type;
  const span = { ...a.typeWords[0]!.span };
  const last = a.version?.span ?? a.typeWords[a.typeWords.length - 1]!.span;
  span.length = (last.offset ?? 0) + (last.length ?? 1) - (span.offset ?? 0);
  const kept = 'it is kept as written (an opaque action), and a run that reaches it needs a stub';
  // `IF TRUE -> x` reads TRUE as part of the type: a slip in the script, not an action Studio has.
  const prefix = a.typeWords.length > 1 ? registry.lookup(a.typeWords.slice(0, -1).map((w) => w.text).join(' ')) : undefined;
  if (prefix) {
    const branch = titleCase(a.typeWords[a.typeWords.length - 1]!.text);
    ds.push(diagnostic('E-GRAPH-UNKNOWN-ACTION', `unknown action type '${written}' (branch names are written in their Studio spelling, e.g. ${branch} -> label)`, span));
    return undefined;
  }
  let why: string;
  if (NOT_EMULATED_ACTIONS.includes(type)) why = `${written} is a Studio action the emulator does not run yet`;
  else if (a.version && registry.lookup(type)) {
    const base = registry.lookup(type)!;
    why = `the emulator does not run ${written} (${base.version === undefined ? `${base.type} has no versions` : `it runs ${base.type} v${base.version}`})`;
  } else {
    const hint = registry.suggestType(written)?.replace(/ V(\d+)$/, ' v$1');
    why = `unknown action type '${written}'${hint ? ` (did you mean ${hint}?)` : ''}`;
  }
  ds.push(diagnostic('W-OPAQUE-ACTION', `${why}: ${kept}`, span, 'warning'));
  return undefined;
}

const titleCase = (w: string): string => w.charAt(0) + w.slice(1).toLowerCase();

/**
 * The canonical name of a property that is a position of the action's Studio
 * table the emulator keeps without using: a named one (`Publish`), or `P<n>`
 * for a position whose meaning is not known.
 */
function studioPosition(def: ActionDefinition, name: string): string | undefined {
  const params = studioSpecOf(def)?.params ?? [];
  const low = name.toLowerCase();
  for (const [i, p] of params.entries()) {
    if (typeof p === 'object' && 'studio' in p && !p.prop && p.studio.toLowerCase() === low) return p.studio;
    if (typeof p === 'object' && 'unknown' in p && low === `p${i + 1}`) return `P${i + 1}`;
  }
  return undefined;
}

function buildAction(a: ActionAst, def: ActionDefinition | undefined, registry: ActionRegistry, ds: Diagnostic[]): ActionNode {
  const type = def?.type ?? typeName(a);
  const props: Record<string, PropValue> = {};
  const seen = new Map<string, string>();
  for (const p of a.props) {
    const value = toPropValue(p.value);
    if (!def) {
      // An opaque action keeps every property as written; only a repeated name is a mistake.
      if (seen.has(p.name.text.toLowerCase())) ds.push(diagnostic('E-SCHEMA-DUPLICATE-PROP', `property ${p.name.text} is set twice in '${a.label.text}'`, p.name.span));
      else (seen.set(p.name.text.toLowerCase(), p.name.text), (props[p.name.text] = value));
      continue;
    }
    const resolved = registry.prop(def, p.name.text);
    const kept = resolved ? undefined : studioPosition(def, p.name.text);
    if (kept) {
      // A position Studio writes that the emulator keeps for export but never interprets (ASSIGN's Publish).
      if (seen.has(kept)) ds.push(diagnostic('E-SCHEMA-DUPLICATE-PROP', `property ${kept} is set twice in '${a.label.text}'`, p.name.span));
      else (seen.set(kept, p.name.text), (props[kept] = value));
      continue;
    }
    if (!resolved) {
      const names = [...registry.props(def).values()].map((r) => r.name);
      const hint = didYouMean(p.name.text, names);
      const known = names.length === 0 ? `${type} has no properties` : hint ? `did you mean ${hint}?` : `its properties: ${names.join(', ')}`;
      ds.push(diagnostic('E-SCHEMA-UNKNOWN-PROP', `${type} has no property '${p.name.text}'; ${known}`, p.name.span));
      continue;
    }
    if (seen.has(resolved.name)) {
      ds.push(diagnostic('E-SCHEMA-DUPLICATE-PROP', `property ${resolved.name} is set twice in '${a.label.text}'`, p.name.span));
      continue;
    }
    seen.set(resolved.name, p.name.text);
    const checked = checkProp(`${type} ${resolved.name}`, resolved.spec, value);
    ds.push(...checked.diagnostics);
    props[resolved.name] = checked.value;
  }
  if (def) {
    for (const r of registry.props(def).values())
      if (r.spec.required && !seen.has(r.name))
        ds.push(diagnostic('E-SCHEMA-MISSING-PROP', `${type} '${a.label.text}' needs property ${r.name}`, a.label.span));
  }
  const node: ActionNode = {
    label: a.label.text,
    type,
    caption: a.caption?.value ?? (def ? actionTypeName(def) : type),
    props,
    branches: buildBranches(a, def, registry, ds),
    span: a.span,
  };
  if (def?.version !== undefined) node.version = def.version;
  else if (!def && a.version) node.version = a.version.value;
  if (!def) node.opaque = true;
  if (a.snippet) node.snippet = { code: a.snippet.code, span: a.snippet.span };
  return node;
}

function buildBranches(a: ActionAst, def: ActionDefinition | undefined, registry: ActionRegistry, ds: Diagnostic[]): BranchEdge[] {
  const edges: BranchEdge[] = [];
  const seen = new Set<string>();
  for (const b of a.branches) {
    const edge = branchEdge(b, a, def, registry, ds);
    if (!edge) continue;
    const key = edge.isValue ? `value:${edge.name}` : edge.name.toLowerCase();
    if (seen.has(key)) {
      ds.push(diagnostic('E-GRAPH-DUPLICATE-BRANCH', `branch ${edge.isValue ? JSON.stringify(edge.name) : edge.name} of '${a.label.text}' is routed twice`, b.span));
      continue;
    }
    seen.add(key);
    edges.push(edge);
  }
  return edges;
}

function branchEdge(b: BranchAst, a: ActionAst, def: ActionDefinition | undefined, registry: ActionRegistry, ds: Diagnostic[]): BranchEdge | undefined {
  const target = b.target.text;
  if (b.kind === 'value') {
    if (def && !def.valueBranches) {
      ds.push(diagnostic('E-GRAPH-UNKNOWN-BRANCH', `${def.type} has no value branches; ${branchList(def)}`, b.value.span));
      return undefined;
    }
    const name = b.value.kind === 'string' ? b.value.value : b.value.raw;
    return { name, target, isValue: true, span: b.span };
  }
  const written = b.kind === 'default' ? 'Default' : b.name.text;
  const span = b.kind === 'default' ? b.span : b.name.span;
  if (!def) return { name: written, target, span: b.span };
  const canonical = registry.branch(def, written);
  if (canonical) return { name: canonical, target, span: b.span };
  // Studio spells error branches two ways (SNIPPET's Error, RUNSUB's OnError): the other spelling is that branch.
  const low = written.toLowerCase();
  const other = low === 'error' || low === 'onerror' ? def.errorBranch : undefined;
  if (other) {
    ds.push(diagnostic('W-BRANCH-SPELLING', `${def.type}'s error branch is ${other}; '${written}' is read as ${other}`, span, 'warning'));
    return { name: other, target, span: b.span };
  }
  if (def.branches.length === 0) {
    ds.push(diagnostic('E-GRAPH-UNKNOWN-BRANCH', `${def.type} ends the script and has no branches`, span));
    return undefined;
  }
  const hint = didYouMean(written, def.branches);
  const valueHint = def.valueBranches ? `; write ${def.type} values as strings or numbers, e.g. "${written}" -> ${target}` : '';
  ds.push(
    diagnostic(
      'E-GRAPH-UNKNOWN-BRANCH',
      b.kind === 'default'
        ? `${def.type} has no Default branch (write the outcome's name before '->'); ${branchList(def)}`
        : `${def.type} has no branch '${written}'${hint ? `; did you mean ${hint}?` : `; ${branchList(def)}`}${valueHint}`,
      span,
    ),
  );
  return undefined;
}

const branchList = (def: ActionDefinition): string => `its branches: ${def.branches.join(', ')}`;
