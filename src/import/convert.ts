// Converts a Studio export (Desktop XML or CXone Studio JSON, told apart by
// content) to canonical `.script` text: positional parameters become named
// properties through each action's Studio table, Studio's action ids become
// labels, captions stay captions, and what the `.script` text cannot say
// (canvas positions, library ids, the script's header) goes into the
// `studio { … }` block, leaving out whatever an export would write anyway.
// The text is printed by the formatter. Whatever cannot be mapped is kept and
// reported as a warning located in the export.
import type { ActionDefinition } from '../actions/define.js';
import { actionTypeName, builtinRegistry, type ActionRegistry } from '../actions/registry.js';
import { diagnostic, hasErrors, type Diagnostic } from '../contract/diagnostics.js';
import { formatText } from '../graph/format.js';
import { IDENTIFIER } from '../contract/variables.js';
import type { MediaType } from '../contract/script-graph.js';
import { GUESSED_MEDIA_NUMBER, mediaTypeOfNumber } from './catalog.js';
import { actionFieldDefault, defaultCaption, sameField, scriptFieldDefault } from './defaults.js';
import { defaultLayout } from './layout.js';
import type { StudioAction, StudioBranch, StudioScript, StudioValue } from './model.js';
import { readStudioExport } from './read.js';
import { branchIndex, positionName, positionOf, studioTable, type StudioTable } from './tables.js';
import { fromStudioText, quote, studioBlock, studioDefault } from './values.js';

export interface ImportOptions {
  /** Name used for diagnostics of the generated text (the output file, when there is one). */
  outFile?: string;
  /** Extra actions known to the importer (their Studio tables are used). */
  registry?: ActionRegistry;
  /** Script name when the export has none (default: the export file's base name). */
  fallbackName?: string;
}

export interface ImportResult {
  /** The canonical `.script` text; absent when the export could not be converted. */
  text?: string;
  /** The format the export was read as. */
  format?: 'xml' | 'json';
  diagnostics: Diagnostic[];
}


const LABEL = /^(?:[A-Za-z_][A-Za-z0-9_$]*|[0-9]+)$/;

/** Converts the text of a Studio export read from `file` (Desktop XML or CXone Studio JSON). */
export function importStudio(text: string, file: string, opts: ImportOptions = {}): ImportResult {
  const read = readStudioExport(text, file);
  if (!read.script) return { diagnostics: read.diagnostics };
  const diagnostics = [...read.diagnostics];
  const converter = new Converter(read.script, opts.registry ?? builtinRegistry(), diagnostics);
  const source = converter.convert(opts.fallbackName ?? baseName(file));
  const out = formatText(source, opts.outFile ?? `${baseName(file)}.script`);
  if (out.text === undefined || hasErrors(out.diagnostics)) {
    const first = out.diagnostics.find((d) => d.severity === 'error');
    diagnostics.push(
      diagnostic(
        'E-IMPORT-OUTPUT',
        `the converted script does not parse${first ? ` (${first.code} ${first.message} at generated line ${first.span.line})` : ''}; check the SNIPPET code and texts of the export`,
        read.script.span,
      ),
    );
    return { format: read.script.format, diagnostics };
  }
  return { text: out.text, format: read.script.format, diagnostics };
}

/** The same as importStudio (the name from before JSON exports were read). */
export const importStudioXml = importStudio;

interface Converted {
  label: string;
  head: string;
  body: string;
  branches: string[];
  targets: string[];
  fields: Map<string, string>;
  type: string;
}

class Converter {
  private readonly labels = new Map<string, string>();
  private readonly byAction = new Map<StudioAction, string>();

  constructor(
    private readonly script: StudioScript,
    private readonly registry: ActionRegistry,
    private readonly diagnostics: Diagnostic[],
  ) {}

  private warn(code: string, message: string, a: { span: StudioAction['span'] }): void {
    this.diagnostics.push(diagnostic(code, message, a.span, 'warning'));
  }

