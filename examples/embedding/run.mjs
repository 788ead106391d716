// Embedding studio-script in a Node program: load a folder of scripts, run one
// on the virtual clock with a custom action, watch trace events, then pause a
// run, snapshot it to JSON and finish it in a fresh runtime.
//
//   npm run build && node examples/embedding/run.mjs
import { createRuntime, emptyTenant, loadFolder, builtinRegistry, ScriptLoadError, formatDiagnosticLine } from 'studio-script';
import { bookCallback } from './custom-action.mjs';

const folder = new URL('./scripts/', import.meta.url).pathname;

let scripts;
try {
  // The loader must know custom actions too, so it can check their properties and branches.
  scripts = await loadFolder(folder, { registry: builtinRegistry().with([bookCallback]) });
} catch (err) {
  if (!(err instanceof ScriptLoadError)) throw err;
  for (const d of err.diagnostics) console.error(formatDiagnosticLine(d));
  process.exit(2);
}

const options = {
  scripts,
  tenant: emptyTenant('America/Denver'),
  now: '2026-11-21T09:00:00-07:00',
  seed: 42,
  actions: [bookCallback],
};

// 1. A whole run, with a subscriber printing each action as it exits.
const runtime = createRuntime(options);
const off = runtime.on('action.exit', (e) => console.log(`  ${e.time.slice(11, 19)} ${e.script}.${e.label} -> ${e.branch || '(end)'}`));
const result = await runtime.run('CallbackQueue', { vars: { maxRounds: 3 } });
off();
console.log(`${result.script}: ${result.status} after ${result.steps} actions, ended ${result.endedAt}`);
console.log('last message:', result.variables.message);
console.log('callbacks booked:', result.effects.agentEvents.length);

// 2. The same run paused after 5 steps, saved as JSON, and resumed elsewhere.
const first = createRuntime(options);
const paused = await first.run('CallbackQueue', { vars: { maxRounds: 3 }, maxSteps: 5 });
const saved = JSON.stringify(first.snapshot());
const second = createRuntime({ ...options, resume: JSON.parse(saved) });
const resumed = await second.run('CallbackQueue');
console.log(`paused: ${paused.status} after ${paused.steps} steps; resumed: ${resumed.status} after ${resumed.steps} steps`);
console.log('same result as the uninterrupted run:', JSON.stringify(resumed) === JSON.stringify(result));
