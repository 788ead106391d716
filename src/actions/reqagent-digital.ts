// REQAGENT DIGITAL ("Reqagent (Digital)" in Studio): hands the digital contact
// to an agent queue. Digital contacts are already queued when the script
// reaches it, so it moves the contact to Skill and sets its priority and
// proficiency window; Digital Experience handles the contact from then on and
// the script continues (research digital-and-proactive.md §2.1). The text
// format names it REQAGENT DIGITAL because REQAGENT is the phone action
// (emulator decision, docs/digital.md).
import { memorializeDigitalContact } from '../tenant/crm/memorialize.js';
import { routeDigitalContact } from '../tenant/digital/contacts.js';
import { defineAction, number, text } from './define.js';
import { digitalContactOf, isOutcome } from './digital.js';
import { findSkill } from './pc/skills.js';

const proficiency = (dflt: number, what: string) => number({ default: dflt, min: 1, max: 20, integer: true, description: `${what} proficiency an agent may have (1 best … 20 worst).` });

export default defineAction({
  type: 'REQAGENT DIGITAL',
  description: 'Routes the digital contact to Skill (Default: the channel’s skill) with Priority (0–1000, no acceleration) and a proficiency window; the contact waits for an agent while the script goes on.',
  source: 'Studio help page https://help.nicecxone.com/Content/studio/actionscx/reqagent_digital/reqagent_digital.htm (documented; what the emulator decides is in docs/digital.md)',
  props: {
    Skill: text({ default: 'Default', description: 'Digital skill number or name; Default is the skill of the contact’s channel.' }),
    Priority: number({ default: 0, min: 0, max: 1000, description: 'Queue priority, 0–1000 (acceleration cannot be set for digital).' }),
    HighProficiency: proficiency(1, 'Best'),
    LowProficiency: proficiency(20, 'Worst'),
    TargetAgent: text({ default: '', description: 'Agent id: only this agent may take the contact.' }),
  },
  branches: ['Default', 'Error'],
  errorBranch: 'Error',
  studioParams: ['Skill', 'Priority', 'HighProficiency', 'LowProficiency', 'TargetAgent'],
  messages: {
    noSkill: 'REQAGENT DIGITAL: Skill is Default and the contact’s channel has no skill',
    unknownSkill: 'REQAGENT DIGITAL: skill {{skill}} does not exist in this business unit',
    notDigital: 'REQAGENT DIGITAL: skill {{skill}} is a {{media}} skill; digital contacts are routed to Digital skills',
    unknownAgent: 'REQAGENT DIGITAL: TargetAgent {{agent}} is not an agent of this business unit',
    proficiency: 'REQAGENT DIGITAL: HighProficiency ({{high}}) must not be worse than LowProficiency ({{low}})',
  },
  execute(ctx, props) {
    const contact = digitalContactOf(ctx, 'REQAGENT DIGITAL');
    if (isOutcome(contact)) return contact;
    const ref = props.Skill.trim();
    const isDefault = ref === '' || ref.toLowerCase() === 'default';
    if (isDefault && contact.skill === null) return ctx.error(ctx.message('noSkill'));
    const skill = isDefault ? ctx.tenant.skill(contact.skill!) : findSkill(ctx.tenant, ref);
    if (!skill) return ctx.error(ctx.message('unknownSkill', { skill: isDefault ? contact.skill : ref }));
    if (skill.media !== 'Digital') return ctx.error(ctx.message('notDigital', { skill: skill.id, media: skill.media }));
    const target = props.TargetAgent.trim();
    const targetAgent = target === '' ? null : /^\d+$/.test(target) ? Number(target) : NaN;
    if (targetAgent !== null && !ctx.tenant.agents().some((a) => a.id === targetAgent)) return ctx.error(ctx.message('unknownAgent', { agent: target }));
    if (props.HighProficiency > props.LowProficiency) return ctx.error(ctx.message('proficiency', { high: props.HighProficiency, low: props.LowProficiency }));
    ctx.routing.enqueue({
      contactId: contact.contactId,
      skill: skill.id,
      targetAgent,
      initialPriority: props.Priority,
      acceleration: 0,
      maxPriority: 1000,
      highProficiency: props.HighProficiency,
      lowProficiency: props.LowProficiency,
    });
    routeDigitalContact(ctx.tenant, contact.contactId, { skill: skill.id, priority: props.Priority, targetAgent: target || null });
    memorializeDigitalContact(ctx);
    return ctx.branch('Default');
  },
});