  convert(fallbackName: string): string {
    const s = this.script;
    const fields = new Map(s.fields);
    const path = text(fields.get('Path'));
    const written = text(fields.get('Name')) || path.split(/[\\/]/).pop() || fallbackName;
    const name = identifier(written, 'Imported');
    if (written !== name) this.warn('W-IMPORT-NAME', `script name '${written}' is not an identifier; written as ${name} (Studio's name is kept in the studio block)`, s);
    const mediaType = this.mediaType(fields);
    this.assignLabels();
    // BEGIN first: the runtime starts at BEGIN wherever it is, but readers expect it on top.
    const ordered = [...s.actions.filter((a) => a.type.toUpperCase() === 'BEGIN'), ...s.actions.filter((a) => a.type.toUpperCase() !== 'BEGIN')];
    const actions = ordered.map((a) => this.action(a));
    const maxId = Math.max(0, ...s.actions.map((a) => Number(a.id)).filter(Number.isFinite));
    const header = [...fields].filter(([field, v]) => typeof v !== 'string' || !sameField(field, v, scriptFieldDefault(field, { name, mediaType, maxId })));
    const layout = defaultLayout(actions, actions.find((a) => a.type === 'BEGIN')?.label ?? '');
    const entries = actions.map((a, index) => {
      const kept = [...a.fields].filter(([field, v]) => !sameField(field, v, actionFieldDefault(field, { type: a.type, index, at: layout.get(a.label)! }, a.fields)));
      return { label: a.label, fields: kept };
    });
    let out = `script ${name}` + (mediaType !== 'Generic' || fields.has('MediaType') ? `\ntype ${mediaType}` : '');
    for (const a of actions) out += `\n\n${a.head}${a.body}${a.branches.join('')}`;
    const block = studioBlock(header, entries);
    return out + (block ? `\n\n${block}` : '') + '\n';
  }

  /** The `type` line's media type; a number the emulator cannot name is kept in the studio block. */
  private mediaType(fields: Map<string, StudioValue>): MediaType {
    const raw = text(fields.get('MediaType')).trim();
    if (raw === '') return 'Generic';
    const known = /^[0-9]+$/.test(raw) ? mediaTypeOfNumber(Number(raw)) : undefined;
    if (known) {
      if (Number(raw) === GUESSED_MEDIA_NUMBER) fields.delete('MediaType');
      return known;
    }
    this.warn('W-IMPORT-MEDIA-TYPE', `media type ${raw} is not one the emulator knows (it runs as Generic; the number is kept in the studio block)`, this.script);
    return 'Generic';
  }

  private assignLabels(): void {
    const used = new Set<string>();
    this.script.actions.forEach((a, i) => {
      let label = LABEL.test(a.id) ? a.id : identifier(a.id, `a${i + 1}`);
      if (!a.id) this.warn('W-IMPORT-LABEL', `action ${i + 1} (${a.type || 'no type'}) has no ActionID; labelled ${label}`, a);
      else if (label !== a.id) this.warn('W-IMPORT-LABEL', `action id '${a.id}' is not a label; written as ${label}`, a);
      if (used.has(label)) {
        const base = label;
        for (let n = 2; used.has(label); n++) label = /^[0-9]/.test(base) ? `a${base}_${n}` : `${base}_${n}`;
        this.warn('W-IMPORT-LABEL', `action id '${a.id}' is used twice; the second is labelled ${label}`, a);
      }
      used.add(label);
      this.byAction.set(a, label);
      // The first action with an id is the one branches reach.
      if (a.id && !this.labels.has(a.id)) this.labels.set(a.id, label);
    });
  }

  /** The label a branch goes to, or undefined (reported) when it names no action of the export. */
  private target(to: string, a: StudioAction, what: string): string | undefined {
    const label = this.labels.get(to);
    if (!label) this.warn('W-IMPORT-TARGET', `${describe(a)}: ${what} goes to action ${to}, which is not in the export; left unconnected`, a);
    return label;
  }

  private lookup(a: StudioAction): ActionDefinition | undefined {
    const type = a.type.replace(/\s+/g, ' ').trim();
    const direct = this.registry.lookup(type);
    if (direct) return direct;
    // Studio writes multi-word types without spaces (WORKFLOWEXECUTE) and versions as a suffix (CREATEPROSPECTS2).
    const squashed = type.replace(/ /g, '').toUpperCase();
    const key = this.registry.typeNames().find((k) => k.replace(/ /g, '') === squashed || k.replace(/ V(\d+)$/, '$1').replace(/ /g, '') === squashed);
    return key === undefined ? undefined : this.registry.lookupKey(key);
  }

