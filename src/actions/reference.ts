// The action reference as data, read off the `defineAction` definitions: what
// docs/actions/ and `studio-script actions` show for each action (properties
// with kinds and defaults, outputs, branches, messages, Studio's parameter
// order, the source of the behaviour). Nothing here is written by hand, so
// the reference cannot drift from what the loader and the runtime accept.
import { ACTION_FAMILIES, type ActionFamily } from './all.js';
import type { ActionDefinition, PropSpec } from './define.js';
import { builtinRegistry, type ActionRegistry } from './registry.js';
import { studioSpecOf, type StudioSpec } from './studio-spec.js';

export interface PropReference {
  name: string;
  /** The kind in words: `text`, `number (whole, at least 1)`, `one of String, Numeric, Datetime`… */
  kind: string;
  required: boolean;
  /** The default as it would be written in a `.script` file. */
  default?: string;
  description?: string;
}

export interface OutputReference {
  name: string;
  /** The variable written when the script does not name one. */
  variable: string;
  /** The shape of the value, in words, when the action declares it. */
  value?: string;
}

export interface ActionReference {
  /** `ASSIGN`, `CREATEPROSPECTS v2`. */
  name: string;
  type: string;
  version?: number;
  aliases: string[];
  family: { id: string; title: string };
  description: string;
  props: PropReference[];
  outputs: OutputReference[];
  branches: string[];
  errorBranch?: string;
  /** CASE-like: a branch name that is not one of `branches` is a value to match. */
  valueBranches: boolean;
  messages: { id: string; text: string }[];
  /** Properties whose values never appear in traces. */
  secret: string[];
  /** Studio's parameter order (what `studio-script import` reads and `export` writes), with its evidence. */
  studio?: StudioReference;
  /** An event action: the contact event it handles (docs/phone.md). */
  event?: string;
  /** Plays to or listens to the caller: nothing plays once the call is released. */
  media: boolean;
  /** For actions that start another script: the property naming it and how it runs. */
  callsScript?: { prop: string; mode: 'call' | 'replace' | 'spawn' };
  /** Where the emulated behaviour comes from. */
  source?: string;
}

export const actionName = (def: Pick<ActionDefinition, 'type' | 'version'>): string => def.type + (def.version !== undefined ? ` v${def.version}` : '');

/** The reference of every action, family by family, in the order the families list them. */
export function actionReferences(families: readonly ActionFamily[] = ACTION_FAMILIES, registry: ActionRegistry = builtinRegistry()): ActionReference[] {
  return families.flatMap((family) => family.actions.map((def) => actionReference(def, family, registry)));
}

export function actionReference(def: ActionDefinition, family: Pick<ActionFamily, 'id' | 'title'>, registry: ActionRegistry = builtinRegistry()): ActionReference {
  const outputs = Object.entries(def.outputs ?? {}) as [string, string][];
  const outputNames = new Set(outputs.map(([name]) => name.toLowerCase()));
  const props = [...registry.props(def).values()]
    .filter((p) => !p.output && !outputNames.has(p.name.toLowerCase()))
    .map(({ name, spec }): PropReference => {
      const row: PropReference = { name, kind: kindOf(spec), required: spec.required === true };
      const dflt = defaultOf(spec);
      if (dflt !== undefined) row.default = dflt;
      if (spec.description) row.description = spec.description;
      return row;
    });
  const schemas = (def.outputSchemas ?? {}) as Record<string, object | undefined>;
  const ref: ActionReference = {
    name: actionName(def),
    type: def.type,
    aliases: [...(def.aliases ?? [])],
    family: { id: family.id, title: family.title },
    description: def.description,
    props,
    outputs: outputs.map(([name, variable]) => {
      const schema = schemas[name];
      return schema ? { name, variable, value: describeSchema(schema) } : { name, variable };
    }),
    branches: [...def.branches],
    valueBranches: def.valueBranches === true,
    messages: Object.entries(def.messages ?? {}).map(([id, text]) => ({ id, text: text as string })),
    secret: [...(def.secretProps ?? [])],
    media: def.media === true,
  };
  const studio = studioSpecOf(def);
  if (studio) ref.studio = studioReference(studio);
  if (def.event !== undefined) ref.event = def.event;
  if (def.version !== undefined) ref.version = def.version;
  if (def.errorBranch !== undefined) ref.errorBranch = def.errorBranch;
  if (def.callsScript) ref.callsScript = { prop: def.callsScript.prop, mode: def.callsScript.mode };
  if (def.source) ref.source = def.source;
  return ref;
}

