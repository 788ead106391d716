import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatText } from '../../src/graph/format.js';
import { runCli } from '../cli/run-cli.js';
import { importStudioXml } from '../../src/import/convert.js';
import { decodeEntities } from '../../src/import/studio-xml.js';

const FIXTURES = join(import.meta.dirname, 'fixtures');
const fixture = (name: string): string => join(FIXTURES, name);

const cli = runCli;

const tmp = (): string => mkdtempSync(join(tmpdir(), 'import-'));

function xmlFile(text: string, name = 'Export.xml'): string {
  const f = join(tmp(), name);
  writeFileSync(f, text);
  return f;
}

describe('importStudioXml', () => {
  const file = fixture('QueueTopUp.xml');
  const result = importStudioXml(readFileSync(file, 'utf8'), file);

  it('converts a Desktop Studio export without warnings', () => {
    expect(result.diagnostics).toEqual([]);
    expect(result.text).toBeDefined();
  });

  it('prints canonical text (the formatter leaves it unchanged)', () => {
    expect(formatText(result.text!, 'QueueTopUp.script').text).toBe(result.text);
  });

  it('keeps Studio action ids as labels and captions as captions, BEGIN first', () => {
    const text = result.text!;
    expect(text.startsWith('script QueueTopUp\ntype Generic\n\n1: BEGIN "Begin" {\n  Parameters = [skillNo, region, threshold]\n} -> 2\n')).toBe(true);
    expect(text).toContain('8: END "Done"');
    expect(text).toContain('10: WAIT "Pause" {\n  Seconds = 0.5\n} -> 8');
  });

  it('maps positional parameters through studioParams, skipping empty ones', () => {
    const text = result.text!;
    expect(text).toContain('3: GETQUEUE "Read the queue" {\n  Skills = "{skillNo}"\n  NumberQueued = queued\n  LongestWait = longestWait\n} -> 4\n  OnError -> 9');
    expect(text).toContain(
      '6: ASSIGN "East batch size" {\n  Variable = batchSize\n  Value = "25"\n  Type = Numeric\n  ScreenPop = false\n  SaveToDB = false\n  MaxStringSize = "2K"\n} -> 8',
    );
  });

  it('turns Data into SNIPPET code and decodes predefined entities', () => {
    expect(result.text).toContain('2: SNIPPET "Apply defaults" (MaxStringSize = "4K") {\nIF threshold = "" {\n  threshold = 10\n}\nASSIGN greeting = "Queue & region check"\n} -> 3\n  Error -> 9');
    expect(result.text).toContain('Expression = "queued < threshold"');
  });

  it('writes Branches as named branches and Cases as value branches', () => {
    expect(result.text).toContain('4: IF "Queue low?" {\n  Expression = "queued < threshold"\n}\n  True -> 5\n  False -> 8');
    expect(result.text).toContain('5: CASE "Which region?" {\n  Variable = region\n} -> 7\n  "east" -> 6\n  "west" -> 7');
  });

  it('keeps unknown actions with positional properties and reports them', () => {
    const f = fixture('WithUnknown.xml');
    const r = importStudioXml(readFileSync(f, 'utf8'), f);
    expect(r.text).toContain('2: PLAY "Greeting" {\n  P1 = "welcome.wav"\n  P3 = "True"\n} -> 3\n  OnError -> 3');
    expect(r.text).toContain('type Phone');
    expect(r.text).toContain('3: REST API "Notify" {\n  P1 = "POST"\n  P2 = "https://example.com/hook"\n} -> 4');
    expect(r.diagnostics[0]!.message).toBe('action 2 (PLAY): a Studio action the emulator does not run; kept with positional properties P1…P3');
    expect(r.diagnostics.map((d) => [d.code, d.severity, d.span.line, d.span.col])).toEqual([
      ['W-IMPORT-UNKNOWN-ACTION', 'warning', 13, 5],
      ['W-IMPORT-PARAM-ORDER', 'warning', 30, 5],
    ]);
  });

  it('reports branches to missing actions, extra parameters and a DefaultNextAction on IF', () => {
    const xml = `<ScriptContainer><Name>Odd</Name><Actions>
<ActionStruct><ActionId>1</ActionId><ActionType>BEGIN</ActionType><DefaultNextAction>2</DefaultNextAction></ActionStruct>
<ActionStruct><ActionId>2</ActionId><ActionType>IF</ActionType><Parameters><string>x &gt; 1</string><string>extra</string></Parameters>
<DefaultNextAction>3</DefaultNextAction><Branches><BranchStruct><Name>True</Name><NextAction>3</NextAction></BranchStruct>
<BranchStruct><Name>False</Name><NextAction>77</NextAction></BranchStruct></Branches></ActionStruct>
<ActionStruct><ActionId>3</ActionId><ActionType>END</ActionType></ActionStruct>
</Actions></ScriptContainer>`;
    const r = importStudioXml(xml, 'Odd.xml');
    expect(r.diagnostics.map((d) => d.code).sort()).toEqual(['W-IMPORT-BRANCH', 'W-IMPORT-EXTRA-PARAM', 'W-IMPORT-TARGET']);
    expect(r.diagnostics.every((d) => d.span.line === 3)).toBe(true);
    expect(r.text).toContain('2: IF {\n  Expression = "x > 1"\n  P2 = "extra"\n}\n  True -> 3\n');
  });

  it('does not expand DTD entities', () => {
    const xml = `<?xml version="1.0"?>
<!DOCTYPE ScriptContainer [ <!ENTITY boom "BOOM"> ]>
<ScriptContainer><Name>Ent</Name><Actions>
<ActionStruct><ActionId>1</ActionId><ActionType>BEGIN</ActionType><DefaultNextAction>2</DefaultNextAction></ActionStruct>
<ActionStruct><ActionId>2</ActionId><ActionType>ASSIGN</ActionType><Parameters><string>v</string><string>&boom;</string></Parameters><DefaultNextAction>3</DefaultNextAction></ActionStruct>
<ActionStruct><ActionId>3</ActionId><ActionType>END</ActionType></ActionStruct>
</Actions></ScriptContainer>`;
    const r = importStudioXml(xml, 'Ent.xml');
    expect(r.text).toContain('Value = "&boom;"');
    expect(r.text).not.toContain('BOOM');
  });

  it('takes CDATA sections as written', () => {
    const xml = `<ScriptContainer><Name>Cdata</Name><Actions>
<ActionStruct><ActionId>1</ActionId><ActionType>BEGIN</ActionType><DefaultNextAction>2</DefaultNextAction></ActionStruct>
<ActionStruct><ActionId>2</ActionId><ActionType>SNIPPET</ActionType><Parameters><string><![CDATA[ASSIGN t = "a &amp; b < c"]]></string></Parameters><DefaultNextAction>3</DefaultNextAction></ActionStruct>
<ActionStruct><ActionId>3</ActionId><ActionType>END</ActionType></ActionStruct>
</Actions></ScriptContainer>`;
    const r = importStudioXml(xml, 'Cdata.xml');
    expect(r.diagnostics).toEqual([]);
    expect(r.text).toContain('2: SNIPPET {\nASSIGN t = "a &amp; b < c"\n} -> 3');
  });

  it('reads an export that starts with a byte order mark', () => {
    const file = fixture('QueueTopUp.xml');
    const r = importStudioXml('\uFEFF' + readFileSync(file, 'utf8'), file);
    expect(r.diagnostics).toEqual([]);
    expect(r.text).toMatch(/^script QueueTopUp\n/);
  });

  it('decodes only predefined entities and character references', () => {
    expect(decodeEntities('a &lt; b &amp;&amp; c &#65;&#x42; &nbsp; &other;')).toBe('a < b && c AB &nbsp; &other;');
  });

  it('reports XML that is not well formed at its line and column', () => {
    const r = importStudioXml('<ScriptContainer>\n  <Actions>\n    <ActionStruct>\n  </Actions>\n</ScriptContainer>\n', 'Bad.xml');
    expect(r.text).toBeUndefined();
    expect(r.diagnostics).toHaveLength(1);
    expect(r.diagnostics[0]).toMatchObject({ code: 'E-IMPORT-XML', severity: 'error', span: { file: 'Bad.xml', line: 4 } });
  });

  it('reports a document that is not a Studio export', () => {
    const r = importStudioXml('<Other/>', 'Other.xml');
    expect(r.diagnostics[0]).toMatchObject({ code: 'E-IMPORT-STRUCTURE', span: { line: 1, col: 1 } });
  });
});

