import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { loadScriptText } from '../../src/graph/load.js';
import { coverageFor, coverageProblem, renderGraph, toDot, toJson, toMermaid } from '../../src/graph/render/index.js';

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

  it('marks unvisited actions and untaken branches in mermaid', () => {
    const m = toMermaid(graph, coverage);
    expect(m).toContain('class n3 unvisited');
    expect(m).toContain('class n0,n1,n2,n4 visited');
    // Edges in order: start->check, True, False, big->done, "one", 2, Default.
    expect(m).toContain('linkStyle 2,4,5,6 stroke:#c62828');
  });

  it('draws DOT with labelled edges and dashed red misses', () => {
    expect(toDot(graph)).toContain('"check" -> "big" [label="True"];');
    const d = toDot(graph, coverage);
    expect(d).toContain('"check" -> "small" [label="False", style=dashed, color="#c62828", fontcolor="#c62828"];');
    expect(d).toMatch(/"small" \[label="small\\nCASE\\nvisits: 0", shape=diamond, style=dashed/);
    expect(d).toContain('"check" -> "big" [label="True"];');
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
    const svg = await renderGraph(graph, 'svg', coverage);
    expect(XMLValidator.validate(svg)).toBe(true);
    const doc = new XMLParser({ ignoreAttributes: false }).parse(svg) as Record<string, unknown>;
    expect(Object.keys(doc)).toContain('svg');
    expect(svg).toContain('stroke-dasharray');
  }, 60_000);

  it('validates coverage files', () => {
    expect(coverageProblem({ scripts: {} })).toBeUndefined();
    expect(coverageProblem([])).toContain('"scripts"');
    expect(coverageProblem({ scripts: { A: { actions: { x: 'many' } } } })).toContain('hit counts');
  });
});
