// Studio exports -> `.script` text: labels, captions, properties by Studio
// table, opaque actions, branches of every kind, the studio block, and the
// `import` command.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatText } from '../../src/graph/format.js';
import { displayPath } from '../../src/cli/output.js';
import { importStudio } from '../../src/import/convert.js';
import { exportStudio } from '../../src/import/export.js';
import { runCli as cli } from '../cli/run-cli.js';

const FIXTURES = join(import.meta.dirname, 'fixtures');
const fixture = (name: string): string => join(FIXTURES, name);
const convert = (name: string) => importStudio(readFileSync(fixture(name), 'utf8'), fixture(name));
const tmp = (): string => mkdtempSync(join(tmpdir(), 'import-'));

/** A small Desktop export around the given ActionStructs (BEGIN is action 1, going to 2). */
function desktop(structs: string, media = '4'): string {
  return `<?xml version="1.0" encoding="utf-8"?>
<ScriptContainer BusNo="1">
  <Actions>
    <ActionStruct><ActionID>1</ActionID><Action>BEGIN</Action><Caption>Begin</Caption><Parameters><string /><string /><string /></Parameters>
      <DefaultNextAction><Text /><ActionID>2</ActionID><Index>0</Index><Segments /></DefaultNextAction><Branches /><Cases /></ActionStruct>
${structs}
  </Actions>
  <LibraryItem Name="Small" MediaType="${media}" />
  <MediaType>${media}</MediaType>
</ScriptContainer>`;
}

describe('Desktop export to .script', () => {
  const r = convert('Billing.xml');
  const text = r.text!;

  it('prints canonical text: BEGIN first, then the export order', () => {
    expect(formatText(text, 'Billing.script').text).toBe(text);
    expect(text.startsWith('script Billing\ntype Phone\n\n28: BEGIN -> 29\n\n30: MENU "Main menu" {')).toBe(true);
    expect([...text.matchAll(/^(\d+): /gm)].map((m) => m[1])).toEqual(['28', '30', '29', '31', '34', '35', '37', '38', '39']);
  });

  it('leaves out captions equal to the one Studio gives a new action', () => {
    expect(text).toContain('28: BEGIN -> 29');
    expect(text).toContain('39: HANGUP "Goodbye"');
  });

  it('reads the parameters of an action the emulator runs by its own table: typed, defaults left out', () => {
    expect(text).toContain(
      '30: MENU "Main menu" {\n  Sequence = "\\"%For billing press 1, for an agent press 2.\\""\n  Phrase = "For billing press 1, for an agent press 2."\n  Timeout = 6\n  InterDigitTimeout = 4\n  Variable = CHOICE\n} -> 39\n  Timeout -> 39\n  "1" -> 31\n  "2" -> 35\n',
    );
  });

  it('reads REQAGENT by its own table too: Studio\'s default spellings and values left out', () => {
    expect(text).toContain('35: REQAGENT "Billing queue" {\n  Skill = SKILLNO\n  HighProficiency = 1\n  LowProficiency = 20\n  RoutingAttribute = "NotApplicable"\n}');
  });

  it('keeps an unknown action with every parameter at its position and its branches', () => {
    expect(text).toContain('38: SURVEYLINK "Partner hand-off" {\n  P1 = ""\n  P2 = "a & b"\n  P3 = "   spaced   "\n  P4 = "line one\\nline two"\n} -> 39\n  OnTimeout -> 39\n  "x" -> 39\n');
    expect(r.diagnostics.find((d) => d.message.includes("'Not Found'"))?.message).toBe("action 38 (SURVEYLINK): branch 'Not Found' is not a name a .script can route; left out");
  });

  it('turns Data into SNIPPET code and MaxStringSize into its property', () => {
    expect(text).toContain('29: SNIPPET "Set up" (MaxStringSize = Limit4K) {\nASSIGN attempts = 0\nASSIGN note = "Billing & payments"\nIF ANI.length() < 10\n{\n  ASSIGN caller = "unknown"\n}\n} -> 30\n  Error -> 39\n');
  });

  it('writes named branches, value branches and a CASE default', () => {
    expect(text).toContain('31: CASE "Which account?" {\n  Variable = ACCOUNTTYPE\n} -> 34\n  "gold" -> 35\n  "Silver Plus" -> 34\n');
    expect(text).toContain('34: IF "Balance due?" {\n  Expression = "balance > 0"\n}\n  True -> 35\n  False -> 37\n');
  });

  it('reads a {variable} alone as that variable', () => {
    expect(text).toContain('37: LOOP "Three tries" {\n  Repeat = MAXTRIES\n  CounterName = TRIES\n}');
  });

  it('keeps what the text cannot say in the studio block, and nothing an export would write anyway', () => {
    const block = text.slice(text.indexOf('studio {'));
    expect(block).toContain('  BusNo = 4412\n  UserID = 90210\n  SchemaLocation = "http://studio.example/scriptcontainer.xsd"\n  LibraryID = "3f2c1a9e-7d44-4b0e-9c1a-2e5f6a7b8c9d"\n  Path = "Phone\\\\Billing"\n');
    expect(block).not.toContain('CreateDate');
    expect(block).not.toContain('MediaType');
    expect(block).toContain('  30 { X = 400 Y = 240 DependencyOrder = 2 BranchIndexes = "Timeout=2" }');
    expect(block).toContain('  38 { X = 880 Y = 400 LibraryID = "0b7d6a55-2c1e-4f7e-9a51-5d5ef1c2a0aa" ParameterCount = 5 }');
    expect(block).not.toContain('ImplType');
  });
});

