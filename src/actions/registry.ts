// The action registry: looks actions up by type words (+ version, aliases),
// derives each action's JSON Schema from its property kinds and compiles it
// once, lazily, with a single Ajv instance (start-up stays fast).
import type { ValidateFunction } from 'ajv';
import { createRequire } from 'node:module';
import { didYouMean } from '../contract/diagnostics.js';
import { VARIABLE_NAME } from '../contract/variables.js';
import { BUILTIN_ACTIONS } from './all.js';
import type { ActionDefinition, PropSpec } from './define.js';

export interface ResolvedProp {
  /** Canonical spelling. */
  name: string;
  spec: PropSpec;
  /** True when the property names the variable an output is written to. */
  output?: boolean;
}

const keyOf = (type: string, version?: number): string =>
  version === undefined ? type.toUpperCase() : `${type.toUpperCase()} V${version}`;

/** How messages, traces and pictures name an action type: `ASSIGN`, `CREATEPROSPECTS v2`. */
export const actionTypeName = (a: { type: string; version?: number }): string => (a.version === undefined ? a.type : `${a.type} v${a.version}`);

/** An action's type key (`ASSIGN`, `CREATEPROSPECTS V2`): how run state records which action types ran. */
export const actionTypeKey = (def: Pick<ActionDefinition, 'type' | 'version'>): string => keyOf(def.type, def.version);

export class ActionRegistry {
  private readonly byKey = new Map<string, ActionDefinition>();
  private readonly propsByDef = new Map<ActionDefinition, Map<string, ResolvedProp>>();
  private readonly validators = new Map<ActionDefinition, ValidateFunction>();
  readonly definitions: readonly ActionDefinition[];

  constructor(definitions: readonly ActionDefinition[]) {
    this.definitions = definitions;
    for (const def of definitions) {
      checkDefinition(def);
      this.byKey.set(keyOf(def.type, def.version), def);
      for (const alias of def.aliases ?? []) this.byKey.set(keyOf(alias), def);
      // An unversioned spelling finds the only version when there is just one.
      if (def.version !== undefined && !this.byKey.has(keyOf(def.type))) this.byKey.set(keyOf(def.type), def);
    }
  }

  /** A registry with extra (user-defined) actions; theirs win on a name clash. */
  with(extra: readonly ActionDefinition[]): ActionRegistry {
    return extra.length === 0 ? this : new ActionRegistry([...this.definitions, ...extra]);
  }

  lookup(type: string, version?: number): ActionDefinition | undefined {
    return this.byKey.get(keyOf(type.replace(/\s+/g, ' ').trim(), version));
  }

  /** The action of a type key (actionTypeKey), as run state records it. */
  lookupKey(key: string): ActionDefinition | undefined {
    return this.byKey.get(key);
  }

  /** Every accepted spelling, for "did you mean". */
  typeNames(): string[] {
    return [...this.byKey.keys()];
  }

  suggestType(type: string): string | undefined {
    return didYouMean(type, this.typeNames());
  }

  /** Properties by lowercase name: declared props plus one `variable` prop per output. */
  props(def: ActionDefinition): Map<string, ResolvedProp> {
    let props = this.propsByDef.get(def);
    if (!props) {
      props = new Map();
      for (const [name, spec] of Object.entries(def.props)) props.set(name.toLowerCase(), { name, spec });
      for (const [name, dflt] of Object.entries(def.outputs ?? {})) {
        if (!props.has(name.toLowerCase()))
          props.set(name.toLowerCase(), { name, spec: { kind: 'variable', default: dflt as string }, output: true });
      }
      this.propsByDef.set(def, props);
    }
    return props;
  }

  prop(def: ActionDefinition, name: string): ResolvedProp | undefined {
    return this.props(def).get(name.toLowerCase());
  }

  /** Finds a branch by name, case-insensitively; returns its canonical spelling. */
  branch(def: ActionDefinition, name: string): string | undefined {
    const lower = name.toLowerCase();
    return def.branches.find((b) => b.toLowerCase() === lower);
  }

  jsonSchema(def: ActionDefinition): object {
    return actionJsonSchema(def, this.props(def));
  }

  /** The compiled validator of evaluated properties (compiled on first use). */
  validator(def: ActionDefinition): ValidateFunction {
    let v = this.validators.get(def);
    if (!v) {
      const schema = this.jsonSchema(def) as { $id: string };
      // Another registry (builtin vs `with(extra)`) may have compiled a schema with this $id:
      // drop the key (its compiled validator keeps working) so the shared Ajv accepts this one.
      ajv().removeSchema(schema.$id);
      v = ajv().compile(schema);
      this.validators.set(def, v);
    }
    return v;
  }
}

let sharedAjv: import('ajv').default | undefined;
function ajv(): import('ajv').default {
  if (!sharedAjv) {
    // Ajv is CommonJS; createRequire keeps its load off the start-up path until a validator is needed.
    const Ajv = createRequire(import.meta.url)('ajv') as typeof import('ajv').default;
    sharedAjv = new Ajv({ allErrors: true, strict: false, useDefaults: false });
  }
  return sharedAjv;
}

export function propJsonSchema(spec: PropSpec): Record<string, unknown> {
  switch (spec.kind) {
    case 'text':
      return spec.maxLength === undefined ? { type: 'string' } : { type: 'string', maxLength: spec.maxLength };
    case 'number': {
      const s: Record<string, unknown> = { type: spec.integer ? 'integer' : 'number' };
      if (spec.min !== undefined) s.minimum = spec.min;
      if (spec.max !== undefined) s.maximum = spec.max;
      return s;
    }
    case 'boolean':
      return { type: 'boolean' };
    case 'enum':
      return { enum: [...spec.values] };
    case 'variable':
      return { type: 'string', pattern: VARIABLE_NAME.source };
    case 'list':
    case 'prompt':
      return { type: 'array' };
    case 'value':
    case 'expression':
      return {};
  }
}

function actionJsonSchema(def: ActionDefinition, props: Map<string, ResolvedProp>): object {
  const properties: Record<string, unknown> = {};
  const required: string[] = [];
  for (const { name, spec } of props.values()) {
    properties[name] = { ...propJsonSchema(spec), ...(spec.description ? { description: spec.description } : {}) };
    if (spec.required) required.push(name);
  }
  return {
    $id: `studio-script/actions/${def.type.replace(/\s+/g, '-').toLowerCase()}${def.version ? `-v${def.version}` : ''}`,
    title: def.type + (def.version ? ` v${def.version}` : ''),
    description: def.description,
    type: 'object',
    properties,
    required,
    additionalProperties: false,
  };
}

/** Catches definition mistakes at registry construction, not at a user's first run. */
function checkDefinition(def: ActionDefinition): void {
  const where = `action ${def.type}${def.version ? ` v${def.version}` : ''}`;
  if (!/^[A-Z][A-Z0-9_]*( [A-Z][A-Z0-9_]*)*$/.test(def.type)) throw new Error(`${where}: type must be UPPERCASE words`);
  if (def.errorBranch !== undefined && !def.branches.includes(def.errorBranch))
    throw new Error(`${where}: errorBranch ${def.errorBranch} is not one of its branches`);
  if (new Set(def.branches.map((b) => b.toLowerCase())).size !== def.branches.length) throw new Error(`${where}: duplicate branch`);
}

let builtin: ActionRegistry | undefined;
/** The registry of every built-in action (built on first use). */
export function builtinRegistry(): ActionRegistry {
  builtin ??= new ActionRegistry(BUILTIN_ACTIONS);
  return builtin;
}