export interface StudioReference {
  evidence: StudioSpec['evidence'];
  /** Each position in Studio's order, in words: `Variable`, `Publish (kept, not interpreted)`, `P2 (meaning unknown)`. */
  params: string[];
  /** The list property that takes every further position. */
  rest?: string;
  /** Named branches in Studio's order (a branch's index in exports). */
  branches?: string[];
  source?: string;
}

/** Studio's parameter order in one sentence, shared by the pages and the terminal view. */
export function studioOrderText(s: StudioReference, name: (s: string) => string = (s) => s): string {
  const from = s.source ? `${s.evidence}: ${s.source}` : s.evidence;
  if (s.evidence === 'unknown') return `not known (${from}); CXone Studio JSON imports it by name, XML as P1, P2… with a warning.`;
  const order = s.params.length ? s.params.map(name).join(', ') : 'no parameters';
  const rest = s.rest ? `, then one position per item of ${name(s.rest)}` : '';
  const branches = s.branches ? ` Branches in Studio's order: ${s.branches.map(name).join(', ')}.` : '';
  return `${order}${rest} (${from}).${branches}`;
}

function studioReference(spec: StudioSpec): StudioReference {
  const params = spec.params.map((p, i) => {
    if (typeof p === 'string') return p;
    if ('unknown' in p) return `P${i + 1} (meaning unknown)`;
    return p.prop && p.prop !== p.studio ? `${p.studio} (property ${p.prop})` : p.prop ? p.studio : `${p.studio} (kept, not interpreted)`;
  });
  const ref: StudioReference = { evidence: spec.evidence, params };
  if (spec.rest) ref.rest = spec.rest;
  if (spec.branches) ref.branches = [...spec.branches];
  if (spec.source) ref.source = spec.source;
  return ref;
}

/** Finds an action by any spelling the loader accepts: `assign`, `CREATEPROSPECTS v2`, `CREATEPROSPECT2`. */
export function findAction(name: string, registry: ActionRegistry = builtinRegistry()): ActionDefinition | undefined {
  // Split on whitespace rather than one pattern: a pattern that finds the last word backtracks on long runs of spaces.
  const words = name.trim().split(/\s+/);
  const last = words.length > 1 ? words[words.length - 1]! : '';
  const versioned = /^v\d+$/i.test(last) ? registry.lookup(words.slice(0, -1).join(' '), Number(last.slice(1))) : undefined;
  return versioned ?? registry.lookup(name);
}

export function kindOf(spec: PropSpec): string {
  switch (spec.kind) {
    case 'text':
      return spec.maxLength === undefined ? 'text' : `text (at most ${spec.maxLength} characters)`;
    case 'number': {
      const limits = [spec.integer ? 'whole' : '', spec.min !== undefined ? `at least ${spec.min}` : '', spec.max !== undefined ? `at most ${spec.max}` : ''].filter(Boolean);
      return limits.length ? `number (${limits.join(', ')})` : 'number';
    }
    case 'boolean':
      return 'true or false';
    case 'enum':
      return `one of ${spec.values.join(', ')}`;
    case 'list':
      return `list of ${spec.of === 'variable' ? 'variable names' : spec.of === 'text' ? 'texts' : 'values'}`;
    case 'variable':
      return 'variable name';
    case 'expression':
      return 'expression';
    case 'value':
      return 'value';
    case 'prompt':
      return 'prompt sequence ("%text", "file.wav", {var}; docs/phone.md)';
  }
}

function defaultOf(spec: PropSpec): string | undefined {
  if (!('default' in spec) || spec.default === undefined) return undefined;
  const d = spec.default;
  // Enum values and variable names are written bare in scripts; text in quotes.
  if (spec.kind === 'enum' || spec.kind === 'variable') return String(d);
  return JSON.stringify(d);
}

/** A JSON Schema of an output in a few words: `whole number ≥ 0`, `object with SuccessfulRecords (list), FailedRecords (list)`. */
export function describeSchema(schema: object): string {
  const s = schema as { type?: string | string[]; minimum?: number; properties?: Record<string, object>; items?: object };
  const types = Array.isArray(s.type) ? s.type : s.type ? [s.type] : [];
  const word = (t: string): string => ({ integer: 'whole number', number: 'number', string: 'text', boolean: 'true or false', array: 'list', object: 'object', null: 'null' })[t] ?? t;
  let text = types.length ? types.map(word).join(' or ') : 'any value';
  if (s.minimum !== undefined) text += ` ≥ ${s.minimum}`;
  if (s.items && types.includes('array')) text += ` of ${describeSchema(s.items)}s`;
  const props = Object.entries(s.properties ?? {});
  if (props.length) text += ` with ${props.map(([name, p]) => `${name} (${describeSchema(p)})`).join(', ')}`;
  return text;
}
