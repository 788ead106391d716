// `.script` -> Studio exports: the layouts written, the round trips
// import(export(s)) = s (examples and generated scripts) and
// export(import(x)) keeping every element of an export, and the `export` command.
import fc from 'fast-check';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { builtinRegistry } from '../../src/actions/registry.js';
import { displayPath } from '../../src/cli/output.js';
import { importStudio } from '../../src/import/convert.js';
import { exportStudio } from '../../src/import/export.js';
import type { StudioScript } from '../../src/import/model.js';
import { readStudioExport } from '../../src/import/read.js';
import { studioTable } from '../../src/import/tables.js';
import { runCli as cli } from '../cli/run-cli.js';
import { loadableScript } from './arbitraries.js';
import { meaning } from './meaning.js';

const EXAMPLES = join(import.meta.dirname, '..', '..', 'scripts-examples');
const FIXTURES = join(import.meta.dirname, 'fixtures');
const examples = readdirSync(EXAMPLES).filter((f) => f.endsWith('.script'));
const tmp = (): string => mkdtempSync(join(tmpdir(), 'export-'));

const SMALL = `// a small script
script Small
type Phone

start: BEGIN -> ask

ask: SNIPPET "Ask" {
  choice = 2
} -> route
  Error -> done

route: CASE {
  Variable = choice
} -> done
  "1" -> done
  "2" -> check

check: IF {
  Expression = "choice > 1"
}
  True -> done
  False -> done

done: END "Bye"

studio {
  BusNo = 77
  done { X = 901 Y = 33 }
}
`;

