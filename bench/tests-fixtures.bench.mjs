// Row tests.fixtures (bench/README.md): the whole `studio-script test
// scripts-examples` process, target ≤ 5 s for all fixture cases. Peers, timed
// interleaved in the same run: `node` (a bare `node -e 0`, the floor of any
// process) and `check` (`studio-script check scripts-examples`: loading the
// same scripts without running anything), so the ratio shows what the runs,
// stubs and expectations themselves cost.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { medianOf as median } from './measure.mjs';

const ROUNDS = 7;
const WARMUP = 1;
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const cli = join(root, 'dist/src/cli/main.js');
const examples = join(root, 'scripts-examples');

function time(args, okCodes = [0]) {
  const t = process.hrtime.bigint();
  const r = spawnSync(process.execPath, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });
  const s = Number(process.hrtime.bigint() - t) / 1e9;
  if (!okCodes.includes(r.status)) throw new Error(`${args.join(' ')} exited ${r.status}: ${r.stderr.slice(0, 500)}`);
  return { s, stdout: r.stdout };
}

export default async function () {
  // Coverage files go to a scratch folder, never into the tree.
  const coverageDir = mkdtempSync(join(tmpdir(), 'studio-script-bench-coverage-'));
  try {
    return measure(coverageDir);
  } finally {
    rmSync(coverageDir, { recursive: true, force: true });
  }
}

function measure(coverageDir) {
  const ours = [];
  const node = [];
  const check = [];
  let cases = 0;
  for (let i = 0; i < WARMUP + ROUNDS; i++) {
    // Exit 1 (a failing case) still measures the run; only invalid input (2) is an error here.
    const run = time([cli, 'test', examples, '--reporter', 'json', '--coverage', '--coverage-dir', coverageDir], [0, 1]);
    try {
      cases = JSON.parse(run.stdout).summary.total;
    } catch {
      throw new Error(`studio-script test printed no JSON report: ${run.stdout.slice(0, 300)}`);
    }
    const bare = time(['-e', '0']);
    const loadOnly = time([cli, 'check', examples], [0, 1]);
    if (i >= WARMUP) (ours.push(run.s), node.push(bare.s), check.push(loadOnly.s));
  }
  return { name: 'tests.fixtures', work: cases, unit: 'cases', seconds: median(ours), peers: { node: median(node), check: median(check) } };
}
