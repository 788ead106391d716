// Turns the `stubs:` entries of a test file into checked stub specs. A stub
// must describe something the action could really do: a branch it declares,
// outputs it writes, an error only where it has an error branch. Stubs by
// label are checked the same way once the scripts are loaded.
import { diagnostic, didYouMean, type Diagnostic } from '../contract/diagnostics.js';
import type { ActionDefinition } from '../actions/define.js';
import { actionTypeName, type ActionRegistry } from '../actions/registry.js';
import { NOT_EMULATED_ACTIONS } from '../graph/build.js';
import type { Value } from '../contract/value.js';
import { parseHttpMatch } from '../http/stubs.js';
import { compiledSchema } from './ajv.js';
import { parseDuration } from '../contract/duration.js';
import type { YamlSource, PathSegment } from './source-map.js';
import type { ActionStub, HttpStubSpec, StubSpec } from './test-file.js';

const HTTP_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'];

/** A stub as written in a test or stub file, before checking. */
export interface RawStub {
  match: Record<string, unknown>;
  return?: { branch?: string | number | boolean; outputs?: Record<string, unknown>; vars?: Record<string, unknown> };
  error?: string;
  times?: number;
  call?: number;
  delay?: string | number;
  status?: number;
  headers?: Record<string, string | number | boolean>;
  body?: unknown;
}

/** YAML reads an unquoted True/False as a boolean; as a branch it is the branch name. */
export function branchName(b: unknown): string {
  return typeof b === 'boolean' ? (b ? 'True' : 'False') : String(b);
}

