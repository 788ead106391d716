// The dial plan: what happens when the business unit dials a number (PLACECALL,
// TRANSFER, callbacks). Rules from the tenant file are tried in order against
// the number in E.164 form; the first match decides the outcome, how long the
// far end rings and how long it stays on the line. A number that is not a
// phone number is an invalid number; a number no rule matches is answered
// (emulator decisions, docs/routing.md).
import type { TenantStore } from '../contract/tenant-store.js';
import { toE164 } from './phones.js';

export const DIAL_RESULTS = ['answered', 'busy', 'noAnswer', 'machine', 'invalidNumber', 'error'] as const;
export type DialResult = (typeof DIAL_RESULTS)[number];

export interface DialRule {
  /** `+13035550100` (that number), `+1303*` (numbers starting so) or `*` (any). */
  number: string;
  result: DialResult;
  /** Seconds from dialing to the answer (or to the busy tone). */
  ringSeconds: number;
  /** Seconds the answered party stays on the line before hanging up. */
  talkSeconds: number;
}

export interface DialOutcome extends DialRule {
  /** The dialed number in E.164 form; null when it is not a phone number. */
  e164: string | null;
  /** The rule that decided, as written (null: the default). */
  rule: string | null;
}

export const DIAL_PLAN_COLLECTION = 'dial.plan';
export const DIAL_DEFAULTS = { ringSeconds: 5, talkSeconds: 60 } as const;
export const DIAL_PATTERN = '^(\\+?\\d+\\*?|\\*)$';

export function matchesDialPattern(pattern: string, e164: string): boolean {
  const p = pattern.startsWith('+') || pattern === '*' ? pattern : `+${pattern}`;
  return p.endsWith('*') ? e164.startsWith(p.slice(0, -1)) : e164 === p;
}

/** What dialing `raw` does, by the store's dial plan. */
export function resolveDial(store: TenantStore, raw: string): DialOutcome {
  const e164 = toE164(raw);
  if (e164 === null) return { e164, number: raw, result: 'invalidNumber', ringSeconds: 0, talkSeconds: 0, rule: null };
  for (const rule of store.collection<DialRule>(DIAL_PLAN_COLLECTION).all())
    if (matchesDialPattern(rule.number, e164)) return { ...rule, e164, rule: rule.number };
  return { e164, number: e164, result: 'answered', ...DIAL_DEFAULTS, rule: null };
}

/** An attempt at a number: its result (an answer after the timeout is no answer) and the seconds until it is known. */
export interface DialAttempt {
  result: DialResult;
  seconds: number;
  /** The far end did not answer within the timeout (or never answers). */
  timedOut: boolean;
}

/** How dialing goes when the far end may ring at most `timeoutSeconds` (null: no limit). */
export function dialAttempt(outcome: DialOutcome, timeoutSeconds: number | null): DialAttempt {
  const rings = outcome.result === 'answered' || outcome.result === 'machine' || outcome.result === 'noAnswer';
  const limit = timeoutSeconds ?? Infinity;
  const timedOut = rings && (outcome.result === 'noAnswer' || outcome.ringSeconds > limit);
  const seconds = timedOut ? (Number.isFinite(limit) ? limit : outcome.ringSeconds) : outcome.result === 'invalidNumber' || outcome.result === 'error' ? 0 : outcome.ringSeconds;
  return { result: timedOut ? 'noAnswer' : outcome.result, seconds, timedOut };
}

/** The `calls` effect of one attempt (PLACECALL, TRANSFER, a preview campaign's dial): who was dialed and how it went. */
export function callEffect(action: string, number: string, outcome: DialOutcome, callerId: string, attempt: DialAttempt, contactId: string): Record<string, string | number> {
  return { action, number: number.trim(), e164: outcome.e164 ?? '', callerId: callerId.trim(), result: attempt.result, seconds: attempt.seconds, contactId };
}
