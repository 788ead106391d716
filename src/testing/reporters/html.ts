// The HTML report: one self-contained page (styles, script and pictures
// inline; nothing is fetched when it is opened). Failures first, then the
// other cases, each with its status, place, path and transcript; then every
// script's graph with coverage drawn on it (visited actions and taken
// branches green, the rest red and dashed). "Show path" marks one case's
// path on the graphs.
import { relative } from 'node:path';
import type { ScriptGraph } from '../../contract/script-graph.js';
import { coverageFor, renderGraph } from '../../graph/render/index.js';
import type { Failure } from '../expect.js';
import { counts, type CaseResult, type ForcedErrorFinding, type SessionResult } from '../results.js';
import { PAGE_SCRIPT, pageStyle } from './html-page.js';
import { esc } from './junit.js';

export interface HtmlOptions {
  cwd?: string;
  /** When the report was made (default: now); shown in the header. */
  generatedAt?: Date;
  title?: string;
}

const STATUS_ORDER = { failed: 0, skipped: 1, passed: 2 } as const;
const STATUS_MARK = { failed: '✗', skipped: '–', passed: '✓' } as const;

export async function htmlReport(session: SessionResult, opts: HtmlOptions = {}): Promise<string> {
  const cwd = opts.cwd ?? process.cwd();
  const rel = (f: string): string => relative(cwd, f) || f;
  const title = opts.title ?? 'studio-script test report';
  const n = counts(session.cases);
  // Failures first; within a status, the order the files and cases were written in.
  const cases = session.cases.map((c, i) => ({ c, id: `case-${i + 1}` })).sort((a, b) => STATUS_ORDER[a.c.status] - STATUS_ORDER[b.c.status]);
  const graphs = orderScripts(session.coverageGraphs ?? [], session.cases);
  const scripts = await Promise.all(graphs.map((g, i) => scriptSection(g, i, session, rel)));
  const generated = (opts.generatedAt ?? new Date()).toISOString().replace(/\.\d+Z$/, 'Z');
  const failedOverall = n.failed > 0 || (session.forcedErrors?.findings.length ?? 0) > 0;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title>
<style>${pageStyle()}</style>
</head>
<body>
<header class="top ${failedOverall ? 'failed' : 'passed'}">
<h1>${esc(title)}</h1>
<p class="summary">${[
    n.failed ? `<span class="failed">${n.failed} failed</span>` : '',
    `<span class="passed">${n.passed} passed</span>`,
    n.skipped ? `<span class="skipped">${n.skipped} skipped</span>` : '',
  ]
    .filter(Boolean)
    .join(' · ')} (${n.total} cases in ${session.files.length} file${session.files.length === 1 ? '' : 's'}, ${session.ms} ms)${coverageSummary(session)}</p>
<p class="generated">Generated ${esc(generated)}</p>
</header>
<nav class="filters" aria-label="Show cases">
<button type="button" data-filter="all" aria-pressed="true">All (${n.total})</button>
<button type="button" data-filter="failed" aria-pressed="false">Failed (${n.failed})</button>
<button type="button" data-filter="passed" aria-pressed="false">Passed (${n.passed})</button>
<button type="button" data-filter="skipped" aria-pressed="false">Skipped (${n.skipped})</button>
</nav>
<main>
${forcedSection(session, rel)}<section id="cases" aria-label="Cases">
<h2>Cases</h2>
${cases.map(({ c, id }) => caseArticle(c, id, rel)).join('\n')}
</section>
<section id="scripts" aria-label="Scripts">
<h2>Scripts</h2>
${scripts.length ? scripts.join('\n') : '<p class="none">No script graphs: the session ran without coverage.</p>'}
</section>
</main>
<script>${PAGE_SCRIPT}</script>
</body>
</html>
`;
}

function coverageSummary(session: SessionResult): string {
  const s = session.coverage?.summary;
  if (!s) return '';
  return ` · coverage: actions ${s.actions.pct}% (${s.actions.covered}/${s.actions.total}), branches ${s.branches.pct}% (${s.branches.covered}/${s.branches.total})`;
}

function caseArticle(c: CaseResult, id: string, rel: (f: string) => string): string {
  const run = c.run;
  const meta = [
    `<span class="place">${esc(rel(c.file))}:${c.span.line}</span>`,
    `script <a href="#${scriptId(c.script)}">${esc(c.script)}</a>`,
    run ? `run <b class="run-${esc(run.status)}">${esc(run.status)}</b> after ${run.steps} step${run.steps === 1 ? '' : 's'}` : '',
    run ? `virtual time ${esc(run.startedAt)} → ${esc(run.endedAt)}` : '',
  ].filter(Boolean);
  const divergence = c.failures.find((f) => f.divergence)?.divergence?.pathIndex ?? c.failures.find((f) => f.focus !== undefined)?.focus;
  const parts = [
    `<header><span class="status">${STATUS_MARK[c.status]} ${c.status}</span> <h3>${esc(c.name)}</h3> <span class="ms">${c.ms} ms</span></header>`,
    `<p class="meta">${meta.join(' · ')}</p>`,
  ];
  if (c.failures.length) parts.push(`<ul class="failures">${c.failures.map((f) => failureItem(f, rel)).join('')}</ul>`);
  if (run?.lastError) parts.push(`<p class="last-error">Last error: ${esc(run.lastError)}</p>`);
  if (run) parts.push(pathDetails(run.path, c.status === 'failed', divergence));
  const transcript = run?.transcript;
  if (transcript && transcript.length) parts.push(transcriptDetails(transcript));
  const warnings = [...(run?.warnings ?? []), ...c.unmatchedStubs.map((u) => `stub ${u.id} (${u.description}) never matched, ${rel(u.span.file)}:${u.span.line}:${u.span.col}`)];
  if (warnings.length) parts.push(`<ul class="warnings">${warnings.map((w) => `<li>⚠ ${esc(w)}</li>`).join('')}</ul>`);
  if (run?.path.length) parts.push(`<button type="button" class="show-path">Show this path in the graph</button>`);
  const path = esc(JSON.stringify(run?.path ?? []));
  return `<article class="case ${c.status}" id="${id}" data-status="${c.status}" data-script="${esc(c.script)}" data-path="${path}">\n${parts.join('\n')}\n</article>`;
}

function failureItem(f: Failure, rel: (f: string) => string): string {
  const rows: string[] = [];
  if (f.expected !== undefined) rows.push(`<dt>expected</dt><dd><code>${esc(f.expected)}</code></dd>`);
  if (f.actual !== undefined) rows.push(`<dt>actual</dt><dd><code>${esc(f.actual)}</code></dd>`);
  const at = f.span ? `<p class="at">at ${esc(rel(f.span.file))}:${f.span.line}:${f.span.col}</p>` : '';
  return `<li><p class="message">${esc(f.message)}</p>${at}${rows.length ? `<dl>${rows.join('')}</dl>` : ''}</li>`;
}

function pathDetails(path: readonly string[], open: boolean, mark: number | undefined): string {
  const items = path.map((step, i) => `<li${i === mark ? ' class="diverged" title="first divergence"' : ''}>${esc(step)}</li>`).join('');
  const body = path.length ? `<ol class="steps">${items}</ol>` : '<p class="none">No action ran.</p>';
  return `<details class="path"${open ? ' open' : ''}><summary>Path: ${path.length} step${path.length === 1 ? '' : 's'}</summary>${body}</details>`;
}

/** A call transcript (phone runs): each entry a line, or an object with a time, a speaker and text. */
function transcriptDetails(entries: readonly unknown[]): string {
  const rows = entries.map((e) => {
    if (typeof e !== 'object' || e === null) return `<tr><td></td><td></td><td>${esc(String(e))}</td></tr>`;
    const o = e as Record<string, unknown>;
    const pick = (...keys: string[]): unknown => keys.map((k) => o[k]).find((v) => v !== undefined);
    const at = pick('at', 'time', 'atMs');
    const who = pick('who', 'speaker', 'from', 'kind', 'type');
    const text = pick('text', 'say', 'heard', 'message');
    return `<tr><td class="at">${at === undefined ? '' : esc(String(at))}</td><td class="who">${who === undefined ? '' : esc(String(who))}</td><td>${esc(text === undefined ? JSON.stringify(o) : String(text))}</td></tr>`;
  });
  return `<details class="transcript" open><summary>Transcript: ${entries.length} line${entries.length === 1 ? '' : 's'}</summary><table><tbody>${rows.join('')}</tbody></table></details>`;
}

function forcedSection(session: SessionResult, rel: (f: string) => string): string {
  const forced = session.forcedErrors;
  if (!forced) return '';
  const item = (f: ForcedErrorFinding): string =>
    `<li><b>${esc(f.action)}</b> forced to fail in "${esc(f.caseName)}" → run <b>${esc(f.status)}</b>${f.reason ? `: ${esc(f.reason)}` : ''}<br><span class="place">${esc(rel(f.file))}</span>; last steps: ${esc(f.tail.join(' → '))}</li>`;
  return `<section id="forced-errors" class="${forced.findings.length ? 'failed' : 'passed'}" aria-label="Forced errors">
<h2>Forced errors: ${forced.runs} run${forced.runs === 1 ? '' : 's'}, ${forced.findings.length} unhandled error path${forced.findings.length === 1 ? '' : 's'}</h2>
${forced.findings.length ? `<ul>${forced.findings.map(item).join('')}</ul>` : '<p class="none">Every forced error was handled.</p>'}
</section>
`;
}

/** Scripts a failing case ran come first, then the rest by name. */
function orderScripts(graphs: readonly ScriptGraph[], cases: readonly CaseResult[]): ScriptGraph[] {
  const failing = new Set<string>();
  for (const c of cases)
    if (c.status === 'failed') {
      failing.add(c.script.toLowerCase());
      for (const step of c.run?.path ?? []) failing.add(step.slice(0, step.lastIndexOf('.')).toLowerCase());
    }
  const rank = (g: ScriptGraph): number => (failing.has(g.name.toLowerCase()) ? 0 : 1);
  return [...graphs].sort((a, b) => rank(a) - rank(b) || a.name.localeCompare(b.name));
}

const scriptId = (name: string): string => `script-${name.replace(/[^A-Za-z0-9_-]/g, '_')}`;

async function scriptSection(graph: ScriptGraph, index: number, session: SessionResult, rel: (f: string) => string): Promise<string> {
  const report = session.coverage?.scripts[graph.name];
  const coverage = session.coverage ? coverageFor(session.coverage, graph) : undefined;
  const svg = inlineSvg(await renderGraph(graph, 'svg', { coverage }), `g${index}-`);
  const lines: string[] = [];
  if (report) {
    const { actions, branches } = report.summary;
    lines.push(`<p class="coverage">Actions ${actions.pct}% (${actions.covered}/${actions.total}) · branches ${branches.pct}% (${branches.covered}/${branches.total})</p>`);
    const unvisited = Object.entries(report.actions).filter(([, hits]) => hits === 0).map(([label]) => label);
    const untaken = Object.entries(report.branches).flatMap(([label, bs]) => Object.entries(bs).filter(([, hits]) => hits === 0).map(([b]) => `${label}.${b}`));
    if (unvisited.length) lines.push(`<p class="missed">Not visited: ${unvisited.map((l) => `<code>${esc(l)}</code>`).join(', ')}</p>`);
    if (untaken.length) lines.push(`<p class="missed">Branches not taken: ${untaken.map((l) => `<code>${esc(l)}</code>`).join(', ')}</p>`);
  }
  return `<article class="script" id="${scriptId(graph.name)}" data-script="${esc(graph.name)}">
<h3>${esc(graph.name)} <small>${esc(graph.mediaType)} · ${esc(rel(graph.file))}</small></h3>
${lines.join('\n')}
<figure class="graph">
<p class="showing" hidden></p>
${svg}
<figcaption><span class="key visited">visited</span> <span class="key missed">not visited / not taken</span> <span class="key on-path">path of the chosen case</span></figcaption>
</figure>
</article>`;
}

/** Graphviz's SVG made fit to sit inside HTML: no XML prolog, ids unique on the page. */
function inlineSvg(svg: string, idPrefix: string): string {
  return svg
    .replace(/^[\s\S]*?(?=<svg\b)/, '')
    .replace(/<!--[\s\S]*?-->\n?/g, '')
    .replace(/\sid="([^"]*)"/g, ` id="${idPrefix}$1"`)
    .trim();
}
