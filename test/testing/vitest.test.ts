// runScript and the vitest matchers, as a user's test file would use them;
// failed assertions show the path the run took.
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { loadProject, runScript } from '../../src/testing/index.js';
import '../../src/testing/vitest.js';
import { ScriptLoadError } from '../../src/contract/diagnostics.js';

const folder = join(import.meta.dirname, 'fixtures', 'project');
const lowQueue = { match: { action: 'GETQUEUE' }, return: { outputs: { NumberQueued: 2 } } };
const leads = { match: { http: 'GET https://crm.example.com/leads' }, body: { leads: [] } };

describe('runScript', () => {
  it('runs a script with stubs and returns the result with its trace', async () => {
    const r = await runScript('Main', { scripts: folder, vars: { skillNo: 1234 }, stubs: [lowQueue, leads] });
    expect(r.status).toBe('completed');
    expect(r.unmatchedStubs).toEqual([]);
    expect(r.trace?.some((e) => e.type === 'action.exit')).toBe(true);
    expect(r.startedAt).toMatch(/^2026-01-05T09:00:00/);
  });

  it('loads a folder once', async () => {
    expect(await loadProject(folder)).toBe(await loadProject(join(folder, '.')));
  });

  it('rejects stubs the action could never answer, naming the problem', async () => {
    const bad = runScript('Main', { scripts: folder, stubs: [{ match: { label: 'Main.low' }, return: { branch: 'Maybe' } }] });
    await expect(bad).rejects.toBeInstanceOf(ScriptLoadError);
    await expect(bad).rejects.toThrow('IF never takes branch "Maybe"; its branches are True, False');
    // Named by the option text, not by lines of a file the caller never wrote.
    await expect(bad).rejects.toThrow(/^runScript\('Main'\): invalid options: E-TEST-BRANCH .* \(at `branch: Maybe`\)$/);
  });

  it('lists stubs that never answered', async () => {
    const r = await runScript('Poller', { scripts: folder, stubs: [{ match: { action: 'GETQUEUE' }, return: {} }, leads] });
    expect(r.unmatchedStubs).toEqual(['GET https://crm.example.com/leads']);
  });
});

describe('matchers', async () => {
  const r = await runScript('Main', { scripts: folder, vars: { skillNo: 1234 }, stubs: [lowQueue, leads] });
  const failure = (fn: () => void): string => {
    try {
      fn();
    } catch (err) {
      return (err as Error).message;
    }
    throw new Error('the assertion passed');
  };

  it('pass on what the run did', () => {
    expect(r).toHaveVisited('fetch');
    expect(r).toHaveVisited(['start', 'Main.topUp', 'Sub.ret', 'done']);
    expect(r).not.toHaveVisited('giveUp');
    expect(r).toHaveTakenBranch('low', 'True');
    expect(r).not.toHaveTakenBranch('low', 'False');
    expect(r).toHaveEndedWith('completed');
    expect(r).toHaveVariable('created', 25);
    expect(r).toHaveVariable('resultset', { leads: [] });
    expect(r).toHaveVariable('CREATED');
    expect(r).not.toHaveVariable('nothing');
    expect(r).toHaveEffect('http');
    expect(r).toHaveEffect('http', 1);
    expect(r).not.toHaveEffect('prospects');
  });

  it('toHaveVisited shows the path with the first divergence', () => {
    expect(failure(() => expect(r).toHaveVisited(['readQueue', 'giveUp']))).toBe(
      [
        'expected to visit Main.giveUp after Main.readQueue, but the run went Main.low → Main.fetch → Main.topUp … instead',
        '',
        'Path taken (10 steps, run completed):',
        '     1  Main.start',
        '     2  Main.readQueue',
        '>    3  Main.low',
        '     4  Main.fetch',
        '     5  Main.topUp',
        '     6  Sub.start',
        '     7  Sub.count',
        '     8  Sub.ret',
        '     9  Main.pause',
        '    10  Main.note',
        '    11  Main.done',
      ]
        .join('\n')
        .replace('10 steps', `${r.path.length} steps`),
    );
  });

  it('the other matchers name what happened instead', () => {
    expect(failure(() => expect(r).toHaveTakenBranch('low', 'False'))).toMatch(/^expected Main.low to take False, but it took True\n\nPath taken .*\n(.*\n)*>    3  Main.low/);
    expect(failure(() => expect(r).toHaveEndedWith('stuck'))).toMatch(/^expected the run to end stuck, but it ended completed\n\nPath taken/);
    expect(failure(() => expect(r).toHaveVariable('created', 30))).toMatch(/^expected created = 30, but it is 25\n\nPath taken/);
    expect(failure(() => expect(r).toHaveEffect('prospects', { ExternalID: 'A1' }))).toMatch(
      /^expected a prospects effect matching \{"ExternalID":"A1"\}, but the run recorded no prospects effects/,
    );
    expect(failure(() => expect(r).toHaveEffect('prospect'))).toMatch(/^unknown effect kind "prospect": a run records prospects, crm, /);
    expect(failure(() => expect(r).not.toHaveVisited('fetch'))).toMatch(/^expected the run not to visit Main.fetch\n\nPath taken/);
    expect(failure(() => expect({ status: 'x' }).toHaveVisited('fetch'))).toMatch(/^expected a run result \(from runScript or runtime.run\), got/);
  });
});
