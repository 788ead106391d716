// The machine-readable report: the whole session as one JSON document.
import { relative } from 'node:path';
import { counts, type SessionResult } from '../results.js';

export function jsonReport(session: SessionResult, opts: { cwd?: string } = {}): string {
  const cwd = opts.cwd ?? process.cwd();
  const rel = (f: string): string => relative(cwd, f) || f;
  const report = {
    summary: { ...counts(session.cases), files: session.files.length, ms: session.ms },
    cases: session.cases.map((r) => ({
      file: rel(r.file),
      name: r.name,
      script: r.script,
      status: r.status,
      ms: r.ms,
      ...(r.run ? { run: r.run } : {}),
      failures: r.failures.map((f) => ({
        what: f.what,
        message: f.message,
        ...(f.expected !== undefined ? { expected: f.expected } : {}),
        ...(f.actual !== undefined ? { actual: f.actual } : {}),
        ...(f.divergence ? { divergence: f.divergence } : {}),
        ...(f.span ? { file: rel(f.span.file), line: f.span.line, col: f.span.col } : {}),
      })),
      unmatchedStubs: r.unmatchedStubs.map((u) => ({ id: u.id, description: u.description, file: rel(u.span.file), line: u.span.line, col: u.span.col })),
    })),
    ...(session.unusedFileStubs?.length
      ? { unusedFileStubs: session.unusedFileStubs.map((u) => ({ id: u.id, description: u.description, file: rel(u.span.file), line: u.span.line, col: u.span.col })) }
      : {}),
    ...(session.coverageThreshold ? { coverageThreshold: { ...session.coverageThreshold, passed: session.coverageThreshold.missed.length === 0 } } : {}),
    ...(session.forcedErrors ? { forcedErrors: { ...session.forcedErrors, findings: session.forcedErrors.findings.map((f) => ({ ...f, file: rel(f.file) })) } } : {}),
    ...(session.coverage ? { coverage: { summary: session.coverage.summary, scripts: Object.fromEntries(Object.entries(session.coverage.scripts).map(([k, v]) => [k, v.summary])) } } : {}),
    ...(session.updated.length > 0 ? { updated: session.updated.map(rel) } : {}),
  };
  return JSON.stringify(report, null, 2) + '\n';
}
