// Where JSON.parse failed, as an offset into the text: Node 20's messages do
// not always carry the position, so a small scanner finds the first character
// a JSON reader rejects. Used for option files and for imported Studio JSON.

import { positionAt } from './diagnostics.js';
/** JSON.parse's message without the position and the quoted input it ends with. */
export function jsonErrorReason(err: unknown): string {
  return (err instanceof Error ? err.message : String(err)).replace(/,? ?(in JSON )?at position \d+.*$/s, '').replace(/, .*is not valid JSON$/s, '');
}

/** The 0-based offset of the character JSON.parse rejected in `text`. */
export function jsonErrorOffset(text: string, err: unknown): number {
  const m = /position (\d+)/.exec(err instanceof Error ? err.message : '');
  let offset = m ? Number(m[1]) : -1;
  if (offset < 0) {
    // Walk to the first character JSON.parse rejects: the longest prefix that is still a valid JSON start.
    offset = firstBadJsonOffset(text);
  }
  return offset;
}

const MAX_SCAN_DEPTH = 1000;

/**
 * The line and column of the first bracket that opens a level deeper than
 * `max` (outside strings), or undefined when the text nests no deeper.
 */
export function locateDeepNesting(text: string, max: number): { line: number; col: number } | undefined {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92 /* \ */) i++;
      else if (c === 34 /* " */) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 123 /* { */ || c === 91 /* [ */) {
      if (++depth > max) return positionAt(text, i);
    } else if (c === 125 /* } */ || c === 93 /* ] */) depth--;
  }
  return undefined;
}

/** Offset of the first character a JSON reader rejects (a small scanner: only the position is needed). */
function firstBadJsonOffset(text: string): number {
  let i = 0;
  const ws = (): void => {
    while (i < text.length && ' \t\r\n'.includes(text[i]!)) i++;
  };
  const fail = (): never => {
    throw i;
  };
  const value = (depth: number): void => {
    ws();
    const c = text[i];
    // Deeper than any value the tool accepts: stop here rather than recurse on.
    if (depth > MAX_SCAN_DEPTH) fail();
    if (c === '{' || c === '[') {
      const close = c === '{' ? '}' : ']';
      i++;
      ws();
      if (text[i] === close) return void i++;
      for (;;) {
        if (c === '{') {
          ws();
          if (text[i] !== '"') fail();
          string();
          ws();
          if (text[i] !== ':') fail();
          i++;
        }
        value(depth + 1);
        ws();
        if (text[i] === ',') i++;
        else if (text[i] === close) return void i++;
        else fail();
      }
    }
    if (c === '"') return string();
    const m = /^(-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?|true|false|null)/.exec(text.slice(i, i + 400));
    if (!m) fail();
    i += m![0].length;
  };
  const string = (): void => {
    i++;
    while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
    if (i >= text.length) fail();
    i++;
  };
  try {
    value(0);
    ws();
    return i < text.length ? i : Math.max(0, text.length - 1);
  } catch (at) {
    return Math.min(typeof at === 'number' ? at : 0, Math.max(0, text.length - 1));
  }
}
