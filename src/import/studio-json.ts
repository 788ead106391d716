// Reads the script JSON of CXone Studio and its Admin API (`{header, actions,
// properties, branches}`, also wrapped as a save body `{"scriptContent": …}`)
// into the format-neutral StudioScript. The Admin API answers Desktop-only
// scripts with the XML export base64-encoded in `body` or `scriptContent`;
// that text is decoded and read as XML. Every problem is a located diagnostic.
import { diagnostic, positionAt, type Diagnostic, type Span } from '../contract/diagnostics.js';
import { jsonErrorOffset, jsonErrorReason, locateDeepNesting } from '../contract/json-offset.js';
import { ACTION_FIELDS, type StudioAction, type StudioBranch, type StudioParam, type StudioScript, type StudioValue } from './model.js';
import { readStudioXml, type ReadResult } from './studio-xml.js';

type Obj = Record<string, unknown>;

/** JSON header keys -> canonical script fields (the rest are kept under their own names). */
const HEADER_FIELDS: Record<string, string> = {
  scriptName: 'Path',
  busNo: 'BusNo',
  mediaType: 'MediaType',
  mediaTypeName: 'MediaTypeName',
  masterId: 'MasterID',
  purposeType: 'PurposeType',
  variableRedaction: 'VariableRedaction',
  libraryId: 'LibraryID',
  LibraryId: 'LibraryID',
  nextActionId: 'NextActionId',
  status: 'Status',
  lastSavedIn: 'LastSavedIn',
  timestamp: 'Timestamp',
};
const LOCK_FIELDS: Record<string, string> = { lockedName: 'LockedName', lockedId: 'LockedId', lockedDate: 'LockedDate' };
const BRANCH_TYPES = new Set(['default', 'branch', 'case']);
/** A script nests five levels (properties, action, position, value, list); far deeper is not one. */
const MAX_JSON_DEPTH = 100;

export function readStudioJson(input: string, file: string): ReadResult {
  const text = input.replace(/^\uFEFF/, '');
  const at = (offset: number, length = 1): Span => ({ file, ...positionAt(text, offset), offset, length });
  const deep = locateDeepNesting(text, MAX_JSON_DEPTH);
  if (deep) return { diagnostics: [diagnostic('E-IMPORT-JSON', `values are nested more than ${MAX_JSON_DEPTH} levels deep: not a CXone Studio script`, { file, ...deep, length: 1 })] };
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    return { diagnostics: [diagnostic('E-IMPORT-JSON', `not valid JSON: ${jsonErrorReason(err)}`, at(jsonErrorOffset(text, err)))] };
  }
  if (!isObj(doc)) return fail('a CXone Studio script is a JSON object with header, actions, properties and branches', at(0));
  const encoded = typeof doc['scriptContent'] === 'string' ? 'scriptContent' : typeof doc['body'] === 'string' ? 'body' : undefined;
  if (encoded) return readEncodedXml(doc[encoded] as string, encoded, file, at(keyOffset(text, encoded, 0)));
  const content = isObj(doc['scriptContent']) ? doc['scriptContent'] : doc;
  const base = content === doc ? 0 : keyOffset(text, 'scriptContent', 0);
  if (!isObj(content['actions'])) {
    const actions = content['actions'];
    if (actions !== undefined)
      return fail(`not a CXone Studio script: "actions" is ${Array.isArray(actions) ? 'a list' : actions === null ? 'null' : `a ${typeof actions}`}, not an object of actions by id ({"1": {"name": "BEGIN", …}, …})`, at(keyOffset(text, 'actions', base)));
    const has = Object.keys(content).slice(0, 6).join(', ');
    return fail(`not a CXone Studio script: there is no "actions" object (found ${has ? `keys ${has}` : 'an empty object'})`, at(base));
  }
  const diagnostics: Diagnostic[] = [];
  const actionsAt = keyOffset(text, 'actions', base);
  const properties = isObj(content['properties']) ? content['properties'] : {};
  const branches = isObj(content['branches']) ? content['branches'] : {};
  const actions: StudioAction[] = [];
  for (const [key, raw] of Object.entries(content['actions'])) {
    const span = at(keyOffset(text, key, actionsAt), key.length + 2);
    if (!isObj(raw) || typeof raw['name'] !== 'string' || raw['name'].trim() === '') {
      diagnostics.push(diagnostic('E-IMPORT-STRUCTURE', `action "${key}": the action has no type (its "name" is ${isObj(raw) && raw['name'] !== undefined ? 'empty' : 'missing'})`, span));
      continue;
    }
    const id = raw['actionId'] !== undefined && raw['actionId'] !== null ? scalar(raw['actionId']) : key;
    if (id !== key) diagnostics.push(diagnostic('W-IMPORT-LABEL', `action "${key}" says actionId ${id}; the key ${key} is used`, span, 'warning'));
    const action: StudioAction = {
      id: key,
      type: raw['name'].trim(),
      params: readParams(properties[key], `action ${key}`, span, diagnostics),
      branches: readBranches(branches[key], `action ${key}`, span, diagnostics),
      fields: new Map(),
      span,
    };
    if (typeof raw['label'] === 'string') action.caption = raw['label'];
    for (const [name, where] of Object.entries(ACTION_FIELDS)) {
      const v = raw[where.json];
      if (v !== undefined && v !== null) action.fields.set(name, scalar(v));
    }
    actions.push(action);
  }
  for (const key of [...Object.keys(properties), ...Object.keys(branches)])
    if (!(key in content['actions'])) diagnostics.push(diagnostic('W-IMPORT-TARGET', `properties or branches of action "${key}", which is not in "actions"; left out`, at(actionsAt), 'warning'));
  if (actions.length === 0 && !diagnostics.some((d) => d.severity === 'error')) diagnostics.push(diagnostic('E-IMPORT-STRUCTURE', 'the script has no actions', at(actionsAt)));
  if (diagnostics.some((d) => d.severity === 'error')) return { diagnostics };
  return { script: { format: 'json', fields: readHeader(content['header']), actions, span: at(base) }, diagnostics };
}

