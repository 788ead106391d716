import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'graph-'));
const script = join(dir, 'G.script');
writeFileSync(script, 'script G\nstart: BEGIN -> i\ni: IF { Expression = "x" }\n  True -> e\n  False -> e\ne: END\n');
const coverage = join(dir, 'coverage.json');
writeFileSync(coverage, JSON.stringify({ scripts: { G: { file: script, actions: { start: 1, i: 1, e: 1 }, branches: { start: { Default: 1 }, i: { True: 1 } } } } }));

describe('studio-script graph', () => {
  it('prints mermaid by default', async () => {
    const r = await runCli(['graph', script]);
    expect(r.code).toBe(0);
    expect(r.out).toContain('n1 -->|"False"| n2');
  });

  it.each(['dot', 'json', 'mermaid'])('prints %s with coverage marks', async (format) => {
    const r = await runCli(['graph', script, '--format', format, '--coverage', coverage]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(format === 'json' ? /"covered": false/ : format === 'dot' ? /style=dashed/ : /linkStyle 2 /);
  });

  it('writes SVG to a file with -o', async () => {
    const out = join(dir, 'g.svg');
    const r = await runCli(['graph', script, '--format', 'svg', '-o', out]);
    expect(r.code).toBe(0);
    expect(readFileSync(out, 'utf8')).toMatch(/<svg[\s>]/);
  }, 60_000);

  it('picks the format from the -o file name unless --format is given', async () => {
    const dot = join(dir, 'g.dot');
    expect((await runCli(['graph', script, '-o', dot])).code).toBe(0);
    expect(readFileSync(dot, 'utf8')).toMatch(/^digraph /);
    const forced = join(dir, 'forced.dot');
    expect((await runCli(['graph', script, '-o', forced, '--format', 'mermaid'])).code).toBe(0);
    expect(readFileSync(forced, 'utf8')).toMatch(/^flowchart TD/);
  });

  it('warns when the coverage file has no data for the script', async () => {
    const other = join(dir, 'other.json');
    writeFileSync(other, JSON.stringify({ scripts: { Someone: { actions: {} } } }));
    const r = await runCli(['graph', script, '--coverage', other]);
    expect(r.code).toBe(0);
    expect(r.err).toContain('has no data for script G; every action shows as unvisited');
  });

  it('draws the call graph of a folder', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'calls-'));
    writeFileSync(join(folder, 'Main.script'), 'script Main\nstart: BEGIN -> sub\nsub: RUNSUB { ScriptName = "Sub" } -> later\nlater: SPAWN { ScriptName = "Sub" } -> e\ne: END\n');
    writeFileSync(join(folder, 'Sub.script'), 'script Sub\nstart: BEGIN -> r\nr: RETURN\n');
    const m = await runCli(['graph', folder]);
    expect(m.code).toBe(0);
    expect(m.out).toContain('s0 -->|"RUNSUB sub"| s1');
    expect(m.out).toContain('s0 -.->|"SPAWN later"| s1');
    const d = await runCli(['graph', folder, '-f', 'dot']);
    expect(d.out).toContain('"Main" -> "Sub" [label="RUNSUB sub"];');
    expect(d.out).toContain('"Sub" [label="Sub\\nGeneric"];');
    expect(d.out).toContain('rankdir=LR');
    expect((await runCli(['graph', folder, '-f', 'dot', '--direction', 'TB'])).out).toContain('rankdir=TB');
    const cov = join(folder, 'cov.json');
    writeFileSync(cov, JSON.stringify({ scripts: { Main: { actions: { start: 1 } } } }));
    const j = JSON.parse((await runCli(['graph', folder, '-f', 'json', '--coverage', cov])).out) as { scripts: { name: string; visited: boolean }[] };
    expect(j.scripts.map((s) => [s.name, s.visited])).toEqual([['Main', true], ['Sub', false]]);
  });

  it('draws left to right with --direction LR (any case), and refuses other directions', async () => {
    expect((await runCli(['graph', script, '--direction', 'lr'])).out).toMatch(/^flowchart LR\n/);
    expect((await runCli(['graph', script, '-f', 'dot', '--direction', 'LR'])).out).toContain('rankdir=LR');
    const r = await runCli(['graph', script, '--direction', 'up']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('--direction must be TB (top to bottom) or LR (left to right), not "up"');
  });

  it('exits 2 with diagnostics for a script with errors', async () => {
    const bad = join(dir, 'B.script');
    writeFileSync(bad, 'script B\nstart: BEGIN -> x\n');
    const r = await runCli(['graph', bad]);
    expect(r.code).toBe(2);
    expect(r.err).toContain('E-GRAPH-UNKNOWN-TARGET');
  });

  it('creates the folders of -o, and exits 2 naming the file when it cannot be written', async () => {
    const out = join(dir, 'new', 'folder', 'g.dot');
    expect((await runCli(['graph', script, '-o', out])).code).toBe(0);
    expect(readFileSync(out, 'utf8')).toContain('digraph');
    writeFileSync(join(dir, 'a-file'), '');
    const r = await runCli(['graph', script, '-o', join(dir, 'a-file', 'g.dot')]);
    expect(r.code).toBe(2);
    expect(r.err).toBe(`studio-script: cannot write ${join(dir, 'a-file', 'g.dot')}: a part of the path is a file\n`);
  });

  it('exits 2 for an unknown format or a bad coverage file', async () => {
    expect((await runCli(['graph', script, '--format', 'png'])).code).toBe(2);
    writeFileSync(join(dir, 'bad.json'), '{ nope');
    const r = await runCli(['graph', script, '--coverage', join(dir, 'bad.json')]);
    expect(r.code).toBe(2);
    expect(r.err).toContain('not valid JSON');
  });
});
