// Reads a Desktop Studio XML export (`ScriptContainer`, docs/import.md) into
// the format-neutral StudioScript. fast-xml-parser runs with entity
// processing off, so no DTD entity is ever expanded and nothing is fetched;
// only the five predefined XML entities and numeric character references are
// decoded, by hand, once. Anything the layout does not have a place for is
// reported, located, and left out.
import { fastXmlParser } from '../deps.js';
import { diagnostic, positionAt, type Diagnostic, type Span } from '../contract/diagnostics.js';
import { xmlErrorDiagnostic } from './xml-errors.js';
import { ACTION_FIELDS, type StudioAction, type StudioBranch, type StudioParam, type StudioScript, type StudioValue } from './model.js';

type Node = Record<string, unknown>;

const CDATA = '__cdata';
const ARRAY_PARENTS = new Set(['parameters', 'branches', 'cases', 'actions', 'segments']);

/** ActionStruct children the reader understands (the rest is reported). */
const ACTION_CHILDREN = new Set(['actionid', 'action', 'caption', 'parameters', 'defaultnextaction', 'branches', 'cases', ...Object.values(ACTION_FIELDS).map((f) => ('xml' in f ? f.xml.toLowerCase() : ''))]);
/** LibraryItem children kept as script fields, by element name -> canonical field. */
const LIBRARY_CHILDREN: Record<string, string> = { ImplPath: 'Path', CreateDate: 'CreateDate', ModifyDate: 'ModifyDate', ModifyUserID: 'ModifyUserID', URI: 'URI' };

export interface ReadResult {
  script?: StudioScript;
  diagnostics: Diagnostic[];
}

/** Parses the export; errors are located diagnostics, never exceptions. */
export function readStudioXml(input: string, file: string): ReadResult {
  // .NET writes exports with a byte order mark, which the validator would take for text before the declaration.
  const text = input.replace(/^\uFEFF/, '');
  const fxp = fastXmlParser();
  const where = (line: number, col: number): Span => ({ file, line, col, length: 1 });
  const valid = fxp.XMLValidator.validate(text, { allowBooleanAttributes: true });
  if (valid !== true) return { diagnostics: [xmlErrorDiagnostic(text, valid.err, file)] };
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
  const root = doc['ScriptContainer'];
  if (!isNode(root)) {
    const found = Object.keys(doc).find((k) => !k.startsWith('@_') && k !== '#text');
    return {
      diagnostics: [
        diagnostic('E-IMPORT-STRUCTURE', `not a Desktop Studio export: the root element is <${found ?? '?'}>, not <ScriptContainer>`, where(1, 1)),
      ],
    };
  }
  const rootSpan = locate(text, /<(?:\w+:)?ScriptContainer\b/g, file)[0] ?? where(1, 1);
  const structSpans = locate(text, /<(?:\w+:)?ActionStruct\b/g, file);
  const actionsNode = root['Actions'];
  const structs = isNode(actionsNode) ? asArray(actionsNode['ActionStruct']) : [];
  const diagnostics: Diagnostic[] = [];
  if (structs.length === 0) {
    return { diagnostics: [diagnostic('E-IMPORT-STRUCTURE', 'the export has no <Actions>/<ActionStruct> elements', rootSpan)] };
  }
  const actions = structs.map((s, i) => readAction(isNode(s) ? s : {}, structSpans[i] ?? rootSpan, diagnostics));
  actions.forEach((a, i) => {
    // Studio has no action without a type: one emptied by hand is not guessed at (nothing is written).
    if (a.type === '') diagnostics.push(diagnostic('E-IMPORT-STRUCTURE', `action ${a.id || i + 1}: the action has no type (its <Action> element is ${isNode(structs[i]) && (structs[i] as Node)['Action'] !== undefined ? 'empty' : 'missing'})`, typeSpan(text, a.span)));
  });
  if (diagnostics.some((d) => d.severity === 'error')) return { diagnostics };
  return { script: { format: 'xml', fields: readScriptFields(root, rootSpan, diagnostics), actions, span: rootSpan }, diagnostics };
}

