// The one typed helper every action module is built with (after ESLint's
// createRule): a property schema with kinds, output names, branch names,
// message templates and one `execute`. The registry turns `props` into a JSON
// Schema compiled once by Ajv; the loader checks literals against it and the
// runtime validates evaluated properties before `execute` runs.
import type { StudioSpec } from './studio-spec.js';
import type { Value } from '../contract/value.js';
import type { ActionContext, Outcome } from '../contract/action.js';
import type { RunEndContext } from '../contract/run-end.js';
import type { ContactEventType, HeardSegment } from '../contract/contact.js';

export type PropKind = 'text' | 'value' | 'expression' | 'variable' | 'number' | 'boolean' | 'enum' | 'list' | 'prompt';

interface PropBase {
  required?: boolean;
  /** One line for docs and `--help`-style listings. */
  description?: string;
}

export interface TextProp extends PropBase {
  kind: 'text';
  default?: string;
  maxLength?: number;
  /**
   * A rule the text must keep beyond its kind (DTMF's keys): the problem, or
   * undefined. The loader applies it to literal values (`E-SCHEMA-VALUE`);
   * `execute` applies it to values built at run time.
   */
  check?: (text: string) => string | undefined;
}
export interface ValueProp extends PropBase { kind: 'value'; default?: Value }
/** A snippet expression parsed at load time; `execute` receives its evaluated value. */
export interface ExpressionProp extends PropBase { kind: 'expression' }
/** The name of a variable the action writes (may carry `global:`); `execute` receives the name. */
export interface VariableProp extends PropBase { kind: 'variable'; default?: string }
export interface NumberProp extends PropBase { kind: 'number'; default?: number; min?: number; max?: number; integer?: boolean }
export interface BooleanProp extends PropBase { kind: 'boolean'; default?: boolean }
export interface EnumProp<V extends string = string> extends PropBase {
  kind: 'enum';
  values: readonly V[];
  default?: V;
  /** Studio's spelling of a value where it differs (`Limit2K` for 2K): accepted too, and what an export writes. */
  studio?: Readonly<Partial<Record<V, string>>>;
}
export interface ListProp extends PropBase { kind: 'list'; of: 'value' | 'variable' | 'text' }

/**
 * A prompt sequence (`"%text" "file.wav"`, or a list with one segment per item),
 * parsed and checked at load time; `execute` receives the segments as the
 * caller hears them, variables substituted.
 */
export interface PromptProp extends PropBase { kind: 'prompt' }

export type PropSpec = TextProp | ValueProp | ExpressionProp | VariableProp | NumberProp | BooleanProp | EnumProp | ListProp | PromptProp;

type Opts<P extends PropSpec> = Omit<P, 'kind'>;

// Each helper keeps the literal options it is given (`required: true`, a
// `default`), so PropsOf knows which properties `execute` always receives.
export const text = <const O extends Opts<TextProp> = {}>(o: O = {} as O): TextProp & O => ({ kind: 'text', ...o });
export const value = <const O extends Opts<ValueProp> = {}>(o: O = {} as O): ValueProp & O => ({ kind: 'value', ...o });
export const expression = <const O extends Opts<ExpressionProp> = {}>(o: O = {} as O): ExpressionProp & O => ({ kind: 'expression', ...o });
export const variable = <const O extends Opts<VariableProp> = {}>(o: O = {} as O): VariableProp & O => ({ kind: 'variable', ...o });
export const number = <const O extends Opts<NumberProp> = {}>(o: O = {} as O): NumberProp & O => ({ kind: 'number', ...o });
export const boolean = <const O extends Opts<BooleanProp> = {}>(o: O = {} as O): BooleanProp & O => ({ kind: 'boolean', ...o });
export const oneOf = <const V extends string, const O extends Omit<Opts<EnumProp<V>>, 'values'> = {}>(values: readonly V[], o: O = {} as O): EnumProp<V> & O => ({
  kind: 'enum',
  values,
  ...o,
});
export const list = <const O extends Omit<Opts<ListProp>, 'of'> = {}>(of: ListProp['of'] = 'value', o: O = {} as O): ListProp & O => ({ kind: 'list', of, ...o });
export const prompt = <const O extends Opts<PromptProp> = {}>(o: O = {} as O): PromptProp & O => ({ kind: 'prompt', ...o });

/** What `execute` receives for a property of each kind (after substitution and validation). */
export type PropType<P extends PropSpec> = P extends { kind: 'enum'; values: readonly (infer V)[] }
  ? V
  : P extends { kind: 'text' | 'variable' }
    ? string
    : P extends { kind: 'number' }
      ? number
      : P extends { kind: 'boolean' }
        ? boolean
        : P extends { kind: 'list' }
          ? Value[]
          : P extends { kind: 'prompt' }
            ? readonly HeardSegment[]
            : Value;

/** True when `execute` always receives the property: it is required (evaluation fails first when it is missing) or has a default. */
type AlwaysPresent<P> = P extends { default: unknown } ? true : P extends { required: true } ? true : false;

type Simplify<T> = { [K in keyof T]: T[K] } & {};

