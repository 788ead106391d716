// Routing from a point of contact: `run --poc`, a test case's `poc:` and the
// API's `{ poc }` resolve POC → skill → script and fill DNIS, SKILLNO and POC.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadFolder } from '../../src/graph/folder.js';
import { createRuntime } from '../../src/runtime/runtime.js';
import { loadTenant } from '../../src/tenant/tenant.js';
import { runScript } from '../../src/testing/index.js';
import { runCli } from '../cli/run-cli.js';

const PROJECT = join(import.meta.dirname, 'project');
const TENANT = join(PROJECT, 'tenant.yaml');
const NOW = '2026-01-05T09:00:00-07:00';

describe('run --poc', () => {
  it('starts the script of the point of contact, found in the tenant', async () => {
    const { code, out } = await runCli(['run', '--poc', '(800) 555-0100', '--tenant', TENANT, '--now', NOW, '--json']);
    expect(code).toBe(0);
    const result = JSON.parse(out);
    expect(result.script).toBe('SupportLine');
    expect(result.variables.arrived).toBe('8005550100|2001|8005550100');
  });

  it('takes a script that is the POC\'s, and refuses one that is not', async () => {
    const ok = await runCli(['run', join(PROJECT, 'SalesLine.script'), '--poc', '8005550101', '--now', NOW, '--json']);
    expect(JSON.parse(ok.out).variables.arrived).toBe('8005550101|2002|+1 (800) 555-0101');
    const wrong = await runCli(['run', join(PROJECT, 'SupportLine.script'), '--poc', '8005550101', '--now', NOW]);
    expect(wrong.code).toBe(2);
    expect(wrong.err).toContain('point of contact +1 (800) 555-0101 runs SalesLine, not SupportLine');
  });

  it('an unknown or inactive POC is a usage error naming it', async () => {
    const unknown = await runCli(['run', '--poc', '8005550000', '--tenant', TENANT]);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain('--poc 8005550000: point of contact "8005550000" does not exist in this business unit (known: 8005550100');
    const inactive = await runCli(['run', '--poc', '8005550199', '--tenant', TENANT, '--json']);
    expect(inactive.code).toBe(2);
    expect(JSON.parse(inactive.out).diagnostics[0].message).toContain('point of contact 8005550199 (Retired line) is inactive');
  });

  it('without a script or --poc, says what to give', async () => {
    const { code, err } = await runCli(['run']);
    expect(code).toBe(2);
    expect(err).toContain('give the script to run');
  });
});

describe('poc in test files and the API', () => {
  it('a test case with poc: runs the POC\'s script with its contact', async () => {
    const { code, out } = await runCli(['test', join(PROJECT, 'routing.test.yaml')]);
    expect(out).toContain('2 passed');
    expect(code).toBe(0);
  });

  it('runtime.run({ poc }) resolves the POC; a POC that is not there is a RuntimeOptionError', async () => {
    const scripts = await loadFolder(PROJECT);
    const tenant = await loadTenant(TENANT);
    const runtime = createRuntime({ scripts, tenant, now: NOW });
    const r = await runtime.run({ poc: 'support@example.com' });
    expect(r.script).toBe('SupportMail');
    expect(r.variables.arrived).toBe('Support@Example.com|2003|Support@Example.com');
    await expect(createRuntime({ scripts, tenant, now: NOW }).run({ poc: 'sales@example.com' })).rejects.toThrow(/point of contact "sales@example.com" does not exist/);
    tenant.close();
  });

  it('runScript takes poc beside the script', async () => {
    const r = await runScript('SupportLine', { scripts: PROJECT, tenant: TENANT, poc: '8005550100' });
    expect(r.variables.arrived).toBe('8005550100|2001|8005550100');
  });
});

describe("REQAGENT's Default skill is the POC's skill", () => {
  const QUEUE = join(import.meta.dirname, 'queue');
  const QUEUE_TENANT = join(QUEUE, 'tenant.yaml');

  it('run --poc: the call queues on the skill of the line dialled and that skill\'s agent answers', async () => {
    const sales = await runCli(['run', '--poc', '8005550101', '--tenant', QUEUE_TENANT, '--now', NOW, '--json']);
    expect(sales.code).toBe(0);
    const r = JSON.parse(sales.out);
    expect(r.variables).toMatchObject({ queuedon: '2002', answeredby: '3001 for Inbound_Sales' });
    expect(r.transcript.map((l: { text: string }) => l.text)).toEqual(['queued for Inbound_Sales', 'agent Sam Lee (3001) answered for Inbound_Sales', 'agent hung up']);
    const support = JSON.parse((await runCli(['run', '--poc', '(800) 555-0100', '--tenant', QUEUE_TENANT, '--now', NOW, '--json'])).out);
    expect(support.variables).toMatchObject({ queuedon: '2001', answeredby: '3002 for Inbound_Support' });
  });

  it('a test case with poc: queues on the POC\'s skill', async () => {
    const { code, out } = await runCli(['test', join(QUEUE, 'queue.test.yaml')]);
    expect(out).toContain('2 passed');
    expect(code).toBe(0);
  });

  it('runtime.run({ poc }) and runScript({ poc }) queue on the POC\'s skill', async () => {
    const tenant = await loadTenant(QUEUE_TENANT);
    const r = await createRuntime({ scripts: await loadFolder(QUEUE), tenant, now: NOW }).run({ poc: '8005550101' });
    expect(r.contact).toMatchObject({ dnis: '8005550101', releasedBy: 'agent', agent: { id: '3001' } });
    expect(r.variables).toMatchObject({ queuedon: '2002' });
    tenant.close();
    const s = await runScript('QueueLine', { scripts: QUEUE, tenant: QUEUE_TENANT, poc: '8005550100', now: NOW });
    expect(s.variables).toMatchObject({ queuedon: '2001', answeredby: '3002 for Inbound_Support' });
  });
});
