// Tells a Desktop Studio XML export from CXone Studio JSON by its content
// (the first character that is not white space), whatever the file is called.
import { wrongKind } from '../contract/diagnostics.js';
import { readStudioJson } from './studio-json.js';
import { readStudioXml, type ReadResult } from './studio-xml.js';

export function readStudioExport(input: string, file: string): ReadResult {
  const text = input.replace(/^\uFEFF/, '');
  // UTF-16 read as UTF-8: its byte-order mark becomes two replacement characters, and every other byte of ASCII text is a NUL
  // (which neither XML nor JSON allows as it is).
  if (/^\uFFFD\uFFFD/.test(text) || text.slice(0, 64).includes('\u0000'))
    return { diagnostics: [wrongKind('E-IMPORT-FORMAT', 'not a Studio export this tool can read: the file looks UTF-16 encoded; save it as UTF-8', file)] };
  const at = text.search(/\S/);
  if (at >= 0 && text[at] === '<') return readStudioXml(text, file);
  if (at >= 0 && text[at] === '{') return readStudioJson(text, file);
  const expected = 'expected Desktop Studio XML (<ScriptContainer>) or CXone Studio JSON ({"header", "actions", …})';
  if (at < 0) return { diagnostics: [wrongKind('E-IMPORT-FORMAT', `not a Studio export: the file is empty; ${expected}`, file)] };
  // Another kind of file is named, never quoted back (no excerpt of its first line).
  return { diagnostics: [wrongKind('E-IMPORT-FORMAT', `not a Studio export: it starts with neither < nor {; ${expected}`, file)] };
}
