// What the actions that dial out share (TRANSFER, BLINDXFER, PLACECALL): the
// tenant's dial plan decides what the far end does (docs/routing.md), and each
// attempt is a `calls` effect, so a test can check who was dialed and how it went.
import type { ActionContext } from '../contract/action.js';
import { callEffect, dialAttempt, resolveDial, type DialOutcome } from '../tenant/dial-plan.js';

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
  const { result, seconds, timedOut } = dialAttempt(outcome, opts.timeoutSeconds);
  ctx.effect('calls', callEffect(action, number, outcome, opts.callerId, { result, seconds, timedOut }, ctx.run.contactId));
  return { ...outcome, seconds, timedOut };
}
