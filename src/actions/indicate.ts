// INDICATE: shows (State On) or removes (Off) an indicator icon in the agent
// application (research voice-actions.md §19). The emulator records it as an
// agent event; Target says who sees it.
import { defineAction, oneOf, text } from './define.js';

export default defineAction({
  type: 'INDICATE',
  description: 'Turns an agent-application indicator (icon with a tooltip) On or Off for agents, a team, a skill or the contact (an agent event).',
  source: 'Studio help page https://help.nice-incontact.com/content/studio/actions/indicate/indicate.htm (documented)',
  props: {
    Target: oneOf(['Agents', 'Team', 'Skill', 'Everyone', 'Contact'], { default: 'Contact', description: 'Who sees the indicator: agents, a team, a skill, everyone (deprecated) or the contact’s agent.' }),
    TargetIDs: text({ default: '', description: 'Agent ids (comma-separated), a team or skill id, or {contactid} for Contact.' }),
    Name: text({ default: '', description: 'Key of the indicator (not case-sensitive); the same name replaces it.' }),
    ImageFile: text({ default: '', description: '16x16 image URL or file.' }),
    Tooltip: text({ default: '', description: 'Hover text.' }),
    State: oneOf(['On', 'Off'], { default: 'On', description: 'On shows the indicator, Off removes it.' }),
  },
  studioParams: ['Target', 'TargetIDs', 'Name', 'ImageFile', 'Tooltip', 'State'],
  branches: ['Default', 'OnError'],
  errorBranch: 'OnError',
  messages: { noName: 'INDICATE needs a Name (the key of the indicator)', noTarget: 'INDICATE with Target {{target}} needs TargetIDs' },
  execute(ctx, props) {
    const name = props.Name.trim();
    if (!name) return ctx.error(ctx.message('noName'));
    const target = props.Target;
    const ids = props.TargetIDs.trim() || (target === 'Contact' ? ctx.run.contactId : '');
    if (!ids && target !== 'Everyone') return ctx.error(ctx.message('noTarget', { target }));
    ctx.effect('agentEvents', { event: 'Indicate', target, targetIds: ids, name, state: props.State, imageFile: props.ImageFile, tooltip: props.Tooltip });
    return ctx.branch('Default');
  },
});
