// Row brain.30d.sqlite (spec/performance.md): the CreateProspectsBrain fixture
// with its sub-script, the emulated Kustomer and the dialer over 30 virtual
// days, against a tenant of 24,000 leads (bench/big-tenant.mjs) kept in a
// SQLite state file, trace off; peer `memory`: the same run on the memory
// store. Rounds interleaved, no warm-up; each round opens a new state file (loading the
// tenant is not timed: `loadSeconds` reports it; nor is closing it, which runs the last
// checkpoint: `closeSeconds`). Targets: ≤ 5 s, ≤ 1.5× memory.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadFolder } from '../dist/src/graph/load.js';
import { createRuntime } from '../dist/src/runtime/runtime.js';
import { loadTenant } from '../dist/src/tenant/tenant.js';
import { EXAMPLES, writeBigTenant } from './big-tenant.mjs';
import { medianOf } from './measure.mjs';

const ROUNDS = 3;

export default async function () {
  const dir = mkdtempSync(join(tmpdir(), 'bench-brain-30d-'));
  try {
    const file = writeBigTenant(dir);
    const scripts = await loadFolder(EXAMPLES);
    let n = 0;
    let steps = 0;
    let created = 0;
    const loads = [];
    const closes = [];
    const month = async (state) => {
      let t = process.hrtime.bigint();
      const tenant = await loadTenant(file, state ? { state: join(dir, `state-${n++}.db`) } : {});
      if (state) loads.push(Number(process.hrtime.bigint() - t) / 1e9);
      globalThis.gc?.();
      t = process.hrtime.bigint();
      const runtime = createRuntime({ scripts, tenant, now: '2026-11-21T00:00:00-07:00' });
      const result = await runtime.run('CreateProspectsBrain', { until: '30d' });
      const seconds = Number(process.hrtime.bigint() - t) / 1e9;
      if (result.status !== 'stopped') throw new Error(`brain ended ${result.status}: ${result.lastError}`);
      steps = result.steps;
      created = tenant.store.prospectCount();
      t = process.hrtime.bigint();
      tenant.close();
      if (state) closes.push(Number(process.hrtime.bigint() - t) / 1e9);
      return seconds;
    };
    const sqlite = [];
    const memory = [];
    // Runs of tens of seconds: no warm-up round (JIT warm-up is a small share of one).
    for (let i = 0; i < ROUNDS; i++) {
      sqlite.push(await month(true));
      memory.push(await month(false));
    }
    process.stderr.write(`brain.30d.sqlite: ${steps} actions, ${created} prospects created; tenant load into a new state file ${medianOf(loads).toFixed(2)} s, close ${medianOf(closes).toFixed(2)} s\n`);
    return { name: 'brain.30d.sqlite', work: steps, unit: 'actions', seconds: medianOf(sqlite), peers: { memory: medianOf(memory) }, prospects: created, loadSeconds: Math.round(medianOf(loads) * 100) / 100, closeSeconds: Math.round(medianOf(closes) * 100) / 100 };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
