// Plain, located messages for an export that is not well-formed XML.
// fast-xml-parser's validator stops at the first problem with a message of its
// own; those are said again in plain words at the place it found them. A file
// that ends with elements still open (an export cut short on a copy or a
// download) is reported at the end of the file, naming the innermost element
// left open and where it started: the validator itself lists only the names of
// the open elements, located at 1:1.
import { diagnostic, LineIndex, type Diagnostic } from '../contract/diagnostics.js';

/** The validator's error (fast-xml-parser `XMLValidator.validate(...).err`). */
export interface XmlValidatorError {
  code: string;
  msg: string;
  line: number;
  col: number;
}

/** Where a file stops in the middle of something, and the elements still open there. */
interface EndState {
  open: { name: string; offset: number }[];
  inside?: { what: string; offset: number };
}

/** Outer open elements named after the innermost one (a deeper file says how many more). */
const OUTER_SHOWN = 4;

/** The E-IMPORT-XML diagnostic of a validator error in `text` (without a byte order mark). */
export function xmlErrorDiagnostic(text: string, err: XmlValidatorError, file: string): Diagnostic {
  const lines = new LineIndex(text);
  const end = lines.positionAt(text.trimEnd().length);
  const line = Number.isInteger(err.line) && err.line >= 1 ? err.line : 1;
  const col = Number.isInteger(err.col) && err.col >= 1 ? err.col : 1;
  const offset = (lines.lineStart(line) ?? text.length) + col - 1;
  const state = endState(text);
  // The validator notices a cut at the end of the file (open elements), or inside the tag the file stops in (an
  // attribute without its value, an open quote: it reads that tag up to the end of the file).
  const cut = /^(Unclosed tag|Invalid '\[)/.test(err.msg) || offset >= text.trimEnd().length || (state.inside !== undefined && offset >= state.inside.offset);
  if (cut && (state.open.length > 0 || state.inside)) {
    const at = (o: number): string => {
      const p = lines.positionAt(o);
      return `${p.line}:${p.col}`;
    };
    return diagnostic('E-IMPORT-XML', `not well-formed XML: ${truncated(state, at)}`, { file, line: end.line, col: end.col, length: 1 });
  }
  // A second root is found after its name was read: point at its '<'.
  const where = /^Multiple possible root nodes/.test(err.msg) && text.lastIndexOf('<', offset) >= 0 ? lines.positionAt(text.lastIndexOf('<', offset)) : { line, col };
  return diagnostic('E-IMPORT-XML', `not well-formed XML: ${plain(err.msg)}`, { file, ...where, length: 1 });
}

function truncated(state: EndState, at: (offset: number) => string): string {
  const open = [...state.open].reverse();
  const head = state.inside ? `the file ends in the middle of ${state.inside.what} (at ${at(state.inside.offset)})` : 'the file ends';
  if (open.length === 0) return `${head}; is the export cut short?`;
  const [inner, ...outer] = open;
  const shown = outer.slice(0, OUTER_SHOWN).map((e) => `<${e.name}> (${at(e.offset)})`);
  if (outer.length > OUTER_SHOWN) shown.push(`${outer.length - OUTER_SHOWN} more`);
  const nor = shown.length > 0 ? `, nor ${shown.join(', ')}` : '';
  return `${head} with <${inner!.name}> (opened at ${at(inner!.offset)}) not closed${nor}; is the export cut short?`;
}

/**
 * Reads the text as far as it goes, keeping the elements open and what a cut
 * falls inside. Called only after the validator found no earlier error, so end
 * tags close the element on top.
 */
function endState(text: string): EndState {
  const open: EndState['open'] = [];
  const stop = (what: string, offset: number): EndState => ({ open, inside: { what, offset } });
  let i = text.indexOf('<');
  while (i !== -1 && i < text.length) {
    if (text.startsWith('<!--', i)) {
      const close = text.indexOf('-->', i + 4);
      if (close === -1) return stop('a comment', i);
      i = close + 3;
    } else if (text.startsWith('<![CDATA[', i)) {
      const close = text.indexOf(']]>', i + 9);
      if (close === -1) return stop('a CDATA section', i);
      i = close + 3;
    } else if (text.startsWith('<?', i)) {
      const close = text.indexOf('?>', i + 2);
      if (close === -1) return stop(text.startsWith('<?xml', i) ? 'the XML declaration' : 'a processing instruction', i);
      i = close + 2;
    } else if (text.startsWith('<!', i)) {
      const close = declarationEnd(text, i);
      if (close === -1) return stop('a <!DOCTYPE> declaration', i);
      i = close + 1;
    } else {
      const closing = text[i + 1] === '/';
      const name = /^[^\s/>]*/.exec(text.slice(i + (closing ? 2 : 1), i + 300))![0];
      const close = tagEnd(text, i);
      if (close < 0) {
        const tag = closing ? `</${name}` : `<${name}`;
        return stop(close === -2 ? `an attribute value of the start tag ${tag}` : `the ${closing ? 'end' : 'start'} tag ${tag}`, i);
      }
      if (closing) open.pop();
      else if (text[close - 1] !== '/') open.push({ name, offset: i });
      i = close + 1;
    }
    i = text.indexOf('<', i);
  }
  return { open };
}

/** The `>` ending the tag that starts at `from`: -1 when the text ends first, -2 when it ends inside a quoted value. */
function tagEnd(text: string, from: number): number {
  let quote = '';
  for (let i = from + 1; i < text.length; i++) {
    const c = text[i]!;
    if (quote !== '') {
      if (c === quote) quote = '';
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '>') return i;
  }
  return quote === '' ? -1 : -2;
}

/** The `>` ending a `<!DOCTYPE …>` (its internal subset may hold `<…>` of its own); -1 when the text ends first. */
function declarationEnd(text: string, from: number): number {
  let depth = 0;
  for (let i = from + 1; i < text.length; i++) {
    if (text[i] === '<') depth++;
    else if (text[i] === '>' && depth-- === 0) return i;
  }
  return -1;
}

/** The validator's messages said plainly; one it has not been seen to give stays as it is. */
const PLAIN: [RegExp, (...m: string[]) => string][] = [
  [/^Expected closing tag '(.*)' \(opened in line (\d+), col (\d+)\) instead of closing tag '(.*)'\.$/, (_, open, l, c, close) => `</${close}> found where </${open}> was expected (<${open}> opened at ${l}:${c})`],
  [/^Closing tag '(.*)' has not been opened\.$/, (_, t) => `</${t}> closes an element that is not open`],
  [/^Closing tag '(.*)' doesn't have proper closing\.$/, (_, t) => `the end tag </${t} has no closing >`],
  [/^Closing tag '(.*)' can't have attributes or invalid starting\.$/, (_, t) => `the end tag </${t}> has something after its name (an end tag has no attributes)`],
  [/^Attributes for '(.*)' have open quote\.$/, (_, t) => `an attribute value of <${t}> has no closing quote`],
  [/^Attribute '(.*)' is repeated\.$/, (_, a) => `attribute ${a} is written twice`],
  [/^Attribute '(.*)' has no space in starting\.$/, (_, a) => `attribute ${a} needs a space before it`],
  [/^(?:boolean attribute|Attribute) '(.*)' is (?:without value|not allowed)\.$/, (_, a) => `attribute ${a} has no value (write ${a}="…")`],
  [/^Attribute '(.*)' is an invalid name\.$/, (_, a) => `'${a}' is not an attribute name`],
  [/^Tag '(.*)' is an invalid name\.$/, (_, t) => `'<${t}' is not an element name`],
  [/^Invalid space after '<'\.$/, () => `'<' is not followed by an element name (write &lt; for a < in text)`],
  [/^Multiple possible root nodes found\.$/, () => 'a second element after the root element was closed (an export has one root, <ScriptContainer>)'],
  [/^Extra text at the end$/, () => 'text after the root element was closed'],
  [/^char '&' is not expected\.$/, () => `'&' that starts no entity (write &amp; for an & in text)`],
  [/^char '(.*)' is not expected\.$/, (_, c) => `text outside the root element ('${c}')`],
  [/^XML declaration allowed only at the start of the document\.$/, () => 'an XML declaration (<?xml …?>) that is not at the start of the file'],
  [/^Start tag expected\.$/, () => 'the file has no element (an export is a <ScriptContainer> element)'],
  [/^Unclosed tag '(.*)'\.$/, (_, t) => `<${t}> is not closed`],
];

function plain(msg: string): string {
  for (const [re, say] of PLAIN) {
    const m = re.exec(msg);
    if (m) return say(...m);
  }
  return msg.replace(/\.$/, '');
}
