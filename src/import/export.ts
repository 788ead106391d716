// `.script` text -> a Studio export (Desktop XML or CXone Studio JSON):
// properties go to their positions through each action's Studio table,
// labels become action ids, and what Studio needs that the text does not say
// comes from the `studio { … }` block or, failing that, from the defaults an
// import leaves out again (defaults.ts). The script must load without errors.
import type { ActionDefinition } from '../actions/define.js';
import { builtinRegistry, type ActionRegistry } from '../actions/registry.js';
import { diagnostic, hasErrors, type Diagnostic, type Span } from '../contract/diagnostics.js';
import { analyzeScript } from '../graph/analyze.js';
import type { ActionNode, PropValue, ScriptGraph, StudioField } from '../contract/script-graph.js';
import { GUESSED_MEDIA_NUMBER, MEDIA_TYPE_NUMBERS } from './catalog.js';
import { actionFieldDefault, defaultCaption, scriptFieldDefault } from './defaults.js';
import { defaultLayout } from './layout.js';
import { ACTION_FIELDS, SCRIPT_FIELDS, type StudioAction, type StudioBranch, type StudioParam, type StudioScript, type StudioValue } from './model.js';
import { branchIndex, positionName, positionOf, studioTable, type StudioTable } from './tables.js';
import { studioDefault, toStudioText } from './values.js';
import { writeStudioJson } from './write-json.js';
import { writeStudioXml } from './write-xml.js';

export interface ExportOptions {
  format: 'xml' | 'json';
  /** Extra actions (their Studio tables are used). */
  registry?: ActionRegistry;
}

export interface ExportResult {
  /** The export; absent when the script has errors. */
  text?: string;
  diagnostics: Diagnostic[];
  /** The Studio action id of each label (labels that are numbers keep their number). */
  ids?: Map<string, string>;
}

/** Exports the `.script` text read from `file`. */
export function exportStudio(source: string, file: string, opts: ExportOptions): ExportResult {
  const registry = opts.registry ?? builtinRegistry();
  const analyzed = analyzeScript(source, file, registry);
  if (hasErrors(analyzed.diagnostics)) return { diagnostics: analyzed.diagnostics };
  // The script's own warnings are check's to report; an export reports what it had to decide.
  const diagnostics: Diagnostic[] = [];
  const captions = new Map(analyzed.ast.actions.map((a) => [a.label.text, a.caption?.value] as const));
  const headerSpan = analyzed.ast.mediaType?.span ?? analyzed.ast.headerSpan;
  const model = new Exporter(analyzed.graph, analyzed.definitions, registry, diagnostics, captions, headerSpan).model(opts.format);
  const text = opts.format === 'xml' ? writeStudioXml(model.script) : writeStudioJson(model.script);
  return { text, diagnostics, ids: model.ids };
}

/** A field's value as Studio text. */
const fieldText = (v: PropValue): StudioValue =>
  v.kind === 'list' ? v.items.map((i) => String(fieldText(i))) : v.kind === 'string' ? v.value : v.kind === 'number' ? v.raw : v.kind === 'boolean' ? (v.value ? 'True' : 'False') : v.path;

const fieldMap = (fields: readonly StudioField[] | undefined): Map<string, StudioValue> => new Map((fields ?? []).map((f) => [f.name, fieldText(f.value)]));

class Exporter {
  private readonly ids = new Map<string, string>();

  constructor(
    private readonly graph: ScriptGraph,
    private readonly definitions: Map<string, ActionDefinition>,
    private readonly registry: ActionRegistry,
    private readonly diagnostics: Diagnostic[],
    /** Captions as written (an action without one gets Studio's default caption). */
    private readonly captions: Map<string, string | undefined>,
    private readonly headerSpan: Span,
  ) {}

  private warn(code: string, message: string, node: { span: ActionNode['span'] }): void {
    this.diagnostics.push(diagnostic(code, message, node.span, 'warning'));
  }

