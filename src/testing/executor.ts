// Executes units of work — a case, or a case with one action forced to fail —
// from file names and indexes only, so the same code runs in this thread or
// in a worker thread (which loads its own copies of files and projects).
import type { ActionRegistry } from '../actions/registry.js';
import type { RunStatus } from '../runtime/result.js';
import { checkAgainstScripts } from './check-scripts.js';
import { loadTestFile, type TestFileDefaults } from './load.js';
import { loadProject, type Project } from './project.js';
import type { CaseResult } from './results.js';
import { executeCase, runCase } from './run-case.js';
import type { TestFile } from './test-file.js';

export interface Unit {
  file: string;
  caseIndex: number;
  /** `Script.label` to force to fail (a `--force-errors` run). */
  force?: string;
  /** Record the outcome (`--update`). */
  record?: boolean;
  /** Report the case as skipped without running it (another case is marked `only`). */
  skip?: boolean;
  /** Action limit of a forced run. */
  maxActions?: number;
}

export type UnitResult =
  | { kind: 'case'; result: CaseResult }
  | { kind: 'forced'; status: RunStatus; reason: string; tail: string[] };

export class UnitExecutor {
  private readonly files = new Map<string, TestFile>();
  private readonly projects = new Map<string, Promise<Project>>();
  private readonly checked = new Set<string>();

  constructor(
    private readonly registry?: ActionRegistry,
    /** The project configuration's defaults, so a worker loads test files as the main thread did. */
    readonly defaults: TestFileDefaults = {},
  ) {}

  /** Seeds the caches with what the main thread already loaded. */
  seed(tf: TestFile, project: Project): void {
    this.files.set(tf.file, tf);
    this.checked.add(tf.file);
    this.projects.set(projectKey(tf), Promise.resolve(project));
  }

  async run(unit: Unit): Promise<UnitResult> {
    const tf = this.testFile(unit.file);
    const tc = tf.cases[unit.caseIndex];
    if (!tc) throw new Error(`case ${unit.caseIndex} not found in ${unit.file}`);
    const project = await this.project(tf);
    if (!this.checked.has(tf.file)) {
      // Checking against the scripts also puts label stubs' branches and outputs in the action's own spelling.
      const graphs = new Map(project.graphs.map((g) => [g.name.toLowerCase(), g]));
      const problems = checkAgainstScripts(tf, { graphs, registry: project.registry });
      if (problems.length > 0) throw new Error(`${tf.file} has errors: ${problems[0]!.message}`);
      this.checked.add(tf.file);
    }
    if (unit.force === undefined) {
      const target = unit.skip ? { ...tc, skip: true } : tc;
      return { kind: 'case', result: await runCase(project, tf, target, { record: unit.record ?? false }) };
    }
    try {
      const limited = unit.maxActions !== undefined ? { ...tc, limits: { ...tc.limits, maxActions: unit.maxActions } } : tc;
      const { result } = await executeCase(project, tf, limited, unit.force);
      const end = [...(result.trace ?? [])].reverse().find((e) => e.type === 'run.end');
      const reason = (end && end.type === 'run.end' ? end.reason : undefined) ?? result.warnings[result.warnings.length - 1] ?? result.lastError;
      return { kind: 'forced', status: result.status, reason: reason ?? '', tail: result.path.slice(-4) };
    } catch (err) {
      return { kind: 'forced', status: 'failed', reason: `the run could not start: ${(err as Error).message}`, tail: [] };
    }
  }

  private testFile(file: string): TestFile {
    let tf = this.files.get(file);
    if (!tf) {
      const loaded = loadTestFile(file, { ...(this.registry ? { registry: this.registry } : {}), defaults: this.defaults });
      if (!loaded.testFile) throw new Error(`${file} has errors`);
      tf = loaded.testFile;
      this.files.set(file, tf);
    }
    return tf;
  }

  private project(tf: TestFile): Promise<Project> {
    const key = projectKey(tf);
    let p = this.projects.get(key);
    if (!p) {
      p = loadProject(tf.scripts, tf.tenant, this.registry);
      this.projects.set(key, p);
    }
    return p;
  }
}

export const projectKey = (tf: Pick<TestFile, 'scripts' | 'tenant'>): string => `${tf.scripts}\0${tf.tenant ?? ''}`;
