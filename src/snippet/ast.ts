// The snippet language's syntax tree. Independent of the parser library: the
// grammar's postprocessors call ast-builder.ts, and everything after parsing
// (compiler, printer, tests) only knows these types.

/** A position in the snippet text: 0-based offset, 1-based line and column. */
export interface Pos {
  offset: number;
  line: number;
  col: number;
  length: number;
}

export type BinaryOp =
  | '^' | '*' | '/' | '%' | '\\' | '+' | '-'
  | '=' | '!=' | '<' | '<=' | '>' | '>='
  | '&' | '|' | '~';

/** A piece of a string literal: literal text, or a `{expr}` substitution. */
export type StringPart = string | Expr;

export type Expr =
  | { kind: 'number'; value: number; pos: Pos }
  /** `"…"`, `'…'` (plain) or `$"…"` (escape string); `quote` is the delimiter used. */
  | { kind: 'string'; parts: StringPart[]; quote: '"' | "'"; escaped: boolean; pos: Pos }
  /** `#"…"`: parsed as a date when evaluated. */
  | { kind: 'date'; parts: StringPart[]; quote: '"' | "'"; pos: Pos }
  | { kind: 'bool'; value: boolean; pos: Pos }
  /** A variable; `name` keeps the source spelling (lookups use lowercase). */
  | { kind: 'var'; name: string; global: boolean; pos: Pos }
  | { kind: 'member'; object: Expr; name: string; pos: Pos }
  | { kind: 'index'; object: Expr; index: Expr; pos: Pos }
  /** `f(a, b)`, or the method form `a.f(b)` (then `args[0]` is `a` and `method` is true). */
  | { kind: 'call'; name: string; args: Expr[]; method: boolean; pos: Pos }
  | { kind: 'unary'; op: '-' | '+'; operand: Expr; pos: Pos }
  | { kind: 'binary'; op: BinaryOp; left: Expr; right: Expr; pos: Pos };

/** The assignable subset of expressions: `x`, `global:x`, `a.b`, `a[i]`, `a[i].b`. */
export type LValue = Extract<Expr, { kind: 'var' | 'member' | 'index' }>;

export type Stmt =
  | { kind: 'assign'; target: LValue; value: Expr; keyword: boolean; pos: Pos }
  | { kind: 'dynamic'; name: string; init?: Expr; pos: Pos }
  | { kind: 'function'; name: string; params: string[]; body: Stmt[]; pos: Pos }
  | { kind: 'return'; value?: Expr; pos: Pos }
  | { kind: 'if'; cond: Expr; then: Stmt[]; else?: Stmt[]; pos: Pos }
  /** Each case has one or more labels (stacked `CASE` lines sharing its block). */
  | { kind: 'switch'; subject: Expr; cases: { labels: Expr[]; body: Stmt[] }[]; default?: Stmt[]; pos: Pos }
  /** Each case has one or more conditions (stacked `CASE` lines sharing its block): any true one runs it. */
  | { kind: 'select'; cases: { conds: Expr[]; body: Stmt[] }[]; default?: Stmt[]; pos: Pos }
  | { kind: 'for'; variable: string; from: Expr; to: Expr; body: Stmt[]; pos: Pos }
  | { kind: 'foreach'; variable: string; source: LValue; body: Stmt[]; pos: Pos }
  | { kind: 'repeat'; count: Expr; body: Stmt[]; pos: Pos }
  | { kind: 'while'; cond: Expr; body: Stmt[]; pos: Pos }
  | { kind: 'break'; pos: Pos }
  | { kind: 'trace'; value: Expr; pos: Pos }
  | { kind: 'uses'; value: Expr; pos: Pos }
  | { kind: 'call'; call: Extract<Expr, { kind: 'call' }>; pos: Pos };

export interface Program {
  body: Stmt[];
}

/** What a template (an action property string) is made of. */
export interface TemplateAst {
  parts: StringPart[];
}
