// Tells a Desktop Studio XML export from CXone Studio JSON by its content
// (the first character that is not white space), whatever the file is called.
import { wrongKind } from '../contract/diagnostics.js';
import { readStudioJson } from './studio-json.js';
import { readStudioXml, type ReadResult } from './studio-xml.js';

export function readStudioExport(input: string, file: string): ReadResult {
  const text = input.replace(/^\uFEFF/, '');
  const at = text.search(/\S/);
  if (at >= 0 && text[at] === '<') return readStudioXml(text, file);
  if (at >= 0 && text[at] === '{') return readStudioJson(text, file);
  const expected = 'expected Desktop Studio XML (<ScriptContainer>) or CXone Studio JSON ({"header", "actions", …})';
  if (at < 0) return { diagnostics: [wrongKind('E-IMPORT-FORMAT', `not a Studio export: the file is empty; ${expected}`, file)] };
  // Another kind of file is named, never quoted back (no excerpt of its first line).
  return { diagnostics: [wrongKind('E-IMPORT-FORMAT', `not a Studio export: it starts with neither < nor {; ${expected}`, file)] };
}
