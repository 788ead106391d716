// The runtime's view of a loaded script folder: finds scripts by name (only
// inside the folder) and prepares each action once — its definition, compiled
// properties and branch table — so a step is a few map lookups.
import { opaqueDefinition } from '../actions/opaque.js';
import type { ActionDefinition, PropSpec } from '../actions/define.js';
import { actionTypeName, actionTypeKey, builtinRegistry, type ActionRegistry } from '../actions/registry.js';
import type { CompiledAction, CompiledProp } from '../graph/compiled.js';
import type { ActionNode, ScriptGraph } from '../contract/script-graph.js';
import type { LoadedScript, ScriptSet } from '../graph/script-set.js';
import { traceSite, type TraceSite } from './trace-writer.js';

/**
 * What a runtime runs: a ScriptSet from loadFolder. A set built by hand (from
 * loadScriptText results) may leave out `folder`, `diagnostics` and `registry`
 * (then the built-in actions).
 */
export type RuntimeScripts = Pick<ScriptSet, 'scripts'> & Partial<Omit<ScriptSet, 'scripts'>>;

/** A property of an action with what the runtime needs to evaluate it. */
export interface PreparedProp {
  name: string;
  spec: PropSpec;
  compiled: CompiledProp | undefined;
  output: boolean;
}

/** What evaluateProps does for one action: the values that never change, and the properties to evaluate each time. */
export interface PropPlan {
  base: Record<string, unknown>;
  dynamic: PreparedProp[];
  needsCheck: boolean;
}

export interface PreparedAction {
  node: ActionNode;
  def: ActionDefinition;
  /** `Script.label`, as it appears in `path`. */
  where: string;
  /** The script's display name. */
  script: string;
  /** `TYPE` or `TYPE VN`: the registry key, as RunState.actionTypes records it. */
  typeKey: string;
  /** What its action.enter and action.exit show besides their data (`actionType`: `TYPE` or `TYPE vN`). */
  site: TraceSite;
  compiled: CompiledAction;
  props: PreparedProp[];
  /** Outputs: output name -> index into props of its variable property. */
  outputs: Map<string, string>;
  /** Lowercase branch name -> target label. */
  edges: Map<string, string>;
  defaultTarget: string | undefined;
  /** True when every property is a literal (no substitution): its evaluated props are computed once. */
  isStatic: boolean;
  /** Cached by evaluateProps: the evaluated properties of a static action, and the evaluation plan of the others. */
  staticProps?: Record<string, unknown>;
  propPlan?: PropPlan;
}

export interface PreparedScript {
  key: string;
  graph: ScriptGraph;
  begin: string;
  actions: Map<string, PreparedAction>;
}

const NAME_OK = /^[^/\\]+$/;

/**
 * Prepared scripts by registry and loaded script, shared by every runtime of
 * the same folder: a runtime per call (one contact each) would otherwise
 * prepare every action again, and lose the evaluation plans cached on them.
 * A prepared script depends only on the loaded script and the registry.
 */
const shared = new WeakMap<ActionRegistry, WeakMap<LoadedScript, PreparedScript>>();

export class ScriptCatalog {
  private readonly prepared = new Map<string, PreparedScript>();
  readonly registry: ActionRegistry;

  constructor(
    readonly set: RuntimeScripts,
    registry?: ActionRegistry,
  ) {
    this.registry = registry ?? set.registry ?? builtinRegistry();
  }

  names(): string[] {
    return [...this.set.scripts.values()].map((s) => s.graph.name);
  }

  /** Finds a script by name, case-insensitively; returns an error message when it cannot. */
  resolve(name: string): PreparedScript | string {
    // Frames hold the lowercase key: the common case is one map lookup.
    const known = this.prepared.get(name);
    if (known) return known;
    const trimmed = name.trim();
    if (!trimmed) return 'No script name given';
    if (!NAME_OK.test(trimmed) || trimmed.includes('..'))
      return `Script name "${trimmed}" must be a plain name: scripts resolve only inside the script folder`;
    const key = trimmed.toLowerCase();
    const cached = this.prepared.get(key);
    if (cached) return cached;
    const loaded = this.set.scripts.get(key);
    if (!loaded) return `Script "${trimmed}" not found in the script folder`;
    let byScript = shared.get(this.registry);
    if (!byScript) shared.set(this.registry, (byScript = new WeakMap()));
    let prepared = byScript.get(loaded);
    if (!prepared || prepared.key !== key) byScript.set(loaded, (prepared = this.prepare(key, loaded)));
    this.prepared.set(key, prepared);
    return prepared;
  }

  private prepare(key: string, loaded: LoadedScript): PreparedScript {
    const actions = new Map<string, PreparedAction>();
    for (const node of loaded.graph.actions) {
      const def = node.opaque ? opaqueDefinition(node, `${loaded.graph.name}.${node.label}`) : this.registry.lookup(node.type, node.version);
      if (!def) throw new Error(`Action ${loaded.graph.name}.${node.label}: unknown action type ${node.type}`);
      const compiled = loaded.compiled.get(node.label) ?? { props: new Map() };
      const props: PreparedProp[] = [];
      const outputs = new Map<string, string>();
      let isStatic = true;
      for (const rp of this.registry.props(def).values()) {
        const c = compiled.props.get(rp.name);
        props.push({ name: rp.name, spec: rp.spec, compiled: c, output: !!rp.output });
        if (c && !isLiteral(c)) isStatic = false;
      }
      for (const out of Object.keys(def.outputs ?? {})) outputs.set(out, out);
      const edges = new Map<string, string>();
      for (const b of node.branches) if (!edges.has(b.name.toLowerCase())) edges.set(b.name.toLowerCase(), b.target);
      actions.set(node.label, {
        node,
        def,
        where: `${loaded.graph.name}.${node.label}`,
        script: loaded.graph.name,
        typeKey: actionTypeKey(def),
        site: traceSite(loaded.graph.name, node.label, actionTypeName(def), node.caption),
        compiled,
        props,
        outputs,
        edges,
        defaultTarget: edges.get('default'),
        isStatic,
      });
    }
    const begin = loaded.graph.begin || loaded.graph.actions.find((a) => a.type === 'BEGIN')?.label || loaded.graph.actions[0]?.label || '';
    return { key, graph: loaded.graph, begin, actions };
  }
}

function isLiteral(c: CompiledProp): boolean {
  if (c.kind === 'literal' || c.kind === 'variable') return true;
  if (c.kind === 'list') return c.items.every(isLiteral);
  if (c.kind === 'prompt') return c.templates.every((t) => t === null);
  return false;
}
