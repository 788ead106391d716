// What the actions that dial out share (TRANSFER, BLINDXFER, PLACECALL): the
// tenant's dial plan decides what the far end does (docs/routing.md), and each
// attempt is a `calls` effect, so a test can check who was dialed and how it went.
import type { ActionContext } from '../contract/action.js';
import { resolveDial, type DialOutcome } from '../tenant/dial-plan.js';

export interface Dialed extends DialOutcome {
  /** Seconds the attempt took before its outcome is known (ringing, up to the timeout). */
  seconds: number;
  /** The far end did not answer within the timeout (or never answers). */
  timedOut: boolean;
}

/**
 * Dials `number` by the dial plan: an answer (or machine) that comes after
 * `timeoutSeconds` of ringing is no answer. Records the attempt.
 */
export function dial(ctx: ActionContext, action: string, number: string, opts: { callerId: string; timeoutSeconds: number | null }): Dialed {
  const outcome = resolveDial(ctx.tenant, number);
  const rings = outcome.result === 'answered' || outcome.result === 'machine' || outcome.result === 'noAnswer';
  const limit = opts.timeoutSeconds ?? Infinity;
  const timedOut = rings && (outcome.result === 'noAnswer' || outcome.ringSeconds > limit);
  const seconds = timedOut ? (Number.isFinite(limit) ? limit : outcome.ringSeconds) : outcome.result === 'invalidNumber' || outcome.result === 'error' ? 0 : outcome.ringSeconds;
  ctx.effect('calls', {
    action,
    number: number.trim(),
    e164: outcome.e164 ?? '',
    callerId: opts.callerId.trim(),
    result: timedOut ? 'noAnswer' : outcome.result,
    seconds,
    contactId: ctx.run.contactId,
  });
  return { ...outcome, seconds, timedOut };
}
