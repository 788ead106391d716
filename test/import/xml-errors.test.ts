// Desktop XML exports that are not well formed: an export cut short is
// reported at the end of the file with the element left open and where it
// opened; every other XML error where it is, in plain words. An action whose
// type was emptied is an error that guesses no type.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { positionAt, type Diagnostic } from '../../src/contract/diagnostics.js';
import { readStudioExport } from '../../src/import/read.js';

const BILLING = readFileSync(join(import.meta.dirname, 'fixtures', 'Billing.xml'), 'utf8');

const only = (text: string): Diagnostic => {
  const r = readStudioExport(text, 'e.xml');
  expect(r.script).toBeUndefined();
  expect(r.diagnostics).toHaveLength(1);
  return r.diagnostics[0]!;
};

/** Where the last character that is not white space ends. */
const endOf = (text: string) => positionAt(text, text.trimEnd().length);

const EXPORT = [
  '<?xml version="1.0" encoding="utf-8"?>',
  '<ScriptContainer BusNo="30">',
  '  <Actions>',
  '    <ActionStruct>',
  '      <ActionID>1</ActionID>',
  '      <Action>BEGIN</Action>',
  '      <Parameters>',
  '        <string>x</string>',
  '      </Parameters>',
  '    </ActionStruct>',
  '  </Actions>',
  '</ScriptContainer>',
  '',
].join('\n');

const cut = (marker: string, extra = 0): string => EXPORT.slice(0, EXPORT.indexOf(marker) + extra);

describe('an export cut short', () => {
  it('names the innermost element left open and where it opened, located at the end of the file', () => {
    const text = cut('</string>');
    const d = only(text);
    expect(d).toMatchObject({ code: 'E-IMPORT-XML', severity: 'error', span: { file: 'e.xml', ...endOf(text) } });
    expect(d.message).toBe(
      'not well-formed XML: the file ends with <string> (opened at 8:9) not closed, nor <Parameters> (7:7), <ActionStruct> (4:5), <Actions> (3:3), <ScriptContainer> (2:1); is the export cut short?',
    );
  });

  it('is located after the last text, not on the empty line a final line break starts', () => {
    const text = cut('    </ActionStruct>');
    expect(text.endsWith('\n')).toBe(true);
    const d = only(text);
    expect(d.span).toMatchObject({ line: 9, col: 20 });
    expect(d.message).toContain('the file ends with <ActionStruct> (opened at 4:5) not closed, nor <Actions> (3:3), <ScriptContainer> (2:1)');
  });

  it('says when the file stops inside a tag, an attribute value, a comment or a CDATA section', () => {
    expect(only(cut('</Parameters>', 5)).message).toContain('the file ends in the middle of the end tag </Par (at 9:7) with <Parameters> (opened at 7:7) not closed');
    expect(only(cut('<Parameters>', 4)).message).toContain('the file ends in the middle of the start tag <Par (at 7:7) with <ActionStruct> (opened at 4:5) not closed');
    expect(only(cut('</Actions>') + '<Extra a="1').message).toContain('in the middle of an attribute value of the start tag <Extra (at 11:3)');
    expect(only(cut('</Actions>') + '<!-- a note').message).toContain('in the middle of a comment (at 11:3) with <Actions> (opened at 3:3) not closed');
    expect(only(cut('</Actions>') + '<![CDATA[ x').message).toContain('in the middle of a CDATA section (at 11:3)');
    expect(only(cut('</ScriptContainer>', 3)).message).toBe(
      'not well-formed XML: the file ends in the middle of the end tag </S (at 12:1) with <ScriptContainer> (opened at 2:1) not closed; is the export cut short?',
    );
  });

  it('names the outer elements up to four and counts the rest', () => {
    const text = '<ScriptContainer>' + '<a>'.repeat(7) + '<b>';
    expect(only(text).message).toContain('with <b> (opened at 1:39) not closed, nor <a> (1:36), <a> (1:33), <a> (1:30), <a> (1:27), 4 more;');
  });

  it('answers every cut of a real-sized export at its end, naming what is open', () => {
    const root = BILLING.lastIndexOf('</ScriptContainer>');
    for (let n = BILLING.indexOf('<ScriptContainer') + 20; n < root; n += 13) {
      const text = BILLING.slice(0, n);
      const d = only(text);
      expect(d.code).toBe('E-IMPORT-XML');
      expect(d.span).toMatchObject(endOf(text));
      // Only a cut inside the root's own start tag leaves no element open.
      const open = n < BILLING.indexOf('>', BILLING.indexOf('<ScriptContainer')) ? /the start tag <ScriptContainer \(at \d+:1\)/ : /with <[\w:]+> \(opened at \d+:\d+\) not closed/;
      expect(d.message).toMatch(/^not well-formed XML: the file ends .*; is the export cut short\?$/);
      expect(d.message).toMatch(open);
    }
  });
});

describe('other XML errors', () => {
  it('are located where they are, in plain words', () => {
    const cases: [string, string, number, number][] = [
      [EXPORT.replace('</Parameters>', '</Params>'), '</Params> found where </Parameters> was expected (<Parameters> opened at 7:7)', 9, 7],
      [EXPORT.replace('BusNo="30"', 'BusNo="30" BusNo="31"'), 'attribute BusNo is written twice', 2, 29],
      [EXPORT + 'trailing words', 'text after the root element was closed', 13, 1],
      [EXPORT + '<Other></Other>', 'a second element after the root element was closed (an export has one root, <ScriptContainer>)', 13, 1],
      [EXPORT.replace('<string>x', '<string>a & b'), "'&' that starts no entity (write &amp; for an & in text)", 8, 19],
      [EXPORT.replace('</ActionStruct>', '</ActionStruct></Stray>'), '</Stray> found where </Actions> was expected (<Actions> opened at 3:3)', 10, 20],
      [EXPORT + '</Stray>', '</Stray> closes an element that is not open', 13, 1],
    ];
    for (const [text, message, line, col] of cases) {
      const d = only(text);
      expect(d).toMatchObject({ code: 'E-IMPORT-XML', message: `not well-formed XML: ${message}`, span: { line, col } });
    }
  });
});

describe('an action without a type', () => {
  it('is an error that guesses no type, located at its <Action> element', () => {
    for (const [type, how] of [
      ['<Action></Action>', 'empty'],
      ['<Action>   </Action>', 'empty'],
      ['<Action />', 'empty'],
      ['', 'missing'],
    ] as const) {
      const text = EXPORT.replace('<Action>BEGIN</Action>', type);
      const d = only(text);
      expect(d.message).toBe(`action 1: the action has no type (its <Action> element is ${how})`);
      expect(d.message).not.toContain('did you mean');
      expect(d).toMatchObject({ code: 'E-IMPORT-STRUCTURE', span: type === '' ? { line: 4, col: 5 } : { line: 6, col: 7 } });
    }
  });

  it('is reported for each such action', () => {
    const two = EXPORT.replace('<Action>BEGIN</Action>', '<Action/>').replace('  </Actions>', '    <ActionStruct><ActionID>2</ActionID><Action> </Action></ActionStruct>\n  </Actions>');
    const r = readStudioExport(two, 'e.xml');
    expect(r.script).toBeUndefined();
    expect(r.diagnostics.map((d) => [d.message, d.span.line])).toEqual([
      ['action 1: the action has no type (its <Action> element is empty)', 6],
      ['action 2: the action has no type (its <Action> element is empty)', 11],
    ]);
  });
});
