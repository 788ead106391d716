// Row tests.cases.3000 (spec/performance.md): `studio-script test` of one test
// file of 3,000 cases (HelloWorld with a different name each: a greeting, a
// loop, a snippet, a branch), the whole process with `--workers 1`; peer
// `api`: a Node process that loads the same folder and makes the same 3,000
// runs through the API (createRuntime, run with the trace kept, the variables
// compared). Both are whole processes, timed interleaved. Target ≤ 2×: the
// cost of a case must not grow with the number of cases in its file.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { medianOf } from './measure.mjs';

const CASES = 3000;
const ROUNDS = 5;
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const cli = join(root, 'dist/src/cli/main.js');

function time(args) {
  const t = process.hrtime.bigint();
  const r = spawnSync(process.execPath, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8', maxBuffer: 1 << 26 });
  const s = Number(process.hrtime.bigint() - t) / 1e9;
  if (r.status !== 0) throw new Error(`${args.join(' ')} exited ${r.status}: ${r.stderr.slice(0, 500)}`);
  return { s, stdout: r.stdout };
}

export default async function () {
  const dir = mkdtempSync(join(tmpdir(), 'bench-cases-'));
  try {
    copyFileSync(join(root, 'scripts-examples/HelloWorld.script'), join(dir, 'HelloWorld.script'));
    let file = 'now: 2026-11-21T09:00:00-07:00\ncases:\n';
    for (let i = 0; i < CASES; i++)
      file += `  - name: greets caller ${i}\n    script: HelloWorld\n    vars: { name: "Caller ${i}" }\n    expect:\n      status: completed\n      visits: [greet, count, tally, check, done]\n      variables: { greeting: "Hello, Caller ${i}!", total: 6 }\n\n`;
    writeFileSync(join(dir, 'HelloWorld.test.yaml'), file);
    const api = join(dir, 'api.mjs');
    writeFileSync(
      api,
      `import { createRuntime, emptyTenant, loadFolder } from ${JSON.stringify(join(root, 'dist/src/index.js'))};
const scripts = await loadFolder(${JSON.stringify(dir)});
let passed = 0;
for (let i = 0; i < ${CASES}; i++) {
  const runtime = createRuntime({ scripts, tenant: emptyTenant(), now: '2026-11-21T09:00:00-07:00' });
  const r = await runtime.run('HelloWorld', { vars: { name: 'Caller ' + i }, keepTrace: true });
  if (r.status === 'completed' && r.variables.greeting === 'Hello, Caller ' + i + '!' && r.variables.total === 6) passed++;
}
if (passed !== ${CASES}) throw new Error(passed + ' runs passed');
`,
    );
    const ours = [];
    const peer = [];
    for (let i = 0; i < ROUNDS + 1; i++) {
      const run = time([cli, 'test', join(dir, 'HelloWorld.test.yaml'), '--workers', '1', '--reporter', 'json']);
      const passed = JSON.parse(run.stdout).summary.passed;
      if (passed !== CASES) throw new Error(`${passed} cases passed`);
      const a = time([api]);
      if (i > 0) (ours.push(run.s), peer.push(a.s));
    }
    return { name: 'tests.cases.3000', work: CASES, unit: 'cases', seconds: medianOf(ours), peers: { api: medianOf(peer) } };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