  private action(a: StudioAction): Converted {
    const def = this.lookup(a);
    const label = this.byAction.get(a)!;
    const type = def ? actionTypeName(def) : typeWords(a.type);
    const table = studioTable(def, def?.type ?? a.type);
    if (!def) {
      const hint = this.registry.suggestType(a.type);
      this.warn(
        'W-IMPORT-UNKNOWN-ACTION',
        `${describe(a)}: ${table ? 'a Studio action the emulator does not run yet' : `an action type the emulator does not know${hint ? ` (did you mean ${hint}?)` : ''}`}; kept as an opaque action with its ${a.params.length} parameter(s) and branches`,
        a,
      );
    } else if (!table && a.params.some((p) => text(p.value).trim() !== '')) {
      this.warn('W-IMPORT-PARAM-ORDER', `${describe(a)}: Studio's parameter order of ${def.type} is not known; ${a.params.some((p) => p.name) ? 'parameters matched by their names' : `parameters kept as P1…P${a.params.length}`}`, a);
    }
    const fields = new Map(a.fields);
    const props = this.props(a, def, table, fields);
    let head = `${label}: ${type}`;
    if (a.caption !== undefined && a.caption !== defaultCaption(def?.type ?? a.type)) head += ` ${quote(a.caption)}`;
    let body = '';
    if (def?.type === 'SNIPPET') {
      if (props.list.length > 0) body += ` (${props.list.join(', ')})`;
      body += ` {\n${props.code ?? ''}\n}`;
    } else if (props.list.length > 0) body = ` {\n${props.list.map((p) => `  ${p}`).join('\n')}\n}`;
    const { lines, targets } = this.branches(a, def, table, fields);
    return { label, head, body, branches: lines, targets, fields, type: def?.type ?? a.type.toUpperCase() };
  }

  private props(a: StudioAction, def: ActionDefinition | undefined, table: StudioTable | undefined, fields: Map<string, string>): { list: string[]; code?: string } {
    const list: string[] = [];
    let code: string | undefined;
    const resolved = def ? this.registry.props(def) : undefined;
    const used = new Set<string>();
    const restItems: string[] = [];
    let lastFilled = -1;
    a.params.forEach((p, i) => {
      // JSON names its positions: with a table, a named parameter goes where its name is (nowhere when the table lacks it).
      const pos = p.name && table ? table.params.find((t) => t.studio?.toLowerCase() === p.name!.toLowerCase()) : table?.params[i];
      const value = p.value;
      if (text(value) !== '' || Array.isArray(value)) lastFilled = i;
      if (def?.type === 'SNIPPET' && pos?.studio === 'Data') {
        code = text(value).replace(/\r\n?/g, '\n');
        return;
      }
      // Positions after the table are the rest list's items (named P<n>, if at all: Studio's names for them are not known).
      if (table?.rest && i >= table.params.length && (!p.name || positionOf(p.name) === i)) {
        restItems.push(...(Array.isArray(value) ? value : [value]));
        return;
      }
      // Without a table, a known action's JSON names are its property names.
      const prop = pos?.prop ? resolved?.get(pos.prop.toLowerCase()) : !table && p.name ? resolved?.get(p.name.toLowerCase()) : undefined;
      let name: string;
      if (prop) name = prop.name;
      else if (pos?.studio && IDENTIFIER.test(pos.studio)) name = pos.studio;
      else if (!table && !def && p.name && IDENTIFIER.test(p.name)) name = p.name;
      else name = positionName(i);
      if (used.has(name.toLowerCase())) name = positionName(i);
      used.add(name.toLowerCase());
      // Without a table the positions are the order of the properties, so empty ones stay; else what an export writes anyway is left out.
      const opaqueOrder = !table && !def;
      if (!opaqueOrder && !Array.isArray(value) && value === (prop ? studioDefault(prop.spec) : '')) return;
      if (def && table && !prop && !pos?.studio && text(value).trim() !== '') {
        // Not a property of the action (check would refuse it): the studio block keeps it for an export to write back at its position.
        const kept = !Array.isArray(value) && positionOf(name) === i;
        this.warn('W-IMPORT-EXTRA-PARAM', `${describe(a)}: parameter ${i + 1} (${quote(text(value))}${p.name ? `, named ${p.name}` : ''}) has no known meaning; kept as ${name}${kept ? ' in the studio block' : ''}`, a);
        if (kept) return void fields.set(name, value);
      }
      list.push(`${name} = ${prop ? fromStudioText(value, prop.spec) : quoteValue(value)}`);
    });
    // Without a table the positions are the order of the properties: trailing empty ones without a name are dropped (ParameterCount keeps their number).
    if (!table && !def) while (list.length > lastFilled + 1 && !a.params[list.length - 1]?.name) list.pop();
    if (table?.rest && restItems.length > 0) {
      const prop = resolved?.get(table.rest.toLowerCase());
      if (prop) list.push(`${prop.name} = ${fromStudioText(restItems, prop.spec)}`);
    }
    const count = a.params.length;
    const expected = table ? table.params.length + restItems.length : def ? lastFilled + 1 : list.length;
    if (count !== expected) fields.set('ParameterCount', String(count));
    return code === undefined ? { list } : { list, code };
  }

