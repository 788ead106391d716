import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { loadScriptText } from '../../src/graph/load.js';
import { coverageFor, coverageProblem, renderGraph, toDot, toJson, toMermaid } from '../../src/graph/render/index.js';
import { wrapText } from '../../src/graph/render/wrap.js';

const SCRIPT = `script Demo
start: BEGIN -> check
check: IF "Is it \\"big\\"?" { Expression = "a > 1" }
  True -> big
  False -> small
big: ASSIGN { Variable = size Value = "big" } -> done
small: CASE { Variable = a }
  "one" -> done
  2 -> done
  Default -> done
done: END
`;
const graph = loadScriptText(SCRIPT, 'demo.script').script!.graph;
const coverage = coverageFor(
  { scripts: { Demo: { actions: { start: 1, check: 1, big: 1, done: 1 }, branches: { start: { Default: 1 }, check: { True: 1 }, big: { Default: 1 } } } } },
  graph,
);

describe('graph renderers', () => {
  it('draws mermaid with branch-labelled edges', () => {
    const m = toMermaid(graph);
    expect(m).toMatch(/^flowchart TD\n/);
    expect(m).toContain('n1{"check<br/>Is it #quot;big#quot;?<br/>IF"}');
    expect(m).toContain('n1 -->|"True"| n2');
    expect(m).toContain('n3 -->|"#quot;one#quot;"| n4');
    expect(m).not.toContain('classDef');
  });

  it('escapes # in mermaid labels, which would otherwise read `#x;` as an entity', () => {
    const g = loadScriptText('script H\nstart: BEGIN "Press #x; or #quot;" -> e\ne: END\n', 'h.script').script!.graph;
    expect(toMermaid(g)).toContain('n0(["start<br/>Press #35;x; or #35;quot;<br/>BEGIN"])');
  });

  it('marks visited actions and taken branches green, the rest red, in mermaid', () => {
    const m = toMermaid(graph, { coverage });
    expect(m).toContain('class n3 unvisited');
    expect(m).toContain('class n0,n1,n2,n4 visited');
    expect(m).toContain('classDef visited fill:#e6f4ea,stroke:#2e7d32');
    // Edges in order: start->check, True, False, big->done, "one", 2, Default.
    expect(m).toContain('linkStyle 0,1,3 stroke:#2e7d32');
    expect(m).toContain('linkStyle 2,4,5,6 stroke:#c62828');
  });

  it('draws mermaid left to right with direction LR', () => {
    expect(toMermaid(graph, { direction: 'LR' })).toMatch(/^flowchart LR\n/);
  });

  it('draws DOT with labelled edges, green hits and dashed red misses', () => {
    expect(toDot(graph)).toContain('"check" -> "big" [label="True"];');
    expect(toDot(graph)).toContain('rankdir=TB');
    expect(toDot(graph, { direction: 'LR' })).toContain('rankdir=LR');
    const d = toDot(graph, { coverage });
    expect(d).toContain('"check" -> "small" [label="False", style=dashed, color="#c62828", fontcolor="#c62828"];');
    expect(d).toContain('"check" -> "big" [label="True", color="#2e7d32", penwidth=1.6];');
    expect(d).toMatch(/"small" \[label="small\\nCASE\\nvisits: 0", shape=diamond, color="#c62828", fillcolor="#fdecea", fontcolor="#c62828", style="filled,dashed"\];/);
    expect(d).toMatch(/"big" \[label="big\\nASSIGN\\nvisits: 1", shape=box, color="#2e7d32", fillcolor="#e6f4ea", style="rounded,filled"\];/);
  });

  it('uses one font for the title, the actions and the branches', () => {
    const d = toDot(graph);
    expect(d.match(/fontname="[^"]*"/g)).toEqual(['fontname="DejaVu Sans"', 'fontname="DejaVu Sans"', 'fontname="DejaVu Sans"']);
  });

  it('draws several loops on one action as one loop with a label line each', () => {
    const g = loadScriptText('script L\nstart: BEGIN -> a\na: ASSIGN { Variable = x }\n  Default -> a\n  Overflow -> a\n', 'l.script').script!.graph;
    expect(toDot(g)).toContain('"a" -> "a" [label="Default\\nOverflow"];');
    const half = coverageFor({ scripts: { L: { actions: { start: 1, a: 2 }, branches: { a: { Default: 1 } } } } }, g);
    expect(toDot(g, { coverage: half })).toContain('"a" -> "a" [label=<Default<BR/><FONT COLOR="#c62828">Overflow</FONT>>, color="#2e7d32", penwidth=1.6];');
  });

  it('gives JSON data with coverage fields', () => {
    expect(JSON.parse(toJson(graph))).toEqual(JSON.parse(JSON.stringify(graph)));
    const j = JSON.parse(toJson(graph, coverage)) as { actions: { label: string; visited: boolean; visits: number; branches: { name: string; covered: boolean; taken: number }[] }[] };
    const check = j.actions.find((a) => a.label === 'check')!;
    expect(check.visited).toBe(true);
    expect(check.branches.map((b) => [b.name, b.taken, b.covered])).toEqual([
      ['True', 1, true],
      ['False', 0, false],
    ]);
    expect(j.actions.find((a) => a.label === 'small')).toMatchObject({ visits: 0, visited: false });
  });

  it('renders SVG without a browser, as well-formed XML with an <svg> root', async () => {
    const svg = await renderGraph(graph, 'svg', { coverage });
    expect(XMLValidator.validate(svg)).toBe(true);
    const doc = new XMLParser({ ignoreAttributes: false }).parse(svg) as Record<string, unknown>;
    expect(Object.keys(doc)).toContain('svg');
    expect(svg).toContain('stroke-dasharray');
  }, 60_000);

  it('wraps text at spaces and cuts only words longer than a line', () => {
    expect(wrapText('Apply default parameters', 24)).toEqual(['Apply default parameters']);
    expect(wrapText('Set poll time for record deletion', 24)).toEqual(['Set poll time for record', 'deletion']);
    expect(wrapText('CreateProspectsFromTheKustomerLeads now', 12)).toEqual(['CreateProsp-', 'ectsFromThe-', 'KustomerLea-', 'ds now']);
    expect(wrapText('', 24)).toEqual(['']);
  });

  it('validates coverage files', () => {
    expect(coverageProblem({ scripts: {} })).toBeUndefined();
    expect(coverageProblem([])).toContain('"scripts"');
    expect(coverageProblem({ scripts: { A: { actions: { x: 'many' } } } })).toContain('hit counts');
  });
});
