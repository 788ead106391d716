// The public compile functions: snippet code, single expressions and property
// templates → compiled forms that run many times. Positions are mapped from
// the snippet text into the `.script` file so every diagnostic points there.
import { diagnostic, type Diagnostic, type Span } from '../contract/diagnostics.js';
import type { Compiled, CompiledExpression, CompiledSnippet, CompiledTemplate, SnippetEnv, SnippetResult, SourceOrigin } from '../contract/snippet.js';
import type { Pos, Program, Stmt } from './ast.js';
import { compileExpr, compileText, type CompileProblem, type Scope } from './compile-expr.js';
import { compileBlock } from './compile-stmt.js';
import { toText } from './convert.js';
import { parseExpression, parseProgram, parseTemplate } from './parse.js';
import { Fault, RESERVED, RunState } from './run-state.js';
import type { Value } from '../contract/value.js';

/** Maps a position in the snippet text to the file: line 1 starts at the origin's column, later lines at column 1. */
export function spanOf(origin: SourceOrigin, pos: Pos): Span {
  const o = origin.span;
  const span: Span = {
    file: origin.file,
    line: o.line + pos.line - 1,
    col: pos.line === 1 ? o.col + pos.col - 1 : pos.col,
    length: pos.length,
  };
  if (o.offset !== undefined) span.offset = o.offset + pos.offset;
  return span;
}

/** Thrown by CompiledExpression.evaluate and CompiledTemplate.render/evaluate on a run-time error. */
export class SnippetEvalError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly span: Span,
  ) {
    super(message);
    this.name = 'SnippetEvalError';
  }
}

const newScope = (): Scope => ({ functions: new Map(), problems: [], loopDepth: 0, inFunction: false });
const toDiagnostics = (problems: CompileProblem[], origin: SourceOrigin): Diagnostic[] =>
  problems.map((p) => diagnostic(p.code, p.message, spanOf(origin, p.pos)));

function compileSnippetUnguarded(code: string, origin: SourceOrigin): Compiled<CompiledSnippet> {
  const parsed = parseProgram(code);
  if (!parsed.ok) return { ok: false, diagnostics: [diagnostic(parsed.code, parsed.message, spanOf(origin, parsed.pos))] };
  const sc = newScope();
  const main = compileProgram(parsed.value, sc);
  if (sc.problems.length > 0) return { ok: false, diagnostics: toDiagnostics(sc.problems, origin) };
  const firstLine = firstCodeLine(code);
  return {
    ok: true,
    diagnostics: [],
    value: {
      run(env: SnippetEnv): SnippetResult {
        const r = new RunState(env);
        let error: SnippetResult['error'];
        try {
          main(r);
        } catch (e) {
          error = runError(e, r, origin, firstLine);
        }
        const result: SnippetResult = {
          assignments: r.assignments,
          globals: r.globals ?? new Map(),
          trace: r.trace ?? [],
          savedToDb: r.savedToDb ?? [],
          http: r.http ?? [],
        };
        if (r.removed !== null && r.removed.size > 0) result.removed = [...r.removed];
        if (error !== undefined) result.error = error;
        return result;
      },
    },
  };
}

function compileProgram(program: Program, sc: Scope) {
  for (const s of program.body) {
    if (s.kind !== 'function') continue;
    const key = s.name.toLowerCase();
    if (sc.functions.has(key)) {
      sc.problems.push({ code: 'E-SNIPPET-DUPLICATE-FUNCTION', message: `FUNCTION ${s.name} is defined twice`, pos: s.pos });
      continue;
    }
    const seen = new Set<string>();
    for (const p of s.params) {
      if (seen.has(p.toLowerCase())) sc.problems.push({ code: 'E-SNIPPET-SYNTAX', message: `Parameter ${p} appears twice in ${s.name}`, pos: s.pos });
      if (RESERVED.has(p.toLowerCase())) sc.problems.push({ code: 'E-SNIPPET-SYNTAX', message: `${p} is a reserved variable and cannot be a parameter of ${s.name}`, pos: s.pos });
      seen.add(p.toLowerCase());
    }
    sc.functions.set(key, { decl: s, fn: { name: s.name, params: s.params, body: () => 0 } });
  }
  for (const s of program.body) if (s.kind !== 'function') rejectNestedFunctions([s], sc);
  for (const { decl, fn } of sc.functions.values()) {
    rejectNestedFunctions(decl.body, sc);
    sc.inFunction = true;
    fn.body = compileBlock(decl.body, sc);
    sc.inFunction = false;
  }
  return compileBlock(program.body, sc);
}

