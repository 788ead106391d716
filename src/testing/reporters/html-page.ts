// The style sheet and the small script of the HTML report, inlined into the
// page so that it opens from a file, a CI artifact or an e-mail with nothing
// to fetch. The script filters cases by status and marks one case's path on
// the script graphs (nodes by their <title>, edges by "from->to").
import { COLORS, FONT_FAMILY } from '../../graph/render/look.js';

const PATH_COLOR = '#1565c0';

export function pageStyle(): string {
  return `
:root { --ok: ${COLORS.visited}; --ok-bg: ${COLORS.visitedFill}; --bad: ${COLORS.missed}; --bad-bg: ${COLORS.missedFill}; --skip: #8d6e00; --skip-bg: #fff8e1; --path: ${PATH_COLOR}; --line: #d0d7de; --dim: #57606a; }
* { box-sizing: border-box; }
body { margin: 0; font-family: ${FONT_FAMILY}; font-size: 15px; line-height: 1.45; color: #1f2328; background: #f6f8fa; }
header.top { padding: 16px 24px; border-bottom: 4px solid var(--ok); background: #fff; }
header.top.failed { border-bottom-color: var(--bad); }
h1 { margin: 0 0 4px; font-size: 22px; }
h2 { font-size: 18px; margin: 24px 0 8px; }
h3 { display: inline; font-size: 16px; margin: 0; }
.summary .failed, .case.failed .status { color: var(--bad); font-weight: bold; }
.summary .passed, .case.passed .status { color: var(--ok); font-weight: bold; }
.summary .skipped, .case.skipped .status { color: var(--skip); font-weight: bold; }
.generated, .meta, .ms, .at, small, .place { color: var(--dim); }
.generated { margin: 0; font-size: 13px; }
nav.filters { padding: 8px 24px; position: sticky; top: 0; background: #f6f8fa; border-bottom: 1px solid var(--line); z-index: 1; }
nav.filters button { font: inherit; padding: 3px 10px; margin-right: 6px; border: 1px solid var(--line); border-radius: 14px; background: #fff; cursor: pointer; }
nav.filters button[aria-pressed="true"] { background: #1f2328; color: #fff; border-color: #1f2328; }
main { padding: 0 24px 48px; }
.case, .script, #forced-errors { background: #fff; border: 1px solid var(--line); border-left: 5px solid var(--ok); border-radius: 6px; padding: 10px 14px; margin: 10px 0; }
.case.failed, #forced-errors.failed { border-left-color: var(--bad); }
.case.skipped { border-left-color: var(--skip); }
.script { border-left-color: #8c959f; scroll-margin-top: 56px; }
.case header { display: flex; gap: 10px; align-items: baseline; flex-wrap: wrap; }
.case .meta { margin: 4px 0; font-size: 14px; }
.run-stuck, .run-failed { color: var(--bad); }
ul.failures { list-style: none; padding: 0; margin: 6px 0; }
ul.failures li { background: var(--bad-bg); border-radius: 4px; padding: 6px 10px; margin: 4px 0; }
.message { margin: 0; color: var(--bad); font-weight: bold; white-space: pre-wrap; }
.at { margin: 2px 0; font-size: 13px; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: 2px 10px; margin: 4px 0 0; }
dt { font-weight: bold; } dd { margin: 0; }
code { font-family: ui-monospace, 'DejaVu Sans Mono', Menlo, Consolas, monospace; font-size: 13px; white-space: pre-wrap; word-break: break-word; }
details { margin: 6px 0; } summary { cursor: pointer; font-weight: bold; }
ol.steps { columns: 3 16em; margin: 4px 0; font-family: ui-monospace, 'DejaVu Sans Mono', Menlo, Consolas, monospace; font-size: 13px; }
ol.steps li.diverged { color: var(--bad); font-weight: bold; }
.transcript table { border-collapse: collapse; font-size: 14px; }
.transcript td { padding: 2px 10px 2px 0; vertical-align: top; }
.transcript td.at { color: var(--dim); white-space: nowrap; } .transcript td.who { font-weight: bold; white-space: nowrap; }
ul.warnings { list-style: none; padding: 0; margin: 4px 0; color: var(--skip); }
.last-error { color: var(--dim); margin: 4px 0; } .case.failed .last-error { color: var(--bad); }
button.show-path { font: inherit; font-size: 13px; padding: 2px 10px; border: 1px solid var(--path); color: var(--path); background: #fff; border-radius: 4px; cursor: pointer; }
.coverage { margin: 4px 0; } .missed { margin: 4px 0; color: var(--bad); }
figure.graph { margin: 8px 0 0; overflow-x: auto; }
figure.graph svg { max-width: 100%; height: auto; }
figcaption { font-size: 13px; color: var(--dim); margin-top: 6px; }
.key::before { content: ""; display: inline-block; width: 12px; height: 12px; margin: 0 4px -1px 10px; border: 2px solid; border-radius: 3px; }
.key.visited::before { background: var(--ok-bg); border-color: var(--ok); }
.key.missed::before { background: var(--bad-bg); border-color: var(--bad); border-style: dashed; }
.key.on-path::before { border-color: var(--path); border-width: 3px; }
.showing { margin: 0 0 6px; color: var(--path); font-weight: bold; }
g.on-path > path, g.on-path > polygon, g.on-path > ellipse { stroke: var(--path); stroke-width: 3px; }
g.edge.on-path > polygon { fill: var(--path); }
[hidden] { display: none !important; }
`;
}

