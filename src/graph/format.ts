// The canonical printer behind `studio-script fmt`: one layout for every
// script, comments kept where they were (before the next element, or at the
// end of the line they trailed), strings and SNIPPET code kept verbatim.
// Printing is stable: format(format(x)) = format(x), and parsing the output
// gives back the same tree.
import { hasErrors, type Diagnostic } from '../contract/diagnostics.js';
import type { ActionAst, BranchAst, CommentAst, PropAst, ScriptAst, StringAst, StudioBlockAst, ValueAst } from '../parse/ast.js';
import { parseScriptText } from '../parse/parse.js';

const INDENT = '  ';

class Printer {
  private readonly out: string[] = [];
  private next = 0;
  /** Source line of the last element printed, so a comment on that line stays trailing. */
  private lastLine = 0;
  private lastHasComment = false;

  constructor(private readonly comments: readonly CommentAst[]) {}

  /** Prints every comment that starts before `offset` (with `trailingOnly`, only those on the line just printed). */
  flush(offset: number, indent: string, trailingOnly = false): void {
    while (this.next < this.comments.length && (this.comments[this.next]!.span.offset ?? 0) < offset) {
      const c = this.comments[this.next]!;
      const trailing = c.span.line === this.lastLine && this.out.length > 0 && this.out[this.out.length - 1] !== '' && !this.lastHasComment;
      if (trailingOnly && !trailing) return;
      this.next++;
      if (trailing) {
        this.out[this.out.length - 1] += ` ${c.text}`;
        this.lastHasComment = true;
      } else {
        this.out.push(indent + c.text);
        this.lastHasComment = true;
      }
      this.lastLine = c.endLine;
    }
  }

  line(text: string, sourceLine: number): void {
    this.out.push(text);
    this.lastLine = sourceLine;
    this.lastHasComment = false;
  }

  /** Appends to the current line unless a trailing comment ends it. */
  append(text: string, indent: string, sourceLine: number): void {
    if (this.lastHasComment || this.out.length === 0) this.out.push(indent + text.trimStart());
    else this.out[this.out.length - 1] += text;
    this.lastLine = sourceLine;
    this.lastHasComment = false;
  }

  get pending(): boolean {
    return this.next < this.comments.length;
  }

  blank(): void {
    if (this.out.length > 0 && this.out[this.out.length - 1] !== '') this.out.push('');
  }

  text(): string {
    while (this.out.length > 0 && this.out[this.out.length - 1] === '') this.out.pop();
    return this.out.join('\n') + '\n';
  }
}

const endLine = (s: { line: number }, text: string): number => s.line + (text.match(/\n/g)?.length ?? 0);

export function printString(s: StringAst): string {
  return s.triple ? `"""${s.raw}"""` : `"${s.raw}"`;
}

export function printValue(v: ValueAst): string {
  switch (v.kind) {
    case 'string':
      return printString(v);
    case 'number':
      return v.raw;
    case 'boolean':
      return String(v.value);
    case 'path':
      return v.path;
    case 'list':
      return `[${v.items.map(printValue).join(', ')}]`;
  }
}

const printProp = (p: PropAst): string => `${p.name.text} = ${printValue(p.value)}`;

function printBranch(b: BranchAst): string {
  switch (b.kind) {
    case 'default':
      return `-> ${b.target.text}`;
    case 'named':
      return `${b.name.text} -> ${b.target.text}`;
    case 'value':
      return `${b.value.kind === 'string' ? printString(b.value) : b.value.raw} -> ${b.target.text}`;
  }
}

/** The canonical text of a syntax tree. */
export function formatAst(ast: ScriptAst): string {
  const p = new Printer(ast.comments);
  p.flush(ast.headerSpan.offset ?? 0, '');
  p.line(`script ${ast.name.text}`, ast.name.span.line);
  if (ast.mediaType) {
    p.flush(ast.mediaType.span.offset ?? 0, '');
    p.line(`type ${ast.mediaType.text}`, ast.mediaType.span.line);
  }
  // The studio block stays where it is written (imports write it last).
  const studio = ast.studio;
  let pending = studio !== undefined;
  const printBlock = (): void => {
    p.flush(studio!.span.offset ?? 0, '', true);
    p.blank();
    printStudio(p, studio!);
    pending = false;
  };
  for (const a of ast.actions) {
    if (pending && (studio!.span.offset ?? 0) < (a.span.offset ?? 0)) printBlock();
    p.flush(a.span.offset ?? 0, '', true);
    p.blank();
    printAction(p, a);
  }
  if (pending) printBlock();
  p.flush(Infinity, '', true);
  if (p.pending) p.blank();
  p.flush(Infinity, '');
  return p.text();
}

