// studio-script/testing and the studio-script/vitest matchers, as a user imports them.
import { expect, it } from 'vitest';
import { loadProject, runScript } from 'studio-script/testing';
import 'studio-script/vitest';

const project = await loadProject('node_modules/studio-script/scripts-examples');

it('greets and counts', async () => {
  const result = await runScript('HelloWorld', { scripts: project, vars: { name: 'Ada' }, now: '2026-01-05T09:00:00Z' });
  expect(result).toHaveEndedWith('completed');
  expect(result).toHaveVisited(['greet', 'count', 'check', 'done']);
  expect(result).toHaveTakenBranch('check', 'True');
  expect(result).toHaveVariable('greeting', 'Hello, Ada!');
});

it('a stubbed tally miscounts', async () => {
  const result = await runScript('HelloWorld', {
    scripts: project,
    vars: { name: 'Ada' },
    stubs: [{ match: { label: 'HelloWorld.tally' }, return: { branch: 'Default' } }],
  });
  expect(result).toHaveVisited(['check', 'miscounted']);
});
