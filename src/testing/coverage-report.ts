// Coverage output: the terminal table, `lcov.info` (each action a line, each
// connected branch a BRDA entry, so coverage services read it) and
// `coverage.json` (what `graph --coverage` marks the graph with).
import { mkdirSync, writeFileSync } from 'node:fs';
import { isAbsolute, join, relative } from 'node:path';
import type { ScriptGraph } from '../contract/script-graph.js';
import type { CoverageReport } from './coverage.js';

/** lcov text for the report; `graphs` give each action's line. Paths are made relative to `cwd`. */
export function toLcov(report: CoverageReport, graphs: readonly ScriptGraph[], cwd = process.cwd()): string {
  const out: string[] = [];
  const byName = new Map(graphs.map((g) => [g.name, g]));
  for (const [name, cov] of Object.entries(report.scripts)) {
    const g = byName.get(name);
    if (!g) continue;
    const file = isAbsolute(cov.file) ? relative(cwd, cov.file) || cov.file : cov.file;
    out.push('TN:', `SF:${file}`);
    // The script itself is the one "function", entered when its BEGIN ran.
    const begin = g.actions.find((a) => a.label === g.begin) ?? g.actions[0];
    const beginHits = begin ? (cov.actions[begin.label] ?? 0) : 0;
    out.push(`FN:${begin?.span.line ?? 1},${name}`, `FNDA:${beginHits},${name}`, 'FNF:1', `FNH:${beginHits > 0 ? 1 : 0}`);
    const lines = new Map<number, number>();
    const brda: string[] = [];
    let brf = 0;
    let brh = 0;
    g.actions.forEach((node, block) => {
      const hits = cov.actions[node.label] ?? 0;
      lines.set(node.span.line, (lines.get(node.span.line) ?? 0) + hits);
      const edges = cov.branches[node.label];
      if (!edges) return;
      node.branches.forEach((edge, i) => {
        const taken = edges[edge.name] ?? 0;
        brf++;
        if (taken > 0) brh++;
        // lcov: "-" when the block never ran, else the times the branch was taken.
        brda.push(`BRDA:${edge.span.line},${block},${i},${hits === 0 ? '-' : taken}`);
      });
    });
    for (const [line, hits] of [...lines].sort((a, b) => a[0] - b[0])) out.push(`DA:${line},${hits}`);
    out.push(`LF:${lines.size}`, `LH:${[...lines.values()].filter((h) => h > 0).length}`);
    out.push(...brda, `BRF:${brf}`, `BRH:${brh}`, 'end_of_record');
  }
  return out.join('\n') + '\n';
}

/** Writes `lcov.info` and `coverage.json` into `dir`; returns their paths. */
export function writeCoverage(dir: string, report: CoverageReport, graphs: readonly ScriptGraph[]): { lcov: string; json: string } {
  mkdirSync(dir, { recursive: true });
  const lcov = join(dir, 'lcov.info');
  const json = join(dir, 'coverage.json');
  writeFileSync(lcov, toLcov(report, graphs));
  writeFileSync(json, JSON.stringify(withRelativeFiles(report), null, 2) + '\n');
  return { lcov, json };
}

/** The report with each script's file relative to `cwd` (coverage files are read from the project root, on any machine). */
export function withRelativeFiles(report: CoverageReport, cwd = process.cwd()): CoverageReport {
  const scripts = Object.fromEntries(Object.entries(report.scripts).map(([k, s]) => [k, { ...s, file: isAbsolute(s.file) ? relative(cwd, s.file) || s.file : s.file }]));
  return { ...report, scripts };
}

/**
 * The terminal table: one row per script, then the totals. "Not taken" lists
 * the untaken branches (`label.Branch`) of actions that ran; those of actions
 * that never ran are implied by "Not visited".
 */
export function coverageTable(report: CoverageReport, opts: { maxMissing?: number } = {}): string {
  const maxMissing = opts.maxMissing ?? 4;
  const list = (items: string[]): string => items.slice(0, maxMissing).join(', ') + (items.length > maxMissing ? `, +${items.length - maxMissing} more` : '');
  const rows: string[][] = [['Script', 'Actions', 'Branches', 'Not visited', 'Not taken']];
  for (const [name, cov] of Object.entries(report.scripts)) {
    const missing = Object.entries(cov.actions)
      .filter(([, n]) => n === 0)
      .map(([label]) => label);
    const untaken = Object.entries(cov.branches)
      .filter(([label]) => (cov.actions[label] ?? 0) > 0)
      .flatMap(([label, edges]) => Object.entries(edges).filter(([, n]) => n === 0).map(([branch]) => `${label}.${branch}`));
    rows.push([name, cell(cov.summary.actions), cell(cov.summary.branches), list(missing), list(untaken)]);
  }
  rows.push(['All scripts', cell(report.summary.actions), cell(report.summary.branches), '', '']);
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  const line = (r: string[]): string => r.map((v, c) => (c === 1 || c === 2 ? v.padStart(widths[c]!) : v.padEnd(widths[c]!))).join('  ').trimEnd();
  const rule = widths.map((w) => '-'.repeat(w)).join('  ');
  return [line(rows[0]!), rule, ...rows.slice(1, -1).map(line), rule, line(rows[rows.length - 1]!)].join('\n') + '\n';
}

function cell(r: { covered: number; total: number; pct: number }): string {
  return `${r.pct.toFixed(1)}% (${r.covered}/${r.total})`;
}