/** The `props` argument of `execute`: required and defaulted properties are present, the others optional. */
export type PropsOf<S extends Record<string, PropSpec>> = Simplify<
  {
    readonly [K in keyof S as AlwaysPresent<S[K]> extends true ? K : never]: PropType<S[K]>;
  } & {
    readonly [K in keyof S as AlwaysPresent<S[K]> extends true ? never : K]?: PropType<S[K]>;
  }
>;

export interface ActionSpec<
  S extends Record<string, PropSpec> = Record<string, PropSpec>,
  B extends string = string,
  O extends string = string,
  M extends string = string,
> {
  /** Studio's keyword, UPPERCASE, words separated by one space: `ASSIGN`, `WORKFLOW EXECUTE`. */
  type: string;
  /** Action version (`CREATEPROSPECTS v2`); omitted for unversioned actions. */
  version?: number;
  /** Other spellings accepted in `.script` files (`CREATEPROSPECT2`). */
  aliases?: readonly string[];
  /** What the action does, one or two sentences (shown by docs and diagnostics). */
  description: string;
  props: S;
  /**
   * Output name -> default variable name. Each output is also a property of
   * kind `variable` (same name) that lets the script choose the variable.
   */
  outputs?: Readonly<Record<O, string>>;
  /**
   * JSON Schema of an output's value, encoded as JSON (numbers, text, objects).
   * Optional: a test stub that returns a value outside it is rejected before
   * anything runs, so a stub cannot answer what the action never could.
   */
  outputSchemas?: Readonly<Partial<Record<O, object>>>;
  /** Every branch the action can take, in Studio's spelling. END and RETURN have none. */
  branches: readonly B[];
  /** The branch of the error outcome (`OnError`, `Error` for SNIPPET). */
  errorBranch?: B;
  /** Branches whose names are values (CASE, MENU): any other branch name is a value. */
  valueBranches?: boolean;
  /** Set when the action starts another script named by one of its properties (RUNSUB, RUNSCRIPT, SPAWN). */
  callsScript?: ScriptCall<keyof S & string>;
  /** Studio's parameter vector and branch order, for `studio-script import` and `export` (studio-spec.ts). */
  studio?: StudioSpec;
  /**
   * Shorthand for `studio`: property names in Studio's order, each with the
   * same name in Studio, taken from the help page's property order. Prefer
   * `studio`, which says where the order comes from.
   */
  studioParams?: readonly string[];
  /**
   * Where the emulated behaviour comes from, for the action reference:
   * Studio's help page and how much of the behaviour it documents (what the
   * emulator decided instead is said in the docs). One line.
   */
  source?: string;
  /** Message templates with `{{slot}}` placeholders. */
  messages?: Readonly<Record<M, string>>;
  /**
   * An event action: an entry point of the script that runs when this contact
   * event happens (ONRELEASE: 'release'), interrupting whatever runs. Not wired
   * from other actions; at most one per script.
   */
  event?: ContactEventType;
  /** Plays to or listens to the caller (PLAY, MENU…): it cannot work once the contact is released. */
  media?: boolean;
  /** Properties whose values never appear in traces (credentials). */
  secretProps?: readonly (keyof S & string)[];
  execute(ctx: ActionContext<B, O, M>, props: PropsOf<S>): Outcome | Promise<Outcome>;
  /** Called once at the end of every run in which this action type executed (END, stuck, stopped, hang-up…). */
  onRunEnd?(end: RunEndContext): void;
}

/**
 * How an action starts another script: `prop` holds the script's name;
 * `call` runs it as a subscript that returns (RUNSUB: same media type, needs
 * a RETURN), `replace` continues the current frame in it (RUNSCRIPT), `spawn`
 * starts it as a new run (SPAWN). The loader checks literal names against the
 * folder and the graph renderers draw the calls from this declaration.
 */
export interface ScriptCall<P extends string = string> {
  readonly prop: P;
  readonly mode: 'call' | 'replace' | 'spawn';
}

export type ActionDefinition = ActionSpec<Record<string, PropSpec>, string, string, string>;

/**
 * Declares an action. Type parameters are inferred from the literal so that
 * `ctx.branch('Defualt')` or a misspelled message id fails to compile.
 */
export function defineAction<
  const S extends Record<string, PropSpec>,
  const B extends string,
  const O extends string = never,
  const M extends string = never,
>(spec: ActionSpec<S, B, O, M>): ActionDefinition {
  return Object.freeze(spec) as unknown as ActionDefinition;
}

/**
 * The value of an enum property written `text`: one of its values or Studio's
 * spelling of one, in any case; an empty text is no value (Studio leaves a
 * property it has a default for empty).
 */
export function enumValueOf(spec: EnumProp, text: string): string | undefined {
  const t = text.trim().toLowerCase();
  return spec.values.find((v) => v.toLowerCase() === t || spec.studio?.[v]?.toLowerCase() === t);
}

/** Fills `{{slot}}` placeholders of a message template. */
export function formatMessage(template: string, data: Record<string, unknown> = {}): string {
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, k: string) => (k in data ? String(data[k]) : `{{${k}}}`));
}
