// The two export readers on exports written for these tests in the layouts
// real exports use: Desktop Studio XML (Billing.xml) and CXone Studio JSON
// (Renewals.json), plus every way an export can be broken.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readStudioExport } from '../../src/import/read.js';
import { decodeEntities } from '../../src/import/studio-xml.js';

const FIXTURES = join(import.meta.dirname, 'fixtures');
const read = (name: string) => {
  const file = join(FIXTURES, name);
  return readStudioExport(readFileSync(file, 'utf8'), file);
};

describe('Desktop Studio XML', () => {
  const { script, diagnostics } = read('Billing.xml');
  const byId = (id: string) => script!.actions.find((a) => a.id === id)!;

  it('reads every ActionStruct in document order', () => {
    expect(script!.format).toBe('xml');
    expect(script!.actions.map((a) => `${a.id}:${a.type}`)).toEqual([
      '30:MENU',
      '28:BEGIN',
      '29:SNIPPET',
      '31:CASE',
      '34:IF',
      '35:REQAGENT',
      '37:LOOP',
      '38:SURVEYLINK',
      '39:HANGUP',
    ]);
  });

  it('keeps positional parameters as written, empty ones included', () => {
    expect(byId('28').params).toEqual([{ value: '' }, { value: '' }, { value: '' }]);
    expect(byId('39').params).toEqual([]);
    expect(byId('38').params.map((p) => p.value)).toEqual(['', 'a & b', '   spaced   ', 'line one\nline two', '']);
  });

  it('decodes entities once and reads SNIPPET code with line ends normalised (as XML readers do)', () => {
    expect(byId('29').params[0]!.value).toBe('ASSIGN attempts = 0\nASSIGN note = "Billing & payments"\nIF ANI.length() < 10\n{\n  ASSIGN caller = "unknown"\n}');
    expect(byId('29').params[1]!.value).toBe('Limit4K');
  });

  it('reads DefaultNextAction, Branches and Cases with their ActionID and Index', () => {
    expect(byId('30').branches).toEqual([
      { kind: 'default', label: '', to: '39', index: 0 },
      { kind: 'branch', label: 'Timeout', to: '39', index: 2 },
      { kind: 'case', label: '1', to: '31', index: 0 },
      { kind: 'case', label: '2', to: '35', index: 0 },
    ]);
    expect(byId('35').branches).toEqual([]);
  });

  it('reads the canvas and library fields of each action', () => {
    expect(Object.fromEntries(byId('34').fields)).toEqual({ X: '720', Y: '160', DependencyOrder: '4', ImplType: '0', LibraryID: '6695ba9c-e1d6-4f3c-a15a-94f1400e3169' });
  });

  it('reads the script fields from the container and its LibraryItem; the icon is not read', () => {
    expect(Object.fromEntries(script!.fields)).toEqual({
      BusNo: '4412',
      UserID: '90210',
      SchemaLocation: 'http://studio.example/scriptcontainer.xsd',
      LibraryID: '3f2c1a9e-7d44-4b0e-9c1a-2e5f6a7b8c9d',
      Name: 'Billing',
      Alias: 'Billing',
      Path: 'Phone\\Billing',
      CreateDate: '0001-01-01T00:00:00',
      ModifyDate: '0001-01-01T00:00:00',
      ModifyUserID: '90210',
      URI: '/custom/4412/Billing',
      MediaType: '4',
    });
  });

  it('reports what it leaves out: bend points and unconnected branches', () => {
    expect(diagnostics.map((d) => [d.code, d.span.line, d.message])).toEqual([
      ['W-IMPORT-DROPPED', 4, "action 30 (MENU): case '9' is not connected in the export; left out"],
      ['W-IMPORT-DROPPED', 149, "action 34 (IF): the bend points of the 'True' connector are not kept (Studio draws it straight)"],
    ]);
  });

  it('reports elements it has no place for, located at their action', () => {
    const r = readStudioExport(
      '<ScriptContainer><Actions><ActionStruct><ActionID>1</ActionID><Action>BEGIN</Action><Mystery>1</Mystery></ActionStruct></Actions><Extra/></ScriptContainer>',
      'x.xml',
    );
    expect(r.diagnostics.map((d) => d.message)).toEqual([
      'action 1 (BEGIN): <Mystery> is not read (no place for it in a .script); left out',
      '<ScriptContainer> children <Extra> are not read; left out',
    ]);
  });

  it('does not expand DTD entities and takes CDATA as written', () => {
    const xml = `<?xml version="1.0"?>
<!DOCTYPE ScriptContainer [ <!ENTITY boom "BOOM"> ]>
<ScriptContainer><Actions><ActionStruct><ActionID>1</ActionID><Action>SNIPPET</Action>
<Parameters><string>&boom;</string><string><![CDATA[a &amp; <b>]]></string></Parameters></ActionStruct></Actions></ScriptContainer>`;
    const r = readStudioExport(xml, 'e.xml');
    expect(r.script!.actions[0]!.params.map((p) => p.value)).toEqual(['&boom;', 'a &amp; <b>']);
  });

  it('reads an export that starts with a byte order mark', () => {
    const text = readFileSync(join(FIXTURES, 'Billing.xml'), 'utf8');
    expect(readStudioExport('\uFEFF' + text, 'b.xml').script?.actions).toHaveLength(9);
  });

  it('decodes only predefined entities and character references', () => {
    expect(decodeEntities('a &lt; b &amp;&amp; c &#65;&#x42; &nbsp; &other;')).toBe('a < b && c AB &nbsp; &other;');
  });

  it('reports XML that is not well formed at its line and column', () => {
    const r = readStudioExport('<ScriptContainer>\n  <Actions>\n    <ActionStruct>\n  </Actions>\n</ScriptContainer>\n', 'Bad.xml');
    expect(r.script).toBeUndefined();
    expect(r.diagnostics).toHaveLength(1);
    expect(r.diagnostics[0]).toMatchObject({ code: 'E-IMPORT-XML', severity: 'error', span: { file: 'Bad.xml', line: 4 } });
  });

  it('reports a document that is not a Desktop Studio export, naming its root', () => {
    const r = readStudioExport('<Other/>', 'Other.xml');
    expect(r.diagnostics[0]).toMatchObject({ code: 'E-IMPORT-STRUCTURE', message: expect.stringContaining('<Other>'), span: { line: 1, col: 1 } });
    expect(readStudioExport('<ScriptContainer><Actions/></ScriptContainer>', 'e.xml').diagnostics[0]!.code).toBe('E-IMPORT-STRUCTURE');
  });
});