/** FUNCTION is only allowed at the top level of a snippet. */
function rejectNestedFunctions(stmts: Stmt[], sc: Scope): void {
  for (const s of stmts) {
    if (s.kind === 'function') sc.problems.push({ code: 'E-SNIPPET-SYNTAX', message: 'FUNCTION must be declared at the top level of the snippet', pos: s.pos });
    for (const body of childBlocks(s)) rejectNestedFunctions(body, sc);
  }
}

function childBlocks(s: Stmt): Stmt[][] {
  switch (s.kind) {
    case 'if':
      return s.else ? [s.then, s.else] : [s.then];
    case 'switch':
      return [...s.cases.map((c) => c.body), ...(s.default ? [s.default] : [])];
    case 'select':
      return [...s.cases.map((c) => c.body), ...(s.default ? [s.default] : [])];
    case 'for':
    case 'foreach':
    case 'repeat':
    case 'while':
    case 'function':
      return [s.body];
    default:
      return [];
  }
}

/**
 * The line of the snippet text that a Studio user calls line 1: code written
 * on the line after `{` starts there, so a first line holding nothing but
 * blanks is not counted (snippet-language.md "Errors and limits").
 */
export function firstCodeLine(code: string): number {
  const nl = code.indexOf('\n');
  return nl >= 0 && code.slice(0, nl).trim() === '' ? 2 : 1;
}

/** A located, one-line run-time error. Anything unexpected is still reported, never thrown. */
function runError(e: unknown, r: RunState, origin: SourceOrigin, firstLine: number): NonNullable<SnippetResult['error']> {
  const pos = r.pos ?? { offset: 0, line: 1, col: 1, length: 1 };
  let code = 'E-SNIPPET-RUNTIME';
  let message: string;
  if (e instanceof Fault) {
    code = e.code;
    message = e.message;
  } else if (e instanceof RangeError && /call stack/i.test(e.message)) {
    code = 'E-SNIPPET-RECURSION';
    message = 'Too many nested calls';
  } else message = e instanceof Error ? e.message : String(e);
  return { code, message: `Line ${Math.max(1, pos.line - firstLine + 1)}: ${oneLine(message)}`, span: spanOf(origin, pos) };
}

function evalError(e: unknown, origin: SourceOrigin, what: string): SnippetEvalError {
  const code = e instanceof Fault ? e.code : 'E-SNIPPET-RUNTIME';
  const message = e instanceof Error ? e.message : String(e);
  return new SnippetEvalError(code, `${message} (in ${what})`, origin.span);
}

function compileExpressionUnguarded(text: string, origin: SourceOrigin): Compiled<CompiledExpression> {
  const parsed = parseExpression(text);
  if (!parsed.ok) {
    // `{x} > 1` is substitution syntax carried into an expression, a common slip from property strings.
    const hint = parsed.message.startsWith('unexpected "{"') ? ' (an expression names variables without braces: x > 1)' : '';
    return { ok: false, diagnostics: [diagnostic(parsed.code, parsed.message + hint, spanOf(origin, parsed.pos))] };
  }
  const sc = newScope();
  const f = compileExpr(parsed.value, sc);
  if (sc.problems.length > 0) return { ok: false, diagnostics: toDiagnostics(sc.problems, origin) };
  const label = `expression "${text.length > 40 ? `${text.slice(0, 37)}...` : text}"`;
  return {
    ok: true,
    diagnostics: [],
    value: {
      text,
      evaluate(env: SnippetEnv): Value {
        try {
          return f(new RunState(env));
        } catch (e) {
          throw evalError(e, origin, label);
        }
      },
    },
  };
}

