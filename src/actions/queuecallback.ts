// QUEUECALLBACK: puts a callback in a skill's queue without a live call
// (research voice-actions.md §16). It waits like a contact, ranks above live
// callers, and when an agent takes it the agent's side dials PhoneNumber
// CallDelaySec later (the dial plan decides the outcome). Each callback is a
// `calls` effect when queued.
import type { ActionContext } from '../contract/action.js';
import { toE164 } from '../tenant/phones.js';
import { defineAction, number, text } from './define.js';
import { requestedSkill } from './routing-skill.js';

export default defineAction({
  type: 'QUEUECALLBACK',
  description: 'Queues a callback to PhoneNumber on Skill (Default: the contact’s skill); an agent of the skill takes it before live callers and dials the number CallDelaySec later.',
  source:
    'Studio help page https://help.nice-incontact.com/es/content/studio/actions/queuecallback/queuecallback.htm (documented, read on a translated page: PhoneNumber, CallerID, CallDelaySec at most 59; Skill, TargetAgent and the OnError branch are emulator decisions: docs/routing.md)',
  props: {
    PhoneNumber: text({ default: '', description: 'The number to call back; empty: the caller’s number (ANI).' }),
    CallerID: text({ default: '', description: 'The number the customer sees; empty: the number they dialed (DNIS).' }),
    CallDelaySec: number({ default: 0, min: 0, max: 59, description: 'Seconds between the agent taking the callback and the dialing (at most 59).' }),
    Skill: text({ default: 'Default', description: 'Skill number or name; Default is the contact’s skill.' }),
    TargetAgent: text({ default: '', description: 'Agent id: only this agent may take the callback.' }),
  },
  studioParams: ['PhoneNumber', 'CallerID', 'CallDelaySec', 'Skill', 'TargetAgent'],
  branches: ['Default', 'OnError'],
  errorBranch: 'OnError',
  execute(ctx, props) {
    const queued = queueCallback(ctx, 'QUEUECALLBACK', props, null);
    return typeof queued === 'string' ? ctx.error(queued) : ctx.branch('Default');
  },
});

/** Queues a callback (QUEUECALLBACK, COMMITMENT); returns its id, or the error message. */
export function queueCallback(
  ctx: ActionContext,
  action: string,
  p: { PhoneNumber: string; CallerID: string; CallDelaySec?: number; Skill: string; TargetAgent: string },
  notBeforeMs: number | null,
): string | { id: string } {
  const skill = requestedSkill(ctx, p.Skill);
  if (typeof skill === 'string') return `${action}: ${skill}`;
  const phone = p.PhoneNumber.trim() || ctx.run.ani;
  if (toE164(phone) === null) return `${action}: PhoneNumber "${phone}" is not a phone number`;
  const target = p.TargetAgent.trim();
  const targetAgent = target === '' ? null : /^\d+$/.test(target) ? Number(target) : NaN;
  if (targetAgent !== null && !ctx.tenant.agents().some((a) => a.id === targetAgent)) return `${action}: TargetAgent ${target} is not an agent of this business unit`;
  const id = callbackId(ctx);
  const callback = { phone, callerId: p.CallerID.trim() || ctx.run.dnis, ...(p.CallDelaySec ? { delaySeconds: p.CallDelaySec } : {}) };
  ctx.routing.enqueue({ contactId: id, skill: skill.id, targetAgent, initialPriority: 0, acceleration: 0, maxPriority: 1000, callback, notBeforeMs });
  ctx.effect('calls', { action, callback: id, number: phone, callerId: callback.callerId, skill: skill.id, ...(notBeforeMs !== null ? { at: atIso(ctx, notBeforeMs) } : {}), contactId: ctx.run.contactId });
  return { id };
}

/** A new callback's id: the contact's id and a number (`100000001-cb1`), counted in the contact's data. */
export function callbackId(ctx: ActionContext): string {
  const n = Number(ctx.getContactData('callbacks') ?? 0) + 1;
  ctx.setContactData('callbacks', n);
  return `${ctx.run.contactId}-cb${n}`;
}

const atIso = (ctx: ActionContext, ms: number): string => {
  const now = ctx.clock.now();
  return now.plus({ milliseconds: ms - now.toMillis() }).toISO() ?? '';
};