describe('CXone Studio JSON', () => {
  const { script, diagnostics } = read('Renewals.json');
  const byId = (id: string) => script!.actions.find((a) => a.id === id)!;

  it('reads actions by id with their names, captions and fields', () => {
    expect(script!.format).toBe('json');
    expect(script!.actions.map((a) => `${a.id}:${a.type}:${a.caption}`)).toEqual([
      '1:BEGIN:Begin',
      '2:ASSIGN:Renewal date',
      '3:PLAY:Reminder',
      '4:CHECKCALLSUP:Suppressed?',
      '5:MUSIC:Hold music',
      '6:SNIPPET:Declare contact',
      '7:WAIT:Pause',
      '8:END:End',
      '9:PERMITCALL:Permitcall',
      '11:VOICEBIOMETRICS:Enroll voice',
    ]);
    expect(Object.fromEntries(byId('5').fields)).toEqual({ X: '672', Y: '64', LibraryID: 'DBCC742B-28D8-42D1-9D95-0D9ABF20B04B', DependencyOrder: '4', ImplType: '0', Version: '1' });
  });

  it('reads properties by position with their names; numbers become text and lists stay lists', () => {
    expect(byId('1').params).toEqual([
      { name: 'RootFolder', value: '' },
      { name: 'Application', value: '' },
      { name: 'ParamCount', value: '' },
      { name: 'Parameters', value: ['customerId', 'renewalDate'] },
    ]);
    expect(byId('2').params[3]).toEqual({ name: 'Publish', value: '0' });
    expect(byId('11').params[1]).toEqual({ name: 'Threshold', value: '75' });
    expect(byId('8').params).toEqual([]);
  });

  it('reads branches of every type; a default labelled 0 is the default', () => {
    expect(byId('1').branches).toEqual([{ kind: 'default', label: '', to: '6', index: 0 }]);
    expect(byId('4').branches.map((b) => `${b.kind}:${b.label}:${b.to}:${b.index}`)).toEqual(['branch:Found:5:0', 'branch:NotFound:9:1', 'branch:Error:8:2']);
    expect(byId('11').branches.map((b) => `${b.kind}:${b.label}:${b.to}`)).toEqual(['default::7', 'branch:OnFailure:8', 'case:1:7']);
  });

  it('reads the header, lock fields included, keeping unknown fields by name', () => {
    expect(Object.fromEntries(script!.fields)).toEqual({
      MasterID: '88120',
      Path: 'Outbound\\Renewals',
      BusNo: '4412',
      MediaType: '4',
      MediaTypeName: 'call',
      PurposeType: 'General',
      VariableRedaction: '',
      LibraryID: 'A1B2C3D4-0000-4000-8000-0000000000AA',
      NextActionId: '12',
      Status: 'Active',
      campaignNote: 'spring',
    });
  });

  it('reports an unconnected branch', () => {
    expect(diagnostics.map((d) => [d.code, d.message])).toEqual([['W-IMPORT-DROPPED', "action 11: branch 'Retry' is not connected; left out"]]);
  });

  it('reads the save body form {"scriptContent": …}', () => {
    const content = readFileSync(join(FIXTURES, 'Renewals.json'), 'utf8');
    const r = readStudioExport(`{"scriptContent": ${content}}`, 'body.json');
    expect(r.script?.actions).toHaveLength(10);
  });

  it('reads a Desktop export the Admin API sent base64-encoded', () => {
    const xml = readFileSync(join(FIXTURES, 'Billing.xml'));
    const r = readStudioExport(JSON.stringify({ scriptContent: xml.toString('base64'), name: 'Billing', scriptId: 7 }), 'get.json');
    expect(r.script?.format).toBe('xml');
    expect(r.script?.actions).toHaveLength(9);
    const bad = readStudioExport(JSON.stringify({ body: Buffer.from('hello').toString('base64') }), 'get.json');
    expect(bad.diagnostics[0]).toMatchObject({ code: 'E-IMPORT-STRUCTURE', message: expect.stringContaining('"body"') });
  });

  it('reports invalid JSON at its line and column', () => {
    const r = readStudioExport('{\n  "actions": {\n    "1": { "name": "BEGIN", }\n  }\n}', 'bad.json');
    expect(r.diagnostics).toHaveLength(1);
    expect(r.diagnostics[0]).toMatchObject({ code: 'E-IMPORT-JSON', span: { file: 'bad.json', line: 3 } });
  });

  it('reports structural problems located at the action', () => {
    const r = readStudioExport('{"actions": {"1": {"name": "BEGIN"},\n "2": {"label": "x"}}, "properties": {"1": {"a": {}}}, "branches": {"1": 5}}', 's.json');
    expect(r.script).toBeUndefined();
    expect(r.diagnostics.map((d) => [d.code, d.span.line, d.message])).toEqual([
      ['E-IMPORT-STRUCTURE', 1, 'action 1: property key "a" is not a position (0, 1, …)'],
      ['E-IMPORT-STRUCTURE', 1, 'action 1: "branches" must be a list of {to, label, type, index}'],
      ['E-IMPORT-STRUCTURE', 2, 'action "2": the action has no type (its "name" is missing)'],
    ]);
    expect(readStudioExport('{"header": {}}', 'h.json').diagnostics[0]!.message).toContain('there is no "actions" object');
    expect(readStudioExport('{"header": {},\n "actions": [{"name": "BEGIN"}]}', 'l.json').diagnostics[0]).toMatchObject({
      code: 'E-IMPORT-STRUCTURE',
      span: { line: 2, col: 2 },
      message: expect.stringContaining('"actions" is a list, not an object of actions by id'),
    });
    expect(readStudioExport('[1]', 'a.json').diagnostics[0]!.code).toBe('E-IMPORT-FORMAT');
  });
});

