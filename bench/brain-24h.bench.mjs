// Row brain.24h (bench/README.md): the CreateProspectsBrain fixture with
// its sub-script, the emulated Kustomer and the dialer over 24 virtual hours,
// trace off. Reports the median wall time and the RSS growth of one run.
import { fileURLToPath } from 'node:url';
import { loadFolder } from '../dist/src/graph/load.js';
import { createRuntime } from '../dist/src/runtime/runtime.js';
import { loadTenant } from '../dist/src/tenant/tenant.js';

const EXAMPLES = fileURLToPath(new URL('../scripts-examples/', import.meta.url));
const ROUNDS = 5;

async function oneDay(scripts) {
  const tenant = await loadTenant(`${EXAMPLES}tenant.yaml`);
  const runtime = createRuntime({ scripts, tenant, now: '2026-11-21T00:00:00-07:00' });
  const result = await runtime.run('CreateProspectsBrain', { until: '24h' });
  if (result.status !== 'stopped') throw new Error(`brain ended ${result.status}: ${result.lastError}`);
  tenant.close();
  return result;
}

export default async function () {
  const scripts = await loadFolder(EXAMPLES);
  await oneDay(scripts); // warm-up
  globalThis.gc?.();
  const rssBefore = process.memoryUsage().rss;
  const times = [];
  let steps = 0;
  for (let i = 0; i < ROUNDS; i++) {
    const t = process.hrtime.bigint();
    const result = await oneDay(scripts);
    times.push(Number(process.hrtime.bigint() - t) / 1e9);
    steps = result.steps;
  }
  globalThis.gc?.();
  const growthMB = (process.memoryUsage().rss - rssBefore) / 2 ** 20;
  times.sort((a, b) => a - b);
  return {
    name: 'brain.24h',
    work: steps,
    unit: 'actions',
    seconds: times[Math.floor(times.length / 2)],
    peers: {},
    rssGrowthMB: Math.round(growthMB * 10) / 10,
  };
}
