// What HANGUP, EXIT and END do to a live contact: release it now (ONRELEASE
// then runs, or the run ends) and stop the current thread. Without a contact,
// or once it is released (in ONRELEASE), they end the run.
import type { ActionContext, Outcome } from '../contract/action.js';

export function releaseByScript(ctx: ActionContext): Outcome {
  const contact = ctx.contact;
  if (!contact || contact.view.status === 'released') return { branch: '', control: { op: 'end' } };
  contact.raise({ type: 'release', by: 'script' });
  return { branch: '', control: { op: 'suspend' } };
}
