import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ScriptLoadError } from '../../src/contract/diagnostics.js';
import { checkPaths, loadFolder } from '../../src/graph/load.js';
import { folder } from '../reliability/cli.js';

const MAIN = (call: string, media = 'Generic') => `script Main\ntype ${media}\nstart: BEGIN -> call\ncall: ${call} -> done\n  OnError -> done\ndone: END\n`;
const SUB = (media = 'Generic', end = 'RETURN { ReturnValue = 1 }') => `script Sub\ntype ${media}\nstart: BEGIN -> back\nback: ${end}\n`;

describe('loadFolder', () => {
  it('loads every script of a folder and its subfolders by lowercase name', async () => {
    const dir = folder({ 'Main.script': MAIN('RUNSUB { ScriptName = "Sub" }'), 'lib/Sub.script': SUB() });
    const set = await loadFolder(dir);
    expect([...set.scripts.keys()].sort()).toEqual(['main', 'sub']);
    expect(set.scripts.get('sub')!.graph.file).toBe(join(dir, 'lib/Sub.script'));
    expect(set.diagnostics).toEqual([]);
  });

  it('throws ScriptLoadError with the diagnostics of every file', async () => {
    const dir = folder({ 'A.script': 'script A\nstart: BEGIN -> x\n', 'B.script': 'script B\nstart: BEGIN -> y\n' });
    const err = await loadFolder(dir).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ScriptLoadError);
    expect((err as ScriptLoadError).diagnostics.map((d) => [d.span.file.slice(dir.length + 1), d.code])).toEqual([
      ['A.script', 'E-GRAPH-UNKNOWN-TARGET'],
      ['B.script', 'E-GRAPH-UNKNOWN-TARGET'],
    ]);
  });

  it('with an entry file, leaves out broken scripts the entry never calls', async () => {
    const broken = 'script Broken\nstart: BEGIN -> nowhere\n';
    const dir = folder({ 'Main.script': MAIN('RUNSUB { ScriptName = "Sub" }'), 'Sub.script': SUB(), 'Broken.script': broken });
    const set = await loadFolder(dir, { entryFile: join(dir, 'Main.script') });
    expect([...set.scripts.keys()].sort()).toEqual(['main', 'sub']);
    expect(set.diagnostics.map((d) => [d.span.file.slice(dir.length + 1), d.code, d.severity])).toEqual([['Broken.script', 'W-SCRIPT-LEFT-OUT', 'warning']]);
    expect(set.diagnostics[0]!.message).toMatch(/Broken has 1 error\(s\) and Main never calls it/);
    // Without the entry, or when the entry reaches it, the broken script still stops the load.
    await expect(loadFolder(dir)).rejects.toBeInstanceOf(ScriptLoadError);
    const calling = folder({ 'Main.script': MAIN('RUNSUB { ScriptName = "Sub" }'), 'Sub.script': SUB('Generic', 'RUNSCRIPT { ScriptName = "Broken" }\n  OnError -> back2\nback2: RETURN'), 'Broken.script': broken });
    await expect(loadFolder(calling, { entryFile: join(calling, 'Main.script') })).rejects.toBeInstanceOf(ScriptLoadError);
    // A ScriptName substituted at run time could reach any script.
    const dynamic = folder({ 'Main.script': MAIN('RUNSUB { ScriptName = "{target}" }'), 'Broken.script': broken });
    await expect(loadFolder(dynamic, { entryFile: join(dynamic, 'Main.script') })).rejects.toBeInstanceOf(ScriptLoadError);
  });

  it('throws for a missing folder and an empty one', async () => {
    await expect(loadFolder(join(tmpdir(), 'does-not-exist-xyz'))).rejects.toThrow(/no such file or folder/);
    await expect(loadFolder(folder({}))).rejects.toThrow(/no \.script files/);
  });
});

describe('cross-script checks', () => {
  const codes = async (files: Record<string, string>) =>
    (await checkPaths([folder(files)])).diagnostics.map((d) => [d.code, d.span.line, d.span.col]);

  it('reports duplicate script names', async () => {
    expect(await codes({ 'a/Sub.script': SUB(), 'b/Sub.script': SUB() })).toContainEqual(['E-GRAPH-DUPLICATE-SCRIPT', 1, 8]);
  });

  it('reports a RUNSUB target that does not exist, with a suggestion', async () => {
    const r = await checkPaths([folder({ 'Main.script': MAIN('RUNSUB { ScriptName = "Sbu" }'), 'Sub.script': SUB() })]);
    expect(r.diagnostics.map((d) => [d.code, d.span.line, d.span.col])).toEqual([['E-GRAPH-SCRIPT-NOT-FOUND', 4, 29]]);
    expect(r.diagnostics[0]!.message).toContain('did you mean Sub?');
  });

  it('checks RUNSCRIPT and SPAWN targets too', async () => {
    expect(await codes({ 'Main.script': MAIN('SPAWN { ScriptName = "Nope" }') })).toEqual([['E-GRAPH-SCRIPT-NOT-FOUND', 4, 28]]);
    const runscript = 'script Main\nstart: BEGIN -> call\ncall: RUNSCRIPT { ScriptName = "Nope" }\n  OnError -> done\ndone: END\n';
    expect(await codes({ 'Main.script': runscript })).toEqual([['E-GRAPH-SCRIPT-NOT-FOUND', 3, 32]]);
  });

  it('rejects paths as script names', async () => {
    expect(await codes({ 'Main.script': MAIN('RUNSUB { ScriptName = "../Sub" }'), 'Sub.script': SUB() })).toEqual([['E-GRAPH-SCRIPT-NAME', 4, 29]]);
  });

  it('requires RUNSUB targets of the same media type', async () => {
    expect(await codes({ 'Main.script': MAIN('RUNSUB { ScriptName = "Sub" }', 'Phone'), 'Sub.script': SUB('Chat') })).toEqual([
      ['E-GRAPH-MEDIA-MISMATCH', 4, 29],
    ]);
  });

  it('warns when a RUNSUB target has no RETURN', async () => {
    expect(await codes({ 'Main.script': MAIN('RUNSUB { ScriptName = "Sub" }'), 'Sub.script': SUB('Generic', 'END') })).toEqual([['W-NO-RETURN', 4, 29]]);
  });

  it('leaves substituted script names to run time', async () => {
    expect(await codes({ 'Main.script': MAIN('RUNSUB { ScriptName = "{target}" }') })).toEqual([]);
  });
});

describe('checkPaths', () => {
  it('checks one file against the scripts of its folder, reporting only that file', async () => {
    const dir = folder({ 'Main.script': MAIN('RUNSUB { ScriptName = "Sub" }'), 'Sub.script': SUB(), 'Broken.script': 'script Broken\nx: ASIGN' });
    const r = await checkPaths([join(dir, 'Main.script')]);
    expect(r.diagnostics).toEqual([]);
    expect(r.files).toBe(1);
  });

  it('reports a missing path as a diagnostic', async () => {
    const r = await checkPaths(['/no/such/file.script']);
    expect(r.diagnostics.map((d) => [d.code, d.message])).toEqual([['E-GRAPH-READ', 'cannot read /no/such/file.script: no such file or folder']]);
  });

  it('reports each problem once when a folder and one of its files are both given', async () => {
    const dir = folder({ 'A.script': 'script A\nstart: BEGIN -> x\n' });
    const r = await checkPaths([dir, join(dir, 'A.script')]);
    expect(r.diagnostics).toHaveLength(1);
  });
});
