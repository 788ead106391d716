// The contract between the snippet interpreter and its users (the loader, the
// runtime, actions). Snippets and expressions are compiled once at load time
// and run many times against a variable environment.
import type { Diagnostic, Span } from './diagnostics.js';
import type { Clock } from './clock.js';
import type { Limits } from './limits.js';
import type { HttpClient } from './http.js';
import type { Value } from './value.js';

/** Where a piece of snippet text sits in its `.script` file, so errors point into the file. */
export interface SourceOrigin {
  file: string;
  /** Span of the first character of the code. */
  span: Span;
}

/** Read access to the variables a snippet can see. Names are lowercase. */
export interface VariableReader {
  /** Local (frame) variable, then global, then system variable; undefined when unknown. */
  get(name: string): Value | undefined;
  /** A global variable only (for `global:name`). */
  getGlobal(name: string): Value | undefined;
}

export interface SnippetEnv {
  vars: VariableReader;
  clock: Clock;
  random: () => number;
  http: HttpClient;
  limits: Pick<Limits, 'maxLoopIterations' | 'maxArrayElements' | 'maxObjectBytes' | 'maxResponseBytes'>;
  /** MaxStringSize of the action, in characters (2K = 2048). */
  maxStringSize: number;
}

export interface SnippetRunError {
  /** `E-SNIPPET-…` code. */
  code: string;
  /** One line, naming the snippet line: `Line 3: Division by zero`. */
  message: string;
  span: Span;
}

export interface SnippetResult {
  /** Variables assigned (lowercase names), in first-assignment order; kept even when an error stopped the run. */
  assignments: Map<string, Value>;
  /** Globals assigned with `global:`. */
  globals: Map<string, Value>;
  /** TRACE lines, in order. */
  trace: string[];
  /** Variables passed to savetodb(). */
  savedToDb: { name: string; value: Value }[];
  /** HTTP exchanges made through the REST proxy. */
  http: { method: string; url: string; status: number }[];
  /** Variables the snippet removed (a FOREACH iterator no longer exists after its loop). */
  removed?: string[];
  error?: SnippetRunError;
}

export interface CompiledSnippet {
  run(env: SnippetEnv): SnippetResult;
}

export interface CompiledExpression {
  /** The source text. */
  readonly text: string;
  evaluate(env: SnippetEnv): Value;
}

export type Compiled<T> = { ok: true; value: T; diagnostics: Diagnostic[] } | { ok: false; diagnostics: Diagnostic[] };

/** A property string with `{expr}` substitutions (script-format.md "Values and substitution"). */
export interface CompiledTemplate {
  readonly text: string;
  /** The substituted text. */
  render(env: SnippetEnv): string;
  /** Like render, except that a template that is exactly one `{expr}` returns the value with its type. */
  evaluate(env: SnippetEnv): Value;
}
