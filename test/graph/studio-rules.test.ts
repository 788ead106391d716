// Studio's rules across the actions of a script, as production scripts meet
// them: WORKFLOWDATA without its DYNAMIC, dynamic objects passed to another
// script, a bare ScriptName, and the other spelling of an error branch.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeScript } from '../../src/graph/analyze.js';
import { checkPaths } from '../../src/graph/folder.js';

const found = (text: string): [string, number, number][] =>
  analyzeScript(text, 'r.script').diagnostics.map((d) => [d.code, d.span.line, d.span.col]);

describe('WORKFLOWDATA', () => {
  const script = (snippet: string) => `script Hours
start: BEGIN -> decl
decl: SNIPPET {${snippet}} -> load
load: WORKFLOWDATA {
  ProfileName = "BusinessHours"
} -> done
  Error -> done
done: END
`;

  it('without DYNAMIC of its profile in a SNIPPET is a located error', () => {
    expect(found(script('\n  x = 1\n'))).toEqual([['E-WORKFLOWDATA-DYNAMIC', 7, 17]]);
    expect(analyzeScript(script(''), 'r.script').diagnostics[0]!.message).toContain('add DYNAMIC BusinessHours');
  });

  it('with it (in any case) loads', () => {
    expect(found(script('\n  DYNAMIC businesshours\n'))).toEqual([]);
  });

  it('is not checked when the profile is only known at run time', () => {
    expect(found(script('\n  x = 1\n').replace('"BusinessHours"', '"{profile}"'))).toEqual([]);
  });
});

describe('dynamic objects passed to another script', () => {
  const script = `script Pass
start: BEGIN -> make
make: SNIPPET {
  DYNAMIC customer
  customer.name = "Ann"
  note = "text"
} -> find
find: GETPROSPECT {
  SourceName = "Leads"
  SearchOptions = "{customer}"
  Results = found
} -> sub
sub: RUNSUB {
  ScriptName = "Other"
  Parameters = [customer, "{customer}", "{customer.asjson()}", note, found, customer.name]
} -> later
later: SPAWN {
  ScriptName = "Other"
  Parameters = [found]
} -> done
done: RETURN {
  ReturnValue = "{customer}"
}
`;

  it('are reported where they are passed, naming where they come from', () => {
    const ds = analyzeScript(script, 'p.script').diagnostics;
    expect(ds.map((d) => [d.code, d.severity, d.span.line, d.span.col])).toEqual([
      ['W-DYNAMIC-PASSED', 'warning', 15, 17],
      ['W-DYNAMIC-PASSED', 'warning', 15, 27],
      ['W-DYNAMIC-PASSED', 'warning', 15, 70],
      ['W-DYNAMIC-PASSED', 'warning', 19, 17],
      ['W-DYNAMIC-PASSED', 'warning', 22, 17],
    ]);
    expect(ds[0]!.message).toBe(
      `RUNSUB 'sub': customer is a dynamic object (DYNAMIC customer in SNIPPET 'make'), which Studio cannot pass as a RUNSUB parameter; pass its text, "{customer.asjson()}", and parse it on the other side`,
    );
    expect(ds[2]!.message).toContain("found is a dynamic object (the Results output of 'find')");
    expect(ds[4]!.message).toContain('as a RETURN value');
  });
});

