// A test session, as `studio-script test` runs it: find and load test files,
// load each script folder and tenant once, check the files against the
// scripts, run the cases (on worker threads when there are many), then the
// `--force-errors` sweep, coverage and `--update`.
import { diagnostic, ScriptLoadError, type Diagnostic } from '../contract/diagnostics.js';
import type { ActionRegistry } from '../actions/registry.js';
import { checkAgainstScripts } from './check-scripts.js';
import { computeCoverage, emptyHits, mergeHits } from './coverage.js';
import { discoverTestFiles } from './discover.js';
import { projectKey, UnitExecutor, type Unit } from './executor.js';
import { loadTestFile } from './load.js';
import { runUnits, type PoolOptions } from './pool.js';
import { loadProject, type Project } from './project.js';
import type { CaseResult, ForcedErrorFinding, SessionResult } from './results.js';
import type { TestFile } from './test-file.js';
import { writeRecorded } from './update.js';

export interface SessionOptions extends PoolOptions {
  /** Test files and folders (default: the current folder). */
  paths: readonly string[];
  coverage?: boolean;
  forceErrors?: boolean;
  update?: boolean;
  registry?: ActionRegistry;
  cwd?: string;
}

export async function runSession(opts: SessionOptions): Promise<SessionResult> {
  const started = performance.now();
  const sources = new Map<string, string>();
  const diagnostics: Diagnostic[] = [];
  const elapsed = (): number => Math.round(performance.now() - started);
  const invalid = (files: string[]): SessionResult => ({ files, cases: [], diagnostics, sources, updated: [], ms: elapsed() });

  const found = discoverTestFiles(opts.paths, opts.cwd);
  for (const p of found.problems) diagnostics.push(diagnostic('E-TEST-READ', p.message, { file: p.arg, line: 1, col: 1 }));
  const testFiles: TestFile[] = [];
  for (const file of found.files) {
    const loaded = loadTestFile(file, opts.registry ? { registry: opts.registry } : {});
    sources.set(file, loaded.source);
    diagnostics.push(...loaded.diagnostics);
    if (loaded.testFile) testFiles.push(loaded.testFile);
  }
  if (diagnostics.length > 0) return invalid(found.files);

  const projects = new Map<string, Project>();
  for (const tf of testFiles) {
    const key = projectKey(tf);
    if (projects.has(key)) continue;
    try {
      projects.set(key, await loadProject(tf.scripts, tf.tenant, opts.registry));
    } catch (err) {
      if (err instanceof ScriptLoadError) diagnostics.push(...err.diagnostics);
      else diagnostics.push(diagnostic('E-TEST-LOAD', `cannot load ${tf.scripts}: ${(err as Error).message}`, { file: tf.file, line: 1, col: 1 }));
    }
  }
  if (diagnostics.length > 0) return invalid(found.files);
  for (const tf of testFiles) {
    const project = projects.get(projectKey(tf))!;
    const graphs = new Map(project.graphs.map((g) => [g.name.toLowerCase(), g]));
    diagnostics.push(...checkAgainstScripts(tf, { graphs, registry: project.registry }));
  }
  if (diagnostics.length > 0) return invalid(found.files);

  const local = new UnitExecutor(opts.registry);
  for (const tf of testFiles) local.seed(tf, projects.get(projectKey(tf))!);
  const focused = testFiles.some((tf) => tf.cases.some((c) => c.only));
  const units: Unit[] = [];
  for (const tf of testFiles)
    for (const tc of tf.cases) {
      // With `only` somewhere, the other cases are reported as skipped rather than left out.
      if (focused && !tc.only) units.push({ file: tf.file, caseIndex: tc.index, skip: true });
      else units.push({ file: tf.file, caseIndex: tc.index, ...(opts.update ? { record: true } : {}) });
    }
  // Worker threads load the built-in actions only; a custom registry keeps everything in this thread.
  const pool: PoolOptions = opts.registry ? { workers: 1 } : opts.workers !== undefined ? { workers: opts.workers } : {};
  const cases: CaseResult[] = (await runUnits(units, local, pool)).map((r) => {
    if (r.kind !== 'case') throw new Error('unexpected forced-run result');
    return r.result;
  });

  const session: SessionResult = { files: found.files, cases, diagnostics, sources, updated: [], ms: 0 };
  if (opts.forceErrors) session.forcedErrors = await sweep(testFiles, projects, cases, local, pool);
  if (opts.coverage) {
    const hits = cases.reduce((acc, r) => mergeHits(acc, r.hits), emptyHits());
    const graphs = [...new Map([...projects.values()].flatMap((p) => p.graphs).map((g) => [g.file, g])).values()];
    session.coverage = computeCoverage(graphs, hits);
    session.coverageGraphs = graphs;
  }
  if (opts.update) {
    const { written, problems } = writeRecorded(cases);
    session.updated = written;
    // A recording that could not be saved makes the session invalid (exit 2), naming the file.
    session.diagnostics.push(...problems);
  }
  session.ms = elapsed();
  return session;
}

/**
 * Emulator decision: unless a case sets `maxActions`, a forced run may take
 * ten times the steps of the case's own run (at least 1,000) before it counts
 * as failed, so an endless retry loop is found in milliseconds, not after
 * 100,000 actions.
 */
const FORCED_STEP_FACTOR = 10;
const FORCED_MIN_ACTIONS = 1000;

/**
 * `--force-errors`: for each case that ran, each visited action with an error
 * branch is forced to fail on every call (the dependency is down), and runs
 * that then end stuck or failed are findings.
 */
async function sweep(
  testFiles: TestFile[],
  projects: Map<string, Project>,
  cases: CaseResult[],
  local: UnitExecutor,
  pool: PoolOptions,
): Promise<{ runs: number; findings: ForcedErrorFinding[] }> {
  const units: Unit[] = [];
  const byFile = new Map(testFiles.map((tf) => [tf.file, tf]));
  for (const r of cases) {
    const tf = byFile.get(r.file)!;
    const tc = tf.cases[r.index]!;
    if (r.status === 'skipped' || !r.run || !tc.forceErrors) continue;
    const project = projects.get(projectKey(tf))!;
    // A forced run that goes on far longer than the case's own run is looping: stop it early.
    const maxActions = tc.maxActions ?? Math.max(FORCED_MIN_ACTIONS, FORCED_STEP_FACTOR * r.run.steps);
    const seen = new Set<string>();
    for (const step of r.run.path) {
      if (seen.has(step)) continue;
      seen.add(step);
      const dot = step.indexOf('.');
      const graph = project.graphs.find((g) => g.name === step.slice(0, dot));
      const node = graph?.actions.find((a) => a.label === step.slice(dot + 1));
      const def = node && project.registry.lookup(node.type, node.version);
      if (def?.errorBranch !== undefined) units.push({ file: r.file, caseIndex: r.index, force: step, maxActions });
    }
  }
  const results = await runUnits(units, local, pool);
  const findings: ForcedErrorFinding[] = [];
  results.forEach((res, i) => {
    if (res.kind !== 'forced' || (res.status !== 'stuck' && res.status !== 'failed')) return;
    const u = units[i]!;
    const tc = byFile.get(u.file)!.cases[u.caseIndex]!;
    findings.push({ file: u.file, caseName: tc.name, action: u.force!, status: res.status, reason: res.reason, tail: res.tail });
  });
  return { runs: units.length, findings };
}
