// Rules Studio states across the actions of a script, checked at load time:
// WORKFLOWDATA needs its profile declared DYNAMIC in a SNIPPET (a script
// without it does not compile), dynamic objects cannot be passed as RUNSUB or
// SPAWN parameters or a RETURN value (pass their JSON text), and a bare
// ScriptName reads a variable. What a script declares and assigns comes from
// its SNIPPET code, its ASSIGN actions, BEGIN's parameter names and outputs.
import type { ActionDefinition } from '../actions/define.js';
import { diagnostic, type Diagnostic } from '../contract/diagnostics.js';
import type { ActionNode, PropValue, ScriptGraph } from '../contract/script-graph.js';
import { snippetFacts } from '../snippet/facts.js';

export interface ScriptFacts {
  /** Variables holding dynamic objects: DYNAMIC in a snippet, a WORKFLOWDATA profile, an object output. */
  dynamics: Map<string, string>;
  /** Variables the script sets anywhere (lowercase). */
  assigned: Set<string>;
}

const lower = (s: string): string => s.replace(/^global:/i, '').toLowerCase();

/** A value that is one variable: a bare path's root, or `"{x}"` alone. */
function variableOf(v: PropValue | undefined): string | undefined {
  if (!v) return undefined;
  if (v.kind === 'path') return /[.[]/.test(v.path) ? undefined : lower(v.path);
  if (v.kind === 'string') {
    const m = /^\{\s*((?:global:)?[A-Za-z_][A-Za-z0-9_$]*)\s*\}$/i.exec(v.value);
    return m ? lower(m[1]!) : undefined;
  }
  return undefined;
}

/** A string without substitutions, trimmed. */
const literalText = (v: PropValue | undefined): string | undefined => (v?.kind === 'string' && !v.value.includes('{') ? v.value.trim() : undefined);

/** Where each variable of the script comes from; reads SNIPPET code only when asked. */
export function scriptFacts(graph: ScriptGraph, definitions: Map<string, ActionDefinition>): ScriptFacts {
  const facts: ScriptFacts = { dynamics: new Map(), assigned: new Set() };
  for (const a of graph.actions) {
    if (a.snippet) {
      const f = snippetFacts(a.snippet.code);
      for (const d of f.dynamics) facts.dynamics.set(d, `DYNAMIC ${d} in SNIPPET '${a.label}'`);
      for (const v of f.assigned) facts.assigned.add(v);
    }
    const def = definitions.get(a.label);
    if (!def) continue;
    if (a.type === 'ASSIGN') {
      const v = variableOf(a.props.Variable) ?? literalText(a.props.Variable)?.toLowerCase();
      if (v) facts.assigned.add(lower(v));
    }
    if (a.type === 'BEGIN') for (const item of listItems(a.props.Parameters)) facts.assigned.add(lower(item));
    if (a.type === 'WORKFLOWDATA') {
      const profile = literalText(a.props.ProfileName);
      if (profile) (facts.assigned.add(profile.toLowerCase()), facts.dynamics.set(profile.toLowerCase(), `the WORKFLOWDATA profile of '${a.label}'`));
    }
    for (const [name, dflt] of Object.entries(def.outputs ?? {})) {
      const target = variableOf(a.props[name]) ?? literalText(a.props[name])?.toLowerCase() ?? String(dflt).toLowerCase();
      facts.assigned.add(lower(target));
      const schema = def.outputSchemas?.[name] as { type?: string | string[] } | undefined;
      const types = schema?.type === undefined ? [] : Array.isArray(schema.type) ? schema.type : [schema.type];
      if (types.includes('object') || types.includes('array')) facts.dynamics.set(lower(target), `the ${name} output of '${a.label}'`);
    }
  }
  return facts;
}

function listItems(v: PropValue | undefined): string[] {
  if (!v) return [];
  if (v.kind === 'list') return v.items.flatMap((i) => (i.kind === 'path' ? [i.path] : i.kind === 'string' ? [i.value] : []));
  if (v.kind === 'string') return v.value.split(/[|\n]/).map((s) => s.trim()).filter(Boolean);
  return v.kind === 'path' ? [v.path] : [];
}

/** The rules of one script. */
export function checkStudioRules(graph: ScriptGraph, definitions: Map<string, ActionDefinition>): Diagnostic[] {
  const relevant = graph.actions.some((a) => definitions.has(a.label) && (a.type === 'WORKFLOWDATA' || a.type === 'RETURN' || ((a.type === 'RUNSUB' || a.type === 'SPAWN') && a.props.Parameters)));
  if (!relevant) return [];
  const facts = scriptFacts(graph, definitions);
  const declared = new Set(graph.actions.flatMap((a) => (a.snippet ? [...snippetFacts(a.snippet.code).dynamics] : [])));
  const ds: Diagnostic[] = [];
  for (const a of graph.actions) {
    if (!definitions.has(a.label)) continue;
    if (a.type === 'WORKFLOWDATA') {
      const prop = a.props.ProfileName;
      const profile = literalText(prop);
      if (prop && profile && !declared.has(profile.toLowerCase()))
        ds.push(
          diagnostic(
            'E-WORKFLOWDATA-DYNAMIC',
            `WORKFLOWDATA loads profile ${profile} into a dynamic object, which Studio only compiles when a SNIPPET of the script declares it: add DYNAMIC ${profile}`,
            prop.span,
          ),
        );
    }
    for (const [value, what] of passed(a)) {
      const name = variableOf(value);
      const origin = name ? facts.dynamics.get(name) : undefined;
      if (name && origin)
        ds.push(
          diagnostic(
            'W-DYNAMIC-PASSED',
            `${a.type} '${a.label}': ${name} is a dynamic object (${origin}), which Studio cannot pass as ${what}; pass its text, "{${name}.asjson()}", and parse it on the other side`,
            value.span,
            'warning',
          ),
        );
    }
  }
  return ds;
}

/** The values an action hands to another script: RUNSUB/SPAWN parameters, a RETURN value. */
function passed(a: ActionNode): [PropValue, string][] {
  if (a.type === 'RETURN' && a.props.ReturnValue) return [[a.props.ReturnValue, 'a RETURN value']];
  if ((a.type === 'RUNSUB' || a.type === 'SPAWN') && a.props.Parameters) {
    const p = a.props.Parameters;
    return (p.kind === 'list' ? p.items : [p]).map((v) => [v, `a ${a.type} parameter`] as [PropValue, string]);
  }
  return [];
}

/**
 * A RUNSUB / RUNSCRIPT / SPAWN whose ScriptName is written bare (`ScriptName =
 * Billing`) reads the variable Billing. When the script never sets that
 * variable and a script has that name, the quotes were surely forgotten.
 */
export function bareScriptName(a: ActionNode, propName: string, facts: () => ScriptFacts, scriptNames: ReadonlyMap<string, string>): Diagnostic | undefined {
  const prop = a.props[propName];
  if (prop?.kind !== 'path' || /[.[]/.test(prop.path) || /^global:/i.test(prop.path)) return undefined;
  const script = scriptNames.get(prop.path.toLowerCase());
  if (!script || facts().assigned.has(prop.path.toLowerCase())) return undefined;
  return diagnostic(
    'W-SCRIPT-NAME-BARE',
    `${a.type} '${a.label}': ${propName} = ${prop.path} reads the variable ${prop.path}, which this script never sets; write "${script}" to call the script ${script}`,
    prop.span,
    'warning',
  );
}
