// Converts a Desktop Studio XML export to canonical `.script` text: positional
// `Parameters` become named properties through each action's `studioParams`,
// Studio's numeric action ids become labels, captions are kept, and the text
// is printed by the formatter. Whatever cannot be mapped is kept (positional
// `P1`, `P2`… properties) and reported as a warning located in the XML file.
import type { ActionDefinition, PropSpec } from '../actions/define.js';
import { actionTypeName, builtinRegistry, type ActionRegistry, type ResolvedProp } from '../actions/registry.js';
import { diagnostic, hasErrors, type Diagnostic } from '../contract/diagnostics.js';
import { formatText } from '../graph/format.js';
import { UNSUPPORTED_ACTIONS } from '../graph/build.js';
import { MEDIA_TYPES } from '../contract/script-graph.js';
import { IDENTIFIER } from '../contract/variables.js';
import { readStudioXml, type StudioAction, type StudioScript } from './studio-xml.js';

export interface ImportOptions {
  /** Name used for diagnostics of the generated text (the output file, when there is one). */
  outFile?: string;
  /** Extra actions known to the importer (their `studioParams` are used). */
  registry?: ActionRegistry;
  /** Script name when the export has none (default: the XML file's base name). */
  fallbackName?: string;
}

export interface ImportResult {
  /** The canonical `.script` text; absent when the export could not be converted. */
  text?: string;
  diagnostics: Diagnostic[];
}

const LABEL = /^(?:[A-Za-z_][A-Za-z0-9_$]*|[0-9]+)$/;

/** Converts the text of a Desktop Studio XML export read from `file`. */
export function importStudioXml(xml: string, file: string, opts: ImportOptions = {}): ImportResult {
  const read = readStudioXml(xml, file);
  if (!read.script) return { diagnostics: read.diagnostics };
  const diagnostics = [...read.diagnostics];
  const source = new Converter(read.script, opts.registry ?? builtinRegistry(), diagnostics).convert(opts.fallbackName ?? baseName(file));
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
    return { diagnostics };
  }
  return { text: out.text, diagnostics };
}

class Converter {
  private readonly labels = new Map<string, string>();
  private readonly byAction = new Map<StudioAction, string>();

  constructor(
    private readonly script: StudioScript,
    private readonly registry: ActionRegistry,
    private readonly diagnostics: Diagnostic[],
  ) {}

  private warn(code: string, message: string, a: StudioAction | StudioScript): void {
    this.diagnostics.push(diagnostic(code, message, a.span, 'warning'));
  }

  convert(fallbackName: string): string {
    const s = this.script;
    const name = identifier(s.name || fallbackName, 'Imported');
    if (s.name && name !== s.name) this.warn('W-IMPORT-NAME', `script name '${s.name}' is not an identifier; written as ${name}`, s);
    let header = `script ${name}`;
    if (s.mediaType) {
      const media = MEDIA_TYPES.find((m) => m.toLowerCase() === s.mediaType.toLowerCase());
      if (media) header += `\ntype ${media}`;
      else this.warn('W-IMPORT-MEDIA-TYPE', `media type '${s.mediaType}' is not one of ${MEDIA_TYPES.join(', ')}; left out (Generic)`, s);
    }
    this.assignLabels();
    // BEGIN first: the runtime starts at BEGIN wherever it is, but readers expect it on top.
    const ordered = [...s.actions.filter((a) => a.type.toUpperCase() === 'BEGIN'), ...s.actions.filter((a) => a.type.toUpperCase() !== 'BEGIN')];
    return [header, ...ordered.map((a) => this.action(a))].join('\n\n') + '\n';
  }

