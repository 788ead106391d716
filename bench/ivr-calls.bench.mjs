// Row ivr.calls (spec/performance.md): 10,000 simulated calls through the
// example IVR (scripts-examples/InboundIvr.script) against the example tenant,
// in one process, each call a fresh runtime and contact. The callers are a mix
// of what a real line sees (support, billing with a known or an unknown
// account, an invalid key, silence, a voicemail, a caller who gives up in the
// queue, after-hours and holiday calls), in a fixed order. The peer is the
// run.actions loop (ASSIGN / IF / CASE) running as many actions as the calls
// did, so the ratio is the cost of an IVR action over a plain action.
import { join } from 'node:path';
import { builtinRegistry } from '../dist/src/actions/registry.js';
import { loadFolder, loadScriptText } from '../dist/src/graph/load.js';
import { createStubHttp } from '../dist/src/http/index.js';
import { createRuntime } from '../dist/src/runtime/runtime.js';
import { loadTenant } from '../dist/src/tenant/index.js';
import { interleaved } from './measure.mjs';
import { loopScript } from './run-actions.bench.mjs';

const CALLS = 10_000;
const ROUNDS = 3;
const EXAMPLES = join(import.meta.dirname, '..', 'scripts-examples');

const OPEN = '2026-12-07T10:00:00';
/** [share of calls, start time, caller] */
const MIX = [
  [30, OPEN, 'hear billing; press 2'],
  [20, OPEN, 'hear billing; press 1; hear pound; press 12345#'],
  [8, OPEN, 'hear billing; press 1; hear pound; press 999#'],
  [8, OPEN, 'hear billing; press 9; hear billing; press 2'],
  [8, OPEN, ''],
  [8, OPEN, 'hear billing; press 3; at voicemail; wait 1s; say "please call me back"; press #'],
  [10, OPEN, 'hear billing; press 1; hear pound; press 12345#; at hold; wait 1m; hangup'],
  [6, '2026-12-07T19:30:00', 'at voicemail; wait 1s; say "my power is out"; press #'],
  [2, '2026-12-25T10:00:00', 'at menu; hangup'],
];
const PLAN = MIX.flatMap(([share, now, caller]) => Array.from({ length: share }, () => ({ now, caller })));

const STUBS = [
  { match: { http: 'POST https://billing.example.com/calls' }, status: 201, body: { logged: true } },
  { match: { http: 'GET https://billing.example.com/accounts/12345' }, body: { name: 'Marge Simpson', balance: 42.5 } },
  { match: { http: 'GET https://billing.example.com/accounts/*' }, status: 404, body: { error: 'no such account' } },
];

export default async function () {
  const scripts = await loadFolder(EXAMPLES);
  const tenant = await loadTenant(join(EXAMPLES, 'tenant.yaml'));
  let actions = 0;
  let completed = 0;
  const calls = async () => {
    actions = 0;
    completed = 0;
    for (let i = 0; i < CALLS; i++) {
      const { now, caller } = PLAN[i % PLAN.length];
      const runtime = createRuntime({ scripts, tenant, now, http: createStubHttp(STUBS), contact: { ani: '3035550100', dnis: '8005550000', caller } });
      const r = await runtime.run('InboundIvr');
      actions += r.steps;
      if (r.status === 'completed') completed++;
    }
  };
  await calls();
  if (completed !== CALLS) throw new Error(`only ${completed} of ${CALLS} calls completed`);
  const registry = builtinRegistry();
  const { script } = loadScriptText(loopScript(Math.ceil(actions / 4)), 'Bench.script', { registry });
  const loop = { folder: '.', scripts: new Map([['bench', script]]), registry };
  const plain = async () => {
    const r = await createRuntime({ scripts: loop, now: OPEN, limits: { maxActions: actions + 10 } }).run('Bench');
    if (r.status !== 'completed') throw new Error(`loop ended ${r.status}: ${r.lastError}`);
  };
  const [ivr, runActions] = await interleaved([calls, plain], ROUNDS);
  return {
    name: 'ivr.calls',
    work: CALLS,
    unit: 'calls',
    seconds: ivr,
    peers: { 'run.actions': runActions },
    actionsPerCall: Math.round((actions / CALLS) * 10) / 10,
    msPerCall: Math.round((ivr / CALLS) * 1e5) / 100,
  };
}