function readParams(raw: unknown, what: string, span: Span, diagnostics: Diagnostic[]): StudioParam[] {
  if (raw === undefined) return [];
  if (!isObj(raw)) {
    diagnostics.push(diagnostic('E-IMPORT-STRUCTURE', `${what}: "properties" must be an object keyed by position ("0", "1", …)`, span));
    return [];
  }
  const params: StudioParam[] = [];
  for (const [key, entry] of Object.entries(raw)) {
    const i = Number(key);
    if (!/^[0-9]+$/.test(key) || i > 10_000) {
      diagnostics.push(diagnostic('E-IMPORT-STRUCTURE', `${what}: property key "${key}" is not a position (0, 1, …)`, span));
      continue;
    }
    const e = isObj(entry) ? entry : { value: entry };
    const p: StudioParam = { value: Array.isArray(e['value']) ? e['value'].map(scalar) : e['value'] === undefined || e['value'] === null ? '' : scalar(e['value']) };
    if (typeof e['name'] === 'string' && e['name'] !== '') p.name = e['name'];
    params[i] = p;
  }
  // Positions left out of the object are empty.
  return Array.from(params, (p) => p ?? { value: '' });
}

function readBranches(raw: unknown, what: string, span: Span, diagnostics: Diagnostic[]): StudioBranch[] {
  if (raw === undefined) return [];
  if (!Array.isArray(raw)) {
    diagnostics.push(diagnostic('E-IMPORT-STRUCTURE', `${what}: "branches" must be a list of {to, label, type, index}`, span));
    return [];
  }
  const out: StudioBranch[] = [];
  for (const b of raw) {
    if (!isObj(b) || typeof b['type'] !== 'string' || !BRANCH_TYPES.has(b['type'])) {
      diagnostics.push(diagnostic('W-IMPORT-BRANCH', `${what}: a branch without a type of default, branch or case (${JSON.stringify(b)?.slice(0, 80)}); left out`, span, 'warning'));
      continue;
    }
    const to = b['to'] === undefined || b['to'] === null ? '' : scalar(b['to']);
    if (to === '' || to === '-1') {
      if (b['type'] !== 'default') diagnostics.push(diagnostic('W-IMPORT-DROPPED', `${what}: ${b['type']} '${scalar(b['label'])}' is not connected; left out`, span, 'warning'));
      continue;
    }
    const branch: StudioBranch = { kind: b['type'] as StudioBranch['kind'], label: b['type'] === 'default' ? '' : b['label'] === undefined || b['label'] === null ? '' : scalar(b['label']), to };
    if (typeof b['index'] === 'number' && Number.isInteger(b['index'])) branch.index = b['index'];
    out.push(branch);
  }
  return out;
}

function readHeader(raw: unknown): Map<string, StudioValue> {
  const fields = new Map<string, StudioValue>();
  if (!isObj(raw)) return fields;
  for (const [key, v] of Object.entries(raw)) {
    if (key === 'lockInfo' && isObj(v)) {
      for (const [k, name] of Object.entries(LOCK_FIELDS)) if (v[k] !== undefined && v[k] !== null && v[k] !== '') fields.set(name, scalar(v[k]));
      continue;
    }
    if (v === null || v === undefined || typeof v === 'object') continue;
    fields.set(HEADER_FIELDS[key] ?? key, scalar(v));
  }
  return fields;
}

/** A Desktop XML export the Admin API sent base64-encoded. */
function readEncodedXml(encoded: string, key: string, file: string, span: Span): ReadResult {
  const bytes = Buffer.from(encoded.replace(/\s+/g, ''), 'base64');
  const xml = bytes.toString('utf8').replace(/^\uFEFF/, '');
  if (!/^\s*</.test(xml)) return fail(`"${key}" is text, but not a base64-encoded Desktop Studio XML export`, span);
  return readStudioXml(xml, `${file} (${key}, decoded)`);
}

const fail = (message: string, span: Span): ReadResult => ({ diagnostics: [diagnostic('E-IMPORT-STRUCTURE', message, span)] });

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Studio values are text; some writers send numbers or booleans. */
const scalar = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : JSON.stringify(v) ?? '');

/** Offset of `"key":` at or after `from` (where a diagnostic about that key points); `from` when not found. */
function keyOffset(text: string, key: string, from: number): number {
  // Found by indexOf, not a pattern built from the key: keys are the export's own text.
  const quoted = JSON.stringify(key);
  for (let i = text.indexOf(quoted, from); i >= 0; i = text.indexOf(quoted, i + 1)) {
    let j = i + quoted.length;
    while (j < text.length && ' \t\r\n'.includes(text[j]!)) j++;
    if (text[j] === ':') return i;
  }
  return from;
}
