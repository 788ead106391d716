// What a test session produces, as plain data: one result per case (and per
// forced-error run), in file and case order whatever the scheduling was.
import type { Diagnostic, Span } from '../contract/diagnostics.js';
import type { ScriptGraph } from '../contract/script-graph.js';
import type { RunStatus } from '../runtime/result.js';
import type { Hits, CoverageReport } from './coverage.js';
import type { Failure } from './expect.js';
import type { Expectations } from './test-file.js';

export type CaseStatus = 'passed' | 'failed' | 'skipped';

export interface UnmatchedStubReport {
  /** `stubs[2]` or `cases[0].stubs[1]`. */
  id: string;
  description: string;
  span: Span;
}

export interface CaseResult {
  file: string;
  index: number;
  name: string;
  script: string;
  status: CaseStatus;
  /** Wall-clock milliseconds of the run. */
  ms: number;
  run?: {
    status: RunStatus;
    steps: number;
    path: string[];
    lastError: string;
    warnings: string[];
    startedAt: string;
    endedAt: string;
    /**
     * What the caller heard and did, for runs with a contact (phone): lines,
     * or objects with a time (`at`), a speaker (`who`) and `text`. The HTML
     * report shows it when present.
     */
    transcript?: readonly unknown[];
  };
  failures: Failure[];
  unmatchedStubs: UnmatchedStubReport[];
  hits: Hits;
  /** The outcome as expectations, for `--update` (only for cases with `record: true`). */
  recorded?: Expectations;
  span: Span;
}

/** One `--force-errors` finding: forcing `action` to fail left the run stuck or failed. */
export interface ForcedErrorFinding {
  file: string;
  caseName: string;
  /** `Script.label` forced to fail. */
  action: string;
  status: RunStatus;
  /** Why the run ended (the runtime's reason or last warning). */
  reason: string;
  /** The last steps of the forced run. */
  tail: string[];
}

export interface ForcedErrorSummary {
  /** Forced runs made. */
  runs: number;
  findings: ForcedErrorFinding[];
}

export interface SessionResult {
  files: string[];
  cases: CaseResult[];
  /** What each test file runs against (absolute paths), so `--watch` knows what a change affects. */
  inputs?: { file: string; scripts: string; tenant?: string }[];
  /** Stubs of a file's own `stubs:` that no case of the file used (once per file). */
  unusedFileStubs?: UnmatchedStubReport[];
  /** Set by the command when a coverage threshold was given: what fell below it. */
  coverageThreshold?: { threshold: number; missed: string[] };
  /** Set when files were invalid: nothing ran (exit 2). */
  diagnostics: Diagnostic[];
  sources: Map<string, string>;
  coverage?: CoverageReport;
  /** The script graphs the coverage covers (for lcov line numbers). */
  coverageGraphs?: ScriptGraph[];
  forcedErrors?: ForcedErrorSummary;
  /** Files rewritten by `--update`. */
  updated: string[];
  ms: number;
}

export function counts(cases: readonly CaseResult[]): { passed: number; failed: number; skipped: number; total: number } {
  const c = { passed: 0, failed: 0, skipped: 0, total: cases.length };
  for (const r of cases) c[r.status]++;
  return c;
}
