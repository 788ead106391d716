// Message templates: the `{Field}` placeholders of a body and how a calling
// list record fills them. Per the outreach setup page, a placeholder is the
// exact name of a field mapped in the calling list. Emulator decisions
// (docs/digital.md): names match exactly first, then ignoring case; a field
// the record has no value for renders empty and is reported; `{{` and `}}`
// stand for literal braces.

export interface TemplatePart {
  /** Literal text, or null for a placeholder. */
  text: string | null;
  field?: string;
  /** Offset of the placeholder's `{` in the body. */
  offset?: number;
}

/** A placeholder name: letters, digits, `_`, `.`, `-`, spaces inside (not at the ends). */
const NAME = /^[\p{L}\p{N}_.-](?:[\p{L}\p{N}_. -]{0,98}[\p{L}\p{N}_.-])?$/u;

export interface ParsedTemplate {
  parts: TemplatePart[];
  /** Distinct placeholder names in order of first use. */
  fields: string[];
  /** Problems: an unclosed `{`, an empty or invalid name. */
  problems: { offset: number; message: string }[];
}

export function parseTemplate(body: string): ParsedTemplate {
  const parts: TemplatePart[] = [];
  const fields: string[] = [];
  const problems: ParsedTemplate['problems'] = [];
  let text = '';
  let i = 0;
  while (i < body.length) {
    const ch = body[i]!;
    if ((ch === '{' || ch === '}') && body[i + 1] === ch) {
      text += ch;
      i += 2;
      continue;
    }
    if (ch === '}') {
      problems.push({ offset: i, message: 'a "}" without its "{" (write "}}" for a literal brace)' });
      text += ch;
      i++;
      continue;
    }
    if (ch !== '{') {
      text += ch;
      i++;
      continue;
    }
    const close = body.indexOf('}', i + 1);
    const nextOpen = body.indexOf('{', i + 1);
    if (close < 0 || (nextOpen >= 0 && nextOpen < close)) {
      problems.push({ offset: i, message: 'a "{" that is never closed (write "{{" for a literal brace)' });
      text += ch;
      i++;
      continue;
    }
    const name = body.slice(i + 1, close);
    if (!NAME.test(name)) {
      problems.push({ offset: i, message: name.trim() === '' ? 'an empty placeholder "{}"' : `"{${name.length > 40 ? name.slice(0, 40) + '…' : name}}" is not a field name` });
      text += body.slice(i, close + 1);
      i = close + 1;
      continue;
    }
    if (text) parts.push({ text });
    text = '';
    parts.push({ text: null, field: name, offset: i });
    if (!fields.includes(name)) fields.push(name);
    i = close + 1;
  }
  if (text) parts.push({ text });
  return { parts, fields, problems };
}

/** A record's values as a template reads them: the value of a placeholder name (undefined when none). */
export type FieldLookup = (name: string) => unknown;

/** Finds a record value for a placeholder: exact name first, then ignoring case. */
export function fieldValue(values: Readonly<Record<string, unknown>>, name: string): unknown {
  if (Object.prototype.hasOwnProperty.call(values, name)) return values[name];
  const lower = name.toLowerCase();
  for (const k in values) if (k.toLowerCase() === lower) return values[k];
  return undefined;
}

export interface Rendered {
  text: string;
  /** Placeholders the record had no (or an empty) value for. */
  missing: readonly string[];
}

/** The `missing` of a record that filled every field: one shared array (renders happen by the 100,000). */
const NONE_MISSING: readonly string[] = Object.freeze([]);

/** Fills a parsed template from a record's values (an object, or a lookup). */
export function renderTemplate(t: ParsedTemplate, values: Readonly<Record<string, unknown>> | FieldLookup): Rendered {
  const lookup: FieldLookup = typeof values === 'function' ? values : (name) => fieldValue(values, name);
  let text = '';
  let missing: string[] | null = null;
  for (const p of t.parts) {
    if (p.text !== null) {
      text += p.text;
      continue;
    }
    const v = lookup(p.field!);
    const s = v === undefined || v === null ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v);
    if (s === '') (missing ??= []).includes(p.field!) || missing.push(p.field!);
    text += s;
  }
  return { text, missing: missing ?? NONE_MISSING };
}