/** Imports an export and checks the result loads; returns its text. */
function reimport(text: string, name: string): string {
  const back = importStudio(text, name);
  expect(back.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return back.text!;
}

describe('Desktop Studio XML written', () => {
  const r = exportStudio(SMALL, 'Small.script', { format: 'xml' });
  const xml = r.text!;

  it('has the layout and element order of real exports', () => {
    expect(xml.startsWith('<?xml version="1.0" encoding="utf-8"?>\r\n<ScriptContainer xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" BusNo="77">\r\n  <Actions>\r\n    <ActionStruct>\r\n      <ActionID>1</ActionID>\r\n      <Action>BEGIN</Action>\r\n      <Caption>Begin</Caption>\r\n')).toBe(true);
    const start = xml.indexOf('<ActionStruct>\r\n      <ActionID>3</ActionID>') + '<ActionStruct>\r\n'.length;
    const route = xml.slice(start, xml.indexOf('</ActionStruct>', start));
    expect(route.split('\r\n').map((l) => l.trim())).toEqual([
      '<ActionID>3</ActionID>',
      '<Action>CASE</Action>',
      '<Caption>Case</Caption>',
      '<Parameters>',
      '<string>choice</string>',
      '</Parameters>',
      '<DefaultNextAction>',
      '<Text />',
      '<ActionID>5</ActionID>',
      '<Index>0</Index>',
      '<Segments />',
      '</DefaultNextAction>',
      '<Branches />',
      '<Cases>',
      '<BranchStruct>',
      '<Text>1</Text>',
      '<ActionID>5</ActionID>',
      '<Index>0</Index>',
      '<Segments />',
      '</BranchStruct>',
      '<BranchStruct>',
      '<Text>2</Text>',
      '<ActionID>4</ActionID>',
      '<Index>0</Index>',
      '<Segments />',
      '</BranchStruct>',
      '</Cases>',
      '<X>432</X>',
      '<Y>80</Y>',
      '<DependencyOrder>2</DependencyOrder>',
      '<Impl_Type>0</Impl_Type>',
      '<LibraryID>22050500-6dc0-4949-af9c-1e52975f141d</LibraryID>',
      '',
    ]);
  });

  it('numbers actions, writes named branches with their Index and takes positions from the studio block', () => {
    expect(r.ids).toEqual(new Map([['start', '1'], ['ask', '2'], ['route', '3'], ['check', '4'], ['done', '5']]));
    expect(xml).toContain('<Branches>\r\n        <BranchStruct>\r\n          <Text>True</Text>\r\n          <ActionID>5</ActionID>\r\n          <Index>0</Index>');
    expect(xml).toContain('<Text>False</Text>\r\n          <ActionID>5</ActionID>\r\n          <Index>1</Index>');
    expect(xml).toContain('<Caption>Bye</Caption>\r\n      <Parameters />\r\n      <Branches />\r\n      <Cases />\r\n      <X>901</X>\r\n      <Y>33</Y>');
  });

  it('writes SNIPPET code with CRLF line ends and the library item', () => {
    expect(xml).toContain('<string>  choice = 2</string>');
    expect(xml).toContain('<LibraryItem BusNo="77" Name="Small" Alias="Small" MediaType="4">\r\n    <ImplPath>Small</ImplPath>');
    expect(xml.endsWith('  <MediaType>4</MediaType>\r\n  <ModifyDate>0001-01-01T00:00:00</ModifyDate>\r\n</ScriptContainer>\r\n')).toBe(true);
  });
});

describe('CXone Studio JSON written', () => {
  const r = exportStudio(SMALL, 'Small.script', { format: 'json' });
  const body = JSON.parse(r.text!) as { scriptContent: Record<string, Record<string, unknown>> };
  const c = body.scriptContent;

  it('is the body the save endpoint takes, with numbers where Studio sends numbers', () => {
    expect(c['header']).toEqual({
      scriptName: 'Small',
      busNo: 77,
      mediaType: 4,
      mediaTypeName: 'call',
      purposeType: 'General',
      variableRedaction: '',
      libraryId: null,
      masterId: null,
      nextActionId: 6,
      lockInfo: { lockedName: '', lockedId: '', lockedDate: '' },
    });
    expect(c['actions']!['3']).toEqual({
      actionId: 3,
      libraryId: '22050500-6dc0-4949-af9c-1e52975f141d',
      name: 'CASE',
      version: 1,
      label: 'Case',
      dependencyOrder: '2',
      implType: '0',
      x: 432,
      y: 80,
      xws: 432,
      yws: 80,
    });
  });

  it('names every property and lists branches with their types', () => {
    expect(c['properties']!['3']).toEqual({ '0': { name: 'Variable', value: 'choice' } });
    expect(c['properties']!['5']).toEqual({});
    expect(c['branches']!['3']).toEqual([
      { to: 5, label: '', type: 'default', index: 0 },
      { to: 5, label: '1', type: 'case', index: 1 },
      { to: 4, label: '2', type: 'case', index: 2 },
    ]);
    expect(c['branches']!['5']).toBeUndefined();
  });
});

describe('round trips', () => {
  it.each(examples)('import(export(%s)) means the same script, through CXone Studio JSON', (f) => {
    const source = readFileSync(join(EXAMPLES, f), 'utf8');
    const out = exportStudio(source, f, { format: 'json' });
    const ids = out.ids!;
    expect(meaning(reimport(out.text!, 'x.json'), 'x.script')).toEqual(meaning(source, f, (l) => ids.get(l)!));
  });

  /** XML names no parameter: only scripts whose actions all have a Studio table survive it. */
  const xmlSafe = examples.filter((f) => {
    const graph = exportStudio(readFileSync(join(EXAMPLES, f), 'utf8'), f, { format: 'xml' });
    return !graph.diagnostics.some((d) => d.code === 'W-EXPORT-PARAM-ORDER');
  });

  it('covers the examples whose every action has a Studio parameter order through Desktop XML', () => {
    expect(xmlSafe.length).toBeGreaterThanOrEqual(3);
    for (const f of xmlSafe) {
      const source = readFileSync(join(EXAMPLES, f), 'utf8');
      const out = exportStudio(source, f, { format: 'xml' });
      const ids = out.ids!;
      expect(meaning(reimport(out.text!, 'x.xml'), 'x.script'), f).toEqual(meaning(source, f, (l) => ids.get(l)!));
    }
  });

  it('import(export(s)) is s, text and all, for generated scripts labelled with Studio ids (both formats)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('xml', 'json').chain((format) => loadableScript(true, format).map((s) => ({ ...s, format }))),
        ({ text, format }) => {
        const out = exportStudio(text, 'g.script', { format });
        expect(out.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
        const back = reimport(out.text!, `g.${format}`);
        expect(meaning(back, 'g.script')).toEqual(meaning(text, 'g.script'));
        expect(exportStudio(back, 'g.script', { format }).text).toBe(out.text);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('import(export(s)) is s with labels renamed to ids, for generated scripts with named labels', () => {
    fc.assert(
      fc.property(loadableScript(false, 'json'), ({ text }) => {
        const out = exportStudio(text, 'g.script', { format: 'json' });
        const ids = out.ids!;
        expect(meaning(reimport(out.text!, 'g.json'), 'g.script')).toEqual(meaning(text, 'g.script', (l) => ids.get(l)!));
      }),
      { numRuns: 100 },
    );
  });

  it.each(['Billing.xml', 'Renewals.json'])('export(import(%s)) keeps every element the emulator understands', (name) => {
    const file = join(FIXTURES, name);
    const original = readStudioExport(readFileSync(file, 'utf8'), file).script!;
    const script = importStudio(readFileSync(file, 'utf8'), file).text!;
    const again = exportStudio(script, 'x.script', { format: original.format });
    expect(again.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const back = readStudioExport(again.text!, `x.${original.format}`).script!;
    expect(essence(back)).toEqual(essence(original));
  });
});

/**
 * An export's elements, as the emulator understands them: actions by id with
 * type, caption, parameters (Studio names where the format has them),
 * connected branches and fields, and the script's fields. Case Index is
 * Studio's (0 in XML, the place in the list in JSON); GUIDs compare in any case.
 */
function essence(s: StudioScript): unknown {
  const actions = [...s.actions]
    .sort((a, b) => Number(a.id) - Number(b.id))
    .map((a) => {
      const table = studioTable(builtinRegistry().lookup(a.type), a.type);
      return {
        id: a.id,
        type: a.type,
        caption: a.caption,
        params: a.params.map((p, i) => ({ name: p.name ?? table?.params[i]?.studio, value: p.value })),
        branches: [...a.branches].filter((b) => !(b.kind === 'branch' && !/^[A-Za-z_]\w*$/.test(b.label))).map((b) => ({ ...b, index: b.kind === 'case' ? undefined : b.index })),
        // CXone Studio's save needs xws/yws: an export adds them (equal to x/y) where the source had none.
        fields: Object.fromEntries(
          [...a.fields]
            .filter(([k, v]) => !((k === 'XWS' && v === a.fields.get('X')) || (k === 'YWS' && v === a.fields.get('Y'))))
            .map(([k, v]) => [k, k === 'LibraryID' ? v.toLowerCase() : v]),
        ),
      };
    });
  const fields = Object.fromEntries([...s.fields].map(([k, v]) => [k, k === 'LibraryID' ? String(v).toLowerCase() : v]));
  return { actions, fields };
}


describe('studio-script export', () => {
  it('prints the export on stdout', async () => {
    const f = join(tmp(), 'Small.script');
    writeFileSync(f, SMALL);
    const r = await cli(['export', f, '--format', 'xml']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^<\?xml version="1\.0" encoding="utf-8"\?>\r\n<ScriptContainer /);
  });

  it('writes -o and says so', async () => {
    const dir = tmp();
    const f = join(dir, 'Small.script');
    writeFileSync(f, SMALL);
    const out = join(dir, 'Small.json');
    const r = await cli(['export', f, '--format', 'json', '-o', out]);
    expect(r.code).toBe(0);
    expect(JSON.parse(readFileSync(out, 'utf8')).scriptContent.header.scriptName).toBe('Small');
    expect(r.err).toMatch(/^exported .*Small\.script -> .*Small\.json \(CXone Studio JSON\)\n$/);
  });

  it('--json prints one document holding the export, or naming the file written', async () => {
    const dir = tmp();
    const f = join(dir, 'Small.script');
    writeFileSync(f, SMALL);
    const r = await cli(['export', f, '--format', 'json', '--json']);
    expect(r.code).toBe(0);
    expect(r.err).toBe('');
    const doc = JSON.parse(r.out);
    expect(doc).toMatchObject({ file: displayPath(f), format: 'json', diagnostics: [] });
    expect(JSON.parse(doc.text).scriptContent.header.scriptName).toBe('Small');
    const out = join(dir, 'Small.xml');
    expect(JSON.parse((await cli(['export', f, '--format', 'xml', '-o', out, '--json'])).out)).toEqual({ file: displayPath(f), format: 'xml', output: displayPath(out), diagnostics: [] });
    expect(readFileSync(out, 'utf8')).toMatch(/^<\?xml /);
  });

  it('exits 2 for a script with errors, writing nothing, and for a bad --format', async () => {
    const f = join(tmp(), 'Broken.script');
    writeFileSync(f, 'script Broken\nstart: BEGIN -> nowhere\n');
    const r = await cli(['export', f, '--format', 'xml']);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toContain('E-GRAPH-UNKNOWN-TARGET');
    expect((await cli(['export', f, '--format', 'yaml'])).err).toContain('--format is xml or json');
  });
});
