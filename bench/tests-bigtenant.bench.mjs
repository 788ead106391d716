// Row tests.bigtenant (spec/performance.md): `studio-script test` of one file
// of 1,000 cases against a 24,000-lead tenant (bench/big-tenant.mjs), whole
// process with `--workers 1`; peer `small`: the same cases against the
// examples tenant (240 leads). Nine cases in ten run HelloWorld (they never
// touch the tenant), one in ten CreateProspectsSub (a CRM search for New leads,
// CREATEPROSPECTS, the write-back). Target ≤ 1.5×: a case costs the same
// whatever the tenant's size (the tenant is loaded once per session, each case
// runs on a copy-on-write copy).
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { EXAMPLES, writeBigTenant } from './big-tenant.mjs';
import { medianOf } from './measure.mjs';

const CASES = 1000;
const ROUNDS = 3;
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const cli = join(root, 'dist/src/cli/main.js');

function testFile(tenant) {
  let text = `now: 2026-11-21T09:00:00-07:00\nscripts: scripts\ntenant: ${tenant}\ncases:\n`;
  for (let i = 0; i < CASES; i++) {
    if (i % 10 === 9)
      text += `  - name: pulls leads ${i}\n    script: CreateProspectsSub\n    vars: { skillNo: 1234, sourceName: KustomerLeads, batchSize: 25 }\n    expect:\n      status: completed\n      visits: [pull, create, pushBack, done]\n\n`;
    else
      text += `  - name: greets caller ${i}\n    script: HelloWorld\n    vars: { name: "Caller ${i}" }\n    expect:\n      status: completed\n      variables: { greeting: "Hello, Caller ${i}!", total: 6 }\n\n`;
  }
  return text;
}

function run(file) {
  const t = process.hrtime.bigint();
  const r = spawnSync(process.execPath, [cli, 'test', file, '--workers', '1', '--reporter', 'json'], { cwd: root, encoding: 'utf8', maxBuffer: 1 << 28 });
  const s = Number(process.hrtime.bigint() - t) / 1e9;
  const passed = r.status === 0 ? JSON.parse(r.stdout).summary.passed : -1;
  if (passed !== CASES) throw new Error(`${file}: exit ${r.status}, ${passed} cases passed: ${r.stderr.slice(0, 500)}${r.stdout.slice(0, 500)}`);
  return s;
}

export default async function () {
  const dir = mkdtempSync(join(tmpdir(), 'bench-bigtenant-'));
  try {
    const scripts = join(dir, 'scripts');
    mkdirSync(scripts);
    for (const f of readdirSync(EXAMPLES)) if (f.endsWith('.script')) copyFileSync(join(EXAMPLES, f), join(scripts, f));
    copyFileSync(join(EXAMPLES, 'tenant.yaml'), join(dir, 'small.yaml'));
    writeBigTenant(dir);
    writeFileSync(join(dir, 'big.test.yaml'), testFile('tenant.json'));
    writeFileSync(join(dir, 'small.test.yaml'), testFile('small.yaml'));
    const big = [];
    const small = [];
    for (let i = 0; i <= ROUNDS; i++) {
      const b = run(join(dir, 'big.test.yaml'));
      const s = run(join(dir, 'small.test.yaml'));
      if (i > 0) (big.push(b), small.push(s)); // round 0 warms the caches
    }
    return { name: 'tests.bigtenant', work: CASES, unit: 'cases', seconds: medianOf(big), peers: { small: medianOf(small) } };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