describe('a bare ScriptName', () => {
  const folder = (caller: string): string => {
    const dir = mkdtempSync(join(tmpdir(), 'bare-'));
    writeFileSync(join(dir, 'Main.script'), caller);
    writeFileSync(join(dir, 'Billing.script'), 'script Billing\nstart: BEGIN -> r\nr: RETURN\n');
    return dir;
  };

  it('naming a script, and never set as a variable, gets a warning suggesting quotes', async () => {
    const dir = folder('script Main\nstart: BEGIN -> call\ncall: RUNSUB {\n  ScriptName = Billing\n} -> done\ndone: END\n');
    const r = await checkPaths([dir]);
    expect(r.diagnostics.map((d) => [d.code, d.span.line, d.span.col, d.message])).toEqual([
      ['W-SCRIPT-NAME-BARE', 4, 16, `RUNSUB 'call': ScriptName = Billing reads the variable Billing, which this script never sets; write "Billing" to call the script Billing`],
    ]);
  });

  it('is not reported when the script sets that variable (ASSIGN, a snippet, BEGIN parameters)', async () => {
    for (const setter of ['set: ASSIGN { Variable = billing Value = "Billing" } -> call', 'set: SNIPPET {\n  Billing = "Billing"\n} -> call']) {
      const dir = folder(`script Main\nstart: BEGIN -> set\n${setter}\ncall: RUNSUB {\n  ScriptName = Billing\n} -> done\ndone: END\n`);
      expect((await checkPaths([dir])).diagnostics).toEqual([]);
    }
    const viaParam = folder('script Main\nstart: BEGIN { Parameters = [billing] } -> call\ncall: RUNSCRIPT {\n  ScriptName = Billing\n}\n');
    expect((await checkPaths([viaParam])).diagnostics.map((d) => d.code)).not.toContain('W-SCRIPT-NAME-BARE');
  });
});

describe('error branch spellings', () => {
  it('accepts the other spelling of an action error branch and says so', () => {
    const text = 'script B\nstart: BEGIN -> s\ns: SNIPPET {\n  a = 1\n} -> e\n  OnError -> e\nr: RUNSUB { ScriptName = "B" } -> e\n  Error -> e\ne: END\n';
    const a = analyzeScript(text, 'b.script');
    expect(a.diagnostics.map((d) => [d.code, d.span.line, d.message])).toEqual([
      ['W-BRANCH-SPELLING', 6, "SNIPPET's error branch is Error; 'OnError' is read as Error"],
      ['W-BRANCH-SPELLING', 8, "RUNSUB's error branch is OnError; 'Error' is read as OnError"],
      ['W-UNREACHABLE', 7, "action 'r' (RUNSUB) is never reached from BEGIN"],
    ]);
    expect(a.graph.actions[1]!.branches.map((b) => b.name)).toEqual(['Default', 'Error']);
  });
});

describe('opaque actions', () => {
  const text = `script O
start: BEGIN -> menu
menu: ASRMENU "Main" {
  Phrase = "Press 1"
  Timeout = "{t}"
  Options = [a, "b"]
} -> done
  Timeout -> done
  "1" -> done
done: ENDWI
`;

  it('load with a warning, keeping every property and branch as written', () => {
    const a = analyzeScript(text, 'o.script');
    expect(a.diagnostics.map((d) => [d.code, d.severity, d.span.line])).toEqual([
      ['W-OPAQUE-ACTION', 'warning', 3],
      ['W-OPAQUE-ACTION', 'warning', 10],
    ]);
    const menu = a.graph.actions[1]!;
    expect(menu).toMatchObject({ type: 'ASRMENU', opaque: true, caption: 'Main' });
    expect(Object.keys(menu.props)).toEqual(['Phrase', 'Timeout', 'Options']);
    expect(menu.branches.map((b) => [b.name, Boolean(b.isValue)])).toEqual([
      ['Default', false],
      ['Timeout', false],
      ['1', true],
    ]);
    // Never interpreted: a `{…}` stays text, so nothing is compiled that could fail.
    expect(a.compiled.get('menu')!.props.get('Timeout')).toEqual({ kind: 'literal', value: '{t}' });
  });

  it('report a property written twice', () => {
    const twice = analyzeScript('script O\nstart: BEGIN -> m\nm: WIDGET { A = 1 a = 2 }\n', 'o.script');
    expect(twice.diagnostics.map((d) => d.code)).toEqual(['W-OPAQUE-ACTION', 'E-SCHEMA-DUPLICATE-PROP']);
  });

  it('are drawn, marked as not emulated', async () => {
    const { renderGraph } = await import('../../src/graph/render/index.js');
    const out = await renderGraph(analyzeScript(text, 'o.script').graph, 'mermaid');
    expect(out).toContain('ASRMENU (not emulated)');
  });
});