export function compileStub(
  raw: RawStub,
  at: PathSegment[],
  id: string,
  src: YamlSource,
  registry: ActionRegistry,
  out: Diagnostic[],
): StubSpec | undefined {
  const before = out.length;
  const err = (code: string, message: string, path: PathSegment[], key = false): void => {
    out.push(diagnostic(code, message, src.span([...at, ...path], { key })));
  };
  const keys = Object.keys(raw.match);
  const kinds = ['action', 'label', 'http'].filter((k) => k in raw.match);
  if (kinds.length === 0) {
    err('E-TEST-STUB', 'match needs one of "action" (with property values), "label" (Script.label) or "http" ("METHOD url")', ['match']);
    return undefined;
  }
  if (kinds.length > 1) {
    err('E-TEST-STUB', `match by one of action, label or http, not ${kinds.join(' and ')}`, ['match']);
    return undefined;
  }
  let delaySeconds = 0;
  if (raw.delay !== undefined) {
    const d = parseDuration(raw.delay);
    if (d === undefined) err('E-TEST-DURATION', `delay must be seconds or a duration such as 90s, 30m, 2h (got "${raw.delay}")`, ['delay']);
    else delaySeconds = d;
  }
  if (raw.times !== undefined && raw.call !== undefined) err('E-TEST-STUB', 'use either times (first N calls) or call (the N-th call only), not both', ['call'], true);

  if (kinds[0] === 'http') {
    for (const k of keys) if (k !== 'http') err('E-TEST-STUB', `an http stub matches by "METHOD url" only; remove "${k}"`, ['match', k], true);
    if (raw.return !== undefined)
      err('E-TEST-STUB', '"return" is for action stubs; an http stub answers with status, headers and body (or error, a connection failure)', ['return'], true);
    const m = /^\s*([A-Za-z]+)\s+(\S+)\s*$/.exec(String(raw.match.http));
    if (!m || !HTTP_METHODS.includes(m[1]!.toUpperCase())) {
      err('E-TEST-STUB', `http must be "METHOD url", e.g. "GET https://crm.example.com/leads" (got "${raw.match.http}")`, ['match', 'http']);
      return undefined;
    }
    try {
      parseHttpMatch(`${m[1]} ${m[2]}`);
    } catch (e) {
      err('E-TEST-STUB', (e as Error).message, ['match', 'http']);
    }
    if (out.length > before) return undefined;
    const stub: HttpStubSpec = {
      kind: 'http',
      id,
      method: m[1]!.toUpperCase(),
      url: m[2]!,
      status: raw.status ?? 200,
      headers: Object.fromEntries(Object.entries(raw.headers ?? {}).map(([k, v]) => [k, String(v)])),
      body: raw.body ?? '',
      delaySeconds,
      ...(raw.times !== undefined ? { times: raw.times } : {}),
      ...(raw.call !== undefined ? { call: raw.call } : {}),
      ...(raw.error !== undefined ? { error: raw.error } : {}),
      span: src.span([...at, 'match']),
    };
    return stub;
  }

  for (const k of ['status', 'headers', 'body'] as const)
    if (raw[k] !== undefined) err('E-TEST-STUB', `"${k}" is for http stubs; an action stub answers with return or error`, [k], true);
  if (raw.return !== undefined && raw.error !== undefined) err('E-TEST-STUB', 'a stub either returns or forces an error, not both', ['error'], true);
  if (raw.return === undefined && raw.error === undefined)
    err('E-TEST-STUB', 'an action stub needs "return" (branch, outputs) or "error" (the error message)', ['match']);

  const stub: ActionStub = {
    kind: 'action',
    id,
    props: {},
    answer:
      raw.error !== undefined
        ? { kind: 'error', message: raw.error }
        : {
            kind: 'return',
            ...(raw.return?.branch !== undefined ? { branch: branchName(raw.return.branch) } : {}),
            outputs: (raw.return?.outputs ?? {}) as Record<string, Value>,
            vars: (raw.return?.vars ?? {}) as Record<string, Value>,
          },
    ...(raw.times !== undefined ? { times: raw.times } : {}),
    ...(raw.call !== undefined ? { call: raw.call } : {}),
    delaySeconds,
    span: src.span([...at, 'match']),
    ...(raw.return?.branch !== undefined ? { branchSpan: src.span([...at, 'return', 'branch']) } : {}),
    outputSpans: Object.fromEntries(Object.keys(raw.return?.outputs ?? {}).map((k) => [k, src.span([...at, 'return', 'outputs', k], { key: true })])),
  };

  if (kinds[0] === 'label') {
    for (const k of keys) if (k !== 'label') err('E-TEST-STUB', `a label stub matches one action; remove "${k}" or match by action instead`, ['match', k], true);
    const label = String(raw.match.label);
    if (!/^[^.\s]+\.[^.\s]+$/.test(label)) err('E-TEST-LABEL', `label must be Script.label (got "${label}")`, ['match', 'label']);
    stub.label = label;
    stub.labelSpan = src.span([...at, 'match', 'label']);
    return out.length > before ? undefined : stub;
  }

  const typeText = String(raw.match.action).trim();
  // `CREATEPROSPECTS v2`: a last word v<digits> is the version.
  const words = typeText.split(/\s+/);
  const last = words.length > 1 ? words[words.length - 1]! : '';
  const versioned = /^v\d+$/i.test(last);
  const typeWords = versioned ? typeText.slice(0, typeText.length - last.length).trimEnd() : typeText;
  const version = versioned ? Number(last.slice(1)) : undefined;
  const def = registry.lookup(typeWords, version);
  if (!def) {
    // A type the emulator does not run may still be in the scripts, as an opaque action: checked once they are
    // loaded. A near miss of a type it runs (WAITT) is a typo, reported now.
    const hint = registry.suggestType(typeText);
    const words = typeWords.replace(/\s+/g, ' ');
    if (!/^[A-Z][A-Z0-9_]*( [A-Z][A-Z0-9_]*)*$/.test(words) || (hint !== undefined && !NOT_EMULATED_ACTIONS.includes(words))) {
      err('E-TEST-ACTION', `unknown action type "${typeText}"${hint ? `; did you mean "${hint}"?` : ''}`, ['match', 'action']);
      return undefined;
    }
    stub.actionType = words;
    stub.opaque = true;
    if (version !== undefined) stub.version = version;
    for (const k of keys) if (k !== 'action') stub.props[k] = raw.match[k];
    stub.typeSpan = src.span([...at, 'match', 'action']);
    return out.length > before ? undefined : stub;
  }
  stub.actionType = def.type;
  if (def.version !== undefined) stub.version = def.version;
  for (const k of keys) {
    if (k === 'action') continue;
    const prop = registry.prop(def, k);
    if (!prop) {
      const hint = didYouMean(k, [...registry.props(def).values()].map((p) => p.name));
      err('E-TEST-PROP', `${actionTypeName(def)} has no property "${k}"${hint ? `; did you mean "${hint}"?` : ''}`, ['match', k], true);
      continue;
    }
    stub.props[prop.name] = raw.match[k];
  }
  checkStubAgainstAction(stub, def, registry, out);
  return out.length > before ? undefined : stub;
}