describe('format detection', () => {
  it('goes by content, not by the file name', () => {
    const xml = readFileSync(join(FIXTURES, 'Billing.xml'), 'utf8');
    expect(readStudioExport(xml, 'export.json').script?.format).toBe('xml');
    expect(readStudioExport('  \n{"actions": {"1": {"name": "END"}}}', 'export.xml').script?.format).toBe('json');
  });

  it('says what it expected when the file is neither, never quoting another kind of file', () => {
    const d = readStudioExport('script A\n', 'a.xml').diagnostics[0]!;
    expect(d).toMatchObject({ code: 'E-IMPORT-FORMAT', message: expect.stringContaining('starts with neither < nor {') });
    expect(d.message).not.toContain('script A');
    expect(readStudioExport('', 'e.xml').diagnostics[0]!.message).toContain('the file is empty');
  });

  it('says so when the export is UTF-16, read as UTF-8', () => {
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('<?xml version="1.0" encoding="utf-16"?><ScriptContainer/>', 'utf16le')]);
    expect(readStudioExport(utf16.toString('utf8'), 'u.xml').diagnostics[0]).toMatchObject({ code: 'E-IMPORT-FORMAT', message: expect.stringContaining('UTF-16') });
    const noMark = Buffer.from('{"actions": {}}', 'utf16le');
    expect(readStudioExport(noMark.toString('utf8'), 'u.json').diagnostics[0]!.message).toContain('UTF-16');
  });

  it('refuses JSON nested far deeper than a script, located', () => {
    const deep = `{"actions": {"1": {"name": "END"}}, "x": ${'['.repeat(150)}${']'.repeat(150)}}`;
    expect(readStudioExport(deep, 'd.json').diagnostics[0]).toMatchObject({ code: 'E-IMPORT-JSON', span: { line: 1 }, message: expect.stringContaining('nested more than 100 levels') });
  });
});
