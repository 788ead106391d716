// Writes a StudioScript as the body CXone Studio's Admin API saves
// (`{"scriptContent": {header, actions, properties, branches}}`), with the
// keys and value types observed in real request bodies: ids, x/y and media
// type as numbers, every property value as text (BEGIN's Parameters as a
// list), and xws/yws on every action because the save requires them.
import { SCRIPT_FIELDS, type StudioScript, type StudioValue } from './model.js';

/** JSON header key of each canonical script field the writer places itself. */
const HEADER_KEYS: Record<string, string> = {
  Path: 'scriptName',
  BusNo: 'busNo',
  MediaType: 'mediaType',
  MediaTypeName: 'mediaTypeName',
  PurposeType: 'purposeType',
  VariableRedaction: 'variableRedaction',
  LibraryID: 'libraryId',
  MasterID: 'masterId',
  NextActionId: 'nextActionId',
  Status: 'status',
  LastSavedIn: 'lastSavedIn',
  Timestamp: 'timestamp',
};
const NUMERIC = new Set(['busNo', 'mediaType', 'masterId', 'nextActionId']);
const num = (v: string): number | string => (/^-?[0-9]+$/.test(v) ? Number(v) : v);
const text = (v: StudioValue | undefined): string => (v === undefined ? '' : Array.isArray(v) ? v.join('\n') : v);

export function writeStudioJson(s: StudioScript): string {
  const header: Record<string, unknown> = {};
  const field = (name: string): string | undefined => (s.fields.has(name) ? text(s.fields.get(name)) : undefined);
  header['scriptName'] = field('Path') ?? field('Name') ?? '';
  for (const [name, key] of Object.entries(HEADER_KEYS)) {
    if (name === 'Path') continue;
    const v = field(name);
    if (v !== undefined) header[key] = NUMERIC.has(key) ? num(v) : v;
    else if (key === 'libraryId' || key === 'masterId') header[key] = null;
  }
  header['lockInfo'] = { lockedName: field('LockedName') ?? '', lockedId: field('LockedId') ?? '', lockedDate: field('LockedDate') ?? '' };
  // Fields read from a JSON header that the layout above has no key for go back under their own names.
  for (const [name, v] of s.fields) if (!(name in SCRIPT_FIELDS)) header[name] = text(v);

  const actions: Record<string, unknown> = {};
  const properties: Record<string, unknown> = {};
  const branches: Record<string, unknown> = {};
  for (const a of s.actions) {
    const f = (name: string): string | undefined => a.fields.get(name);
    const x = num(f('X') ?? '0');
    const y = num(f('Y') ?? '0');
    actions[a.id] = {
      actionId: num(a.id),
      libraryId: f('LibraryID') ?? '',
      name: a.type,
      version: num(f('Version') ?? '1'),
      label: a.caption ?? '',
      dependencyOrder: f('DependencyOrder') ?? '0',
      implType: f('ImplType') ?? '0',
      x,
      y,
      xws: num(f('XWS') ?? String(x)),
      yws: num(f('YWS') ?? String(y)),
    };
    const props: Record<string, { name: string; value: StudioValue }> = {};
    a.params.forEach((p, i) => (props[String(i)] = { name: p.name ?? `P${i + 1}`, value: p.value }));
    properties[a.id] = props;
    if (a.branches.length > 0)
      branches[a.id] = a.branches.map((b, i) => ({
        to: num(b.to),
        label: b.label,
        type: b.kind,
        // A case's index is its place in the list (the one generator observed); the others carry their own.
        index: b.kind === 'case' ? i : (b.index ?? 0),
      }));
  }
  return JSON.stringify({ scriptContent: { header, actions, properties, branches } }, null, 2) + '\n';
}