/**
 * Checks (and canonicalises) a stub's answer against the action it stands in
 * for: the branch must be one the action declares, outputs ones it writes, and
 * an error needs an error branch. Used for type stubs at load time and for
 * label stubs once the scripts are known.
 */
export function checkStubAgainstAction(stub: ActionStub, def: ActionDefinition, registry: ActionRegistry, out: Diagnostic[]): void {
  const name = actionTypeName(def);
  if (stub.answer.kind === 'error') {
    if (def.errorBranch === undefined) out.push(diagnostic('E-TEST-STUB', `${name} has no error branch, so it can never fail; remove "error"`, stub.span));
    return;
  }
  const answer = stub.answer;
  if (answer.branch !== undefined) {
    const canonical = registry.branch(def, answer.branch);
    if (canonical !== undefined) answer.branch = canonical;
    else if (!def.valueBranches) {
      const hint = didYouMean(answer.branch, def.branches);
      out.push(
        diagnostic(
          'E-TEST-BRANCH',
          def.branches.length === 0
            ? `${name} has no branches; it cannot be stubbed with a branch`
            : `${name} never takes branch "${answer.branch}"; its branches are ${def.branches.join(', ')}${hint ? ` (did you mean "${hint}"?)` : ''}`,
          stub.branchSpan ?? stub.span,
        ),
      );
    }
  } else if (def.branches.includes('Default')) {
    answer.branch = 'Default';
  } else {
    out.push(diagnostic('E-TEST-BRANCH', `${name} has no Default branch; say which one to take (${def.branches.join(', ')})`, stub.span));
  }
  const declared = Object.keys(def.outputs ?? {});
  const outputs: Record<string, Value> = {};
  for (const [key, v] of Object.entries(answer.outputs)) {
    const canonical = declared.find((o) => o.toLowerCase() === key.toLowerCase());
    if (canonical === undefined) {
      const span = stub.outputSpans?.[key] ?? stub.span;
      out.push(
        diagnostic(
          'E-TEST-OUTPUT',
          declared.length === 0
            ? `${name} has no outputs; set variables with return.vars instead of "${key}"`
            : `${name} never returns output "${key}"; its outputs are ${declared.join(', ')}`,
          span,
        ),
      );
    } else {
      outputs[canonical] = v;
      const problem = outputShapeProblem(def, canonical, v);
      if (problem !== undefined)
        out.push(diagnostic('E-TEST-OUTPUT', `${name} never returns ${problem} as output "${canonical}"`, stub.outputSpans?.[key] ?? stub.span));
    }
  }
  answer.outputs = outputs;
}

/** Why `value` is outside the output schema the action declares, or undefined when it fits (or nothing is declared). */
function outputShapeProblem(def: ActionDefinition, output: string, value: Value): string | undefined {
  const schema = (def.outputSchemas as Record<string, object> | undefined)?.[output];
  if (schema === undefined) return undefined;
  const validate = compiledSchema(schema);
  if (validate(value)) return undefined;
  const e = validate.errors?.[0];
  const where = e?.instancePath ? ` (at ${e.instancePath.slice(1).replace(/\//g, '.')}: ${e.message ?? 'invalid'})` : e?.message ? ` (${e.message})` : '';
  return `${JSON.stringify(value)}${where}`;
}

