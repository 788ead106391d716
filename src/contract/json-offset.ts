// Where JSON.parse failed, as an offset into the text: Node 20's messages do
// not always carry the position, so the scanner of json-text.ts finds the
// first character a JSON reader rejects. Used for option files and for
// imported Studio JSON.
import { positionAt } from './diagnostics.js';
import { jsonProblem } from './json-text.js';

/** JSON.parse's message without the position and the quoted input it ends with. */
export function jsonErrorReason(err: unknown): string {
  return (err instanceof Error ? err.message : String(err)).replace(/,? ?(in JSON )?at position \d+.*$/s, '').replace(/, .*is not valid JSON$/s, '');
}

/** The 0-based offset of the character JSON.parse rejected in `text`. */
export function jsonErrorOffset(text: string, err: unknown): number {
  const m = /position (\d+)/.exec(err instanceof Error ? err.message : '');
  // Without a position in the message, the scanner finds the first character a strict reader rejects.
  return m ? Number(m[1]) : (jsonProblem(text, false)?.offset ?? Math.max(0, text.length - 1));
}

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
