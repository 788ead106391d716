// Compiles a prompt-sequence property (PLAY, MENU… `Sequence`): the segments
// are parsed once here, each problem located at its character in the .script
// file, and each segment's `{…}` substitutions compiled, so a run only renders
// text. A sequence that is one substitution as a whole (`"{prompt}"` holding
// `"%Hi" "x.wav"` built by a snippet, or a bare variable) is parsed when it runs.
import { diagnostic, positionAt, type Diagnostic, type Span } from '../contract/diagnostics.js';
import type { CompiledExpression, CompiledTemplate } from '../contract/snippet.js';
import type { PropValue } from '../contract/script-graph.js';
import { parseSequence, parseSequenceItems, type ParsedSequence } from '../phone/prompt-sequence.js';
import type { CompiledProp } from './compiled.js';

export interface PromptCompiler {
  source: string;
  diagnostics: Diagnostic[];
  template(text: string, span: Span): CompiledTemplate | undefined;
  expression(text: string, span: Span): CompiledExpression | undefined;
}

const WHOLE_SUBSTITUTION = /^\s*\{[^{}"]*\}\s*$/;

export function compilePrompt(v: PropValue, c: PromptCompiler): CompiledProp | undefined {
  if (v.kind === 'path') {
    const expression = c.expression(v.path, v.span);
    return expression ? { kind: 'dynamic-prompt', source: { kind: 'expression', expression } } : undefined;
  }
  if (v.kind === 'string') {
    const at = (decoded: number): number => rawOffset(c.source, v.span.offset, decoded);
    if (WHOLE_SUBSTITUTION.test(v.value)) {
      const template = c.template(v.value, spanAt(c.source, v.span.file, at(0), v.value.length));
      return template ? { kind: 'dynamic-prompt', source: { kind: 'template', template } } : undefined;
    }
    return build(parseSequence(v.value), c, (item, offset) => spanAt(c.source, v.span.file, at(offset), 1), at);
  }
  if (v.kind === 'list') {
    const items = v.items.filter((i): i is Extract<PropValue, { kind: 'string' }> => i.kind === 'string');
    const at = (item: number | undefined, decoded: number): number => rawOffset(c.source, items[item ?? 0]!.span.offset, decoded);
    return build(
      parseSequenceItems(items.map((i) => i.value)),
      c,
      (item, offset) => spanAt(c.source, v.span.file, at(item, offset), 1),
      (offset, item) => at(item, offset),
    );
  }
  return undefined;
}

function build(
  parsed: ParsedSequence,
  c: PromptCompiler,
  where: (item: number | undefined, offset: number) => Span,
  raw: (decoded: number, item?: number) => number,
): CompiledProp | undefined {
  for (const p of parsed.problems) {
    const start = where(p.item, p.offset);
    const end = raw(p.offset + p.length, p.item);
    c.diagnostics.push(diagnostic(p.code, p.message, { ...start, length: Math.max(1, end - (start.offset ?? end)) }, p.severity));
  }
  if (parsed.problems.some((p) => p.severity === 'error')) return undefined;
  const templates = parsed.segments.map((s) => (s.text.includes('{') ? (c.template(s.text, where(s.item, s.offset)) ?? null) : null));
  return { kind: 'prompt', segments: parsed.segments, templates };
}

/** Where the character at `decoded` of a string literal's value sits in the file (escapes take two characters). */
function rawOffset(source: string, literalOffset: number | undefined, decoded: number): number {
  if (literalOffset === undefined) return 0;
  let raw = literalOffset + (source.startsWith('"""', literalOffset) ? 3 : 1);
  // Before the text: the opening quote.
  if (decoded < 0) return raw + decoded;
  let seen = 0;
  while (seen < decoded && raw < source.length) {
    if (source[raw] === '\\') {
      // `\{` and `\}` stay two characters in the value; other escapes become one.
      seen += source[raw + 1] === '{' || source[raw + 1] === '}' ? 2 : 1;
      raw += 2;
    } else {
      seen++;
      raw++;
    }
  }
  return raw;
}

function spanAt(source: string, file: string, offset: number, length: number): Span {
  const { line, col } = positionAt(source, offset);
  return { file, line, col, offset, length };
}