function compileTemplateUnguarded(text: string, origin: SourceOrigin): Compiled<CompiledTemplate> {
  if (!text.includes('{') && !text.includes('\\')) {
    return { ok: true, diagnostics: [], value: { text, render: () => text, evaluate: () => text } };
  }
  const parsed = parseTemplate(text);
  if (!parsed.ok) {
    // The usual cause is a brace meant literally (JSON in a property).
    const where = parsed.message.startsWith('unterminated') ? '' : ' in a {…} substitution';
    const message = parsed.code === 'E-SNIPPET-TOO-COMPLEX' ? parsed.message : `${parsed.message}${where} (write \\{ for a literal brace)`;
    return { ok: false, diagnostics: [diagnostic(parsed.code, message, spanOf(origin, parsed.pos))] };
  }
  const sc = newScope();
  const parts = parsed.value.parts;
  const render = compileText(parts, sc);
  const single = parts.length === 1 && typeof parts[0] !== 'string' ? compileExpr(parts[0]!, sc) : undefined;
  if (sc.problems.length > 0) return { ok: false, diagnostics: toDiagnostics(sc.problems, origin) };
  const label = `"${text.length > 40 ? `${text.slice(0, 37)}...` : text}"`;
  return {
    ok: true,
    diagnostics: [],
    value: {
      text,
      render(env: SnippetEnv): string {
        try {
          return toText(render(new RunState(env)));
        } catch (e) {
          throw evalError(e, origin, label);
        }
      },
      evaluate(env: SnippetEnv): Value {
        try {
          return single !== undefined ? single(new RunState(env)) : render(new RunState(env));
        } catch (e) {
          throw evalError(e, origin, label);
        }
      },
    },
  };
}

/**
 * Pathological nesting (thousands of operators in one expression) can exhaust
 * the stack while parsing or compiling; it becomes a located diagnostic, never
 * a crash.
 */
function guarded<T>(compile: (text: string, origin: SourceOrigin) => Compiled<T>): (text: string, origin: SourceOrigin) => Compiled<T> {
  return (text, origin) => {
    try {
      return compile(text, origin);
    } catch (e) {
      if (!(e instanceof RangeError)) throw e;
      return { ok: false, diagnostics: [diagnostic('E-SNIPPET-TOO-COMPLEX', 'The code is nested too deeply to compile; split long expressions into several statements', origin.span)] };
    }
  };
}

export const compileSnippet = guarded(compileSnippetUnguarded);

/**
 * What a SNIPPET whose code does not compile does when it runs: nothing runs,
 * and it ends with the first compile error (`Line 2: …`, counted from the
 * snippet's first line), which takes the action's error branch with `_ERR`
 * set, as Studio does (snippet-language.md "Errors and limits").
 */
export function failedSnippet(problem: Diagnostic, code: string, origin: SourceOrigin): CompiledSnippet {
  const line = problem.span.line - origin.span.line + 1 - (firstCodeLine(code) - 1);
  const error = { code: problem.code, message: `Line ${Math.max(1, line)}: ${problem.message}`, span: problem.span };
  return { run: () => ({ assignments: new Map(), globals: new Map(), trace: [], savedToDb: [], http: [], error }) };
}
export const compileExpression = guarded(compileExpressionUnguarded);
export const compileTemplate = guarded(compileTemplateUnguarded);

/** A message on one line: the white space around each line break becomes one space (line by line, no backtracking pattern). */
function oneLine(message: string): string {
  if (!message.includes('\n')) return message;
  const lines = message.split('\n');
  let out = lines[0]!.trimEnd();
  for (let i = 1; i < lines.length; i++) {
    const last = i === lines.length - 1;
    const line = last ? lines[i]!.trimStart() : lines[i]!.trim();
    if (line === '' && !last) continue;
    out += ` ${line}`;
  }
  return out;
}