  private branches(a: StudioAction, def: ActionDefinition | undefined, table: StudioTable | undefined, fields: Map<string, string>): { lines: string[]; targets: string[] } {
    const lines: string[] = [];
    const targets: string[] = [];
    const indexes: string[] = [];
    let named = 0;
    const hasDefault = !def || def.branches.some((b) => b.toLowerCase() === 'default');
    for (const b of a.branches) {
      const what = b.kind === 'default' ? 'DefaultNextAction' : b.kind === 'case' ? `case ${quote(b.label)}` : `branch ${b.label}`;
      const to = this.target(b.to, a, what);
      if (to === undefined) continue;
      if (b.kind === 'default') {
        if (!hasDefault) {
          this.warn('W-IMPORT-BRANCH', `${describe(a)}: ${def!.type} has no Default branch; DefaultNextAction (${b.to}) left out`, a);
          continue;
        }
        lines.unshift(` -> ${to}`);
        targets.unshift(to);
        continue;
      }
      if (b.kind === 'case') {
        if (def && !def.valueBranches) {
          this.warn('W-IMPORT-BRANCH', `${describe(a)}: ${def.type} takes no value branches; case ${quote(b.label)} left out`, a);
          continue;
        }
        lines.push(`\n  ${quote(b.label)} -> ${to}`);
        targets.push(to);
        continue;
      }
      const name = this.branchName(b, a, def);
      if (name === undefined) continue;
      if (name.toLowerCase() === 'default') {
        if (!lines[0]?.startsWith(' ->')) (lines.unshift(` -> ${to}`), targets.unshift(to));
        continue;
      }
      lines.push(`\n  ${name} -> ${to}`);
      targets.push(to);
      if (b.index !== undefined && b.index !== branchIndex(name, def, table, named)) indexes.push(`${name}=${b.index}`);
      named++;
    }
    if (indexes.length > 0) fields.set('BranchIndexes', indexes.join(' '));
    return { lines, targets };
  }

  /** A named branch in the action's spelling; the other spelling of an error branch (Error / OnError) is accepted and reported. */
  private branchName(b: StudioBranch, a: StudioAction, def: ActionDefinition | undefined): string | undefined {
    if (!def) {
      if (IDENTIFIER.test(b.label)) return b.label;
      this.warn('W-IMPORT-BRANCH', `${describe(a)}: branch '${b.label}' is not a name a .script can route; left out`, a);
      return undefined;
    }
    const low = b.label.toLowerCase();
    const exact = def.branches.find((x) => x.toLowerCase() === low);
    if (exact) return exact;
    const other = def.branches.find((x) => x.toLowerCase() === (low.startsWith('on') ? low.slice(2) : `on${low}`));
    if (other) {
      this.warn('W-IMPORT-BRANCH-NAME', `${describe(a)}: branch '${b.label}' is ${def.type}'s ${other} branch; written as ${other}`, a);
      return other;
    }
    this.warn('W-IMPORT-BRANCH', `${describe(a)}: branch '${b.label}' is not a branch of ${def.type} (its branches: ${def.branches.join(', ')}); left out`, a);
    return undefined;
  }
}

const describe = (a: StudioAction): string => `action ${a.id || '?'} (${a.type || 'no type'})`;

const text = (v: StudioValue | undefined): string => (v === undefined ? '' : Array.isArray(v) ? v.join('\n') : v);

/** A value of an opaque action or an unused position: text as written, a list as a list. */
const quoteValue = (v: StudioValue): string => (Array.isArray(v) ? `[${v.map(quote).join(', ')}]` : quote(v));

/** An action type as UPPERCASE type words the grammar accepts. */
function typeWords(type: string): string {
  const words = type
    .toUpperCase()
    .split(/\s+/)
    .map((w) => w.replace(/[^A-Z0-9_]/g, ''))
    .filter((w) => /^[A-Z]/.test(w));
  return words.length > 0 ? words.join(' ') : 'UNKNOWN';
}

function identifier(text: string, fallback: string): string {
  if (IDENTIFIER.test(text)) return text;
  const cleaned = trimUnderscores(text.replace(/[^A-Za-z0-9_$]+/g, '_'));
  if (cleaned === '') return fallback;
  return /^[A-Za-z_]/.test(cleaned) ? cleaned : `_${cleaned}`;
}

function baseName(file: string): string {
  const base = file.split(/[\\/]/).pop() ?? file;
  return base.replace(/\.[^.]*$/, '') || 'Imported';
}

/** Without leading and trailing underscores (by index: a pattern anchored at the end would rescan a long run from every start). */
function trimUnderscores(s: string): string {
  let from = 0;
  let to = s.length;
  while (from < to && s[from] === '_') from++;
  while (to > from && s[to - 1] === '_') to--;
  return s.slice(from, to);
}
