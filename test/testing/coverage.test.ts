// Coverage from runs: action and branch hits per script, the table, the
// coverage.json shape, and lcov that an existing lcov parser reads back.
import { describe, expect, it } from 'vitest';
import parseLcov from 'lcov-parse';
import { computeCoverage, emptyHits, hitsOf, mergeHits } from '../../src/testing/coverage.js';
import { coverageTable, toLcov } from '../../src/testing/coverage-report.js';
import { fakeGraph, fakeResult } from './helpers/results.js';

const main = fakeGraph('Main', [
  ['start', 'BEGIN', { Default: 'check' }],
  ['check', 'IF', { True: 'callSub', False: 'done' }],
  ['callSub', 'RUNSUB', { Default: 'done', OnError: 'giveUp' }],
  ['done', 'END', {}],
  ['giveUp', 'END', {}],
]);
const sub = fakeGraph('Sub', [
  ['begin', 'BEGIN', { Default: 'ret' }],
  ['ret', 'RETURN', {}],
]);
const runA = fakeResult(['Main.start:Default', 'Main.check:True', 'Main.callSub:Default', 'Sub.begin:Default', 'Sub.ret', 'Main.done']);
const runB = fakeResult(['Main.start:Default', 'Main.check:True', 'Main.callSub:OnError', 'Main.giveUp']);

function parse(text: string): Promise<parseLcov.LcovFile[]> {
  return new Promise((resolve, reject) => parseLcov(text, (err, data) => (err ? reject(new Error(String(err))) : resolve(data!))));
}

describe('coverage', () => {
  const hits = [runA, runB].map(hitsOf).reduce(mergeHits, emptyHits());
  const report = computeCoverage([sub, main], hits);

  it('counts actions and connected branches per script, scripts in name order', () => {
    expect(Object.keys(report.scripts)).toEqual(['Main', 'Sub']);
    expect(report.scripts.Main).toMatchObject({
      file: '/scripts/Main.script',
      actions: { start: 2, check: 2, callSub: 2, done: 1, giveUp: 1 },
      branches: { start: { Default: 2 }, check: { True: 2, False: 0 }, callSub: { Default: 1, OnError: 1 } },
      summary: { actions: { covered: 5, total: 5, pct: 100 }, branches: { covered: 4, total: 5, pct: 80 } },
    });
    expect(report.summary).toEqual({ actions: { covered: 7, total: 7, pct: 100 }, branches: { covered: 5, total: 6, pct: 83.3 } });
  });

  it('counts an outcome on an unconnected branch for the Default edge it continued on', () => {
    const r = computeCoverage([main], hitsOf(fakeResult(['Main.start:Default', 'Main.check:True', 'Main.callSub:Overflow'])));
    expect(r.scripts.Main!.branches.callSub).toEqual({ Default: 1, OnError: 0 });
  });

  it('prints a table with unvisited actions and the untaken branches of visited ones', () => {
    const partial = computeCoverage([main, sub], hitsOf(runB));
    expect(coverageTable(partial)).toBe(
      [
        'Script           Actions     Branches  Not visited  Not taken',
        '-----------  -----------  -----------  -----------  ----------------------------',
        'Main         80.0% (4/5)  60.0% (3/5)  done         check.False, callSub.Default',
        'Sub           0.0% (0/2)   0.0% (0/1)  begin, ret',
        '-----------  -----------  -----------  -----------  ----------------------------',
        'All scripts  57.1% (4/7)  50.0% (3/6)',
        '',
      ].join('\n'),
    );
  });

  it('writes lcov an lcov parser reads: each action a line, each branch a BRDA entry', async () => {
    const text = toLcov(report, [main, sub], '/');
    const files = await parse(text);
    expect(files.map((f) => f.file)).toEqual(['scripts/Main.script', 'scripts/Sub.script']);
    const m = files[0]!;
    expect(m.lines).toMatchObject({ found: 5, hit: 5 });
    expect(m.lines.details).toEqual([
      { line: 3, hit: 2 },
      { line: 4, hit: 2 },
      { line: 5, hit: 2 },
      { line: 6, hit: 1 },
      { line: 7, hit: 1 },
    ]);
    expect(m.branches).toMatchObject({ found: 5, hit: 4 });
    expect(m.branches.details).toContainEqual({ line: 4, block: 1, branch: 1, taken: 0 });
    expect(m.functions).toMatchObject({ found: 1, hit: 1 });
    expect(m.functions.details).toEqual([{ name: 'Main', line: 3, hit: 2 }]);
  });

  it('marks branches of actions that never ran with "-"', () => {
    const r = computeCoverage([main], hitsOf(fakeResult(['Main.start:Default', 'Main.check:False', 'Main.done'])));
    expect(toLcov(r, [main], '/')).toContain('BRDA:5,2,0,-\nBRDA:5,2,1,-\n');
  });
});
