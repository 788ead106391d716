// The terminal reporter: one line per case, and for each failure the expected
// and actual values, the place in the test file, and for path expectations the
// path taken with its first divergence marked.
import { relative } from 'node:path';
import { createColors } from 'picocolors';
import { coverageTable } from '../coverage-report.js';
import type { Failure } from '../expect.js';
import { counts, type CaseResult, type ForcedErrorFinding, type SessionResult } from '../results.js';

export interface PrettyOptions {
  color?: boolean;
  cwd?: string;
  /** Print the coverage table (when the session has coverage). */
  coverage?: boolean;
}

export function prettyReport(session: SessionResult, opts: PrettyOptions = {}): string {
  const c = createColors(opts.color ?? false);
  const cwd = opts.cwd ?? process.cwd();
  const rel = (f: string): string => relative(cwd, f) || f;
  const out: string[] = [];
  let file = '';
  const fileStubs = (f: string): string[] =>
    (session.unusedFileStubs ?? [])
      .filter((u) => u.span.file === f)
      .map((u) => `  ${c.yellow('⚠')} ${c.yellow(`stub ${u.id} (${u.description}) was used by no case of this file`)} ${c.dim(`${rel(u.span.file)}:${u.span.line}:${u.span.col}`)}`);
  for (const r of session.cases) {
    if (r.file !== file) {
      if (file) out.push(...fileStubs(file));
      file = r.file;
      out.push('', c.bold(rel(file)));
    }
    const time = c.dim(` (${r.ms} ms)`);
    if (r.status === 'passed') out.push(`  ${c.green('✓')} ${r.name}${time}`);
    else if (r.status === 'skipped') out.push(`  ${c.yellow('-')} ${c.dim(`${r.name} (skipped)`)}`);
    else {
      out.push(`  ${c.red('✗')} ${r.name}${time}`);
      for (const f of r.failures) out.push(...failureLines(f, r, c, rel));
    }
    for (const u of r.unmatchedStubs)
      out.push(`    ${c.yellow('⚠')} ${c.yellow(`stub ${u.id} (${u.description}) never matched`)} ${c.dim(`${rel(u.span.file)}:${u.span.line}:${u.span.col}`)}`);
  }
  if (file) out.push(...fileStubs(file));
  const forced = session.forcedErrors;
  if (forced) {
    out.push('', c.bold(`Forced errors: ${forced.runs} run(s), ${forced.findings.length} unhandled error path(s)`));
    // One entry per action and outcome, listing the cases where it happened.
    const groups = new Map<string, ForcedErrorFinding[]>();
    for (const f of forced.findings) groups.set(`${f.action}\0${f.status}`, [...(groups.get(`${f.action}\0${f.status}`) ?? []), f]);
    for (const [, fs] of groups) {
      const f = fs[0]!;
      const where = fs.length === 1 ? `in "${f.caseName}"` : `in ${fs.length} cases (${fs.map((x) => `"${x.caseName}"`).join(', ')})`;
      out.push(`  ${c.red('✗')} ${f.action} forced to fail ${where} → run ${f.status}${f.reason ? `: ${f.reason}` : ''}`);
      out.push(c.dim(`      ${rel(f.file)}; last steps: ${f.tail.join(' → ')}`));
    }
  }
  if (opts.coverage && session.coverage) out.push('', coverageTable(session.coverage).trimEnd());
  const t = session.coverageThreshold;
  if (t && t.missed.length > 0) out.push(c.red(`Coverage below the threshold of ${t.threshold}%: ${t.missed.join(', ')}`));
  for (const u of session.updated) out.push(c.cyan(`Updated ${rel(u)}`));
  const n = counts(session.cases);
  const parts = [n.failed > 0 ? c.red(`${n.failed} failed`) : '', c.green(`${n.passed} passed`), n.skipped > 0 ? c.yellow(`${n.skipped} skipped`) : ''].filter(Boolean);
  out.push('', `${c.bold('Tests:')} ${parts.join(', ')} (${n.total}) in ${session.files.length} file(s), ${session.ms} ms`);
  return out.join('\n').replace(/^\n/, '') + '\n';
}

type Colors = ReturnType<typeof createColors>;

function failureLines(f: Failure, r: CaseResult, c: Colors, rel: (f: string) => string): string[] {
  const lines = [`    ${c.red(f.message)}`];
  if (f.span) lines.push(c.dim(`      at ${rel(f.span.file)}:${f.span.line}:${f.span.col}`));
  if (f.expected !== undefined && f.actual !== undefined && !f.path) {
    lines.push(`      ${c.green('expected:')} ${f.expected}`, `      ${c.red('actual:  ')} ${f.actual}`);
  }
  if (f.path) lines.push(...pathLines(f, r, c));
  return lines;
}

/** The path taken, around the first divergence (or its end), numbered by step. */
function pathLines(f: Failure, r: CaseResult, c: Colors): string[] {
  const path = f.path ?? [];
  const out: string[] = [];
  if (f.what === 'visits' && f.expected) out.push(`      ${c.green('expected visits:')} ${f.expected}`);
  if (path.length === 0) return [...out, `      ${c.dim('path taken: (no action ran)')}`];
  const at = f.divergence?.pathIndex ?? f.focus ?? path.length - 1;
  const from = Math.max(0, at - 4);
  const to = Math.min(path.length, at + 4);
  out.push(`      ${c.red('path taken')}${c.dim(` (${path.length} steps, run ${r.run?.status ?? '?'})`)}:`);
  if (from > 0) out.push(c.dim(`        … ${from} earlier step(s)`));
  for (let i = from; i < to; i++) {
    const num = String(i + 1).padStart(5);
    if (i === at && f.divergence) out.push(`      ${c.red('>')}${num}  ${c.red(path[i]!)}  ${c.dim('← first divergence')}`);
    else if (i === at && f.focus !== undefined) out.push(`      ${c.red('>')}${num}  ${c.red(path[i]!)}`);
    else out.push(`       ${num}  ${path[i]}`);
  }
  if (f.divergence && at >= path.length) out.push(`      ${c.red('>')}       ${c.red('(run ended)')}  ${c.dim('← first divergence')}`);
  if (to < path.length) out.push(c.dim(`        … ${path.length - to} later step(s)`));
  return out;
}