function printAction(p: Printer, a: ActionAst): void {
  p.flush(a.span.offset ?? 0, '');
  let head = `${a.label.text}: ${a.typeWords.map((w) => w.text).join(' ')}`;
  if (a.version) head += ` v${a.version.value}`;
  if (a.caption) head += ` ${printString(a.caption)}`;
  let line = a.caption ? endLine(a.caption.span, a.caption.raw) : a.label.span.line;
  if (a.snippet) {
    if (a.props.length > 0) head += ` (${a.props.map(printProp).join(', ')})`;
    const code = a.snippet.code;
    p.line(`${head} {${code}}`, endLine(a.snippet.span, code));
  } else if (a.props.length > 0) {
    p.line(`${head} {`, line);
    for (const prop of a.props) {
      p.flush(prop.span.offset ?? 0, INDENT);
      line = endLine(prop.value.span, printValue(prop.value));
      p.line(INDENT + printProp(prop), line);
    }
    p.flush(bodyEnd(a), INDENT);
    p.line('}', a.bodyEndLine ?? line);
  } else p.line(needsEmptyBody(a) ? `${head} {}` : head, line);
  a.branches.forEach((b, i) => {
    p.flush(b.span.offset ?? 0, INDENT);
    if (i === 0 && b.kind === 'default') p.append(` ${printBranch(b)}`, INDENT, b.target.span.line);
    else p.line(INDENT + printBranch(b), b.target.span.line);
  });
}

/** The studio block: one line per script field and per action entry, in the order written. */
function printStudio(p: Printer, block: StudioBlockAst): void {
  p.flush(block.span.offset ?? 0, '');
  p.line('studio {', block.span.line);
  const fields = block.props.map((prop) => ({ span: prop.span, text: printProp(prop), endLine: endLine(prop.value.span, printValue(prop.value)) }));
  const entries = block.entries.map((e) => ({ span: e.span, text: `${e.label.text} {${e.props.map((prop) => ` ${printProp(prop)}`).join('')} }`, endLine: e.endLine }));
  for (const item of [...fields, ...entries].sort((x, y) => (x.span.offset ?? 0) - (y.span.offset ?? 0))) {
    p.flush(item.span.offset ?? 0, INDENT);
    p.line(INDENT + item.text, item.endLine);
  }
  p.flush((block.span.offset ?? 0) + (block.span.length ?? 1) - 1, INDENT);
  p.line('}', block.endLine);
}

/**
 * An empty body is dropped, except where it keeps the first branch from being
 * read as a caption (`{} "a" -> x`) or as part of the type (`{} TRUE -> x`).
 */
function needsEmptyBody(a: ActionAst): boolean {
  const b = a.branches[0];
  if (!b || a.caption) return false;
  if (b.kind === 'value') return b.value.kind === 'string';
  return b.kind === 'named' && !a.version && /^[A-Z][A-Z0-9_]*$/.test(b.name.text);
}

/** Offset of a body's closing brace: comments before it belong inside the body. */
function bodyEnd(a: ActionAst): number {
  const s = a.bodySpan ?? a.span;
  return (s.offset ?? 0) + (s.length ?? 1) - 1;
}

/**
 * Formats a script text; returns diagnostics (and no text) when it does not
 * parse. A file written with CRLF line endings keeps them.
 */
export function formatText(text: string, file: string): { text?: string; diagnostics: Diagnostic[] } {
  const { ast, diagnostics } = parseScriptText(text, file);
  if (hasErrors(diagnostics)) return { diagnostics };
  const out = formatAst(ast);
  return { text: text.includes('\r\n') ? out.replace(/\r?\n/g, '\r\n') : out, diagnostics };
}
