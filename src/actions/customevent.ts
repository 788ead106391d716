// CUSTOMEVENT: sends a named event with text data to an agent's event stream
// (how CRM results reach Agent Embedded). The target agent is known only after
// the contact is answered, so an empty TargetAgent is an error.
import { redactSecrets, CrmState } from '../tenant/crm/state.js';
import { defineAction, text } from './define.js';

export default defineAction({
  type: 'CUSTOMEVENT',
  description: 'Sends EventName with Data to the agent TargetAgent (recorded as an agent event).',
  source: 'Studio help page https://help.nicecxone.com/content/Studio/actionscx/customevent/customevent.htm (documented)',
  props: {
    TargetAgent: text({ default: '', description: 'The agent id (for inbound contacts, set after OnAnswer: "{agentid}").' }),
    EventName: text({ default: '', description: 'The event the agent application listens for.' }),
    Data: text({ default: '', description: 'Text delivered with the event (often JSON).' }),
  },
  branches: ['Default', 'OnError'],
  studio: { evidence: 'unknown', params: [], source: 'its property table was not published; JSON imports by name' },
  errorBranch: 'OnError',
  execute(ctx, props) {
    const { TargetAgent, EventName, Data } = props;
    const target = TargetAgent.trim();
    if (!target) return ctx.error('CUSTOMEVENT needs a TargetAgent: the agent is known only once the contact is answered (for example TargetAgent = "{agentid}")');
    if (!EventName.trim()) return ctx.error('CUSTOMEVENT needs an EventName');
    const agents = ctx.tenant.agents();
    // A tenant that declares agents knows them all; one that declares none accepts any id.
    if (agents.length > 0 && !agents.some((a) => String(a.id) === target || a.email.toLowerCase() === target.toLowerCase()))
      return ctx.error(`CUSTOMEVENT: agent "${target}" is not an agent of the tenant`);
    const secrets = new CrmState(ctx.tenant).secrets();
    ctx.effect('agentEvents', redactSecrets({ event: 'CustomEvent', targetAgent: target, eventName: EventName, data: Data }, secrets));
    return ctx.branch('Default');
  },
});
