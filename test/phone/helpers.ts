// Runs phone scripts with a scripted caller, for the phone tests.
import type { RunResult } from '../../src/runtime/result.js';
import type { RunOptions, RuntimeOptions } from '../../src/runtime/runtime.js';
import { run } from '../runtime/helpers.js';
import { defineAction, number } from '../../src/actions/define.js';
import type { ContactEvent } from '../../src/contract/contact.js';

export const ANI = '3035550100';
export const DNIS = '8005550000';

/** Runs the first script as a call from ANI to DNIS with this caller, keeping the trace. */
export function call(texts: string | string[], caller?: string | string[], opts: { run?: RunOptions; runtime?: Partial<RuntimeOptions> } = {}): Promise<RunResult> {
  return run(Array.isArray(texts) ? texts : [texts], { keepTrace: true, ...opts.run }, { contact: { ani: ANI, dnis: DNIS, ...(caller !== undefined ? { caller } : {}) }, ...opts.runtime });
}

/** `seconds text` of each transcript line, for compact expectations. */
export const heard = (r: RunResult): string[] => (r.transcript ?? []).map((l) => `${l.seconds} ${l.who} ${l.kind === 'prompt' ? `"${l.text}"` : l.text}${l.cut ? ` (cut: ${l.cut})` : ''}`);

/** The labels the run executed, without the script name. */
export const labels = (r: RunResult): string[] => r.path.map((p) => p.slice(p.indexOf('.') + 1));

/**
 * A stand-in for routing in these tests: queues the contact and raises what
 * an agent would do, at the given seconds after it runs (negative: never).
 */
export const TEST_QUEUE = defineAction({
  type: 'TESTQUEUE',
  description: 'Queues the contact; an agent answers, holds, resumes and hangs up at the given times.',
  props: {
    Answer: number({ default: -1 }),
    Hold: number({ default: -1 }),
    Resume: number({ default: -1 }),
    Release: number({ default: -1 }),
  },
  branches: ['Default'],
  execute(ctx, p) {
    const c = ctx.contact!;
    c.setStatus('queued', { skillNo: 6061, skillName: 'Support' });
    const at = (s: number | undefined, e: ContactEvent): void => {
      if (s !== undefined && s >= 0) c.raise(e, { afterSeconds: s });
    };
    at(p.Answer, { type: 'answer', agent: { id: '1001', firstName: 'Ann', lastName: 'Smith' }, skillName: 'Support', skillNo: 6061 });
    at(p.Hold, { type: 'hold' });
    at(p.Resume, { type: 'resume' });
    at(p.Release, { type: 'release', by: 'agent' });
    return ctx.branch('Default');
  },
});

/** Runs with TESTQUEUE available. */
export const withQueue = { runtime: { actions: [TEST_QUEUE] } };
