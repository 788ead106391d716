// Row cli.start (bench/README.md): the whole `studio-script check` process
// on a 3-action script, against a bare `node -e 0`, medians of interleaved runs.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { medianOf as median } from './measure.mjs';

const ROUNDS = 21;
const WARMUP = 3;
const cli = join(dirname(fileURLToPath(import.meta.url)), '../dist/src/cli/main.js');

function time(args) {
  const t = process.hrtime.bigint();
  const r = spawnSync(process.execPath, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  const s = Number(process.hrtime.bigint() - t) / 1e9;
  if (r.status !== 0) throw new Error(`${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return s;
}

export default async function () {
  const dir = mkdtempSync(join(tmpdir(), 'cli-start-'));
  const script = join(dir, 'Start.script');
  writeFileSync(script, 'script Start\n\nstart: BEGIN -> greet\n\ngreet: ASSIGN {\n  Variable = greeting\n  Value = "Hello {name}"\n} -> done\n\ndone: END\n');
  const ours = [];
  const node = [];
  for (let i = 0; i < WARMUP + ROUNDS; i++) {
    // Interleaved, so a noisy moment on a shared machine hits both sides.
    const a = time([cli, 'check', script]);
    const b = time(['-e', '0']);
    if (i >= WARMUP) (ours.push(a), node.push(b));
  }
  return { name: 'cli.start', work: 1, unit: 'process', seconds: median(ours), peers: { node: median(node) } };
}
