// The pictures as a reader sees them: text inside its shape, no label on top
// of another label or a node, one font family, coverage colours, the script
// a RUNSUB calls. Checked on the SVG geometry of the example scripts, a big
// generated script and random graphs, top-to-bottom and left-to-right.
import fc from 'fast-check';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadScriptText } from '../../src/graph/load.js';
import { coverageFor, renderGraph, type Direction, type GraphCoverage } from '../../src/graph/render/index.js';
import { COLORS, FONT_FAMILY } from '../../src/graph/render/look.js';
import type { ActionNode, PropValue, ScriptGraph } from '../../src/contract/script-graph.js';
import { boxesOverlap, inside, overlapsOutline, parsePicture, type Picture } from './svg-geometry.js';

const EXAMPLES = join(import.meta.dirname, '../../scripts-examples');
const span = { file: 'gen.script', line: 1, col: 1, endLine: 1, endCol: 1 };

/** Every problem a reader would see, as readable lines (empty when the picture is clean). */
function problems(p: Picture): string[] {
  const out: string[] = [];
  for (const n of p.nodes)
    for (const t of n.texts) if (!inside(t.box, n.outline)) out.push(`node ${n.id}: "${t.text}" runs outside its shape`);
  const labels = p.edges.flatMap((e) => e.labels.map((t) => ({ edge: e.id, t })));
  for (let i = 0; i < labels.length; i++)
    for (let j = i + 1; j < labels.length; j++)
      if (boxesOverlap(labels[i]!.t.box, labels[j]!.t.box)) out.push(`labels "${labels[i]!.t.text}" (${labels[i]!.edge}) and "${labels[j]!.t.text}" (${labels[j]!.edge}) overlap`);
  for (const { edge, t } of [...labels, ...p.title.map((t) => ({ edge: 'title', t }))])
    for (const n of p.nodes) if (overlapsOutline(t.box, n.outline)) out.push(`"${t.text}" (${edge}) overlaps node ${n.id}`);
  for (const t of [...p.title, ...labels.map((l) => l.t), ...p.nodes.flatMap((n) => n.texts)])
    if (t.fontFamily !== FONT_FAMILY) out.push(`"${t.text}" is in font ${t.fontFamily}`);
  return out;
}

async function picture(graph: ScriptGraph, direction: Direction, coverage?: GraphCoverage): Promise<Picture> {
  return parsePicture(await renderGraph(graph, 'svg', { direction, coverage }));
}

const BRANCHES: Record<string, string[]> = {
  ASSIGN: ['Default', 'Overflow'],
  IF: ['True', 'False'],
  SNIPPET: ['Default', 'Error'],
  RUNSUB: ['Default', 'OnError'],
  WAIT: ['Default'],
  'WORKFLOW EXECUTE': ['Default', 'OnError', 'OnTimeout'],
  END: [],
};

/** A script graph from a plan: each action's type, caption and branch targets (indexes). */
function graphOf(plan: { type: string; caption: string; targets: number[]; values?: string[] }[]): ScriptGraph {
  const label = (i: number): string => (i === 0 ? 'start' : i % 7 === 3 ? `checkTheCustomerRecord${i}` : `step${i}`);
  const actions: ActionNode[] = plan.map((a, i) => {
    const names = a.type === 'CASE' ? [...(a.values ?? []), 'Default'] : i === 0 ? ['Default'] : BRANCHES[a.type]!;
    return {
      label: label(i),
      type: i === 0 ? 'BEGIN' : a.type,
      caption: a.caption,
      props: (a.type === 'RUNSUB' ? { ScriptName: { kind: 'string', value: `Sub${i}ForTheRecords`, span } } : {}) as Record<string, PropValue>,
      branches: names.slice(0, a.targets.length).map((name, k) => ({ name, target: label(a.targets[k]! % plan.length), isValue: a.type === 'CASE' && name !== 'Default', span })),
      span,
    };
  });
  return { name: 'Generated', mediaType: 'Generic', file: 'gen.script', begin: 'start', actions };
}

const words = ['Read', 'the', 'queue', 'customer', 'record', 'before', 'routing', 'to', 'an', 'agent', 'Check', 'hours', 'callback'];
const caption = fc.array(fc.constantFrom(...words), { maxLength: 9 }).map((w) => w.join(' '));
const planArb = fc.array(
  fc.record({
    type: fc.constantFrom('ASSIGN', 'IF', 'CASE', 'SNIPPET', 'RUNSUB', 'WAIT', 'WORKFLOW EXECUTE', 'END'),
    caption,
    targets: fc.array(fc.nat(60), { minLength: 1, maxLength: 5 }),
    values: fc.array(fc.constantFrom('sales', 'support', '1', '2', 'billing questions'), { maxLength: 4 }).map((v) => [...new Set(v)]),
  }),
  { minLength: 2, maxLength: 18 },
);

