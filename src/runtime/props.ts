// Step 1 and 2 of runtime.md: evaluate an action's compiled properties
// (substitution, expressions, variable names) and check the result against
// the action's schema. Failures become the action's error outcome.
import type { ActionRegistry } from '../actions/registry.js';
import { enumValueOf, type PropSpec } from '../actions/define.js';
import type { CompiledProp } from '../graph/compiled.js';
import type { SnippetEnv } from '../contract/snippet.js';
import { toText } from '../snippet/index.js';
import type { Value } from '../contract/value.js';
import type { PreparedAction, PreparedProp, PropPlan } from './scripts.js';
import { heardSegments, parseSequence } from '../phone/prompt-sequence.js';

export class PropError extends Error {}

/** Evaluates every property; throws PropError with a message naming the property. */
export function evaluateProps(action: PreparedAction, env: SnippetEnv, registry: ActionRegistry): Record<string, unknown> {
  if (action.staticProps) return action.staticProps;
  const plan = action.propPlan ?? (action.propPlan = planProps(action));
  // Literals and defaults are evaluated once; each step copies them and evaluates only what substitutes.
  const out: Record<string, unknown> = { ...plan.base };
  for (const p of plan.dynamic) {
    try {
      out[p.name] = coerce(p.spec, evaluate(p.compiled!, p.spec, env));
    } catch (err) {
      if (err instanceof PropError) throw err;
      throw new PropError(`Property ${p.name}: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  if (plan.needsCheck) check(action, out, registry);
  // Frozen: the cached object is shared by every later step and by trace events.
  if (plan.dynamic.length === 0) action.staticProps = Object.freeze(out);
  return out;
}

function planProps(action: PreparedAction): PropPlan {
  const base: Record<string, unknown> = {};
  const dynamic: PreparedProp[] = [];
  let needsCheck = false;
  for (const p of action.props) {
    if (p.compiled === undefined) {
      const v = defaultOf(p.spec);
      if (v === undefined) {
        if (p.spec.required) throw new PropError(`Property ${p.name} is required`);
        continue;
      }
      base[p.name] = v;
    } else if (isLiteralProp(p.compiled)) {
      base[p.name] = coerce(p.spec, evaluate(p.compiled, p.spec, NO_ENV));
    } else {
      // A placeholder keeps the property's position, so events list properties in declaration order.
      base[p.name] = undefined;
      dynamic.push(p);
      if (mayFailSchema(p.spec)) needsCheck = true;
    }
  }
  return { base, dynamic, needsCheck };
}

function isLiteralProp(c: CompiledProp): boolean {
  if (c.kind === 'literal' || c.kind === 'variable') return true;
  if (c.kind === 'prompt') return c.templates.every((t) => t === null);
  return c.kind === 'list' && c.items.every(isLiteralProp);
}

/** Literals never read the environment. */
const NO_ENV = undefined as unknown as SnippetEnv;

/** Kinds whose schema accepts anything coerce() produces need no run-time check (expressions, values, plain text). */
function mayFailSchema(spec: PropSpec): boolean {
  if (spec.kind === 'value' || spec.kind === 'expression' || spec.kind === 'prompt') return false;
  if (spec.kind === 'text') return spec.maxLength !== undefined;
  return true;
}

function defaultOf(spec: PropSpec): unknown {
  return 'default' in spec ? spec.default : undefined;
}

function evaluate(c: CompiledProp, spec: PropSpec, env: SnippetEnv): unknown {
  switch (c.kind) {
    case 'literal':
      return c.value;
    case 'variable':
      return c.name;
    case 'template':
      // A value prop keeps the type of a lone `{x}`; every other kind wants text.
      return spec.kind === 'value' ? c.template.evaluate(env) : c.template.render(env);
    case 'expression':
      return c.expression.evaluate(env);
    case 'prompt':
      return heardSegments(
        c.segments,
        c.segments.map((s, i) => c.templates[i]?.render(env) ?? s.text),
      );
    case 'dynamic-prompt': {
      // Built at run time (a snippet assembled it): parsed now; a malformed one is the action's error.
      const text = c.source.kind === 'template' ? c.source.template.render(env) : toText(c.source.expression.evaluate(env));
      const parsed = parseSequence(text);
      const bad = parsed.problems.find((p) => p.severity === 'error');
      if (bad) throw new Error(`the prompt sequence ${JSON.stringify(text)} is malformed: ${bad.message}`);
      return heardSegments(parsed.segments, parsed.segments.map((s) => s.text));
    }
    case 'list': {
      const of = spec.kind === 'list' ? spec.of : 'value';
      const itemSpec: PropSpec = of === 'variable' ? { kind: 'variable' } : of === 'text' ? { kind: 'text' } : { kind: 'value' };
      return c.items.map((item) => {
        const v = evaluate(item, itemSpec, env) as Value;
        return of === 'text' ? toText(v) : v;
      });
    }
  }
}

/** Brings an evaluated value to the kind's JSON type where the conversion is lossless; the schema check reports the rest. */
function coerce(spec: PropSpec, v: unknown): unknown {
  switch (spec.kind) {
    case 'text':
      return typeof v === 'string' ? v : toText(v as Value);
    case 'variable':
      return typeof v === 'string' ? v.trim().toLowerCase() : v;
    case 'number': {
      if (typeof v === 'number') return v;
      if (typeof v === 'string') {
        // Studio accepts a decimal comma ("0,5") in numeric properties.
        const t = v.trim().replace(/^(-?\d+),(\d+)$/, '$1.$2');
        if (t !== '' && Number.isFinite(Number(t))) return Number(t);
      }
      if (v === null || v === '') return defaultOf(spec) ?? v;
      return v;
    }
    case 'boolean': {
      if (typeof v === 'boolean') return v;
      if (typeof v === 'string') {
        const t = v.trim().toLowerCase();
        if (t === 'true' || t === '1' || t === 'yes') return true;
        if (t === 'false' || t === '0' || t === 'no' || t === '') return false;
      }
      if (v === 1 || v === 0) return v === 1;
      return v;
    }
    case 'enum': {
      const t = typeof v === 'string' ? v.trim() : toText(v as Value);
      // An empty value is Studio's way of leaving a property at its default.
      return enumValueOf(spec, t) ?? (t === '' ? spec.default : t);
    }
    case 'list':
      if (Array.isArray(v)) return v;
      // One text with `|` separators is a list too (script-format.md).
      if (typeof v === 'string') return v === '' ? [] : v.split('|');
      return v === null || v === undefined ? [] : [v];
    default:
      return v;
  }
}

function check(action: PreparedAction, props: Record<string, unknown>, registry: ActionRegistry): void {
  const validate = registry.validator(action.def);
  if (validate(props)) return;
  const e = validate.errors?.[0];
  if (!e) throw new PropError('Invalid properties');
  const name = e.instancePath.replace(/^\//, '').split('/')[0] || String((e.params as { missingProperty?: string }).missingProperty ?? '');
  const got = name in props ? ` (got ${JSON.stringify(props[name]) ?? String(props[name])})` : '';
  throw new PropError(`Property ${name} ${e.message ?? 'is invalid'}${got}`);
}
