// Studio's text for a property value and the `.script` literal for it, both
// ways, by property kind: `True`/`False` are booleans, `{x}` alone is the
// variable x, numbers stay numbers, enum values keep Studio's spelling, and
// everything else is a string. Also prints the `studio { … }` block.
import { enumValueOf, type EnumProp, type PropSpec } from '../actions/define.js';
import { IDENTIFIER } from '../contract/variables.js';
import type { PropValue } from '../contract/script-graph.js';
import type { StudioValue } from './model.js';


/**
 * A variable path as the `.script` format writes one bare (grammar/script-lexer.ts):
 * members start with a letter or `_`. Studio's `x.$Value` is not one, so it
 * stays a substitution in a string (`"{x.$Value}"`), which means the same.
 */
const PATH = /^(?:global:)?[A-Za-z_][A-Za-z0-9_$]*(?:\.[A-Za-z_][A-Za-z0-9_$]*|\[[0-9]+\])*$/i;
const NUMBER = /^-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?$/;

/** A one-line `.script` string: the escapes of the format, braces kept for substitution. */
export function quote(text: string): string {
  return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n').replace(/\r/g, '\\r').replace(/\t/g, '\\t')}"`;
}

/** A plain identifier is written bare (`Variable = total`), anything else quoted. */
function bareOrQuoted(text: string): string {
  return IDENTIFIER.test(text) && !/^(true|false)$/i.test(text) ? text : quote(text);
}

/** `{path}` and nothing else: the value of that variable. */
const onlyPath = (text: string): string | undefined => {
  const m = /^\{([^{}]+)\}$/.exec(text);
  return m && PATH.test(m[1]!) && !/^(true|false)$/i.test(m[1]!) ? m[1] : undefined;
};

/** The `.script` literal of a Studio value for a property of this kind. */
export function fromStudioText(value: StudioValue, spec: PropSpec): string {
  if (Array.isArray(value)) return `[${value.map((v) => (spec.kind === 'list' && spec.of === 'variable' ? bareOrQuoted(v) : quote(v))).join(', ')}]`;
  const text = value;
  // An enum's bare word is one of its values (docs/script-format.md), so `{x}` stays a substitution there.
  const path = spec.kind === 'variable' || spec.kind === 'expression' || spec.kind === 'list' || spec.kind === 'enum' ? undefined : onlyPath(text);
  if (path) return path;
  switch (spec.kind) {
    case 'boolean':
      return /^(true|false)$/i.test(text) ? text.toLowerCase() : quote(text);
    case 'number':
      return NUMBER.test(text) ? text : quote(text);
    case 'variable':
      return PATH.test(text) && !/^(true|false)$/i.test(text) ? text : quote(text);
    case 'expression':
      // A bare variable path reads as one; anything else is a snippet expression in a string.
      return PATH.test(text) && !/^(true|false)$/i.test(text) ? text : quote(text);
    case 'enum':
      // Studio's spelling stays as Studio wrote it (`Limit2K`); scripts accept it.
      return bareOrQuoted(text);
    case 'list': {
      const items = text.split(/\r?\n|\|/).map((s) => s.trim()).filter((s) => s !== '');
      return `[${items.map((s) => (spec.of === 'variable' ? bareOrQuoted(s) : quote(s))).join(', ')}]`;
    }
    default:
      return quote(text);
  }
}

/**
 * Studio's text for a `.script` value. A variable path where Studio expects
 * text becomes a `{path}` substitution; variable names and expressions stay
 * bare; booleans are `True`/`False`; a list is one item per element.
 */
export function toStudioText(v: PropValue, spec: PropSpec | undefined): StudioValue {
  switch (v.kind) {
    case 'string':
      return spec?.kind === 'enum' ? studioSpelling(spec, v.value) : v.value;
    case 'number':
      return v.raw;
    case 'boolean':
      return v.value ? 'True' : 'False';
    case 'path':
      if (spec?.kind === 'enum' && enumValueOf(spec, v.path) !== undefined) return studioSpelling(spec, v.path);
      return !spec || spec.kind === 'variable' || spec.kind === 'expression' || spec.kind === 'list' ? v.path : `{${v.path}}`;
    case 'list':
      return v.items.map((item) => {
        const t = toStudioText(item, spec && spec.kind === 'list' ? undefined : spec);
        return Array.isArray(t) ? t.join('|') : t;
      });
  }
}

/** A studio-block value: a whole number as a number, anything else as a string. */
const blockValue = (v: StudioValue): string => (Array.isArray(v) ? `[${v.map(quote).join(', ')}]` : /^-?(?:0|[1-9][0-9]{0,14})$/.test(v) ? v : quote(v));

/**
 * The `studio { … }` block: the script's fields one per line, then one line
 * per action with fields (`12 { X = 240 Y = 200 }`). Empty when nothing is kept.
 */
export function studioBlock(header: readonly (readonly [string, StudioValue])[], entries: readonly { label: string; fields: readonly (readonly [string, string])[] }[]): string {
  const lines = header.map(([k, v]) => `  ${k} = ${blockValue(v)}`);
  for (const e of entries) if (e.fields.length > 0) lines.push(`  ${e.label} { ${e.fields.map(([k, v]) => `${k} = ${blockValue(v)}`).join(' ')} }`);
  return lines.length === 0 ? '' : `studio {\n${lines.join('\n')}\n}`;
}

/** Studio's text for a property the `.script` leaves out: its default in Studio's spelling, else empty. */
export function studioDefault(spec: PropSpec | undefined): string {
  const d = spec && 'default' in spec ? spec.default : undefined;
  if (d === undefined || d === null) return '';
  if (typeof d === 'boolean') return d ? 'True' : 'False';
  if (spec?.kind === 'enum' && typeof d === 'string') return studioSpelling(spec, d);
  return typeof d === 'string' || typeof d === 'number' ? String(d) : '';
}

/** An enum value as Studio writes it. */
function studioSpelling(spec: EnumProp, text: string): string {
  const value = enumValueOf(spec, text);
  return value === undefined ? text : (spec.studio?.[value] ?? value);
}
