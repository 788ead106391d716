// The benchmark harness (`npm run bench`): runs every bench/*.bench.mjs in its
// own Node process (so one row's memory and JIT state do not leak into the
// next), prints one table and writes bench/results.json as an array of rows
// `{name, work, unit, seconds, peers, peakRssMB?}` (bench/README.md).
// Each module measures its own medians after warm-up.
//
//   node --expose-gc bench/run.mjs               every row
//   node --expose-gc bench/run.mjs parse cli     only modules whose file name contains one of the words
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const MARK = '@@bench-rows@@';

if (process.argv[2] === '--child') {
  await runChild(process.argv[3]);
} else {
  await runAll(process.argv.slice(2));
}

/** In the child: import one module, run it, print its rows after a marker line. */
async function runChild(file) {
  try {
    const mod = await import(pathToFileURL(file).href);
    if (typeof mod.default !== 'function') throw new Error('the module must `export default async function ()` returning rows');
    const result = await mod.default();
    const rows = (Array.isArray(result) ? result : [result]).map((r) => ({ ...r, peakRssMB: r.peakRssMB ?? round(process.resourceUsage().maxRSS / 1024) }));
    process.stdout.write(`\n${MARK}${JSON.stringify(rows)}\n`);
  } catch (err) {
    process.stdout.write(`\n${MARK}${JSON.stringify({ error: err instanceof Error ? err.message : String(err) })}\n`);
    process.exitCode = 1;
  }
}

async function runAll(filters) {
  const files = readdirSync(here)
    .filter((f) => f.endsWith('.bench.mjs'))
    .filter((f) => filters.length === 0 || filters.some((w) => f.includes(w)))
    .sort();
  if (files.length === 0) {
    process.stderr.write(`no bench/*.bench.mjs module matches ${filters.join(' ')}\n`);
    process.exitCode = 2;
    return;
  }
  process.stderr.write(`machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${round(totalmem() / 2 ** 30)} GB, Node ${process.version}\n`);
  const rows = [];
  const failures = [];
  for (const f of files) {
    process.stderr.write(`running ${f} …\n`);
    const out = await child(join(here, f));
    if (out.error) {
      failures.push(`${f}: ${out.error}`);
      process.stderr.write(`  failed: ${out.error}\n`);
      continue;
    }
    for (const row of out.rows) {
      const problem = checkRow(row);
      if (problem) failures.push(`${f}: ${problem}`);
      else rows.push(row);
    }
  }
  process.stdout.write(table(rows));
  // A partial run (with filters) updates its rows and keeps the others' last figures.
  const kept = filters.length === 0 ? [] : previousRows().filter((old) => !rows.some((r) => r.name === old.name));
  writeFileSync(join(here, 'results.json'), JSON.stringify([...kept, ...rows], null, 2) + '\n');
  process.stderr.write(`wrote bench/results.json (${rows.length} rows${kept.length ? `, ${kept.length} kept from the last run` : ''})\n`);
  if (failures.length > 0) {
    process.stderr.write(`${failures.length} module(s) failed:\n${failures.map((f) => `  ${f}`).join('\n')}\n`);
    process.exitCode = 1;
  }
}

function previousRows() {
  try {
    const rows = JSON.parse(readFileSync(join(here, 'results.json'), 'utf8'));
    return Array.isArray(rows) ? rows : [];
  } catch {
    return [];
  }
}

function child(file) {
  return new Promise((resolve) => {
    const p = spawn(process.execPath, ['--expose-gc', fileURLToPath(import.meta.url), '--child', file], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    p.stdout.on('data', (d) => (out += d));
    p.on('close', (code) => {
      const line = out.split('\n').find((l) => l.startsWith(MARK));
      if (!line) return resolve({ error: `exited with code ${code} without reporting rows` });
      const data = JSON.parse(line.slice(MARK.length));
      resolve(Array.isArray(data) ? { rows: data } : data);
    });
  });
}

function checkRow(r) {
  if (typeof r?.name !== 'string') return 'a row without a name';
  if (!(r.work > 0) || typeof r.unit !== 'string') return `${r.name}: work and unit are required`;
  if (!(r.seconds > 0)) return `${r.name}: seconds must be a positive number`;
  if (r.peers !== undefined && (typeof r.peers !== 'object' || Object.values(r.peers).some((s) => !(s > 0))))
    return `${r.name}: peers must map names to positive seconds`;
  return undefined;
}

function table(rows) {
  const head = ['row', 'work', 'seconds', 'per second', 'peers (ratio = ours / peer)', 'peak RSS'];
  const body = rows.map((r) => [
    r.name,
    `${fmt(r.work)} ${r.unit}`,
    r.seconds.toFixed(4),
    fmt(Math.round(r.work / r.seconds)),
    Object.entries(r.peers ?? {})
      .map(([k, s]) => `${k} ${s.toFixed(4)}s → ${(r.seconds / s).toFixed(2)}×`)
      .join('; ') || '—',
    r.peakRssMB === undefined ? '—' : `${r.peakRssMB} MB`,
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
  const line = (cells) => cells.map((c, i) => c.padEnd(widths[i])).join('  ').trimEnd();
  return [line(head), line(widths.map((w) => '-'.repeat(w))), ...body.map(line)].join('\n') + '\n';
}

function fmt(n) {
  return n.toLocaleString('en-US');
}

function round(n) {
  return Math.round(n * 10) / 10;
}