function readAction(s: Node, span: Span, diagnostics: Diagnostic[]): StudioAction {
  const action: StudioAction = {
    id: textOf(s['ActionID']).trim(),
    type: textOf(s['Action']).trim(),
    params: strings(s['Parameters']).map((value): StudioParam => ({ value })),
    branches: [],
    fields: new Map(),
    span,
  };
  if (s['Caption'] !== undefined) action.caption = textOf(s['Caption']);
  const what = `action ${action.id || '?'} (${action.type || 'no type'})`;
  const next = s['DefaultNextAction'];
  if (isNode(next)) pushBranch(action.branches, 'default', '', next, what, diagnostics, span);
  for (const [element, kind] of [
    ['Branches', 'branch'],
    ['Cases', 'case'],
  ] as const) {
    const list = s[element];
    for (const b of isNode(list) ? asArray(list['BranchStruct']) : []) if (isNode(b)) pushBranch(action.branches, kind, textOf(b['Text']), b, what, diagnostics, span);
  }
  for (const [name, where] of Object.entries(ACTION_FIELDS)) {
    if (!('xml' in where)) continue;
    const v = s[where.xml];
    if (v !== undefined) action.fields.set(name, textOf(v).trim());
  }
  const unknown = Object.keys(s).filter((k) => !k.startsWith('@_') && k !== '#text' && !ACTION_CHILDREN.has(k.toLowerCase()));
  if (unknown.length > 0) diagnostics.push(dropped(`${what}: <${unknown.join('>, <')}> ${unknown.length === 1 ? 'is' : 'are'} not read (no place for ${unknown.length === 1 ? 'it' : 'them'} in a .script); left out`, span));
  return action;
}

function pushBranch(out: StudioBranch[], kind: StudioBranch['kind'], label: string, b: Node, what: string, diagnostics: Diagnostic[], span: Span): void {
  const to = textOf(b['ActionID']).trim();
  const index = Number(textOf(b['Index']).trim());
  const points = isNode(b['Segments']) ? asArray((b['Segments'] as Node)['Point']).length : 0;
  if (points > 0) diagnostics.push(dropped(`${what}: the bend points of the ${kind === 'default' ? 'default' : `'${label}'`} connector are not kept (Studio draws it straight)`, span));
  // Studio writes -1 (or leaves the element out) for a branch that is not connected; a .script branch always has a target.
  if (to === '' || to === '-1') {
    if (kind !== 'default') diagnostics.push(dropped(`${what}: ${kind === 'case' ? `case '${label}'` : `branch '${label}'`} is not connected in the export; left out`, span));
    return;
  }
  const branch: StudioBranch = { kind, label, to };
  if (textOf(b['Index']).trim() !== '' && Number.isInteger(index)) branch.index = index;
  out.push(branch);
}

function readScriptFields(root: Node, span: Span, diagnostics: Diagnostic[]): Map<string, StudioValue> {
  const fields = new Map<string, StudioValue>();
  const set = (name: string, v: unknown): void => {
    if (v !== undefined) fields.set(name, textOf(v).trim());
  };
  set('BusNo', root['@_BusNo']);
  set('UserID', root['@_UserID']);
  set('SchemaLocation', root['@_noNamespaceSchemaLocation']);
  const lib = root['LibraryItem'];
  if (isNode(lib)) {
    set('LibraryID', lib['@_LibraryID']);
    set('Name', lib['@_Name']);
    set('Alias', lib['@_Alias']);
    if (!fields.has('BusNo')) set('BusNo', lib['@_BusNo']);
    for (const [element, name] of Object.entries(LIBRARY_CHILDREN)) set(name, lib[element]);
    const params = strings(lib['Parameters']);
    if (params.length > 0) fields.set('LibraryParameters', params);
    if (isNode(lib['Branches']) && Object.keys(lib['Branches']).some((k) => !k.startsWith('@_') && k !== '#text'))
      diagnostics.push(dropped('<LibraryItem>/<Branches> is not read (its layout was never observed); left out', span));
  }
  set('MediaType', root['MediaType']);
  const modified = root['ModifyDate'];
  if (modified !== undefined && textOf(modified).trim() !== fields.get('ModifyDate')) set(fields.has('ModifyDate') ? 'ScriptModifyDate' : 'ModifyDate', modified);
  const known = new Set(['Actions', 'LibraryItem', 'MediaType', 'ModifyDate']);
  const unknown = Object.keys(root).filter((k) => !k.startsWith('@_') && k !== '#text' && !known.has(k));
  if (unknown.length > 0) diagnostics.push(dropped(`<ScriptContainer> children <${unknown.join('>, <')}> are not read; left out`, span));
  return fields;
}

const dropped = (message: string, span: Span): Diagnostic => diagnostic('W-IMPORT-DROPPED', message, span, 'warning');

const isNode = (v: unknown): v is Node => typeof v === 'object' && v !== null && !Array.isArray(v);
const asArray = (v: unknown): unknown[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

/** The `<string>` children of a list element (`<Parameters>`), in order. */
function strings(container: unknown): string[] {
  return isNode(container) ? asArray(container['string']).map(textOf) : [];
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

/** The `<Action>` element of the ActionStruct at `struct` (the struct itself when it has none). */
function typeSpan(text: string, struct: Span): Span {
  const re = /<(?:\w+:)?Action(?=[\s/>])|<\/(?:\w+:)?ActionStruct\s*>/g;
  re.lastIndex = struct.offset ?? 0;
  const m = re.exec(text);
  if (!m || m[0].startsWith('</')) return struct;
  return { file: struct.file, ...positionAt(text, m.index), offset: m.index, length: m[0].length + 1 };
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
