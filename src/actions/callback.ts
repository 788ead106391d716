// CALLBACK: the caller waiting in queue hangs up but keeps their place: the
// queued contact becomes a callback (ranked first, as NICE says callbacks
// always are), the live call is released — ONRELEASE runs, `_CALLRESULT` is
// Callback — and when an agent takes it, the agent's side dials PhoneNumber
// (research voice-actions.md §16). A contact that is not waiting in a queue
// takes OnError.
import { toE164 } from '../tenant/phones.js';
import { defineAction, number, text } from './define.js';
import { callOf, isOutcome } from './voice.js';
import { callbackId } from './queuecallback.js';

export default defineAction({
  type: 'CALLBACK',
  description: 'Turns the queued caller into a callback to PhoneNumber that keeps its place in the queue, and releases the call (ONRELEASE runs); OnError when the contact is not waiting in a queue.',
  source:
    'Studio help page https://help.nice-incontact.com/Content/studio/actions/callback/callback.htm (documented: CallerID, PhoneNumber, the caller keeps their place in the queue; CallDelaySec, the OnError branch and the callback ids are emulator decisions: docs/routing.md)',
  props: {
    CallerID: text({ default: '', description: 'The number the customer sees when called back; empty: the number they dialed (DNIS).' }),
    PhoneNumber: text({ default: '', description: 'The number to call back; empty: the caller’s number (ANI).' }),
    CallDelaySec: number({ default: 0, min: 0, max: 59, description: 'Seconds between the agent taking the callback and the dialing.' }),
  },
  studioParams: ['CallerID', 'PhoneNumber', 'CallDelaySec'],
  branches: ['Default', 'OnError'],
  errorBranch: 'OnError',
  messages: {
    notQueued: 'CALLBACK: the contact is not waiting in a queue (run REQAGENT first)',
    badPhone: 'CALLBACK: PhoneNumber "{{phone}}" is not a phone number',
  },
  execute(ctx, props) {
    const contact = callOf(ctx, 'CALLBACK');
    if (isOutcome(contact)) return contact;
    const phone = props.PhoneNumber.trim() || ctx.run.ani;
    if (toE164(phone) === null) return ctx.error(ctx.message('badPhone', { phone }));
    const entry = ctx.routing.entry(ctx.run.contactId);
    if (!entry || entry.phase !== 'queued' || contact.view.status !== 'queued') return ctx.error(ctx.message('notQueued'));
    const id = callbackId(ctx);
    const callback = { phone, callerId: props.CallerID.trim() || ctx.run.dnis, ...(props.CallDelaySec ? { delaySeconds: props.CallDelaySec } : {}) };
    ctx.routing.toCallback(ctx.run.contactId, id, callback);
    ctx.effect('calls', { action: 'CALLBACK', callback: id, number: phone, callerId: callback.callerId, skill: entry.skill, contactId: ctx.run.contactId });
    contact.note(`callback ${id} to ${phone} keeps the place in queue`);
    contact.raise({ type: 'release', by: 'script', cause: { callResult: 'Callback' } });
    return { branch: '', control: { op: 'suspend' } };
  },
});
