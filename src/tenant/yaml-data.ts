// Reading YAML (and JSON, which is YAML) without letting a hostile file take
// the process down: the yaml package parses and converts recursively, so
// nesting thousands deep (`: : : …`, `[[[[…`) would exhaust the stack. Both
// steps are guarded here, and the data is then held to the nesting limit
// every other input has, before anything else walks it.
import type { Document, DocumentOptions, ParseOptions, SchemaOptions } from 'yaml';
import { isAlias, isCollection, isPair, parseDocument } from 'yaml';
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

export const COLLECTION_KEY = 'a key cannot be a mapping or a list: write it as a plain value';

/**
 * The document as plain data, with aliases expanded at most `maxAliasCount`
 * times and nesting at most MAX_NESTING levels; otherwise a one-line problem,
 * with the offset it is about when it has one.
 */
export function yamlData(doc: Document.Parsed, maxAliasCount: number): { data: unknown } | { problem: string; offset?: number } {
  const key = collectionKey(doc);
  if (key !== undefined) return { problem: COLLECTION_KEY, offset: key };
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

/**
 * The offset of the first key that is a mapping or a list (`? [a]: 1`), if any.
 * No input of ours has one, and the yaml package turns such a key into a
 * string by printing it, which takes exponential time when keys nest
 * (`? ? ? … a`) and warns on stderr. Walked in document order with an explicit
 * stack, since the document may nest as deep as the parser allows.
 */
function collectionKey(doc: Document.Parsed): number | undefined {
  const stack: unknown[] = [doc.contents];
  while (stack.length > 0) {
    const node = stack.pop();
    if (isPair(node)) {
      const key = isAlias(node.key) ? node.key.resolve(doc) : node.key;
      if (isCollection(key)) return (node.key as { range?: [number, number, number] }).range?.[0] ?? 0;
      stack.push(node.value);
    } else if (isCollection(node)) {
      for (let i = node.items.length - 1; i >= 0; i--) stack.push(node.items[i]);
    }
  }
  return undefined;
}
