// Reads a tenant file's text (YAML or JSON) into plain data plus a `locate`
// function that maps a document path to file:line:col, so every later error
// points into the file. A JSON document (a `.json` file, or any text that is
// a JSON object) is read by JSON.parse and located by scanning the text only
// when a diagnostic asks (contract/json-text.ts): a tenant of tens of thousands of
// records loads in milliseconds. Other text goes through the yaml package,
// located by its node ranges.
import { isMap, isPair, isScalar, isSeq, LineCounter, type Node, type Pair } from 'yaml';
import { parseYamlDocument, TOO_DEEP, yamlData } from './yaml-data.js';
import { diagnostic, LineIndex, type Diagnostic, type Span } from '../contract/diagnostics.js';
import { jsonErrorReason } from '../contract/json-offset.js';
import { JsonLocator, jsonProblem } from '../contract/json-text.js';
import type { DocPath, Locate } from './section.js';

export interface ParsedTenantText {
  /** The document as plain data; undefined when it could not be read. */
  data: unknown;
  diagnostics: Diagnostic[];
  locate: Locate;
}

/** Aliases expand at most this many times (a "billion laughs" file stays small). */
const MAX_ALIAS_COUNT = 100;

export function parseTenantText(text: string, file: string, syntax?: 'yaml'): ParsedTenantText {
  const json = /\.json$/i.test(file);
  if (syntax !== 'yaml' && (json || /^\s*\{/.test(text))) {
    const parsed = parseJsonTenant(text, file, json);
    if (parsed) return parsed;
  }
  const lineCounter = new LineCounter();
  const doc = parseYamlDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true, strict: true });
  if (!doc) return { data: undefined, diagnostics: [diagnostic('E-TENANT-SYNTAX', `the file is ${TOO_DEEP}`, { file, line: 1, col: 1 })], locate: () => ({ file, line: 1, col: 1 }) };
  const spanAt = (start: number, end: number): Span => {
    const pos = lineCounter.linePos(Math.min(start, text.length));
    return { file, line: pos.line, col: pos.col, offset: start, length: Math.max(1, end - start) };
  };

  const locate: Locate = (path, part = 'value') => {
    let node: unknown = doc.contents;
    let pair: Pair | undefined;
    let best: [number, number] | undefined = rangeOf(node);
    for (const seg of path) {
      if (isMap(node)) {
        pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(seg));
        if (!pair) break;
        node = pair.value;
        best = part === 'key' && seg === path[path.length - 1] ? rangeOf(pair.key) : (rangeOf(pair.value) ?? rangeOf(pair.key));
      } else if (isSeq(node) && typeof seg === 'number' && node.items[seg] !== undefined) {
        node = node.items[seg];
        pair = undefined;
        best = rangeOf(node) ?? best;
      } else break;
    }
    return best ? spanAt(best[0], best[1]) : { file, line: 1, col: 1, length: 1 };
  };

  const diagnostics: Diagnostic[] = [];
  for (const e of doc.errors) {
    const [start, end] = e.pos;
    diagnostics.push(diagnostic('E-TENANT-SYNTAX', firstLine(e.message), spanAt(start, end)));
  }
  if (diagnostics.length > 0) return { data: undefined, diagnostics, locate };
  if (doc.contents === null) {
    diagnostics.push(diagnostic('E-TENANT-EMPTY', 'the tenant file is empty: it needs at least a timeZone (see docs/tenant.md)', spanAt(0, 1)));
    return { data: undefined, diagnostics, locate };
  }
  const read = yamlData(doc, MAX_ALIAS_COUNT);
  if ('problem' in read) {
    const at = read.offset === undefined ? locate([]) : spanAt(read.offset, read.offset + 1);
    diagnostics.push(diagnostic('E-TENANT-SYNTAX', firstLine(read.problem), at));
    return { data: undefined, diagnostics, locate };
  }
  return { data: read.data, diagnostics, locate };
}

function rangeOf(node: unknown): [number, number] | undefined {
  if (node && typeof node === 'object' && 'range' in node) {
    const r = (node as Node).range;
    if (r) return [r[0], r[1]];
  }
  if (isPair(node)) return rangeOf(node.key);
  return undefined;
}

/** yaml's messages end with a context excerpt; the caret excerpt replaces it. */
function firstLine(message: string): string {
  return message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
}

/** `skills[0].name` for a document path. */
export function pathText(path: DocPath): string {
  let out = '';
  for (const seg of path) out += typeof seg === 'number' ? `[${seg}]` : out === '' ? seg : `.${seg}`;
  return out || 'the document';
}

/**
 * A tenant document written as JSON. undefined when the text is not JSON and
 * the file is not named `.json` (then it is YAML, for example a flow mapping).
 */
function parseJsonTenant(text: string, file: string, named: boolean): ParsedTenantText | undefined {
  const lines = new LineIndex(text);
  const spanAt = (start: number, end: number): Span => ({ file, ...lines.positionAt(start), offset: start, length: Math.max(1, end - start) });
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    if (!named) return undefined;
    const at = jsonProblem(text, false)?.offset ?? 0;
    const reason = jsonErrorReason(err).replace(/ \(line \d+ column \d+\)$/, '');
    return { data: undefined, diagnostics: [diagnostic('E-TENANT-SYNTAX', `invalid JSON: ${reason}`, spanAt(at, at + 1))], locate: () => spanAt(0, 1) };
  }
  const locator = new JsonLocator(text);
  const locate: Locate = (path, part = 'value') => {
    const { range, found } = locator.locate(path);
    const key = part === 'key' && found && path.length > 0 && range.keyStart !== undefined;
    return key ? spanAt(range.keyStart!, range.keyEnd!) : spanAt(range.start, range.end);
  };
  // JSON.parse keeps the last of two equal keys silently; a tenant file must not have them (as in YAML).
  const problem = jsonProblem(text);
  if (problem?.kind === 'duplicate')
    return { data: undefined, diagnostics: [diagnostic('E-TENANT-SYNTAX', `Map keys must be unique ("${problem.key}" appears twice in one object)`, spanAt(problem.offset, problem.offset + problem.length))], locate };
  return { data, diagnostics: [], locate };
}
