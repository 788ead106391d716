// What the loader compiles beside the plain graph: each action's snippet and
// property expressions/templates, ready for the runtime to evaluate. Compiled
// once per load; never part of run state.
import type { CompiledExpression, CompiledSnippet } from '../contract/snippet.js';
import type { CompiledTemplate } from '../contract/snippet.js';
import type { Value } from '../contract/value.js';
import type { SequenceSegment } from '../phone/prompt-sequence.js';

export type CompiledProp =
  /** A literal with no substitution (numbers, booleans, plain strings). */
  | { kind: 'literal'; value: Value }
  /** A string with `{…}` substitutions; for `value` props a lone `"{x}"` keeps x's type (CompiledTemplate.evaluate). */
  | { kind: 'template'; template: CompiledTemplate }
  /** An `expression` prop, or a `value` prop written as a path (`results.count`). */
  | { kind: 'expression'; expression: CompiledExpression }
  /** A variable name the action writes (kind `variable`), lowercase, `global:` kept. */
  | { kind: 'variable'; name: string }
  | { kind: 'list'; items: CompiledProp[] }
  /** A prompt sequence parsed at load; `templates[i]` renders segment i when it substitutes. */
  | { kind: 'prompt'; segments: readonly SequenceSegment[]; templates: readonly (CompiledTemplate | null)[] }
  /** A prompt sequence computed as a whole when the action runs (a variable or a lone `{…}`), parsed then. */
  | { kind: 'dynamic-prompt'; source: Extract<CompiledProp, { kind: 'template' | 'expression' }> };

export interface CompiledAction {
  /** By canonical property name. */
  props: Map<string, CompiledProp>;
  snippet?: CompiledSnippet;
}