describe('studio-script import', () => {
  it('prints the script on stdout', async () => {
    const r = await cli(['import', fixture('QueueTopUp.xml')]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^script QueueTopUp\n/);
    expect(r.err).toBe('');
  });

  it('writes -o, and the result loads with studio-script check', async () => {
    const out = join(tmp(), 'QueueTopUp.script');
    const r = await cli(['import', fixture('QueueTopUp.xml'), '-o', out]);
    expect(r.code).toBe(0);
    expect(readFileSync(out, 'utf8')).toMatch(/^script QueueTopUp\n/);
    const checked = await cli(['check', out]);
    expect(checked.err).toContain('0 errors');
    expect(checked.code).toBe(0);
  });

  it('prints warnings for unknown actions and still writes the script', async () => {
    const r = await cli(['import', fixture('WithUnknown.xml')]);
    expect(r.code).toBe(0);
    expect(r.out).toContain('2: PLAY "Greeting"');
    expect(r.err).toMatch(/WithUnknown\.xml:13:5: warning W-IMPORT-UNKNOWN-ACTION/);
  });

  it('exits 2 with a located diagnostic for bad XML, never a stack trace', async () => {
    const f = xmlFile('<ScriptContainer>\n  <Actions>\n    <ActionStruct>\n  </Actions>\n</ScriptContainer>\n');
    const r = await cli(['import', f]);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toContain(`${f}:4:`);
    expect(r.err).toContain('E-IMPORT-XML');
    expect(r.err).not.toMatch(/\bat .*\.(js|ts):\d+/);
  });

  it('exits 2 for a missing file', async () => {
    const r = await cli(['import', join(tmp(), 'nope.xml')]);
    expect(r.code).toBe(2);
    expect(r.err).toContain('no such file');
  });
});
