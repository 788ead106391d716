// Loads a `*.test.yaml` file: YAML with node ranges, JSON Schema validation,
// then the meaning of each stub checked against the action registry. Every
// problem becomes a Diagnostic located in the test file; nothing throws for
// bad input.
import { existsSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { prebuiltSchema } from './ajv.js';
import { diagnostic, didYouMean, wrongKind, type Diagnostic, type Span } from '../contract/diagnostics.js';
import type { ActionRegistry } from '../actions/registry.js';
import { builtinRegistry } from '../actions/registry.js';
import { knownKeys, testFileJsonSchema } from './schema.js';
import { readYaml, YamlSource, type PathSegment } from './source-map.js';
import { branchName, compileStub, type RawStub } from './stub-spec.js';
import { parseDuration } from '../contract/duration.js';
import { insideRoots, projectRoots } from './project-root.js';
import { callerStepSpan, type CallerLocation, type CaseCall, type EffectExpectation, type Expectations, type RunPart, type StubSpec, type TestCase, type TestFile } from './test-file.js';
import { parseCallerScript, type CallerScript } from '../phone/caller-script.js';
import type { Value } from '../contract/value.js';
import type { Limits } from '../contract/limits.js';
import { EFFECT_KINDS, isEffectKind } from '../contract/effects.js';
import { digitalContactsExpectation } from './digital-contacts.js';

export interface LoadedTestFile {
  /** Undefined when the file has errors. */
  testFile?: TestFile;
  diagnostics: Diagnostic[];
  /** The file's text (for caret excerpts). */
  source: string;
}

const schemaValidator = (): ValidateFunction => prebuiltSchema('testFile', testFileJsonSchema);

/**
 * What a test file gets when it does not say (from the project configuration):
 * absolute paths, and run settings each case can override.
 */
export interface TestFileDefaults {
  /**
   * The project configuration's folder: paths a test file names may also lie
   * anywhere inside it (besides the test file's own project, project-root.ts).
   */
  root?: string;
  scripts?: string;
  tenant?: string;
  now?: string;
  seed?: number;
  /** The configuration's run limits: under a test file's and a case's own `limits:`. */
  limits?: Partial<Limits>;
  /** The command line's `--limit` values: over every case's own. */
  commandLimits?: Partial<Limits>;
}

export function loadTestFile(file: string, opts: { registry?: ActionRegistry; text?: string; defaults?: TestFileDefaults } = {}): LoadedTestFile {
  const registry = opts.registry ?? builtinRegistry();
  const read = readYaml(file, 'test file', opts.text !== undefined ? { text: opts.text } : {});
  if (read.diagnostics.length > 0 || !read.src) return { diagnostics: read.diagnostics, source: read.source };
  const { data, src, source: text } = read;
  if (data === null || data === undefined) {
    return { diagnostics: [diagnostic('E-TEST-SCHEMA', 'test file is empty: expected a mapping with "cases"', src.at(0))], source: text };
  }
  // Another kind of file (text, a list) is named without quoting it.
  if (typeof data !== 'object' || Array.isArray(data))
    return { diagnostics: [wrongKind('E-TEST-SCHEMA', `not a test file: expected a mapping with "cases", found ${Array.isArray(data) ? 'a list' : 'plain text'}`, file)], source: text };
  const check = schemaValidator();
  if (!check(data)) return { diagnostics: schemaDiagnostics(check.errors ?? [], src), source: text };
  const built = build(data as RawFile, src, registry, opts.defaults ?? {});
  return { ...built, source: text };
}

// ---------------------------------------------------------------- schema errors

export function schemaDiagnostics(errors: ErrorObject[], src: YamlSource, root?: object): Diagnostic[] {
  const oneOfPaths = new Set(errors.filter((e) => e.keyword === 'oneOf').map((e) => e.instancePath));
  const seen = new Set<string>();
  const out: Diagnostic[] = [];
  for (const e of errors) {
    // Errors inside a failed oneOf alternative are noise: the oneOf error says it better.
    if (e.schemaPath.includes('/oneOf/') && [...oneOfPaths].some((p) => e.instancePath.startsWith(p))) continue;
    const path = pointerToPath(e.instancePath);
    const where = displayPath(path);
    let span: Span;
    let message: string;
    switch (e.keyword) {
      case 'additionalProperties': {
        const key = String((e.params as { additionalProperty: string }).additionalProperty);
        const known = knownKeys(path, root);
        const synonym = SYNONYMS[key.toLowerCase()];
        const hint = synonym !== undefined && known.includes(synonym) ? synonym : didYouMean(key, known);
        span = src.keySpan(path, key);
        message = `unknown property "${key}"${where ? ` in ${where}` : ''}${hint ? `; did you mean "${hint}"?` : ''}`;
        break;
      }
      case 'required': {
        const key = String((e.params as { missingProperty: string }).missingProperty);
        span = src.span(path);
        message = `${where || 'the file'} is missing required property "${key}"`;
        break;
      }
      case 'type':
        span = src.span(path);
        message = `${where} must be ${article(String((e.params as { type: string | string[] }).type))}`;
        break;
      case 'enum':
        span = src.span(path);
        message = `${where} must be one of ${((e.params as { allowedValues: unknown[] }).allowedValues ?? []).join(', ')}`;
        break;
      case 'oneOf':
        span = src.span(path);
        message = `${where} must be ${oneOfText(path)}`;
        break;
      default:
        span = src.span(path);
        message = `${where} ${e.message ?? 'is invalid'}`;
    }
    const key = `${span.line}:${span.col}:${message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(diagnostic('E-TEST-SCHEMA', message, span));
  }
  return out;
}

/** Words other tools use for our keys, for "did you mean" hints. */
const SYNONYMS: Record<string, string> = {
  inputs: 'vars',
  input: 'vars',
  variables: 'vars',
  params: 'vars',
  parameters: 'vars',
  expected: 'expect',
  expectations: 'expect',
  assert: 'expect',
  mocks: 'stubs',
  mock: 'stubs',
  tests: 'cases',
  returns: 'return',
  throw: 'error',
  nth: 'call',
  when: 'match',
};

function oneOfText(path: PathSegment[]): string {
  if (path[path.length - 2] === 'effects') return 'a count, a list of records, or {count, contains, exactly}';
  if (path[path.length - 2] === 'branches') return 'a branch name or a list of branch names';
  return 'a valid value';
}

function article(type: string): string {
  const words = type.split(',').map((t) => (t === 'object' ? 'a mapping' : t === 'array' ? 'a list' : `a ${t}`));
  return words.join(' or ');
}

function pointerToPath(pointer: string): PathSegment[] {
  if (!pointer) return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

export function displayPath(path: readonly PathSegment[]): string {
  return path.map((s, i) => (typeof s === 'number' ? `[${s}]` : i === 0 ? s : `.${s}`)).join('');
}

// ---------------------------------------------------------------- meaning

interface RawCase {
  name: string;
  script: string;
  poc?: string | number;
  vars?: Record<string, unknown>;
  now?: string;
  until?: string | number;
  seed?: number;
  maxActions?: number;
  limits?: Partial<Limits>;
  contact?: Record<string, unknown>;
  replies?: { to: string | number; after?: string | number; text: string; channel?: string }[];
  caller?: string | string[];
  calls?: RawCall[];
  stubs?: RawStub[];
  expect?: Record<string, unknown>;
  skip?: boolean;
  only?: boolean;
  record?: boolean;
  forceErrors?: boolean;
}
export interface RawCall {
  name?: string;
  at?: string | number;
  script?: string;
  poc?: string | number;
  vars?: Record<string, unknown>;
  contact?: Record<string, unknown>;
  caller?: string | string[];
  expect?: Record<string, unknown>;
}
interface RawFile {
  scripts?: string;
  tenant?: string;
  now?: string;
  stubs?: RawStub[];
  limits?: Partial<Limits>;
  redact?: string[];
  cases: RawCase[];
}

function build(raw: RawFile, src: YamlSource, registry: ActionRegistry, defaults: TestFileDefaults): { testFile?: TestFile; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const base = dirname(resolve(src.file));
  const scripts = raw.scripts !== undefined ? resolve(base, raw.scripts) : (defaults.scripts ?? base);
  // A path the test file names outside its project is refused before anything there is read (project-root.ts);
  // the configuration's defaults are the user's own choice, like paths on the command line.
  const roots = projectRoots(src.file, defaults.root);
  const outside = (what: string, path: string, key: string): void => {
    diagnostics.push(
      diagnostic('E-TEST-PATH', `${what} ${path} is outside the project (${roots.join(' or ')}): a test file only names paths inside its project`, src.span([key])),
    );
  };
  const scriptsInside = raw.scripts === undefined || insideRoots(scripts, roots);
  if (!scriptsInside) outside('scripts folder', scripts, 'scripts');
  else if (!existsSync(scripts) || !statSync(scripts).isDirectory()) {
    diagnostics.push(diagnostic('E-TEST-PATH', `scripts folder not found: ${scripts}`, src.span(['scripts'])));
  }
  let tenant: string | undefined;
  if (raw.tenant !== undefined) {
    tenant = resolve(base, raw.tenant);
    if (!insideRoots(tenant, roots)) outside('tenant file', tenant, 'tenant');
    else if (!existsSync(tenant)) diagnostics.push(diagnostic('E-TEST-PATH', `tenant file not found: ${tenant}`, src.span(['tenant'])));
  } else if (defaults.tenant !== undefined) {
    tenant = defaults.tenant;
  } else if (scriptsInside && existsSync(join(scripts, 'tenant.yaml'))) {
    tenant = join(scripts, 'tenant.yaml');
  }
  if (raw.now !== undefined) checkTime(raw.now, ['now'], src, diagnostics);
  const fileStubs = (raw.stubs ?? []).map((s, i) => compileStub(s, ['stubs', i], `stubs[${i}]`, src, registry, diagnostics));
  const cases: TestCase[] = [];
  const names = new Map<string, number>();
  raw.cases.forEach((c, index) => {
    const at: PathSegment[] = ['cases', index];
    const prior = names.get(c.name);
    if (prior !== undefined)
      diagnostics.push(diagnostic('E-TEST-CASE', `duplicate case name "${c.name}" (also case ${prior + 1})`, src.span([...at, 'name'])));
    names.set(c.name, index);
    const now = c.now ?? raw.now ?? defaults.now;
    if (c.now !== undefined) checkTime(c.now, [...at, 'now'], src, diagnostics);
    let until: string | undefined;
    if (c.until !== undefined) {
      until = normaliseUntil(c.until);
      if (until === undefined)
        diagnostics.push(
          diagnostic('E-TEST-DURATION', `until must be an ISO-8601 time or a duration such as 90s, 30m, 2h (got "${c.until}")`, src.span([...at, 'until'])),
        );
    }
    const replies = (c.replies ?? []).map((r, i) => {
      const seconds = r.after === undefined ? 0 : parseDuration(r.after);
      if (seconds === undefined)
        diagnostics.push(diagnostic('E-TEST-DURATION', `after must be a duration such as 90s, 30m, 2h (got "${String(r.after)}")`, src.span([...at, 'replies', i, 'after'])));
      return { to: String(r.to), afterMs: Math.round((seconds ?? 0) * 1000), text: r.text, ...(r.channel !== undefined ? { channel: r.channel } : {}) };
    });
    const stubs = (c.stubs ?? []).map((s, i) =>
      compileStub(s, [...at, 'stubs', i], `cases[${index}].stubs[${i}]`, src, registry, diagnostics),
    );
    const limits = caseLimits(c, raw, defaults, at, src, diagnostics);
    const part = readRunPart(c, c.script, at, src, diagnostics);
    part.spans.name = src.span([...at, 'name']);
    const calls = (c.calls ?? []).map((call, i) => readCall(call, c, [...at, 'calls', i], src, diagnostics));
    cases.push({
      name: c.name,
      index,
      ...(c.poc !== undefined ? { poc: String(c.poc) } : {}),
      vars: (c.vars ?? {}) as Record<string, Value>,
      ...(now !== undefined ? { now } : {}),
      ...(until !== undefined ? { until } : {}),
      ...((c.seed ?? defaults.seed) !== undefined ? { seed: c.seed ?? defaults.seed } : {}),
      ...(limits ? { limits } : {}),
      ...(c.contact !== undefined ? { contact: c.contact } : {}),
      ...(replies.length ? { replies } : {}),
      ...part,
      ...(calls.length ? { calls } : {}),
      stubs: stubs.filter((s): s is StubSpec => s !== undefined),
      skip: c.skip ?? false,
      only: c.only ?? false,
      record: c.record ?? false,
      forceErrors: c.forceErrors ?? true,
    });
  });
  if (diagnostics.length > 0) return { diagnostics };
  return {
    testFile: {
      file: src.file,
      scripts,
      ...(tenant !== undefined ? { tenant } : {}),
      cases,
      stubs: fileStubs.filter((s): s is StubSpec => s !== undefined),
      ...(raw.redact?.length ? { redact: raw.redact } : {}),
    },
    diagnostics,
  };
}

/** What a case and each of its calls have alike: the contact's hang-up, the caller and the expectations, located. */
function readRunPart(c: Pick<RawCall, 'contact' | 'caller' | 'expect'>, script: string, at: PathSegment[], src: YamlSource, diagnostics: Diagnostic[]): RunPart {
  const hangUp = c.contact?.hangUpAfter;
  if (hangUp !== undefined && parseDuration(hangUp as string | number) === undefined)
    diagnostics.push(
      diagnostic('E-TEST-DURATION', `hangUpAfter must be a duration such as 90s, 30m, 2h (got "${String(hangUp)}")`, src.span([...at, 'contact', 'hangUpAfter'])),
    );
  const caller = c.caller !== undefined ? readCaller(c.caller, [...at, 'caller'], src, diagnostics) : undefined;
  const { expect, spans } = buildExpect(c.expect ?? {}, [...at, 'expect'], src, diagnostics);
  spans.script = src.span([...at, 'script']);
  return { script, ...(caller ? { caller: caller.script, callerAt: caller.at } : {}), expect, span: src.span(at), spans };
}

/** One of a case's `calls:`: its script defaults to the case's (with a `poc`, it must be the POC's, as a case's). */
export function readCall(raw: RawCall, c: Pick<RawCase, 'script'>, at: PathSegment[], src: YamlSource, diagnostics: Diagnostic[]): CaseCall {
  const index = at[at.length - 1] as number;
  let when: string | undefined;
  if (raw.at !== undefined) {
    when = normaliseUntil(raw.at);
    if (when === undefined)
      diagnostics.push(diagnostic('E-TEST-DURATION', `at must be a duration after the case's start such as 30s, 2m, or an ISO-8601 time (got "${raw.at}")`, src.span([...at, 'at'])));
  }
  const part = readRunPart(raw, raw.script ?? c.script, at, src, diagnostics);
  if (raw.script === undefined) part.spans.script = part.span;
  return {
    ...part,
    name: raw.name !== undefined ? `calls[${index}] (${raw.name})` : `calls[${index}]`,
    ...(when !== undefined ? { at: when } : {}),
    ...(raw.poc !== undefined ? { poc: String(raw.poc) } : {}),
    vars: (raw.vars ?? {}) as Record<string, Value>,
    ...(raw.contact !== undefined ? { contact: raw.contact } : {}),
  };
}

/** Parses a case's `caller:` (one text, or a list of texts); each mistake is located at its step. */
function readCaller(raw: string | string[], path: PathSegment[], src: YamlSource, out: Diagnostic[]): { script: CallerScript; at: CallerLocation[] } | undefined {
  const texts = typeof raw === 'string' ? [raw] : raw;
  const at: CallerLocation[] = texts.map((text, i) => {
    const span = src.span(typeof raw === 'string' ? path : [...path, i]);
    // A quoted scalar's text starts after its quote.
    const quote = span.offset !== undefined && /["']/.test(src.text[span.offset] ?? '') ? 1 : 0;
    return { span: { ...span, col: span.col + quote, offset: (span.offset ?? 0) + quote }, multiline: text.includes('\n') };
  });
  const parsed = parseCallerScript(texts);
  if (!parsed.ok) {
    for (const p of parsed.problems) out.push(diagnostic('E-TEST-CALLER', p.message, callerStepSpan(at, p.at, src.span(path))));
    return undefined;
  }
  return { script: parsed.script, at };
}

/**
 * A case's run limits: the command line's `--limit`, then the case's own
 * (`maxActions:` is short for `limits: { maxActions }`), the file's, the
 * configuration's; undefined when nothing sets any.
 */
function caseLimits(c: RawCase, raw: RawFile, defaults: TestFileDefaults, at: PathSegment[], src: YamlSource, out: Diagnostic[]): Partial<Limits> | undefined {
  const own = c.limits?.maxActions;
  if (c.maxActions !== undefined && own !== undefined && own !== c.maxActions)
    out.push(diagnostic('E-TEST-LIMIT', `maxActions ${c.maxActions} and limits.maxActions ${own} disagree; give one of them`, src.span([...at, 'maxActions'])));
  const limits = { ...defaults.limits, ...raw.limits, ...c.limits, ...(c.maxActions !== undefined ? { maxActions: c.maxActions } : {}), ...defaults.commandLimits };
  return Object.keys(limits).length > 0 ? limits : undefined;
}

function checkTime(value: string, path: PathSegment[], src: YamlSource, out: Diagnostic[]): void {
  if (Number.isNaN(Date.parse(value)))
    out.push(diagnostic('E-TEST-TIME', `"${value}" is not an ISO-8601 date and time (e.g. 2026-11-21T09:00:00-07:00)`, src.span(path)));
}

/** `until` as the runtime takes it: an ISO time, or a duration string. */
function normaliseUntil(value: string | number): string | undefined {
  if (typeof value === 'number') return value >= 0 ? `${value}s` : undefined;
  const seconds = parseDuration(value);
  if (seconds !== undefined) return `${seconds}s`;
  return /^\d{4}-\d{2}-\d{2}/.test(value) && !Number.isNaN(Date.parse(value)) ? value : undefined;
}


function buildExpect(
  raw: Record<string, unknown>,
  at: PathSegment[],
  src: YamlSource,
  diagnostics: Diagnostic[],
): { expect: Expectations; spans: Record<string, Span> } {
  const spans: Record<string, Span> = {};
  const expect: Expectations = {};
  for (const key of Object.keys(raw)) spans[key] = src.span([...at, key]);
  if (raw.status !== undefined) expect.status = raw.status as Expectations['status'];
  for (const key of ['visits', 'neverVisits'] as const) {
    const list = raw[key] as string[] | undefined;
    if (!list) continue;
    expect[key] = list;
    list.forEach((_, i) => (spans[`${key}.${i}`] = src.span([...at, key, i])));
  }
  if (raw.branches) {
    const branches: Record<string, string[]> = {};
    for (const [label, b] of Object.entries(raw.branches as Record<string, unknown>)) {
      branches[label] = (Array.isArray(b) ? b : [b]).map(branchName);
      spans[`branches.${label}`] = src.span([...at, 'branches', label], { key: true });
    }
    expect.branches = branches;
  }
  for (const scope of ['variables', 'globals'] as const) {
    const values = raw[scope] as Record<string, unknown> | undefined;
    if (!values) continue;
    expect[scope] = values;
    // Each value is located, so a failure points at the one that differs.
    for (const name of Object.keys(values)) spans[`${scope}.${name}`] = src.span([...at, scope, name]);
  }
  if (raw.effects) {
    const effects: Record<string, EffectExpectation> = {};
    for (const [kind, e] of Object.entries(raw.effects as Record<string, unknown>)) {
      if (!isEffectKind(kind)) {
        const hint = didYouMean(kind, EFFECT_KINDS);
        const message = `unknown effect kind "${kind}"${hint ? `; did you mean "${hint}"?` : `; the kinds are ${EFFECT_KINDS.join(', ')}`}`;
        diagnostics.push(diagnostic('E-TEST-EFFECT', message, src.span([...at, 'effects', kind], { key: true })));
      }
      spans[`effects.${kind}`] = src.span([...at, 'effects', kind]);
      effects[kind] = typeof e === 'number' ? { count: e } : Array.isArray(e) ? { exactly: e } : (e as EffectExpectation);
    }
    expect.effects = effects;
  }
  if (raw.trace) expect.trace = raw.trace as string[];
  if (raw.heard) expect.heard = raw.heard as string[];
  if (raw.lastError !== undefined) expect.lastError = raw.lastError as string;
  if (raw.warnings) expect.warnings = raw.warnings as string[];
  if (raw.digitalContacts) expect.digitalContacts = digitalContactsExpectation(raw.digitalContacts, [...at, 'digitalContacts'], src, spans, diagnostics);
  return { expect, spans };
}

