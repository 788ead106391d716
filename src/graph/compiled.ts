// What the loader compiles beside the plain graph: each action's snippet and
// property expressions/templates, ready for the runtime to evaluate. Compiled
// once per load; never part of run state.
import type { CompiledExpression, CompiledSnippet } from '../contract/snippet.js';
import type { CompiledTemplate } from '../contract/snippet.js';
import type { Value } from '../contract/value.js';

export type CompiledProp =
  /** A literal with no substitution (numbers, booleans, plain strings). */
  | { kind: 'literal'; value: Value }
  /** A string with `{…}` substitutions; for `value` props a lone `"{x}"` keeps x's type (CompiledTemplate.evaluate). */
  | { kind: 'template'; template: CompiledTemplate }
  /** An `expression` prop, or a `value` prop written as a path (`results.count`). */
  | { kind: 'expression'; expression: CompiledExpression }
  /** A variable name the action writes (kind `variable`), lowercase, `global:` kept. */
  | { kind: 'variable'; name: string }
  | { kind: 'list'; items: CompiledProp[] };

export interface CompiledAction {
  /** By canonical property name. */
  props: Map<string, CompiledProp>;
  snippet?: CompiledSnippet;
}
