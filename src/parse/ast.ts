// The `.script` syntax tree: what the parser produces and the formatter
// prints. Every node has a span in its file. Plain data, independent of the
// parser library, so tools can build or compare trees without nearley.
import type { Span } from '../contract/diagnostics.js';

/** An identifier-like word as written (label, property name, type word, branch name). */
export interface WordAst {
  text: string;
  span: Span;
}

export interface StringAst {
  kind: 'string';
  /** Escapes resolved, except `\{` and `\}`, which stay as two characters for the template compiler. */
  value: string;
  /** The text between the quotes, exactly as written. */
  raw: string;
  /** Written with `"""`. */
  triple: boolean;
  span: Span;
}

export interface NumberAst {
  kind: 'number';
  value: number;
  raw: string;
  span: Span;
}

export interface BooleanAst {
  kind: 'boolean';
  value: boolean;
  span: Span;
}

/** A variable reference: `name`, `global:name`, `a.b[2].c`. */
export interface PathAst {
  kind: 'path';
  path: string;
  span: Span;
}

export interface ListAst {
  kind: 'list';
  items: ValueAst[];
  span: Span;
}

export type ValueAst = StringAst | NumberAst | BooleanAst | PathAst | ListAst;

export interface PropAst {
  name: WordAst;
  value: ValueAst;
  span: Span;
}

export type BranchAst =
  /** `-> target` */
  | { kind: 'default'; target: WordAst; span: Span }
  /** `OnError -> target` */
  | { kind: 'named'; name: WordAst; target: WordAst; span: Span }
  /** `"sales" -> target` or `3 -> target` (CASE / MENU values) */
  | { kind: 'value'; value: StringAst | NumberAst; target: WordAst; span: Span };

export interface SnippetBodyAst {
  /** The code between the braces, verbatim. */
  code: string;
  /** Where the code starts (the character after `{`). */
  span: Span;
}

export interface ActionAst {
  label: WordAst;
  /** The UPPERCASE type words as written (`WORKFLOW`, `EXECUTE`); `SNIPPET` for snippets. */
  typeWords: WordAst[];
  version?: { value: number; span: Span };
  caption?: StringAst;
  /** Body properties, or a SNIPPET's `( … )` property list. */
  props: PropAst[];
  snippet?: SnippetBodyAst;
  /** Span of the `{ … }` body (properties or SNIPPET code), when written. */
  bodySpan?: Span;
  /** Line of the body's closing `}` (the formatter keeps comments that follow it on that line). */
  bodyEndLine?: number;
  branches: BranchAst[];
  span: Span;
}

/** One action's entry in the `studio { … }` block: `12 { X = 240 Y = 200 }`. */
export interface StudioEntryAst {
  label: WordAst;
  props: PropAst[];
  span: Span;
  /** Line of the entry's closing `}`. */
  endLine: number;
}

/**
 * The optional `studio { … }` block at the end of a file: what Studio keeps
 * and the script's text does not say (the header's fields, and per action
 * its canvas position, library id…). Only import and export read it.
 */
export interface StudioBlockAst {
  /** Script-level fields (`BusNo = 30`). */
  props: PropAst[];
  entries: StudioEntryAst[];
  span: Span;
  /** Line of the block's closing `}`. */
  endLine: number;
}

export interface CommentAst {
  /** The comment text including `//` or the block delimiters. */
  text: string;
  block: boolean;
  span: Span;
  /** Line the comment ends on. */
  endLine: number;
}

export interface ScriptAst {
  file: string;
  name: WordAst;
  mediaType?: WordAst;
  /** Span of the `script … [type …]` header. */
  headerSpan: Span;
  actions: ActionAst[];
  studio?: StudioBlockAst;
  /** Comments outside snippet code, in file order (the formatter keeps them). */
  comments: CommentAst[];
}

/** The action's type as one string: its words joined by single spaces. */
export const typeName = (a: ActionAst): string => a.typeWords.map((w) => w.text).join(' ');