  private assignLabels(): void {
    const used = new Set<string>();
    this.script.actions.forEach((a, i) => {
      let label = LABEL.test(a.id) ? a.id : identifier(a.id, `a${i + 1}`);
      if (!a.id) this.warn('W-IMPORT-LABEL', `action ${i + 1} (${a.type || 'no type'}) has no ActionId; labelled ${label}`, a);
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

  private labelOf(a: StudioAction): string {
    return this.byAction.get(a) ?? 'a0';
  }

  /** The label a branch goes to, or undefined (reported) when Studio left it unconnected or it names no action. */
  private target(next: string, a: StudioAction, what: string): string | undefined {
    if (next === '' || next === '0' || next === '-1') return undefined;
    const label = this.labels.get(next);
    if (!label) this.warn('W-IMPORT-TARGET', `${this.describe(a)}: ${what} goes to action ${next}, which is not in the export; left unconnected`, a);
    return label;
  }

  private describe(a: StudioAction): string {
    return `action ${a.id || '?'} (${a.type || 'no type'})`;
  }

  private lookup(a: StudioAction): ActionDefinition | undefined {
    const type = a.type.replace(/\s+/g, ' ').trim();
    const direct = this.registry.lookup(type, a.version);
    if (direct) return direct;
    // Studio sometimes writes multi-word types without spaces (WORKFLOWEXECUTE).
    const squashed = type.replace(/ /g, '').toUpperCase();
    const key = this.registry.typeNames().find((k) => k.replace(/ /g, '') === squashed + (a.version ? `V${a.version}` : ''));
    return key === undefined ? undefined : this.registry.lookupKey(key);
  }

  private action(a: StudioAction): string {
    const def = this.lookup(a);
    const label = this.labelOf(a);
    const typeWords = def ? actionTypeName(def) : unknownType(a.type);
    if (!def) {
      const hint = this.registry.suggestType(a.type);
      this.warn(
        'W-IMPORT-UNKNOWN-ACTION',
        `${this.describe(a)}: ${
          UNSUPPORTED_ACTIONS.includes(typeWords) ? 'a Studio action the emulator does not run' : `unknown action type${hint ? ` (did you mean ${hint}?)` : ''}`
        }; kept with positional properties P1…P${a.params.length}`,
        a,
      );
    }
    let head = `${label}: ${typeWords}`;
    if (a.caption) head += ` ${quote(a.caption)}`;
    const props: string[] = [];
    let snippetCode: string | undefined;
    const order = def?.studioParams;
    if (def && !order && a.params.some((p) => p.trim() !== '')) {
      this.warn('W-IMPORT-PARAM-ORDER', `${this.describe(a)}: Studio's parameter order of ${def.type} is not known; parameters kept as P1…P${a.params.length}`, a);
    }
    const resolved = def ? this.registry.props(def) : undefined;
    a.params.forEach((raw, i) => {
      const name = order?.[i];
      if (def?.type === 'SNIPPET' && name === 'Data') {
        snippetCode = raw.replace(/\r\n?/g, '\n').replace(/^\s*\n/, '').replace(/\s+$/, '');
        return;
      }
      const valueText = raw.trim();
      if (valueText === '') return;
      const prop = name ? resolved?.get(name.toLowerCase()) : undefined;
      if (!prop) {
        if (def && order) this.warn('W-IMPORT-EXTRA-PARAM', `${this.describe(a)}: parameter ${i + 1} (${quote(valueText)}) has no known name; kept as P${i + 1}`, a);
        props.push(`P${i + 1} = ${quote(valueText)}`);
        return;
      }
      props.push(`${prop.name} = ${encodeValue(valueText, prop)}`);
    });
    let text = head;
    if (def?.type === 'SNIPPET') {
      if (props.length > 0) text += ` (${props.join(', ')})`;
      text += ` {\n${snippetCode ?? ''}\n}`;
    } else if (props.length > 0) text += ` {\n${props.map((p) => `  ${p}`).join('\n')}\n}`;
    return text + this.branches(a, def);
  }

  private branches(a: StudioAction, def: ActionDefinition | undefined): string {
    const lines: string[] = [];
    const hasDefault = !def || def.branches.some((b) => b.toLowerCase() === 'default');
    const next = this.target(a.defaultNext, a, 'DefaultNextAction');
    if (next !== undefined) {
      if (hasDefault) lines.push(` -> ${next}`);
      else this.warn('W-IMPORT-BRANCH', `${this.describe(a)}: ${def!.type} has no Default branch; DefaultNextAction (${a.defaultNext}) left out`, a);
    }
    for (const b of a.branches) {
      const to = this.target(b.next, a, `branch ${b.name}`);
      if (to === undefined) continue;
      const name = def ? canonicalBranch(b.name, def) : IDENTIFIER.test(b.name) ? b.name : undefined;
      if (name === undefined) {
        this.warn('W-IMPORT-BRANCH', `${this.describe(a)}: branch '${b.name}' is not a branch of ${def?.type ?? 'this action'}; left out`, a);
        continue;
      }
      if (name.toLowerCase() === 'default' && next !== undefined) continue;
      lines.push(`\n  ${name} -> ${to}`);
    }
    if (a.cases.length > 0 && def && !def.valueBranches) {
      this.warn('W-IMPORT-BRANCH', `${this.describe(a)}: ${def.type} takes no value branches; ${a.cases.length} case(s) left out`, a);
    } else {
      for (const c of a.cases) {
        const to = this.target(c.next, a, `case ${quote(c.value)}`);
        if (to !== undefined) lines.push(`\n  ${quote(c.value)} -> ${to}`);
      }
    }
    return lines.join('');
  }
}

function canonicalBranch(name: string, def: ActionDefinition): string | undefined {
  const low = name.toLowerCase();
  const found = def.branches.find((b) => b.toLowerCase() === low) ?? (low.startsWith('on') ? def.branches.find((b) => b.toLowerCase() === low.slice(2)) : undefined);
  return found;
}

function encodeValue(text: string, prop: ResolvedProp): string {
  const spec: PropSpec = prop.spec;
  switch (spec.kind) {
    case 'boolean':
      if (/^(true|yes|1)$/i.test(text)) return 'true';
      if (/^(false|no|0)$/i.test(text)) return 'false';
      return quote(text);
    case 'number':
      return /^-?[0-9]+(\.[0-9]+)?$/.test(text) ? text : quote(text);
    case 'variable':
      return bareOrQuoted(text);
    case 'expression':
      // A bare variable path reads as one; anything else is a snippet expression in a string.
      return /^[A-Za-z_][A-Za-z0-9_$]*(\.[A-Za-z_][A-Za-z0-9_$]*)*$/.test(text) && !/^(true|false)$/i.test(text) ? text : quote(text);
    case 'enum':
      return bareOrQuoted(text);
    case 'list': {
      const items = text.split(/\r?\n|\|/).map((s) => s.trim()).filter((s) => s !== '');
      return `[${items.map((s) => (spec.of === 'variable' ? bareOrQuoted(s) : quote(s))).join(', ')}]`;
    }
    default:
      return quote(text);
  }
}

/** A plain identifier is written bare (`Variable = total`), anything else quoted. */
function bareOrQuoted(text: string): string {
  return IDENTIFIER.test(text) && !/^(true|false)$/i.test(text) ? text : quote(text);
}

/** A one-line `.script` string: the seven escapes of the format, braces kept for substitution. */
export function quote(text: string): string {
  return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n').replace(/\r/g, '\\r').replace(/\t/g, '\\t')}"`;
}

/** An unknown Studio type as UPPERCASE type words the grammar accepts. */
function unknownType(type: string): string {
  const words = type
    .toUpperCase()
    .split(/\s+/)
    .map((w) => w.replace(/[^A-Z0-9_]/g, ''))
    .filter((w) => /^[A-Z]/.test(w));
  return words.length > 0 ? words.join(' ') : 'UNKNOWN';
}

function identifier(text: string, fallback: string): string {
  const cleaned = text.replace(/[^A-Za-z0-9_$]+/g, '_').replace(/^_+|_+$/g, '');
  if (cleaned === '') return fallback;
  return /^[A-Za-z_]/.test(cleaned) ? cleaned : `_${cleaned}`;
}

function baseName(file: string): string {
  const base = file.split(/[\\/]/).pop() ?? file;
  return base.replace(/\.[^.]*$/, '') || 'Imported';
}
