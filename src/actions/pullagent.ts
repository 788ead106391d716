// PULLAGENT: pulls a free agent from a skill to take this contact (research
// voice-actions.md §23; help page: "Pulls an agent from a specified ACD skill
// to take an inbound call. Upon completion of the inbound call, the agent will
// be returned to the ACD skill"). In the routing model (docs/routing.md) the
// agent routing would choose rings for the contact at once, ahead of the
// contacts waiting on the skill, answers after the ring time (ONANSWER), talks
// and hangs up; after the call (and wrap-up) the agent is free on their
// skills again. No free agent on shift: OnNoAgentFound, nothing queued.
import { skillQueue } from '../tenant/routing/records.js';
import { defineAction, text } from './define.js';
import { requestedSkill } from './routing-skill.js';

export default defineAction({
  type: 'PULLAGENT',
  description:
    'Pulls a free agent with Skill (Default: the contact’s skill) to take the contact at once, ahead of the queue: OnAgentFound (the agent rings, then answers: ONANSWER), or OnNoAgentFound when no agent with the skill is free.',
  source:
    'Studio help page https://help.incontact.com/Content/Studio/Actions/PULLAGENT/PULLAGENT.htm (documented: Skill, the branches, the agent returning to the skill after the call; which agent is pulled, that it rings at once ahead of the queue and the errors are emulator decisions: docs/routing.md)',
  props: {
    Skill: text({ default: 'Default', description: 'Skill number or name to pull an agent from; Default is the contact’s skill.' }),
  },
  branches: ['Default', 'OnAgentFound', 'OnNoAgentFound', 'OnError'],
  studio: { evidence: 'unknown', params: [], source: 'no export or request body with a PULLAGENT action was found; JSON imports by name' },
  messages: {
    inactiveSkill: 'PULLAGENT: skill {{skill}} is not active',
    withAgent: 'PULLAGENT: the contact is already with an agent',
    released: 'PULLAGENT: the call is already released',
    pulled: 'agent {{agent}} pulled from {{skill}}',
  },
  execute(ctx, props) {
    const skill = requestedSkill(ctx, props.Skill);
    if (typeof skill === 'string') return ctx.error(`PULLAGENT: ${skill}`);
    if (!skill.active) return ctx.error(ctx.message('inactiveSkill', { skill: skill.id }));
    const contactId = ctx.run.contactId;
    const status = ctx.contact?.view.status;
    if (status === 'released') return ctx.error(ctx.message('released'));
    const current = ctx.routing.entry(contactId);
    if ((current && current.phase !== 'queued') || status === 'agent' || status === 'hold') return ctx.error(ctx.message('withAgent'));
    const priority = skillQueue(ctx.tenant, skill.id);
    const agentId = ctx.routing.pull({
      contactId,
      skill: skill.id,
      initialPriority: priority.initialPriority,
      acceleration: priority.acceleration,
      maxPriority: priority.maxPriority,
    });
    if (agentId === null) return ctx.branch('OnNoAgentFound');
    ctx.contact?.setStatus('queued', { skillNo: skill.id, skillName: skill.name });
    ctx.contact?.note(ctx.message('pulled', { agent: agentId, skill: skill.name || skill.id }));
    return ctx.branch('OnAgentFound');
  },
});
