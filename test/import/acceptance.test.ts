// A new user's first move, on an export shaped like NICE's MENU help example
// (scripts-examples/MainMenu.xml, written for this project): import it, check it, test it with
// stubs, send it back. The same export taking a real call is test/routing/menu-import.test.ts.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkPaths } from '../../src/graph/folder.js';
import { analyzeScript } from '../../src/graph/analyze.js';
import { importStudio } from '../../src/import/convert.js';
import { exportStudio } from '../../src/import/export.js';
import { readStudioExport } from '../../src/import/read.js';
import { runCli } from '../cli/run-cli.js';

const EXPORT = join(import.meta.dirname, '..', '..', 'scripts-examples', 'MainMenu.xml');
const xml = readFileSync(EXPORT, 'utf8');

describe('a Desktop export of a MENU with three REQAGENTs', () => {
  const imported = importStudio(xml, EXPORT);
  const script = imported.text!;

  it('imports with its three menu cases connected to three REQAGENT actions', () => {
    const g = analyzeScript(script, 'MainMenu.script').graph;
    const menu = g.actions.find((a) => a.type === 'MENU')!;
    expect(menu.branches.map((b) => [b.name, g.actions.find((a) => a.label === b.target)?.type, g.actions.find((a) => a.label === b.target)?.caption])).toEqual([
      ['1', 'REQAGENT', 'Orders'],
      ['2', 'REQAGENT', 'Returns'],
      ['3', 'REQAGENT', 'Account team'],
    ]);
    expect(g.actions.find((a) => a.type === 'BEGIN')!.branches).toEqual([expect.objectContaining({ name: 'Default', target: menu.label })]);
    // MENU and REQAGENT are actions the emulator runs: nothing is imported as opaque.
    expect(imported.diagnostics).toEqual([]);
  });

  it("checks with only the warnings Studio's own check gives", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'menu-'));
    writeFileSync(join(dir, 'MainMenu.script'), script);
    const r = await checkPaths([dir]);
    // The export leaves the REQAGENTs' Default and the MENU's Default and Timeout unwired.
    expect(r.diagnostics.map((d) => [d.severity, d.code, d.message.split(':')[0]])).toEqual([
      ['warning', 'W-UNROUTED', "REQAGENT '7'"],
      ['warning', 'W-UNROUTED', "REQAGENT '6'"],
      ['warning', 'W-UNROUTED', "REQAGENT '5'"],
      ['warning', 'W-UNROUTED', "MENU '8'"],
    ]);
  });

  it('exports back to XML with the same actions, parameters and branches', () => {
    const back = readStudioExport(exportStudio(script, 'MainMenu.script', { format: 'xml' }).text!, 'back.xml').script!;
    const original = readStudioExport(xml, EXPORT).script!;
    // The order of ActionStructs carries no meaning (an import puts BEGIN first); compare by id.
    const shape = (s: typeof original) =>
      [...s.actions].sort((a, b) => Number(a.id) - Number(b.id)).map((a) => ({ id: a.id, type: a.type, caption: a.caption, params: a.params.map((p) => p.value), branches: a.branches, fields: Object.fromEntries(a.fields) }));
    expect(shape(back)).toEqual(shape(original));
    expect(back.fields).toEqual(original.fields);
  });

  const scriptFile = (): string => {
    const file = join(mkdtempSync(join(tmpdir(), 'menu-run-')), 'MainMenu.script');
    writeFileSync(file, script);
    return file;
  };

  it('runs with stubs standing in for MENU and REQAGENT', async () => {
    const file = scriptFile();
    const stubs = join(file, '..', 'stubs.yaml');
    writeFileSync(stubs, 'stubs:\n  - match: { action: MENU }\n    return: { branch: "2", outputs: { Variable: "2" } }\n  - match: { action: REQAGENT, Skill: "7012" }\n    return: { branch: Default }\n');
    const stubbed = await runCli(['run', file, '--stubs', stubs, '--json']);
    const result = JSON.parse(stubbed.out) as { path: string[]; variables: Record<string, unknown> };
    expect(result.path).toEqual(['MainMenu.9', 'MainMenu.8', 'MainMenu.6']);
    expect(result.variables.mres).toBe('2');
  });
});
