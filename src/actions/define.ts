// The one typed helper every action module is built with (after ESLint's
// createRule): a property schema with kinds, output names, branch names,
// message templates and one `execute`. The registry turns `props` into a JSON
// Schema compiled once by Ajv; the loader checks literals against it and the
// runtime validates evaluated properties before `execute` runs.
import type { Value } from '../contract/value.js';
import type { ActionContext, Outcome } from '../contract/action.js';
import type { RunEndContext } from '../contract/run-end.js';

export type PropKind = 'text' | 'value' | 'expression' | 'variable' | 'number' | 'boolean' | 'enum' | 'list';

interface PropBase {
  required?: boolean;
  /** One line for docs and `--help`-style listings. */
  description?: string;
}

export interface TextProp extends PropBase { kind: 'text'; default?: string; maxLength?: number }
export interface ValueProp extends PropBase { kind: 'value'; default?: Value }
/** A snippet expression parsed at load time; `execute` receives its evaluated value. */
export interface ExpressionProp extends PropBase { kind: 'expression' }
/** The name of a variable the action writes (may carry `global:`); `execute` receives the name. */
export interface VariableProp extends PropBase { kind: 'variable'; default?: string }
export interface NumberProp extends PropBase { kind: 'number'; default?: number; min?: number; max?: number; integer?: boolean }
export interface BooleanProp extends PropBase { kind: 'boolean'; default?: boolean }
export interface EnumProp<V extends string = string> extends PropBase { kind: 'enum'; values: readonly V[]; default?: V }
export interface ListProp extends PropBase { kind: 'list'; of: 'value' | 'variable' | 'text' }

export type PropSpec = TextProp | ValueProp | ExpressionProp | VariableProp | NumberProp | BooleanProp | EnumProp | ListProp;

type Opts<P extends PropSpec> = Omit<P, 'kind'>;
export const text = (o: Opts<TextProp> = {}): TextProp => ({ kind: 'text', ...o });
export const value = (o: Opts<ValueProp> = {}): ValueProp => ({ kind: 'value', ...o });
export const expression = (o: Opts<ExpressionProp> = {}): ExpressionProp => ({ kind: 'expression', ...o });
export const variable = (o: Opts<VariableProp> = {}): VariableProp => ({ kind: 'variable', ...o });
export const number = (o: Opts<NumberProp> = {}): NumberProp => ({ kind: 'number', ...o });
export const boolean = (o: Opts<BooleanProp> = {}): BooleanProp => ({ kind: 'boolean', ...o });
export const oneOf = <const V extends string>(values: readonly V[], o: Omit<Opts<EnumProp<V>>, 'values'> = {}): EnumProp<V> => ({
  kind: 'enum',
  values,
  ...o,
});
export const list = (of: ListProp['of'] = 'value', o: Omit<Opts<ListProp>, 'of'> = {}): ListProp => ({ kind: 'list', of, ...o });

/** What `execute` receives for a property of each kind (after substitution and validation). */
type PropType<P extends PropSpec> = P extends EnumProp<infer V>
  ? V
  : P extends TextProp | VariableProp
    ? string
    : P extends NumberProp
      ? number
      : P extends BooleanProp
        ? boolean
        : P extends ListProp
          ? Value[]
          : Value;

type HasDefault<P> = P extends { default: unknown } ? true : P extends { required: true } ? true : false;

export type PropsOf<S extends Record<string, PropSpec>> = {
  [K in keyof S as HasDefault<S[K]> extends true ? K : never]: PropType<S[K]>;
} & {
  [K in keyof S as HasDefault<S[K]> extends true ? never : K]?: PropType<S[K]>;
};

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
  /** Desktop Studio's positional parameter order, for `studio-script import`. */
  studioParams?: readonly string[];
  /** Message templates with `{{slot}}` placeholders. */
  messages?: Readonly<Record<M, string>>;
  /** Properties whose values never appear in traces (credentials). */
  secretProps?: readonly (keyof S & string)[];
  execute(ctx: ActionContext<B, O, M>, props: PropsOf<S>): Outcome | Promise<Outcome>;
  /** Called once at the end of every run in which this action type executed (END, stuck, stopped, hang-up…). */
  onRunEnd?(end: RunEndContext): void;
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

/** Fills `{{slot}}` placeholders of a message template. */
export function formatMessage(template: string, data: Record<string, unknown> = {}): string {
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, k: string) => (k in data ? String(data[k]) : `{{${k}}}`));
}
