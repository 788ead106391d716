// `studio-script/testing`: run scripts from any test framework with the same
// stubs as test files, load a folder and tenant once per test file, and run
// whole test sessions programmatically.
import { resolve } from 'node:path';
import { stringify } from 'yaml';
import { lineIndexOf, ScriptLoadError, type Diagnostic } from '../contract/diagnostics.js';
import type { RunResult } from '../runtime/result.js';
import type { Value } from '../contract/value.js';
import type { Limits } from '../contract/limits.js';
import { checkAgainstScripts } from './check-scripts.js';
import { loadTestFile } from './load.js';
import { loadProject as loadProjectUncached, type Project } from './project.js';
import { executeCase } from './run-case.js';

export type { Project } from './project.js';
export { runSession, type SessionOptions } from './session.js';
export type { SessionResult, CaseResult, ForcedErrorFinding } from './results.js';
export { loadTestFile, type LoadedTestFile } from './load.js';
export { testFileJsonSchema } from './schema.js';
export { computeCoverage, hitsOf, mergeHits, type CoverageReport, type Hits } from './coverage.js';
export { toLcov, coverageTable, writeCoverage } from './coverage-report.js';
export { prettyReport } from './reporters/pretty.js';
export { junitReport } from './reporters/junit.js';
export { jsonReport } from './reporters/json.js';
export { htmlReport, type HtmlOptions } from './reporters/html.js';
export { DEFAULT_NOW } from './run-case.js';

const cache = new Map<string, Promise<Project>>();

/**
 * Loads a script folder (and a tenant file) once: later calls with the same
 * paths return the same project, so a test file pays for loading once.
 * Throws ScriptLoadError with located diagnostics for invalid scripts or tenant.
 */
export function loadProject(folder: string, opts: { tenant?: string } = {}): Promise<Project> {
  const scripts = resolve(folder);
  const tenant = opts.tenant === undefined ? undefined : resolve(opts.tenant);
  const key = `${scripts}\0${tenant ?? ''}`;
  let p = cache.get(key);
  if (!p) {
    p = loadProjectUncached(scripts, tenant);
    // A failed load is not cached, so a fixed file loads on the next call.
    p.catch(() => cache.delete(key));
    cache.set(key, p);
  }
  return p;
}

/** A stub as test files write it: `{ match: { action | label | http, … }, return | error | status/body, times | call, delay }`. */
export type StubInput = Record<string, unknown> & { match: Record<string, unknown> };

export interface RunScriptOptions {
  /** A folder of scripts, or a project from loadProject. */
  scripts: string | Project;
  /** Tenant file (with a folder in `scripts`). */
  tenant?: string;
  vars?: Record<string, Value>;
  /** Start time (ISO-8601); default: 2026-01-05T09:00:00 in the tenant's zone. */
  now?: string;
  /** Stop after this duration (`90s`, `30m`, `2h`, or seconds) or at this ISO time. */
  until?: string | number;
  seed?: number;
  /** Short for `limits: { maxActions }`. */
  maxActions?: number;
  /** Run limits by name, as in test cases (`maxCallDepth`, `maxLoopIterations`…). */
  limits?: Partial<Limits>;
  contact?: { ani?: string; dnis?: string; skill?: number; poc?: string; hangUpAfter?: string | number };
  /** Phone scripts: what the caller does (steps as in test files' `caller:`). */
  caller?: string | string[];
  /** Other calls on the same tenant and clock, as in test files' `calls:`; their results are `result.calls`, in this order. */
  calls?: {
    name?: string;
    at?: string | number;
    script?: string;
    poc?: string;
    vars?: Record<string, Value>;
    contact?: RunScriptOptions['contact'];
    caller?: string | string[];
  }[];
  /** The point of contact the contact arrives at: `script` must be its script; DNIS, SKILLNO and POC come from it. */
  poc?: string;
  stubs?: StubInput[];
}

export interface ScriptRunResult extends RunResult {
  /** Stubs that never answered, described as `WORKFLOW EXECUTE WorkflowId=…` or `GET https://…`. */
  unmatchedStubs: string[];
}

/**
 * Runs `script` with stubs and returns the run result with its full trace,
 * ready for the `studio-script/vitest` matchers. Invalid stubs throw
 * ScriptLoadError naming the problem.
 */
export async function runScript(script: string, opts: RunScriptOptions): Promise<ScriptRunResult> {
  const project = typeof opts.scripts === 'string' ? await loadProject(opts.scripts, opts.tenant !== undefined ? { tenant: opts.tenant } : {}) : opts.scripts;
  const testCase: Record<string, unknown> = { name: 'runScript', script };
  for (const key of ['poc', 'vars', 'now', 'until', 'seed', 'maxActions', 'limits', 'contact', 'caller', 'calls', 'stubs'] as const) if (opts[key] !== undefined) testCase[key] = opts[key];
  // The options go through the test-file loader, so stubs are checked exactly as in *.test.yaml files.
  // The folder is a default, not a path in the text: a test file is confined to its project, an API caller is not.
  const text = stringify({ cases: [testCase] });
  const folder = project.scripts.folder;
  const loaded = loadTestFile(resolve('runScript options'), { text, registry: project.registry, ...(folder !== undefined ? { defaults: { scripts: folder } } : {}) });
  if (!loaded.testFile) throw optionsError(script, loaded.diagnostics, text);
  const graphs = new Map(project.graphs.map((g) => [g.name.toLowerCase(), g]));
  const problems = checkAgainstScripts(loaded.testFile, { graphs, registry: project.registry });
  if (problems.length > 0) throw optionsError(script, problems, text);
  const { result, unmatched } = await executeCase(project, loaded.testFile, loaded.testFile.cases[0]!);
  return { ...result, unmatchedStubs: unmatched.map((u) => u.description) };
}

/**
 * The options were checked as a generated test file, whose line numbers mean
 * nothing to the caller: name each problem with the option text it is about.
 */
function optionsError(script: string, diagnostics: Diagnostic[], text: string): ScriptLoadError {
  const lines = lineIndexOf(text);
  const problems = diagnostics.map((d) => `${d.code} ${d.message} (at \`${(lines.lineText(d.span.line) ?? '').trim()}\`)`);
  return new ScriptLoadError(diagnostics, `runScript('${script}'): invalid options: ${problems.join('; ')}`);
}
