// The `studio { … }` block: parsed wherever it is, printed last by fmt,
// checked against the script's labels, and never in a run's way.
import { describe, expect, it } from 'vitest';
import { analyzeScript } from '../../src/graph/analyze.js';
import { formatText } from '../../src/graph/format.js';
import { parseScriptText } from '../../src/parse/parse.js';

const SCRIPT = `script Meta

1: BEGIN -> 2

2: END "Bye"
`;

const codes = (text: string): string[] => analyzeScript(text, 'm.script').diagnostics.map((d) => `${d.code}@${d.span.line}`);

describe('studio block', () => {
  it('holds script fields and per-label entries', () => {
    const g = analyzeScript(`${SCRIPT}\nstudio {\n  BusNo = 30\n  Path = "Folder\\\\Meta"\n  2 { X = 576 Y = 448 LibraryID = "abc" }\n}\n`, 'm.script');
    expect(g.diagnostics).toEqual([]);
    expect(g.graph.studio?.fields.map((f) => [f.name, f.value.kind === 'string' ? f.value.value : f.value.kind === 'number' ? f.value.raw : '?'])).toEqual([
      ['BusNo', '30'],
      ['Path', 'Folder\\Meta'],
    ]);
    expect(g.graph.studio?.actions.map((e) => [e.label, e.fields.map((f) => f.name)])).toEqual([['2', ['X', 'Y', 'LibraryID']]]);
  });

  it('is printed where it is by fmt, one line per field and per entry, comments kept', () => {
    const text = `script Meta\n1: BEGIN -> 2\nstudio { 2 {\n X = 1\n Y = 2 } // two\n BusNo = 3 }\n2: END\n`;
    const out = formatText(text, 'm.script').text!;
    expect(out).toBe('script Meta\n\n1: BEGIN -> 2\n\nstudio {\n  2 { X = 1 Y = 2 } // two\n  BusNo = 3\n}\n\n2: END\n');
    expect(formatText(out, 'm.script').text).toBe(out);
    expect(formatText(`${SCRIPT}\nstudio {}\n`, 'm.script').text).toBe(`${SCRIPT}\nstudio {\n}\n`);
  });

  it('reports entries naming no action and fields an export does not write', () => {
    expect(codes(`${SCRIPT}\nstudio {\n  3 { X = 1 }\n  2 { Colour = 1 Xx = 2 }\n}\n`)).toEqual(['W-STUDIO-LABEL@8', 'W-STUDIO-FIELD@9', 'W-STUDIO-FIELD@9']);
    expect(analyzeScript(`${SCRIPT}\nstudio {\n  2 { XWs = 1 }\n}\n`, 'm.script').graph.studio?.actions[0]?.fields[0]?.name).toBe('XWS');
  });

  it('rejects duplicates and fields that must be whole numbers', () => {
    expect(codes(`${SCRIPT}\nstudio {\n  BusNo = 1\n  busno = 2\n  2 { X = 1.5 Y = "7" }\n  2 { X = 1 }\n}\n`)).toEqual([
      'E-STUDIO-DUPLICATE@9',
      'E-STUDIO-VALUE@10',
      'E-STUDIO-VALUE@10',
      'E-STUDIO-DUPLICATE@11',
    ]);
    expect(codes(`${SCRIPT}\nstudio {\n  2 { BranchIndexes = "Found=x" ID = 1 }\n}\n`)).toEqual(['E-STUDIO-VALUE@8', 'E-STUDIO-VALUE@8']);
  });

  it('is one per file, and nothing may follow it but actions', () => {
    const twice = parseScriptText(`${SCRIPT}\nstudio {}\nstudio {}\n`, 'm.script');
    expect(twice.diagnostics.map((d) => [d.code, d.span.line])).toEqual([['E-PARSE-STUDIO', 8]]);
    const stray = parseScriptText(`${SCRIPT}\nstudio {} oops\n3: END\n`, 'm.script');
    expect(stray.diagnostics.map((d) => d.message)).toEqual(["expected an action ('label: TYPE') after the studio block, found 'oops'"]);
    const broken = parseScriptText(`${SCRIPT}\nstudio { X = }\n`, 'm.script');
    expect(broken.diagnostics[0]!.code).toBe('E-PARSE-SYNTAX');
    expect(broken.ast.actions).toHaveLength(2);
  });

  it('does not take a label or branch named studio for the block', () => {
    const g = analyzeScript('script S\nstart: BEGIN -> studio\nstudio: END\n', 's.script');
    expect(g.diagnostics).toEqual([]);
    expect(g.graph.actions.map((a) => a.label)).toEqual(['start', 'studio']);
  });
});
