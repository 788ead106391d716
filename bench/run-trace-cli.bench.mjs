// Rows run.trace.cli and run.trace-json.cli (spec/performance.md): the whole
// `studio-script run` process on a loop of a million ASSIGN / IF / CASE actions
// with `--trace` (then `--trace-json`) written to a file, against the same run
// untraced. Interleaved rounds, so the machine's load hits every side alike.
import { spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { medianOf } from './measure.mjs';
import { loopScript } from './run-actions.bench.mjs';

const WORK = 1_000_000;
const ROUNDS = 3;
const cli = join(dirname(fileURLToPath(import.meta.url)), '../dist/src/cli/main.js');

/** Seconds of one whole run, its stderr (the trace) going to `out`. */
function time(script, out, flags) {
  const fd = openSync(out, 'w');
  const t = process.hrtime.bigint();
  const r = spawnSync(process.execPath, [cli, 'run', script, '--now', '2026-11-21T09:00:00Z', '--max-actions', String(WORK + 10), ...flags], { stdio: ['ignore', 'pipe', fd] });
  const s = Number(process.hrtime.bigint() - t) / 1e9;
  closeSync(fd);
  if (r.status !== 0) throw new Error(`run ${flags.join(' ')} exited ${r.status}: ${r.stdout}`);
  return s;
}

export default async function () {
  const dir = mkdtempSync(join(tmpdir(), 'run-trace-cli-'));
  const script = join(dir, 'Bench.script');
  writeFileSync(script, loopScript(WORK / 4)); // four actions a round
  const out = join(dir, 'trace.txt');
  const sides = { untraced: [], trace: [], json: [] };
  const flags = { untraced: [], trace: ['--trace'], json: ['--trace-json'] };
  const bytes = {};
  try {
    for (let i = 0; i <= ROUNDS; i++) {
      for (const side of Object.keys(sides)) {
        const s = time(script, out, flags[side]);
        bytes[side] = statSync(out).size;
        if (i > 0) sides[side].push(s); // round 0 warms the disk cache and the compile cache
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const untraced = medianOf(sides.untraced);
  return [
    { name: 'run.trace.cli', work: WORK, unit: 'actions', seconds: medianOf(sides.trace), peers: { untraced }, traceMB: Math.round(bytes.trace / 2 ** 20) },
    { name: 'run.trace-json.cli', work: WORK, unit: 'actions', seconds: medianOf(sides.json), peers: { untraced }, traceMB: Math.round(bytes.json / 2 ** 20) },
  ];
}