  model(format: 'xml' | 'json'): { script: StudioScript; ids: Map<string, string> } {
    const g = this.graph;
    const entries = new Map((g.studio?.actions ?? []).map((e) => [e.label, fieldMap(e.fields)] as const));
    this.assignIds(entries);
    const layout = defaultLayout(
      g.actions.map((a) => ({ label: a.label, targets: a.branches.map((b) => b.target) })),
      g.begin,
    );
    const actions = g.actions.map((node, index) => {
      const own = entries.get(node.label) ?? new Map<string, StudioValue>();
      return this.action(node, index, own, layout.get(node.label)!, format);
    });
    const fields = fieldMap(g.studio?.fields);
    for (const f of g.studio?.fields ?? []) {
      const place = SCRIPT_FIELDS[f.name];
      if (place ? !place[format] : format === 'xml')
        this.warn('W-EXPORT-FIELD', `${f.name} has no place in ${format === 'xml' ? 'a Desktop Studio XML export' : 'CXone Studio JSON'}; left out`, f.value);
    }
    for (const e of g.studio?.actions ?? [])
      for (const f of e.fields) if (format === 'xml' && f.name === 'Version') this.warn('W-EXPORT-FIELD', 'Version has no place in a Desktop Studio XML export; left out', f.value);
    const maxId = Math.max(0, ...actions.map((a) => Number(a.id)));
    for (const field of ['Name', 'Path', 'MediaType', 'MediaTypeName', 'BusNo', 'NextActionId', 'PurposeType', 'VariableRedaction', 'CreateDate', 'ModifyDate']) {
      const d = scriptFieldDefault(field, { name: g.name, mediaType: g.mediaType, maxId });
      if (!fields.has(field) && d !== undefined) fields.set(field, d);
    }
    // Edited scripts gain actions: the next free id is never below what Studio said it was.
    fields.set('NextActionId', String(Math.max(Number(fields.get('NextActionId')) || 0, maxId + 1)));
    if (g.mediaType === 'Generic' && fields.get('MediaType') === String(GUESSED_MEDIA_NUMBER) && !g.studio?.fields.some((f) => f.name === 'MediaType'))
      this.diagnostics.push(
        diagnostic(
          'W-EXPORT-MEDIA-TYPE',
          `Studio's number for the Generic media type is not known; written as ${MEDIA_TYPE_NUMBERS.Generic} (set MediaType in the studio block to choose)`,
          this.headerSpan,
          'warning',
        ),
      );
    return { script: { format, fields, actions, span: { file: g.file, line: 1, col: 1 } }, ids: this.ids };
  }

  /** Numeric labels keep their number; an `ID` in the studio block wins; other labels get the next free ids in file order. */
  private assignIds(entries: Map<string, Map<string, StudioValue>>): void {
    const taken = new Set<string>();
    for (const a of this.graph.actions) {
      const id = entries.get(a.label)?.get('ID');
      const chosen = typeof id === 'string' ? id : /^[0-9]+$/.test(a.label) ? String(Number(a.label)) : undefined;
      if (chosen !== undefined && !taken.has(chosen)) {
        this.ids.set(a.label, chosen);
        taken.add(chosen);
      }
    }
    let next = Math.max(0, ...[...taken].map(Number)) + 1;
    for (const a of this.graph.actions) {
      if (this.ids.has(a.label)) continue;
      while (taken.has(String(next))) next++;
      this.ids.set(a.label, String(next));
      taken.add(String(next++));
    }
  }

  private action(node: ActionNode, index: number, own: Map<string, StudioValue>, at: { x: number; y: number }, format: 'xml' | 'json'): StudioAction {
    const def = this.definitions.get(node.label);
    // Studio's keyword for an action type with words or a version is not known: emulator decision, the words joined and the version appended (an import reads it back).
    const type = def ? def.type.replace(/ /g, '') + (def.version !== undefined && def.version > 1 ? String(def.version) : '') : node.type;
    const table = studioTable(def, def?.type ?? node.type);
    const fields = new Map<string, string>();
    for (const field of Object.keys(ACTION_FIELDS)) {
      const kept = own.get(field);
      const value = typeof kept === 'string' ? kept : actionFieldDefault(field, { type: def?.type ?? node.type, index, at }, fields);
      // Desktop XML carries xws/yws only when the export had them; CXone Studio's save requires them.
      if ((field === 'XWS' || field === 'YWS') && format === 'xml' && kept === undefined) continue;
      if (value !== undefined) fields.set(field, value);
    }
    if (!fields.has('LibraryID')) this.warn('W-EXPORT-LIBRARY-ID', `Studio's library id of ${def?.type ?? node.type} is not known; set LibraryID in this action's studio entry (Studio needs it to open the action)`, node);
    return {
      id: this.ids.get(node.label)!,
      type,
      caption: this.captions.get(node.label) ?? defaultCaption(def?.type ?? node.type),
      params: this.params(node, def, table, own),
      branches: this.branches(node, def, table, own),
      fields,
      span: node.span,
    };
  }

