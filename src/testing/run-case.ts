// Runs one case: its stubs become the runtime's interceptor and HTTP client,
// the run's result is checked against the expectations, and its coverage hits
// and unused stubs are collected. Also runs a case with one action forced to
// fail, for `--force-errors`.
import type { RunResult } from '../runtime/result.js';
import { hitsOf } from './coverage.js';
import { checkExpectations, type Failure } from './expect.js';
import { recordDigitalContacts } from './digital-contacts.js';
import { armStubs, describeStub } from './stub-set.js';
import { runOnce, type Project } from './project.js';
import type { CaseResult, UnmatchedStubReport } from './results.js';
import type { ActionStub, Expectations, StubSpec, TestCase, TestFile } from './test-file.js';

/**
 * Emulator decision: a case without `now` (and a file without one) starts at
 * this fixed time in the business unit's zone, so results never depend on the
 * day the suite runs.
 */
export const DEFAULT_NOW = '2026-01-05T09:00:00';

export interface CaseRun {
  result: RunResult;
  unmatched: UnmatchedStubReport[];
}

/** Runs `tc` with its stubs (case stubs first, then the file's); `forceLabel` makes that action fail on every call. */
export async function executeCase(project: Project, tf: TestFile, tc: TestCase, forceLabel?: string): Promise<CaseRun> {
  const stubs: StubSpec[] = [...tc.stubs, ...tf.stubs];
  const before: ActionStub[] = [];
  if (forceLabel !== undefined) {
    before.push({
      kind: 'action',
      id: 'force-errors',
      label: forceLabel,
      props: {},
      answer: { kind: 'error', message: `Forced error (--force-errors) at ${forceLabel}` },
      delaySeconds: 0,
      span: tc.span,
    });
  }
  const armed = armStubs(stubs, project.registry, { before });
  const result = await runOnce(project, {
    script: tc.script,
    ...(tc.poc !== undefined ? { poc: tc.poc } : {}),
    vars: tc.vars,
    now: tc.now ?? DEFAULT_NOW,
    ...(tc.until !== undefined ? { until: tc.until } : {}),
    ...(tc.seed !== undefined ? { seed: tc.seed } : {}),
    ...(tc.limits !== undefined ? { limits: tc.limits } : {}),
    ...(tc.contact !== undefined ? { contact: tc.contact } : {}),
    ...(tc.replies !== undefined ? { replies: tc.replies } : {}),
    ...(tc.caller !== undefined ? { caller: tc.caller } : {}),
    ...(tc.calls
      ? {
          calls: tc.calls.map((c) => ({
            script: c.script,
            ...(c.poc !== undefined ? { poc: c.poc } : {}),
            ...(c.at !== undefined ? { at: c.at } : {}),
            vars: c.vars,
            ...(c.contact !== undefined ? { contact: c.contact } : {}),
            ...(c.caller !== undefined ? { caller: c.caller } : {}),
          })),
        }
      : {}),
    intercept: armed.intercept,
    http: armed.http,
    ...(tf.redact ? { redact: tf.redact } : {}),
  });
  return { result, unmatched: armed.unmatched() };
}

export { describeStub };

/** Runs a case and checks it. Never throws: a run that cannot start is a failed case. */
export async function runCase(project: Project, tf: TestFile, tc: TestCase, opts: { record?: boolean } = {}): Promise<CaseResult> {
  const base = { file: tf.file, index: tc.index, name: tc.name, script: tc.script, span: tc.span };
  if (tc.skip) return { ...base, status: 'skipped', ms: 0, failures: [], unmatchedStubs: [], hits: { actions: {}, branches: {} } };
  const started = performance.now();
  let run: CaseRun;
  try {
    run = await executeCase(project, tf, tc);
  } catch (err) {
    const failure: Failure = { what: 'run', message: `the run could not start: ${(err as Error).message ?? String(err)}`, span: tc.span };
    return { ...base, status: 'failed', ms: Math.round(performance.now() - started), failures: [failure], unmatchedStubs: [], hits: { actions: {}, branches: {} } };
  }
  const ms = Math.round(performance.now() - started);
  const { result } = run;
  const failures = [...checkExpectations(tc, result), ...callFailures(tc, result)];
  const hasExpect = Object.keys(tc.expect).length > 0;
  if (tc.record && !hasExpect && !opts.record)
    failures.push({ what: 'record', message: 'this case has no recorded outcome yet: run `studio-script test --update` to record it', span: tc.span });
  return {
    ...base,
    status: failures.length === 0 || (opts.record && tc.record) ? 'passed' : 'failed',
    ms,
    run: {
      status: result.status,
      steps: result.steps,
      path: result.path,
      lastError: result.lastError,
      warnings: result.warnings,
      startedAt: result.startedAt,
      endedAt: result.endedAt,
      ...(result.transcript ? { transcript: result.transcript } : {}),
    },
    failures: opts.record && tc.record ? [] : failures,
    unmatchedStubs: run.unmatched,
    hits: hitsOf(result),
    ...(tc.record ? { recorded: recordOutcome(result) } : {}),
  };
}

/** Each of the case's other calls against its own result; a failure says which call it is about. */
function callFailures(tc: TestCase, result: RunResult): Failure[] {
  return (tc.calls ?? []).flatMap((call, i) => {
    const own = result.calls?.[i];
    if (!own) return [{ what: 'run', message: `${call.name}: the call did not run`, span: call.span }];
    return checkExpectations(call, own).map((f) => ({ ...f, what: `${call.name}.${f.what}`, message: `${call.name}: ${f.message}`, span: f.span ?? call.span }));
  });
}

/**
 * The outcome kept by `--update`: the status, each action in first-visit
 * order, the entry script's variables, effect counts, the last error and the
 * status of each digital contact.
 */
export function recordOutcome(result: RunResult): Expectations {
  const visits: string[] = [];
  const seen = new Set<string>();
  for (const p of result.path) if (!seen.has(p)) seen.add(p), visits.push(p);
  const effects: Record<string, { count: number }> = {};
  for (const [kind, list] of Object.entries(result.effects)) if (list.length > 0) effects[kind] = { count: list.length };
  const digital = recordDigitalContacts(result);
  return {
    status: result.status,
    visits,
    variables: result.variables,
    ...(Object.keys(effects).length > 0 ? { effects } : {}),
    lastError: result.lastError,
    ...(digital ? { digitalContacts: digital } : {}),
  };
}
