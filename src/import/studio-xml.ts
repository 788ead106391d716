// Reads a Desktop Studio XML export (`ScriptContainer/Actions/ActionStruct`)
// into plain records. fast-xml-parser runs with entity processing off, so no
// DTD entity is ever expanded and nothing is fetched; only the five predefined
// XML entities and numeric character references are decoded, by hand, once.
import { fastXmlParser } from '../deps.js';
import { diagnostic, type Diagnostic, type Span } from '../contract/diagnostics.js';

export interface StudioBranch {
  name: string;
  next: string;
}

export interface StudioCase {
  value: string;
  next: string;
}

export interface StudioAction {
  id: string;
  type: string;
  version?: number;
  caption: string;
  params: string[];
  defaultNext: string;
  branches: StudioBranch[];
  cases: StudioCase[];
  /** Where the `<ActionStruct>` starts in the XML file. */
  span: Span;
}

export interface StudioScript {
  name: string;
  mediaType: string;
  actions: StudioAction[];
  span: Span;
}

type Node = Record<string, unknown>;

const CDATA = '__cdata';
const ARRAY_PARENTS = new Set(['parameters', 'branches', 'cases', 'actions']);

/** Parses the export; errors are located diagnostics, never exceptions. */
export function readStudioXml(input: string, file: string): { script?: StudioScript; diagnostics: Diagnostic[] } {
  // .NET writes exports with a byte order mark, which the validator would take for text before the declaration.
  const text = input.replace(/^\uFEFF/, '');
  const fxp = fastXmlParser();
  const where = (line: number, col: number): Span => ({ file, line, col, length: 1 });
  const valid = fxp.XMLValidator.validate(text, { allowBooleanAttributes: true });
  if (valid !== true) {
    const e = valid.err;
    return { diagnostics: [diagnostic('E-IMPORT-XML', `not well-formed XML: ${e.msg}`, where(e.line, e.col))] };
  }
  let doc: Node;
  try {
    const parser = new fxp.XMLParser({
      ignoreAttributes: false,
      attributeNamePrefix: '@_',
      processEntities: false,
      htmlEntities: false,
      parseTagValue: false,
      parseAttributeValue: false,
      trimValues: false,
      ignoreDeclaration: true,
      ignorePiTags: true,
      removeNSPrefix: true,
      cdataPropName: CDATA,
      isArray: (_name, jpath) => {
        const parts = String(jpath).split('.');
        return parts.length >= 2 && ARRAY_PARENTS.has(parts[parts.length - 2]!.toLowerCase());
      },
    });
    doc = parser.parse(text) as Node;
  } catch (err) {
    return { diagnostics: [diagnostic('E-IMPORT-XML', `cannot read XML: ${(err as Error).message}`, where(1, 1))] };
  }
  const root = field(doc, 'ScriptContainer');
  if (!isNode(root)) {
    return { diagnostics: [diagnostic('E-IMPORT-STRUCTURE', 'not a Desktop Studio export: the root element must be <ScriptContainer>', where(1, 1))] };
  }
  const rootSpan = locate(text, /<(?:\w+:)?ScriptContainer\b/g, file)[0] ?? where(1, 1);
  const structSpans = locate(text, /<(?:\w+:)?ActionStruct\b/g, file);
  const actionsNode = field(root, 'Actions');
  const structs = isNode(actionsNode) ? asArray(field(actionsNode, 'ActionStruct')) : [];
  if (structs.length === 0) {
    return { diagnostics: [diagnostic('E-IMPORT-STRUCTURE', 'the export has no <Actions>/<ActionStruct> elements', rootSpan)] };
  }
  const actions: StudioAction[] = [];
  structs.forEach((s, i) => {
    if (!isNode(s)) return;
    const version = Number(textOf(field(s, 'Version')));
    const action: StudioAction = {
      id: textOf(field(s, 'ActionId', 'ActionID', 'Id', 'ID')).trim(),
      type: textOf(field(s, 'ActionType', 'Type')).trim(),
      caption: textOf(field(s, 'Caption', 'Label')).trim(),
      params: children(field(s, 'Parameters')).map(textOf),
      defaultNext: textOf(field(s, 'DefaultNextAction')).trim(),
      branches: children(field(s, 'Branches')).filter(isNode).map((b) => ({
        name: textOf(field(b, 'Name', 'Condition', 'Branch')).trim(),
        next: textOf(field(b, 'NextAction', 'Target', 'Action')).trim(),
      })),
      cases: children(field(s, 'Cases')).filter(isNode).map((c) => ({
        value: textOf(field(c, 'Value', 'Name', 'Case')),
        next: textOf(field(c, 'NextAction', 'Target', 'Action')).trim(),
      })),
      span: structSpans[i] ?? rootSpan,
    };
    if (Number.isInteger(version) && version > 0) action.version = version;
    actions.push(action);
  });
  return {
    script: {
      name: textOf(field(root, 'Name', 'ScriptName')).trim(),
      mediaType: textOf(field(root, 'MediaType')).trim(),
      actions,
      span: rootSpan,
    },
    diagnostics: [],
  };
}

const isNode = (v: unknown): v is Node => typeof v === 'object' && v !== null && !Array.isArray(v);
const asArray = (v: unknown): unknown[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

/** The first child element with one of these names (case-insensitive). */
function field(node: Node, ...names: string[]): unknown {
  for (const name of names) {
    const key = Object.keys(node).find((k) => k.toLowerCase() === name.toLowerCase());
    if (key !== undefined) return node[key];
  }
  return undefined;
}

/** The child elements of a container (`<Parameters><string>…</string>…</Parameters>`), in order. */
function children(container: unknown): unknown[] {
  if (!isNode(container)) return [];
  const keys = Object.keys(container).filter((k) => !k.startsWith('@_') && k !== '#text' && k !== CDATA);
  return keys.flatMap((k) => asArray(container[k]));
}

function textOf(v: unknown): string {
  if (v === undefined || v === null) return '';
  if (typeof v === 'string') return decodeEntities(v);
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return textOf(v[0]);
  if (isNode(v)) {
    // CDATA sections are taken as written (no entity decoding), after any plain text.
    const cdata = asArray(v[CDATA]).map((c) => (typeof c === 'string' ? c : '')).join('');
    return textOf(v['#text']) + cdata;
  }
  return '';
}

const PREDEFINED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** Decodes the predefined entities and character references; any other `&name;` stays as written. */
export function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[A-Za-z]+);/g, (whole, ref: string) => {
    if (ref.startsWith('#')) {
      const code = ref[1] === 'x' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return PREDEFINED[ref] ?? whole;
  });
}

/** The spans of every match of `re` (a global regex) in the text, in order. */
function locate(text: string, re: RegExp, file: string): Span[] {
  const spans: Span[] = [];
  let line = 1;
  let lineStart = 0;
  let scanned = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) {
    for (let i = text.indexOf('\n', scanned); i !== -1 && i < m.index; i = text.indexOf('\n', i + 1)) {
      line++;
      lineStart = i + 1;
    }
    scanned = m.index;
    spans.push({ file, line, col: m.index - lineStart + 1, offset: m.index, length: m[0].length });
  }
  return spans;
}
