// JUnit XML, the format CI systems (GitHub Actions reporters, GitLab, Jenkins,
// Azure DevOps) read: one <testsuite> per test file, one <testcase> per case,
// and a "force-errors" suite with one failed case per unhandled error path.
import { relative } from 'node:path';
import { counts, type CaseResult, type SessionResult } from '../results.js';

export function junitReport(session: SessionResult, opts: { cwd?: string } = {}): string {
  const cwd = opts.cwd ?? process.cwd();
  const rel = (f: string): string => relative(cwd, f) || f;
  const byFile = new Map<string, CaseResult[]>();
  for (const r of session.cases) byFile.set(r.file, [...(byFile.get(r.file) ?? []), r]);
  const suites: string[] = [];
  for (const [file, cases] of byFile) {
    const n = counts(cases);
    const time = seconds(cases.reduce((t, r) => t + r.ms, 0));
    const body = cases.map((r) => testcase(r, rel(file))).join('');
    const unused = (session.unusedFileStubs ?? []).filter((u) => u.span.file === file);
    const out = unused.length ? `    <system-out>${esc(unused.map((u) => `warning: stub ${u.id} (${u.description}) was used by no case of this file`).join('\n'))}</system-out>\n` : '';
    suites.push(
      `  <testsuite name="${esc(rel(file))}" tests="${n.total}" failures="${n.failed}" errors="0" skipped="${n.skipped}" time="${time}" file="${esc(rel(file))}">\n${body}${out}  </testsuite>\n`,
    );
  }
  const forced = session.forcedErrors;
  let forcedFailures = 0;
  if (forced) {
    forcedFailures = forced.findings.length;
    const body = forced.findings
      .map(
        (f) =>
          `    <testcase name="${esc(`${f.action} fails in "${f.caseName}"`)}" classname="force-errors" file="${esc(rel(f.file))}" time="0">\n` +
          `      <failure message="${esc(`unhandled error path: run ${f.status}${f.reason ? `: ${f.reason}` : ''}`)}" type="force-errors">${esc(`last steps: ${f.tail.join(' -> ')}`)}</failure>\n` +
          `    </testcase>\n`,
      )
      .join('');
    suites.push(`  <testsuite name="force-errors" tests="${forced.findings.length}" failures="${forced.findings.length}" errors="0" skipped="0" time="0">\n${body}  </testsuite>\n`);
  }
  // A missed coverage threshold fails the build, so CI dashboards show it as a failed test.
  const t = session.coverageThreshold;
  let thresholdFailures = 0;
  if (t) {
    thresholdFailures = t.missed.length > 0 ? 1 : 0;
    const failure = thresholdFailures ? `      <failure message="${esc(`coverage below the threshold of ${t.threshold}%: ${t.missed.join(', ')}`)}" type="coverage-threshold"/>\n` : '';
    const tc = `    <testcase name="${esc(`action and branch coverage reach ${t.threshold}%`)}" classname="coverage" time="0"${failure ? `>\n${failure}    </testcase>` : '/>'}\n`;
    suites.push(`  <testsuite name="coverage" tests="1" failures="${thresholdFailures}" errors="0" skipped="0" time="0">\n${tc}  </testsuite>\n`);
  }
  const n = counts(session.cases);
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n` +
    `<testsuites name="studio-script" tests="${n.total + (forced?.findings.length ?? 0) + (t ? 1 : 0)}" failures="${n.failed + forcedFailures + thresholdFailures}" errors="0" skipped="${n.skipped}" time="${seconds(session.ms)}">\n` +
    suites.join('') +
    `</testsuites>\n`
  );
}

function testcase(r: CaseResult, file: string): string {
  const head = `    <testcase name="${esc(r.name)}" classname="${esc(classname(file))}" file="${esc(file)}" line="${r.span.line}" time="${seconds(r.ms)}"`;
  if (r.status === 'passed' && r.unmatchedStubs.length === 0) return `${head}/>\n`;
  const parts: string[] = [];
  if (r.status === 'skipped') parts.push('      <skipped/>\n');
  for (const f of r.failures) {
    const detail = [
      f.span ? `at ${file}:${f.span.line}:${f.span.col}` : '',
      f.expected !== undefined ? `expected: ${f.expected}` : '',
      f.actual !== undefined ? `actual: ${f.actual}` : '',
      f.divergence ? `first divergence at step ${f.divergence.pathIndex + 1}` : '',
    ]
      .filter(Boolean)
      .join('\n');
    parts.push(`      <failure message="${esc(f.message)}" type="${esc(f.what)}">${esc(detail)}</failure>\n`);
  }
  const out: string[] = [];
  if (r.run) out.push(`path: ${r.run.path.join(' -> ')}`);
  for (const u of r.unmatchedStubs) out.push(`warning: stub ${u.id} (${u.description}) never matched`);
  if (out.length > 0) parts.push(`      <system-out>${esc(out.join('\n'))}</system-out>\n`);
  return `${head}>\n${parts.join('')}    </testcase>\n`;
}

const classname = (file: string): string => file.replace(/\.test\.ya?ml$/i, '').replace(/[\\/]/g, '.');
const seconds = (ms: number): string => (ms / 1000).toFixed(3);

/** Escapes text for XML attributes and content; drops characters XML 1.0 cannot carry. */
export function esc(text: string): string {
  return text
    .replace(/[^\x09\x0A\x0D\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}
