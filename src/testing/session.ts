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
import { loadTestFile, type TestFileDefaults } from './load.js';
import { runUnits, type PoolOptions } from './pool.js';
import { loadProject, type Project } from './project.js';
import type { CaseResult, ForcedErrorFinding, SessionResult, UnmatchedStubReport } from './results.js';
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
  /** What test files get when they do not say (the project configuration). */
  defaults?: TestFileDefaults;
  /** Run only this part of the cases (`--shard 2/3`): the same split on every machine. */
  shard?: Shard;
  /** Run only the cases of these test files (absolute paths; `--watch` after a change). */
  onlyFiles?: ReadonlySet<string>;
}

/** Part `index` (1-based) of `count` equal parts. */
export interface Shard {
  index: number;
  count: number;
}

/**
 * The cases of shard `index` of `count`: the sorted list of cases (by test
 * file path, then position in the file) cut into `count` consecutive parts
 * whose sizes differ by at most one, as Playwright does. The same files give
 * the same split on every machine, whatever the scheduling.
 */
export function shardSlice<T>(items: readonly T[], shard: Shard): T[] {
  const from = Math.floor(((shard.index - 1) * items.length) / shard.count);
  const to = Math.floor((shard.index * items.length) / shard.count);
  return items.slice(from, to);
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
    const loaded = loadTestFile(file, { ...(opts.registry ? { registry: opts.registry } : {}), ...(opts.defaults ? { defaults: opts.defaults } : {}) });
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

  const local = new UnitExecutor(opts.registry, opts.defaults);
  for (const tf of testFiles) local.seed(tf, projects.get(projectKey(tf))!);
  const focused = testFiles.some((tf) => tf.cases.some((c) => c.only));
  let units: Unit[] = [];
  for (const tf of testFiles)
    for (const tc of tf.cases) {
      // With `only` somewhere, the other cases are reported as skipped rather than left out.
      if (focused && !tc.only) units.push({ file: tf.file, caseIndex: tc.index, skip: true });
      else units.push({ file: tf.file, caseIndex: tc.index, ...(opts.update ? { record: true } : {}) });
    }
  if (opts.shard) units = shardSlice(units, opts.shard);
  if (opts.onlyFiles) units = units.filter((u) => opts.onlyFiles!.has(u.file));
  // Worker threads load the built-in actions only; a custom registry keeps everything in this thread.
  const pool: PoolOptions = opts.registry ? { workers: 1 } : opts.workers !== undefined ? { workers: opts.workers } : {};
  const cases: CaseResult[] = (await runUnits(units, local, pool)).map((r) => {
    if (r.kind !== 'case') throw new Error('unexpected forced-run result');
    return r.result;
  });

  const unusedFileStubs = foldFileStubs(cases);
  const inputs = testFiles.map((tf) => ({ file: tf.file, scripts: tf.scripts, ...(tf.tenant !== undefined ? { tenant: tf.tenant } : {}) }));
  const session: SessionResult = { files: found.files, cases, inputs, unusedFileStubs, diagnostics, sources, updated: [], ms: 0 };
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
 * A stub of the file's own `stubs:` is shared by every case, so it is unused
 * only when no case of the file used it: it is reported once for the file
 * (and taken out of each case's list), not once per case.
 */
function foldFileStubs(cases: CaseResult[]): UnmatchedStubReport[] {
  const out: UnmatchedStubReport[] = [];
  const byFile = new Map<string, CaseResult[]>();
  for (const r of cases) byFile.set(r.file, [...(byFile.get(r.file) ?? []), r]);
  for (const [, rs] of byFile) {
    const ran = rs.filter((r) => r.status !== 'skipped' && r.run);
    const isFileStub = (u: UnmatchedStubReport): boolean => !u.id.startsWith('cases[');
    const candidates = ran[0]?.unmatchedStubs.filter(isFileStub) ?? [];
    for (const u of candidates) if (ran.every((r) => r.unmatchedStubs.some((v) => v.id === u.id))) out.push(u);
    for (const r of rs) r.unmatchedStubs = r.unmatchedStubs.filter((u) => !isFileStub(u));
  }
  return out;
}

/**
 * Emulator decision: unless maxActions is set (case, file, configuration or --limit), a forced run may take
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
    const maxActions = tc.limits?.maxActions ?? Math.max(FORCED_MIN_ACTIONS, FORCED_STEP_FACTOR * r.run.steps);
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