/** A deterministic big script: 80 actions of every shape, branches forward and back, two per action on average. */
function bigPlan(): Parameters<typeof graphOf>[0] {
  const types = ['ASSIGN', 'IF', 'CASE', 'SNIPPET', 'RUNSUB', 'WORKFLOW EXECUTE', 'WAIT', 'IF', 'ASSIGN'];
  return Array.from({ length: 80 }, (_, i) => ({
    type: i === 79 ? 'END' : types[i % types.length]!,
    caption: i % 4 === 0 ? 'Look the customer up in the CRM before routing the call to an agent' : i % 3 === 0 ? 'Check hours' : '',
    targets: i % 9 === 2 ? [i + 1, i + 3, (i * 7) % 80, i + 5] : i % 2 ? [i + 1, (i * 7) % 80] : [i + 1],
    values: ['sales', 'support', 'billing questions'],
  }));
}

describe('pictures', () => {
  const examples = readdirSync(EXAMPLES).filter((f) => f.endsWith('.script'));
  for (const direction of ['TB', 'LR'] as const)
    it.each(examples)(`%s (${direction}): text inside shapes, no overlapping labels, one font`, async (file) => {
      const { script } = loadScriptText(readFileSync(join(EXAMPLES, file), 'utf8'), file);
      expect(problems(await picture(script!.graph, direction))).toEqual([]);
    }, 60_000);

  it.each(['TB', 'LR'] as const)('a big generated script (%s) is as clean', async (direction) => {
    const p = await picture(graphOf(bigPlan()), direction);
    expect(p.nodes).toHaveLength(80);
    expect(problems(p)).toEqual([]);
  }, 120_000);

  it('random graphs are as clean in both directions', async () => {
    await fc.assert(
      fc.asyncProperty(planArb, fc.constantFrom<Direction>('TB', 'LR'), async (plan, direction) => {
        expect(problems(await picture(graphOf(plan), direction))).toEqual([]);
      }),
      { numRuns: 12 },
    );
  }, 300_000);

  it('wraps long captions onto lines that fit the box', async () => {
    const long = 'Look the customer up in the CRM before routing the call to the agent who last spoke to them';
    const { script } = loadScriptText(`script W\nstart: BEGIN -> a\na: ASSIGN "${long}" { Variable = x } -> e\ne: END\n`, 'w.script');
    const p = await picture(script!.graph, 'TB');
    const lines = p.nodes.find((n) => n.texts[0]!.text === 'a')!.texts.map((t) => t.text);
    expect(lines.length).toBeGreaterThan(4);
    expect(lines.slice(1, -1).join(' ')).toBe(long);
    expect(problems(p)).toEqual([]);
  }, 60_000);

  it('names the script a RUNSUB, RUNSCRIPT or SPAWN calls', async () => {
    const { script } = loadScriptText(
      'script R\nstart: BEGIN -> a\na: RUNSUB { ScriptName = "Lookup" } -> b\nb: SPAWN { ScriptName = nextScript } -> c\nc: RUNSCRIPT "Hand over" { ScriptName = "Wrap" }\n',
      'r.script',
    );
    const p = await picture(script!.graph, 'LR');
    const text = (label: string): string[] => p.nodes.find((n) => n.texts[0]!.text === label)!.texts.map((t) => t.text);
    expect(text('a')).toEqual(['a', 'RUNSUB', '→ Lookup']);
    expect(text('b')).toEqual(['b', 'SPAWN', '→ {nextScript}']);
    expect(text('c')).toEqual(['c', 'Hand over', 'RUNSCRIPT', '→ Wrap']);
  }, 60_000);

  it('draws visited actions and taken branches green, the rest red and dashed', async () => {
    const { script } = loadScriptText('script C\nstart: BEGIN -> i\ni: IF { Expression = "x" }\n  True -> e\n  False -> f\ne: END\nf: END\n', 'c.script');
    const graph = script!.graph;
    const coverage = coverageFor({ scripts: { C: { actions: { start: 1, i: 1, e: 1 }, branches: { start: { Default: 1 }, i: { True: 1 } } } } }, graph);
    const p = await picture(graph, 'TB', coverage);
    const node = (label: string) => p.nodes.find((n) => n.texts[0]!.text === label)!;
    for (const label of ['start', 'i', 'e']) expect(node(label)).toMatchObject({ fill: COLORS.visitedFill, stroke: COLORS.visited, dashed: false });
    expect(node('f')).toMatchObject({ fill: COLORS.missedFill, stroke: COLORS.missed, dashed: true });
    const edge = (label: string) => p.edges.find((e) => e.labels[0]?.text === label)!;
    expect(edge('True')).toMatchObject({ stroke: COLORS.visited, dashed: false });
    expect(edge('False')).toMatchObject({ stroke: COLORS.missed, dashed: true });
    expect(problems(p)).toEqual([]);
  }, 60_000);
});