describe('CXone Studio JSON to .script', () => {
  const r = convert('Renewals.json');
  const text = r.text!;

  it('matches properties by their names', () => {
    expect(r.format).toBe('json');
    expect(text).toContain('4: CHECKCALLSUP "Suppressed?" {\n  DataValue = "{dataValue}"\n}\n  Found -> 5\n  NotFound -> 9\n  Error -> 8\n');
    expect(text).toContain('7: WAIT "Pause" {\n  Seconds = 0.5\n} -> 8');
  });

  it('names the properties of an unknown action after the JSON, keeping every position', () => {
    expect(text).toContain('11: VOICEBIOMETRICS "Enroll voice" {\n  Mode = "enroll"\n  Threshold = "75"\n  Notes = ""\n} -> 7\n  OnFailure -> 8\n  "1" -> 7\n');
  });

  it('keeps a branch to the action itself', () => {
    expect(text).toMatch(/5: MUSIC "Hold music" \{[^}]*\} -> 5\n/);
  });

  it('keeps header fields Studio needs back, unknown ones by name', () => {
    expect(text).toContain('  MasterID = 88120\n  Path = "Outbound\\\\Renewals"\n  BusNo = 4412\n  LibraryID = "A1B2C3D4-0000-4000-8000-0000000000AA"\n  Status = "Active"\n  campaignNote = "spring"\n');
    expect(text).not.toContain('MediaTypeName');
    expect(text).not.toContain('NextActionId');
  });
});