export const PAGE_SCRIPT = `
(function () {
  var buttons = document.querySelectorAll('nav.filters button');
  buttons.forEach(function (b) {
    b.addEventListener('click', function () {
      var want = b.getAttribute('data-filter');
      buttons.forEach(function (o) { o.setAttribute('aria-pressed', String(o === b)); });
      document.querySelectorAll('article.case').forEach(function (c) {
        c.hidden = want !== 'all' && c.getAttribute('data-status') !== want;
      });
    });
  });
  function titleOf(g) { var t = g.querySelector('title'); return t ? t.textContent : ''; }
  function showPath(article) {
    document.querySelectorAll('g.on-path').forEach(function (g) { g.classList.remove('on-path'); });
    document.querySelectorAll('figure.graph .showing').forEach(function (p) { p.hidden = true; });
    var path = JSON.parse(article.getAttribute('data-path') || '[]');
    var steps = {};
    var edges = {};
    var first = null;
    for (var i = 0; i < path.length; i++) {
      var dot = path[i].lastIndexOf('.');
      var script = path[i].slice(0, dot).toLowerCase();
      var label = path[i].slice(dot + 1);
      (steps[script] = steps[script] || {})[label] = true;
      if (i > 0) {
        var prev = path[i - 1];
        var pdot = prev.lastIndexOf('.');
        if (prev.slice(0, pdot).toLowerCase() === script) (edges[script] = edges[script] || {})[prev.slice(pdot + 1) + '->' + label] = true;
      }
    }
    var name = article.querySelector('h3').textContent;
    document.querySelectorAll('article.script').forEach(function (s) {
      var key = s.getAttribute('data-script').toLowerCase();
      if (!steps[key]) return;
      s.querySelectorAll('g.node').forEach(function (g) { if (steps[key][titleOf(g)]) g.classList.add('on-path'); });
      s.querySelectorAll('g.edge').forEach(function (g) { if ((edges[key] || {})[titleOf(g)]) g.classList.add('on-path'); });
      var note = s.querySelector('.showing');
      note.textContent = 'Showing the path of \\u201c' + name + '\\u201d';
      note.hidden = false;
      if (!first) first = s;
    });
    if (first) first.scrollIntoView({ block: 'start' });
  }
  document.querySelectorAll('button.show-path').forEach(function (b) {
    b.addEventListener('click', function () { showPath(b.closest('article.case')); });
  });
})();
`;
