// Snapshots handed to createRuntime({ resume }) under fuzzing: a damaged
// snapshot is refused with a RuntimeOptionError naming where it is wrong; one
// that passes resumes and runs to a result within a step budget. The second
// loader edits snapshots taken in the middle of a morning of calls: their
// calls, and above all their routing part (queues and agents); the third,
// snapshots of a preview campaign's morning, above all its dialer's part.
import fc from 'fast-check';
import { createRuntime, RuntimeOptionError, type Runtime } from '../../src/runtime/runtime.js';
import type { CliOutcome } from '../reliability/cli.js';
import { NOW } from '../runtime/helpers.js';
import { brainRuntime, brainScripts } from '../runtime/brain-fixture.js';
import { RUN, runtime as routingRuntime } from '../routing/snapshot-fixture.js';
import { runtime as previewRuntime, tenant as previewTenant } from '../preview/snapshot-fixture.js';
import { fuzzLoader, jsonMutations } from './harness.js';

const scripts = brainScripts();

async function snapshotAfter(steps: number): Promise<string> {
  const runtime = brainRuntime();
  await runtime.run('Brain', { vars: { limit: 3 }, maxSteps: steps });
  return JSON.stringify(runtime.snapshot());
}
const seeds = await Promise.all([1, 4, 9].map(snapshotAfter));

/** Resumes the snapshot for at most 200 more steps: exit 2 when refused, 0 when it ran. */
function resume(text: string): Promise<CliOutcome> {
  return resumeWith(text, (snapshot) => createRuntime({ scripts, now: NOW, resume: snapshot as never }), 'Brain');
}

async function resumeWith(text: string, create: (snapshot: unknown) => Runtime, script: string): Promise<CliOutcome> {
  let snapshot: unknown;
  try {
    snapshot = JSON.parse(text);
  } catch {
    return { code: 2, out: '', err: 'studio-script: not JSON' };
  }
  try {
    const runtime = create(snapshot);
    const result = await runtime.run(script, { maxSteps: 200 });
    return { code: 0, out: result.status, err: '' };
  } catch (err) {
    if (err instanceof RuntimeOptionError) return { code: 2, out: '', err: `studio-script: ${err.message}` };
    return { code: 1, out: '', err: '', crash: err };
  }
}

fuzzLoader({
  id: 'snapshot',
  ext: '.json',
  seeds,
  mutations: jsonMutations(),
  run: resume,
  runs: { mutated: 300 },
});

async function routingSnapshotAfter(steps: number): Promise<string> {
  const runtime = routingRuntime();
  await runtime.run('Main', { ...RUN, maxSteps: steps });
  return JSON.stringify(runtime.snapshot());
}

/** The n-th number of a JSON text moved: a few seconds either way, to 0, far ahead, or to a fraction. */
const numberEdits = fc.tuple(fc.nat(), fc.constantFrom(-60_000, -1000, -1, 1, 1000, 3_600_000), fc.constantFrom('shift', 'zero', 'far', 'half')).map(
  ([n, by, how]) =>
    (text: string): string => {
      const numbers = [...text.matchAll(/(?<=[:,[])-?\d+(?:\.\d+)?(?:e[+-]?\d+)?(?=[,\]}])/gi)];
      const m = numbers[n % Math.max(1, numbers.length)];
      if (!m) return text;
      const old = Number(m[0]);
      const next = how === 'shift' ? old + by : how === 'zero' ? 0 : how === 'far' ? 8e15 : old + 0.5;
      return text.slice(0, m.index) + String(next) + text.slice(m.index + m[0].length);
    },
);

/** An edit of one process's part only (processes.<name>); text that is no longer JSON is left as it is. */
const partEdits = (name: string) =>
  fc.oneof(jsonMutations(), numberEdits, numberEdits).map((edit) => (text: string): string => {
    let doc: { processes?: Record<string, unknown> };
    try {
      doc = JSON.parse(text) as typeof doc;
    } catch {
      return text;
    }
    const whole = JSON.stringify(doc);
    const part = JSON.stringify(doc?.processes?.[name]);
    const at = part === undefined ? -1 : whole.indexOf(part);
    return at < 0 ? edit(whole) : whole.slice(0, at) + edit(part!) + whole.slice(at + part!.length);
  });

fuzzLoader({
  id: 'snapshot-routing',
  ext: '.json',
  seeds: await Promise.all([20, 45, 80, 130].map(routingSnapshotAfter)),
  mutations: fc.oneof({ weight: 2, arbitrary: partEdits('routing') }, { weight: 1, arbitrary: jsonMutations() }, { weight: 1, arbitrary: numberEdits }),
  run: (text) => resumeWith(text, (snapshot) => routingRuntime(snapshot), 'Main'),
  runs: { mutated: 200 },
});

async function previewSnapshotAfter(steps: number): Promise<string> {
  const runtime = previewRuntime(previewTenant());
  await runtime.run('Shift', { maxSteps: steps });
  return JSON.stringify(runtime.snapshot());
}

fuzzLoader({
  id: 'snapshot-preview',
  ext: '.json',
  seeds: await Promise.all([4, 30, 70].map(previewSnapshotAfter)),
  mutations: fc.oneof({ weight: 2, arbitrary: partEdits('preview:Collections') }, { weight: 1, arbitrary: jsonMutations() }, { weight: 1, arbitrary: numberEdits }),
  run: (text) => resumeWith(text, (snapshot) => previewRuntime(previewTenant(), snapshot), 'Shift'),
  runs: { mutated: 150 },
});
