// AST → canonical snippet text: upper-case keywords, two-space indents,
// braces on the statement's line, the fewest parentheses that keep the tree.
// Printing a parsed snippet and parsing the output gives the same tree.
import type { Expr, Program, Stmt, StringPart, TemplateAst } from './ast.js';
import { GLOBAL_PREFIX } from '../contract/variables.js';

/** Binding strength of an expression's top node (higher binds tighter). */
function level(e: Expr): number {
  switch (e.kind) {
    case 'binary':
      switch (e.op) {
        case '&': case '|': case '~': return 1;
        case '=': case '!=': case '<': case '<=': case '>': case '>=': return 2;
        case '+': case '-': return 3;
        case '^': return 5.5;
        default: return 4;
      }
    case 'unary':
      return 5;
    case 'number':
      return e.value < 0 || Object.is(e.value, -0) ? 5 : 6;
    default:
      return 6;
  }
}

const wrap = (e: Expr, min: number): string => (level(e) < min ? `(${printExpr(e)})` : printExpr(e));

export function printExpr(e: Expr): string {
  switch (e.kind) {
    case 'number':
      return Object.is(e.value, -0) ? '-0' : String(e.value);
    case 'bool':
      return e.value ? 'true' : 'false';
    case 'string':
      return printString(e.parts, e.quote, e.escaped);
    case 'date':
      return `#${printString(e.parts, e.quote, false).replace(/^\$/, '')}`;
    case 'var':
      return e.global ? GLOBAL_PREFIX + e.name : e.name;
    case 'member':
      return `${wrap(e.object, 6)}.${e.name}`;
    case 'index':
      return `${wrap(e.object, 6)}[${printExpr(e.index)}]`;
    case 'call':
      if (e.method) return `${wrap(e.args[0]!, 6)}.${e.name}(${e.args.slice(1).map(printExpr).join(', ')})`;
      return `${e.name}(${e.args.map(printExpr).join(', ')})`;
    case 'unary':
      return `${e.op}${wrap(e.operand, 5)}`;
    case 'binary': {
      const l = level(e);
      if (e.op === '^') return `${wrap(e.left, 6)} ^ ${wrap(e.right, 5)}`;
      return `${wrap(e.left, l)} ${e.op} ${wrap(e.right, l + 1)}`;
    }
  }
}

const ESCAPE_OUT: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\r': '\\r', '\n': '\\n', '\b': '\\b', '\0': '\\0', '{': '\\{' };

/** A string literal; falls back to an escape string when the text holds what a plain string cannot (its quote, `{`, control characters). */
function printString(parts: StringPart[], quote: '"' | "'", escaped: boolean): string {
  const texts = parts.filter((p): p is string => typeof p === 'string').join('');
  const needsEscape = escaped || texts.includes(quote) || texts.includes('{') || /[\r\n]/.test(texts);
  let out = needsEscape ? `$${quote}` : quote;
  for (const p of parts) {
    if (typeof p !== 'string') out += `{${printExpr(p)}}`;
    else if (!needsEscape) out += p;
    else out += p.replace(/[\\\t\r\n\b\0{]/g, (c) => ESCAPE_OUT[c]!).split(quote).join(`\\${quote}`);
  }
  return out + quote;
}

export function printTemplate(t: TemplateAst): string {
  return t.parts.map((p) => (typeof p === 'string' ? p.replace(/[{}]/g, (c) => `\\${c}`) : `{${printExpr(p)}}`)).join('');
}

export function printProgram(p: Program): string {
  return p.body.map((s) => printStmt(s, '')).join('\n');
}

function block(stmts: Stmt[], indent: string): string {
  if (stmts.length === 0) return '{\n' + indent + '}';
  return `{\n${stmts.map((s) => printStmt(s, indent + '  ')).join('\n')}\n${indent}}`;
}

function printStmt(s: Stmt, indent: string): string {
  const i = indent;
  switch (s.kind) {
    case 'assign':
      return `${i}${s.keyword ? 'ASSIGN ' : ''}${printExpr(s.target)} = ${printExpr(s.value)}`;
    case 'dynamic':
      return `${i}DYNAMIC ${s.name}${s.init ? ` = ${printExpr(s.init)}` : ''}`;
    case 'function':
      return `${i}FUNCTION ${s.name}(${s.params.join(', ')}) ${block(s.body, i)}`;
    case 'return':
      return `${i}RETURN${s.value ? ` ${printExpr(s.value)}` : ''}`;
    case 'break':
      return `${i}BREAK`;
    case 'trace':
      return `${i}TRACE ${printExpr(s.value)}`;
    case 'uses':
      return `${i}USES ${printExpr(s.value)}`;
    case 'call':
      return `${i}${printExpr(s.call)}`;
    case 'if':
      return `${i}IF ${printExpr(s.cond)} ${block(s.then, i)}${s.else ? ` ELSE ${block(s.else, i)}` : ''}`;
    case 'switch': {
      const cases = s.cases.map((c) => `${c.labels.map((l) => `${i}  CASE ${printExpr(l)}`).join('\n')} ${block(c.body, i + '  ')}`);
      if (s.default) cases.push(`${i}  DEFAULT ${block(s.default, i + '  ')}`);
      return `${i}SWITCH ${printExpr(s.subject)} {\n${cases.join('\n')}${cases.length ? '\n' : ''}${i}}`;
    }
    case 'select': {
      const cases = s.cases.map((c) => `${c.conds.map((cond) => `${i}  CASE ${printExpr(cond)}`).join('\n')} ${block(c.body, i + '  ')}`);
      if (s.default) cases.push(`${i}  DEFAULT ${block(s.default, i + '  ')}`);
      return `${i}SELECT {\n${cases.join('\n')}${cases.length ? '\n' : ''}${i}}`;
    }
    case 'for':
      return `${i}FOR ${s.variable} = ${printExpr(s.from)} TO ${printExpr(s.to)} ${block(s.body, i)}`;
    case 'foreach':
      return `${i}FOREACH ${s.variable} IN ${printExpr(s.source)} ${block(s.body, i)}`;
    case 'repeat':
      return `${i}REPEAT ${printExpr(s.count)} ${block(s.body, i)}`;
    case 'while':
      return `${i}WHILE ${printExpr(s.cond)} ${block(s.body, i)}`;
  }
}