  private params(node: ActionNode, def: ActionDefinition | undefined, table: StudioTable | undefined, own: Map<string, StudioValue>): StudioParam[] {
    const out: StudioParam[] = [];
    const placed = new Set<string>();
    const props = new Map(Object.entries(node.props).map(([k, v]) => [k.toLowerCase(), [k, v] as const]));
    const take = (name: string): PropValue | undefined => {
      const hit = props.get(name.toLowerCase());
      if (hit) placed.add(hit[0]);
      return hit?.[1];
    };
    const specOf = (name: string | undefined) => (def && name ? this.registry.prop(def, name)?.spec : undefined);
    table?.params.forEach((pos, i) => {
      const name = pos.prop ?? pos.studio ?? positionName(i);
      const spec = specOf(pos.prop);
      const code = def?.type === 'SNIPPET' && pos.studio === 'Data';
      const v = code ? undefined : (take(name) ?? (pos.prop && pos.studio && pos.studio !== pos.prop ? take(pos.studio) : undefined) ?? take(positionName(i)));
      const value: StudioValue = code ? snippetCode(node) : v ? toStudioText(v, spec) : studioDefault(spec);
      out.push(pos.studio ? { name: pos.studio, value } : { value });
    });
    if (table?.rest) {
      const v = take(table.rest);
      const items = v ? toStudioText(v, undefined) : [];
      for (const item of Array.isArray(items) ? items : [items]) out.push({ name: positionName(out.length), value: item });
    }
    // Properties no position was declared for: `P<n>` at its position, the rest in the order written.
    const rest = Object.entries(node.props).filter(([k]) => !placed.has(k));
    if (rest.length > 0 && (table || def)) {
      const named = rest.filter(([k]) => positionOf(k) === undefined).map(([k]) => k);
      if (named.length > 0 && table) this.warn('W-EXPORT-PROP', `${describe(node)}: ${named.join(', ')} ${named.length === 1 ? 'has' : 'have'} no position in Studio's parameters of ${node.type}; written after them`, node);
      else if (named.length > 0) this.warn('W-EXPORT-PARAM-ORDER', `${describe(node)}: Studio's parameter order of ${node.type} is not known; parameters written in the order of the script`, node);
    }
    for (const [k, v] of rest) {
      const p = positionOf(k);
      const value = toStudioText(v, specOf(k));
      const at = p !== undefined && p >= out.length ? p : p !== undefined && out[p]?.value === '' ? p : out.length;
      while (out.length < at) out.push({ value: '' });
      out[at] = p !== undefined ? { value } : { name: k, value };
    }
    // Parameters the emulator has no property for, kept by an import in the studio block (`P9 = "False"`), at their positions.
    for (const [k, v] of own) {
      const p = positionOf(k);
      if (p === undefined || (out[p] !== undefined && out[p].value !== '')) continue;
      while (out.length < p) out.push({ value: '' });
      out[p] = { value: v };
    }
    // ParameterCount is how many positions Studio wrote: fewer than the table (a Desktop BEGIN has three), or more.
    const count = Number(own.get('ParameterCount'));
    if (Number.isInteger(count)) {
      while (out.length < count) out.push({ value: '' });
      while (out.length > count && out[out.length - 1]!.value === '') out.pop();
    }
    return out;
  }

  private branches(node: ActionNode, def: ActionDefinition | undefined, table: StudioTable | undefined, own: Map<string, StudioValue>): StudioBranch[] {
    const kept = new Map(
      String(own.get('BranchIndexes') ?? '')
        .split(/\s+/)
        .filter((s) => s.includes('='))
        .map((s) => [s.split('=')[0]!.toLowerCase(), Number(s.split('=')[1])] as const),
    );
    const out: StudioBranch[] = [];
    let named = 0;
    for (const b of node.branches) {
      const to = this.ids.get(b.target)!;
      if (b.isValue) out.push({ kind: 'case', label: b.name, to });
      else if (b.name === 'Default') out.push({ kind: 'default', label: '', to, index: 0 });
      else out.push({ kind: 'branch', label: b.name, to, index: kept.get(b.name.toLowerCase()) ?? branchIndex(b.name, def, table, named++) });
    }
    // The default first, as both formats write it.
    return [...out.filter((b) => b.kind === 'default'), ...out.filter((b) => b.kind !== 'default')];
  }
}

const describe = (node: ActionNode): string => `'${node.label}' (${node.type})`;

/** The SNIPPET code as Studio keeps it: the text between the braces without the line breaks right after `{` and right before `}`. */
function snippetCode(node: ActionNode): string {
  const code = node.snippet?.code ?? '';
  return code.replace(/^[ \t]*\n/, '').replace(/\n[ \t]*$/, '');
}
