// Tells a Desktop Studio XML export from CXone Studio JSON by its content
// (the first character that is not white space), whatever the file is called.
import { diagnostic, positionAt } from '../contract/diagnostics.js';
import { readStudioJson } from './studio-json.js';
import { readStudioXml, type ReadResult } from './studio-xml.js';

export function readStudioExport(input: string, file: string): ReadResult {
  const text = input.replace(/^\uFEFF/, '');
  const at = text.search(/\S/);
  if (at >= 0 && text[at] === '<') return readStudioXml(text, file);
  if (at >= 0 && text[at] === '{') return readStudioJson(text, file);
  const where = { file, ...positionAt(text, Math.max(0, at)), length: 1 };
  const what = at < 0 ? 'the file is empty' : `it starts with ${JSON.stringify(text.slice(at, at + 12))}`;
  return { diagnostics: [diagnostic('E-IMPORT-FORMAT', `not a Studio export: ${what}; expected Desktop Studio XML (<ScriptContainer>) or CXone Studio JSON ({"header", "actions", …})`, where)] };
}