describe('conversion rules', () => {
  it('reads every media type number; an unknown one runs as Generic and is kept', () => {
    const media = (n: string) => importStudio(desktop('', n), 'm.xml');
    expect(
      ['1', '3', '4', '5', '6', '7', '9'].map((n) =>
        media(n)
          .text!.split('\n')
          .find((l) => l.startsWith('type ')),
      ),
    ).toEqual(['type Email', 'type Chat', 'type Phone', 'type Voicemail', 'type WorkItem', 'type SMS', 'type Digital']);
    expect(media('0').text).not.toContain('type ');
    const odd = media('8');
    expect(odd.text).toContain('type Generic');
    expect(odd.text).toContain('  MediaType = 8');
    expect(odd.diagnostics.map((d) => d.code)).toContain('W-IMPORT-MEDIA-TYPE');
  });

  it('accepts the other spelling of an error branch and says so', () => {
    const r = importStudio(
      desktop(`<ActionStruct><ActionID>2</ActionID><Action>RUNSUB</Action><Parameters><string>Sub</string></Parameters>
  <Branches><BranchStruct><Text>Error</Text><ActionID>2</ActionID><Index>1</Index><Segments /></BranchStruct></Branches><Cases /></ActionStruct>`),
      'e.xml',
    );
    expect(r.text).toContain('  OnError -> 2');
    expect(r.diagnostics.find((d) => d.code === 'W-IMPORT-BRANCH-NAME')?.message).toBe("action 2 (RUNSUB): branch 'Error' is RUNSUB's OnError branch; written as OnError");
  });

  it('reports branches to missing actions, a DefaultNextAction on IF and cases on an action without value branches', () => {
    const r = importStudio(
      desktop(`<ActionStruct><ActionID>2</ActionID><Action>IF</Action><Parameters><string>x &gt; 1</string></Parameters>
  <DefaultNextAction><Text /><ActionID>3</ActionID><Index>0</Index><Segments /></DefaultNextAction>
  <Branches><BranchStruct><Text>True</Text><ActionID>3</ActionID><Index>0</Index><Segments /></BranchStruct><BranchStruct><Text>False</Text><ActionID>77</ActionID><Index>1</Index><Segments /></BranchStruct></Branches>
  <Cases><BranchStruct><Text>a</Text><ActionID>3</ActionID><Index>0</Index><Segments /></BranchStruct></Cases></ActionStruct>
<ActionStruct><ActionID>3</ActionID><Action>END</Action><Parameters /><Branches /><Cases /></ActionStruct>`),
      'odd.xml',
    );
    expect(r.diagnostics.map((d) => d.code).sort()).toEqual(['W-IMPORT-BRANCH', 'W-IMPORT-BRANCH', 'W-IMPORT-TARGET']);
    expect(r.text).toContain('2: IF {\n  Expression = "x > 1"\n}\n  True -> 3\n\n3: END');
  });

  it('relabels duplicated and missing ids, and names a script from its path when it has no name', () => {
    const r = importStudio(
      '{"header": {"scriptName": "Folder\\\\My Script"}, "actions": {"1": {"name": "BEGIN", "actionId": 1}, "x y": {"name": "END"}}, "branches": {"1": [{"to": "x y", "type": "default"}]}}',
      'j.json',
    );
    expect(r.text).toMatch(/^script My_Script\n/);
    expect(r.text).toContain('1: BEGIN -> x_y');
    expect(r.diagnostics.map((d) => d.code)).toEqual(expect.arrayContaining(['W-IMPORT-NAME', 'W-IMPORT-LABEL']));
  });

  it('keeps `{x.$Value}` and a `{variable}` in an enum property as substitutions: the script checks and exports back the same', () => {
    // From a public CXone Studio export: ASSIGN of `{…SuppressionField.$Value}`, and REQAGENT's enums taken from variables.
    const r = importStudio(
      desktop(`<ActionStruct><ActionID>2</ActionID><Action>ASSIGN</Action><Parameters><string>field</string><string>{_prospectiveContact.CustomInfo.SuppressionField.$Value}</string></Parameters>
  <DefaultNextAction><Text /><ActionID>3</ActionID><Index>0</Index><Segments /></DefaultNextAction><Branches /><Cases /></ActionStruct>
<ActionStruct><ActionID>3</ActionID><Action>REQAGENT</Action><Parameters><string>{SKILLNO}</string><string /><string>{PriorityManagement}</string><string>0</string><string>1</string><string /><string>1000</string><string /><string>AfterSequence</string><string>{ScreenPopSource}</string></Parameters><Branches /><Cases /></ActionStruct>`),
      'v.xml',
    );
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(r.text).toContain('  Value = "{_prospectiveContact.CustomInfo.SuppressionField.$Value}"\n');
    expect(r.text).toContain('  PriorityManagement = "{PriorityManagement}"\n');
    expect(r.text).toContain('  ScreenPopSource = "{ScreenPopSource}"\n');
    const back = exportStudio(r.text!, 'v.script', { format: 'xml' });
    expect(back.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    for (const value of ['{_prospectiveContact.CustomInfo.SuppressionField.$Value}', '{PriorityManagement}', '{ScreenPopSource}']) expect(back.text).toContain(`<string>${value}</string>`);
  });

  it('keeps a parameter the table has no property for in the studio block, so the script checks and exports it back at its position', () => {
    const params = ['"%Press 1"', 'Press 1', 'True', '1', '#-', '5', '5', 'MRES', 'False'];
    const r = importStudio(
      desktop(`<ActionStruct><ActionID>2</ActionID><Action>MENU</Action><Parameters>${params.map((p) => `<string>${p}</string>`).join('')}</Parameters><Branches /><Cases /></ActionStruct>`),
      'm.xml',
    );
    expect(r.diagnostics.find((d) => d.code === 'W-IMPORT-EXTRA-PARAM')?.message).toBe('action 2 (MENU): parameter 9 ("False") has no known meaning; kept as P9 in the studio block');
    expect(r.text).toMatch(/\n {2}2 \{ [^}]*P9 = "False"/);
    expect(r.text!.slice(0, r.text!.indexOf('studio {'))).not.toContain('P9');
    const back = exportStudio(r.text!, 'm.script', { format: 'xml' });
    expect(back.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const menu = back.text!.slice(back.text!.indexOf('<Action>MENU</Action>'));
    expect([...menu.slice(0, menu.indexOf('</Parameters>')).matchAll(/<string>([^<]*)<\/string>/g)].map((m) => m[1])).toEqual(params);
  });

  it('reports SNIPPET code that breaks the .script text as E-IMPORT-OUTPUT', () => {
    const r = importStudio(desktop('<ActionStruct><ActionID>2</ActionID><Action>SNIPPET</Action><Parameters><string>}}}</string></Parameters><Branches /><Cases /></ActionStruct>'), 'bad.xml');
    expect(r.text).toBeUndefined();
    expect(r.diagnostics.at(-1)?.code).toBe('E-IMPORT-OUTPUT');
  });
});

describe('studio-script import', () => {
  it('prints the script on stdout, warnings on stderr', async () => {
    const r = await cli(['import', fixture('Billing.xml')]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^script Billing\n/);
    expect(r.err).toMatch(/Billing\.xml:234:5: warning W-IMPORT-UNKNOWN-ACTION/);
  });

  it('writes -o and says which format it read', async () => {
    const out = join(tmp(), 'Renewals.script');
    const r = await cli(['import', fixture('Renewals.json'), '-o', out]);
    expect(r.code).toBe(0);
    expect(readFileSync(out, 'utf8')).toMatch(/^script Renewals\n/);
    expect(r.err).toContain('(CXone Studio JSON)');
  });

  it('exits 2 with a located diagnostic for a broken export, never a stack trace', async () => {
    const f = join(tmp(), 'Bad.xml');
    writeFileSync(f, '<ScriptContainer>\n  <Actions>\n    <ActionStruct>\n  </Actions>\n</ScriptContainer>\n');
    const r = await cli(['import', f]);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toContain(`${displayPath(f)}:4:`);
    expect(r.err).not.toMatch(/\bat .*\.(js|ts):\d+/);
  });

  it('exits 2 for an export cut short, at its end, naming the element left open', async () => {
    const f = join(tmp(), 'Cut.xml');
    const whole = readFileSync(fixture('Billing.xml'), 'utf8');
    writeFileSync(f, whole.slice(0, whole.indexOf('</Parameters>')));
    const r = await cli(['import', f]);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toMatch(/:\d+:\d+: error E-IMPORT-XML not well-formed XML: the file ends with <Parameters> \(opened at 8:7\) not closed, nor <ActionStruct> \(4:5\), <Actions> \(3:3\), <ScriptContainer> \(2:1\)/);
    expect(r.err).toContain('is the export cut short?');
  });

  it('exits 2 for a missing file', async () => {
    expect((await cli(['import', join(tmp(), 'nope.xml')])).err).toContain('no such file');
  });

  it('--json prints one document: the script (or the file written), the format read and the warnings', async () => {
    const r = await cli(['import', fixture('Billing.xml'), '--json']);
    expect(r.code).toBe(0);
    expect(r.err).toBe('');
    const doc = JSON.parse(r.out);
    expect(doc).toMatchObject({ file: displayPath(fixture('Billing.xml')), format: 'xml', text: expect.stringMatching(/^script Billing\n/) });
    expect(doc.diagnostics.map((d: { code: string }) => d.code)).toContain('W-IMPORT-UNKNOWN-ACTION');
    const out = join(tmp(), 'Renewals.script');
    const written = await cli(['import', fixture('Renewals.json'), '-o', out, '--json']);
    expect(JSON.parse(written.out)).toMatchObject({ file: displayPath(fixture('Renewals.json')), format: 'json', output: displayPath(out) });
    expect(JSON.parse(written.out)).not.toHaveProperty('text');
    expect(written.err).toBe('');
    expect(readFileSync(out, 'utf8')).toMatch(/^script Renewals\n/);
    const broken = join(tmp(), 'Broken.xml');
    writeFileSync(broken, '<ScriptContainer><Actions>');
    const bad = await cli(['import', broken, '--json']);
    expect(bad.code).toBe(2);
    expect(JSON.parse(bad.out)).not.toHaveProperty('text');
    expect(JSON.parse(bad.out).diagnostics[0]).toMatchObject({ severity: 'error', file: displayPath(broken) });
  });
});
