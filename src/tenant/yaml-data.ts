// Reading YAML (and JSON, which is YAML) without letting a hostile file take
// the process down: the yaml package parses and converts recursively, so
// nesting thousands deep (`: : : …`, `[[[[…`) would exhaust the stack. Both
// steps are guarded here, and the data is then held to the nesting limit
// every other input has, before anything else walks it.
import type { Document, DocumentOptions, ParseOptions, SchemaOptions } from 'yaml';
import { parseDocument } from 'yaml';
import { checkNesting, MAX_NESTING, NestingError } from '../snippet/json.js';

export const TOO_DEEP = `nested too deeply to read (the limit is ${MAX_NESTING} levels)`;

const isStackOverflow = (err: unknown): boolean => err instanceof RangeError && /call stack/i.test(err.message);

/** parseDocument, or undefined when the text nests too deeply for the parser. */
export function parseYamlDocument(text: string, options: ParseOptions & DocumentOptions & SchemaOptions): Document.Parsed | undefined {
  try {
    return parseDocument(text, options);
  } catch (err) {
    if (isStackOverflow(err)) return undefined;
    throw err;
  }
}

/**
 * The document as plain data, with aliases expanded at most `maxAliasCount`
 * times and nesting at most MAX_NESTING levels; otherwise a one-line problem.
 */
export function yamlData(doc: Document.Parsed, maxAliasCount: number): { data: unknown } | { problem: string } {
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount });
  } catch (err) {
    if (isStackOverflow(err)) return { problem: TOO_DEEP };
    return { problem: (err instanceof Error ? err.message : String(err)).split('\n')[0]! };
  }
  try {
    checkNesting(data);
  } catch (err) {
    if (err instanceof NestingError) return { problem: TOO_DEEP };
    throw err;
  }
  return { data };
}
