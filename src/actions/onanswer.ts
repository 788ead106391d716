// ONANSWER: the event action that runs when an agent (or a called party)
// answers the contact; whatever the script was doing (the hold-music loop)
// stops. Writes the agent's id and name and the skill name (research
// voice-actions.md §2). One per script.
import { defineAction } from './define.js';

export default defineAction({
  type: 'ONANSWER',
  description: 'Runs when an agent answers: the agent id and name and the skill name go to AgentID, AgentFirstName, AgentLastName, SkillNameVar.',
  source: 'Studio help page https://help.nice-incontact.com/content/studio/actions/onanswer/onanswer.htm (documented)',
  props: {},
  outputs: { SkillNameVar: 'SKLNAME', AgentFirstName: 'FIRST', AgentLastName: 'LAST', AgentID: 'AGENTID' },
  studioParams: ['SkillNameVar', 'AgentFirstName', 'AgentLastName', 'AgentID'],
  branches: ['Default'],
  event: 'answer',
  execute(ctx) {
    const e = ctx.event;
    if (e?.type !== 'answer') return ctx.branch('Default');
    return ctx.branch('Default', { SkillNameVar: e.skillName, AgentFirstName: e.agent.firstName, AgentLastName: e.agent.lastName, AgentID: e.agent.id });
  },
});
