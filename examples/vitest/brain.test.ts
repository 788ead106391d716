// Unit tests for the brain script, written with vitest instead of a
// *.test.yaml file. Copy this file next to your scripts and adjust the paths.
//   npm install --save-dev vitest studio-script
//   npx vitest run
import { describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { loadProject, runScript } from 'studio-script/testing';
import 'studio-script/vitest';

// Load the scripts and the tenant once for the whole file.
const scripts = fileURLToPath(new URL('../../scripts-examples', import.meta.url));
const project = await loadProject(scripts, { tenant: `${scripts}/tenant.yaml` });

// The brain script's inputs; `now` fixes the virtual clock, so results never depend on the day.
const brain = { scripts: project, now: '2026-11-21T09:00:00-07:00', vars: { skillNo: 1234, sourceName: 'KustomerLeads', threshold: 10 } };

describe('CreateProspectsBrain', () => {
  it('tops up the queue when it runs low', async () => {
    const result = await runScript('CreateProspectsBrain', { ...brain, until: '30m' });
    expect(result).toHaveEndedWith('stopped');
    expect(result).toHaveVisited(['readQueue', 'topUp', 'CreateProspectsSub.create', 'setLastRun']);
    expect(result).toHaveTakenBranch('lowQueue', 'True');
    expect(result).toHaveEffect('prospects', { op: 'Created', externalId: 'L0001' });
  });

  it('keeps running when the CRM is down', async () => {
    const result = await runScript('CreateProspectsBrain', {
      ...brain,
      until: '10m',
      stubs: [{ match: { action: 'WORKFLOW EXECUTE', workflowId: 'search-leads' }, error: 'CRM unavailable' }],
    });
    expect(result).toHaveEndedWith('stopped');
    expect(result).toHaveVisited(['topUp', 'CreateProspectsSub.crmDown', 'tally']);
    expect(result).not.toHaveVisited('subFailed');
    expect(result).toHaveVariable('totalcreated', 0);
    expect(result).not.toHaveEffect('prospects');
  });

  it('takes the No results path when the CRM has no leads', async () => {
    const result = await runScript('CreateProspectsBrain', {
      ...brain,
      until: '5m',
      stubs: [
        {
          match: { action: 'WORKFLOW EXECUTE', workflowId: 'search-leads' },
          return: { branch: 'Default', outputs: { WorkflowResult: { records: [], count: 0, workflowId: 'search-leads' } } },
        },
      ],
    });
    expect(result).toHaveVisited(['CreateProspectsSub.noResults', 'setLastRun']);
    expect(result).toHaveVariable('created', 0);
  });
});
