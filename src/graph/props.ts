// Load-time checks of property values against each property's kind
// (docs/script-format.md "Values and property kinds"): literal types, enum
// values, ranges, variable names. Values with `{…}` substitutions or variable
// paths are checked at run time instead, after evaluation.
import { diagnostic, didYouMean, type Diagnostic } from '../contract/diagnostics.js';
import { enumValueOf, type PropSpec } from '../actions/define.js';
import { VARIABLE_NAME, VARIABLE_NAME_RULE } from '../contract/variables.js';
import type { ValueAst } from '../parse/ast.js';
import type { PropValue } from '../contract/script-graph.js';

export interface CheckedProp {
  /** The value for the graph (enum literals in their canonical spelling). */
  value: PropValue;
  diagnostics: Diagnostic[];
}

/** A substitution is any unescaped `{`. */
export const hasSubstitution = (s: string): boolean => /(^|[^\\])\{/.test(s);

/** Numbers as Studio accepts them in number properties: `10`, `-2.5`, and a decimal comma (`0,5`). */
export function parseNumberText(s: string): number | undefined {
  const t = s.trim();
  if (!/^-?[0-9]+([.,][0-9]+)?$/.test(t)) return undefined;
  return Number(t.replace(',', '.'));
}

/** Converts an AST value to the graph's PropValue (spans kept). */
export function toPropValue(v: ValueAst): PropValue {
  switch (v.kind) {
    case 'string':
      return { kind: 'string', value: v.value, span: v.span };
    case 'number':
      return { kind: 'number', value: v.value, raw: v.raw, span: v.span };
    case 'boolean':
      return { kind: 'boolean', value: v.value, span: v.span };
    case 'path':
      return { kind: 'path', path: v.path, span: v.span };
    case 'list':
      return { kind: 'list', items: v.items.map(toPropValue), span: v.span };
  }
}

const describe = (v: PropValue): string => {
  switch (v.kind) {
    case 'string':
      return `the string "${v.value.length > 30 ? v.value.slice(0, 27) + '…' : v.value}"`;
    case 'number':
      return `the number ${v.raw}`;
    case 'boolean':
      return `the boolean ${v.value}`;
    case 'path':
      return `the variable ${v.path}`;
    case 'list':
      return 'a list';
  }
};

/** Checks one property value; `where` names it in messages (`ASSIGN.Type`). */
export function checkProp(where: string, spec: PropSpec, v: PropValue): CheckedProp {
  const ds: Diagnostic[] = [];
  const bad = (code: string, message: string): CheckedProp => {
    ds.push(diagnostic(code, message, v.span));
    return { value: v, diagnostics: ds };
  };
  switch (spec.kind) {
    case 'value':
      return { value: v, diagnostics: ds };
    case 'text':
      if (v.kind === 'list') return bad('E-SCHEMA-TYPE', `${where} expects text, found a list`);
      if (v.kind === 'string' && spec.maxLength !== undefined && !hasSubstitution(v.value) && v.value.length > spec.maxLength)
        return bad('E-SCHEMA-RANGE', `${where} is at most ${spec.maxLength} characters, found ${v.value.length}`);
      if (spec.check && v.kind !== 'path' && !(v.kind === 'string' && hasSubstitution(v.value))) {
        const problem = spec.check(v.kind === 'string' ? v.value : v.kind === 'number' ? v.raw : String(v.value));
        if (problem !== undefined) return bad('E-SCHEMA-VALUE', `${where}: ${problem}`);
      }
      return { value: v, diagnostics: ds };
    case 'expression':
      if (v.kind === 'list') return bad('E-SCHEMA-TYPE', `${where} expects an expression in a string, found a list`);
      if (v.kind === 'string' && v.value.trim() === '') return bad('E-SCHEMA-TYPE', `${where} expects an expression, found an empty string`);
      return { value: v, diagnostics: ds };
    case 'variable':
      return checkVariable(where, v, ds);
    case 'number': {
      if (v.kind === 'path') return { value: v, diagnostics: ds };
      let n: number | undefined;
      if (v.kind === 'number') n = v.value;
      else if (v.kind === 'string') {
        if (hasSubstitution(v.value)) return { value: v, diagnostics: ds };
        n = parseNumberText(v.value);
      }
      if (n === undefined) return bad('E-SCHEMA-TYPE', `${where} expects a number, found ${describe(v)}`);
      if (spec.integer && !Number.isInteger(n)) return bad('E-SCHEMA-RANGE', `${where} must be a whole number, found ${n}`);
      if (spec.min !== undefined && n < spec.min) return bad('E-SCHEMA-RANGE', `${where} must be at least ${spec.min}, found ${n}`);
      if (spec.max !== undefined && n > spec.max) return bad('E-SCHEMA-RANGE', `${where} must be at most ${spec.max}, found ${n}`);
      return { value: v, diagnostics: ds };
    }
    case 'boolean':
      if (v.kind === 'boolean' || v.kind === 'path') return { value: v, diagnostics: ds };
      if (v.kind === 'string' && (hasSubstitution(v.value) || /^(true|false)$/i.test(v.value.trim()))) return { value: v, diagnostics: ds };
      return bad('E-SCHEMA-TYPE', `${where} expects true or false, found ${describe(v)}`);
    case 'enum': {
      if (v.kind === 'string' && hasSubstitution(v.value)) return { value: v, diagnostics: ds };
      // A bare word naming a value (`Type = Numeric`) is that value, not a variable.
      const written = v.kind === 'string' ? v.value : v.kind === 'path' ? v.path : v.kind === 'number' ? v.raw : undefined;
      if (written === undefined) return bad('E-SCHEMA-TYPE', `${where} expects one of ${spec.values.join(', ')}, found ${describe(v)}`);
      const canonical = enumValueOf(spec, written);
      if (canonical !== undefined) return { value: { kind: 'string', value: canonical, span: v.span }, diagnostics: ds };
      // Studio leaves a property empty for its default.
      if (written.trim() === '') return { value: v, diagnostics: ds };
      const hint = didYouMean(written, spec.values);
      return bad('E-SCHEMA-ENUM', `${where} must be one of ${spec.values.join(', ')}, found "${written}"${hint ? `; did you mean ${hint}?` : ''}`);
    }
    case 'prompt':
      // Segments are parsed and located by the compiler, which has the file's text.
      if (v.kind === 'number' || v.kind === 'boolean') return bad('E-SCHEMA-TYPE', `${where} expects a prompt sequence such as "\"%Hello\" \"greeting.wav\"", found ${describe(v)}`);
      if (v.kind === 'list' && v.items.some((i) => i.kind !== 'string'))
        return bad('E-SCHEMA-TYPE', `${where} expects a list of prompt segments in quotes, such as ["%Hello", "greeting.wav"]`);
      return { value: v, diagnostics: ds };
    case 'list': {
      if (v.kind === 'list') {
        const items = v.items.map((item) => checkProp(`${where} item`, itemSpec(spec.of), item));
        for (const it of items) ds.push(...it.diagnostics);
        return { value: { ...v, items: items.map((it) => it.value) }, diagnostics: ds };
      }
      if (v.kind === 'string' && spec.of === 'variable') {
        for (const part of v.value.split('|'))
          if (!VARIABLE_NAME.test(part.trim()) && part.trim() !== '')
            ds.push(diagnostic('E-SCHEMA-VARIABLE', `${where}: "${part.trim()}" is not a variable name`, v.span));
        return { value: v, diagnostics: ds };
      }
      // One value stands for a one-item list.
      const one = checkProp(`${where} item`, itemSpec(spec.of), v);
      return { value: one.value, diagnostics: one.diagnostics };
    }
  }
}

function itemSpec(of: 'value' | 'variable' | 'text'): PropSpec {
  return { kind: of } as PropSpec;
}

function checkVariable(where: string, v: PropValue, ds: Diagnostic[]): CheckedProp {
  const name = v.kind === 'path' ? v.path : v.kind === 'string' ? v.value.trim() : undefined;
  if (name === undefined) {
    ds.push(diagnostic('E-SCHEMA-TYPE', `${where} expects a variable name, found ${describe(v)}`, v.span));
  } else if (!VARIABLE_NAME.test(name)) {
    ds.push(
      diagnostic(
        'E-SCHEMA-VARIABLE',
        `${where}: "${name}" is not a variable name (${VARIABLE_NAME_RULE})`,
        v.span,
      ),
    );
  }
  return { value: v, diagnostics: ds };
}
