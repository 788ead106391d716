// REQAGENT: asks for an agent with a skill. The contact joins the skill's
// queue (docs/routing.md) and the script goes on at once through Default —
// usually into a hold loop of MUSIC and announcements — until an agent
// answers (ONANSWER interrupts whatever runs). A second REQAGENT while the
// contact still waits changes its skill and priority and keeps its place in
// time. `Skill = Default` is the contact's own skill.
import { skillQueue } from '../tenant/routing/records.js';
import { defineAction, number, oneOf, text } from './define.js';
import { requestedSkill } from './routing-skill.js';

// No declared default: Studio's older exports stop before these positions, and an export must not grow them.
const proficiency = (dflt: number, what: string) => number({ min: 1, max: 20, integer: true, description: `${what} proficiency an agent may have (1 best … 20 worst); empty: ${dflt}.` });

export default defineAction({
  type: 'REQAGENT',
  description:
    'Queues the contact on Skill (Default: the contact’s skill) with its priority; an agent with the skill answers after its ring time (ONANSWER), talks, and hangs up (ONRELEASE). The script continues through Default while it waits.',
  source:
    'Studio help page https://help.nice-incontact.com/content/studio/actionscx/reqagent/reqagent.htm (documented in part: skill, target agent, priority and acceleration; the later properties are observed in exports; continuing through Default while the contact waits, problems setting _ERR and the matching order are emulator decisions: docs/routing.md)',
  props: {
    Skill: text({ default: 'Default', description: 'Skill number or name; Default is the contact’s skill.' }),
    TargetAgent: text({ default: '', description: 'Agent id: only this agent may take the contact (it waits for them).' }),
    PriorityManagement: oneOf(['DefaultFromSkill', 'Custom'], { studio: { DefaultFromSkill: 'DefaultfromSkill' }, default: 'DefaultFromSkill', description: 'DefaultFromSkill: the skill’s priority settings; Custom: the three below.' }),
    InitialPriority: number({ default: 0, min: 0, description: 'Priority on entering the queue (Custom).' }),
    Acceleration: number({ default: 1, min: 0, description: 'Priority added per minute in queue (Custom).' }),
    Function: text({ default: '', description: 'Kept as Studio saves it; not interpreted.' }),
    MaxPriority: number({ default: 1000, min: 0, description: 'Priority cap (Custom).' }),
    Sequence: text({ default: '', description: 'Prompt for the agent when the contact is delivered; kept, not played.' }),
    ZipTone: text({ default: 'AfterSequence', description: 'Kept as Studio saves it; not interpreted.' }),
    ScreenPopSource: oneOf(['DefaultFromSkill', 'Custom'], { default: 'DefaultFromSkill', description: 'Custom: the agent’s screen pops ScreenPopURL when the contact is delivered.' }),
    ScreenPopURL: text({ default: '', description: 'URL popped with ScreenPopSource Custom.' }),
    HighProficiency: proficiency(1, 'Best'),
    LowProficiency: proficiency(20, 'Worst'),
    RoutingAttribute: text({ default: '', description: 'Kept as Studio saves it; not interpreted.' }),
  },
  branches: ['Default'],
  studio: {
    evidence: 'observed',
    params: [
      'Skill', 'TargetAgent', 'PriorityManagement', 'InitialPriority', 'Acceleration', 'Function', 'MaxPriority',
      'Sequence', 'ZipTone', 'ScreenPopSource', 'ScreenPopURL', 'HighProficiency', 'LowProficiency', 'RoutingAttribute',
    ],
    source: 'CXone Studio JSON request bodies (14 positions) and a Desktop export (the first 11)',
  },
  messages: {
    inactiveSkill: 'REQAGENT: skill {{skill}} is not active',
    unknownAgent: 'REQAGENT: TargetAgent {{agent}} is not an agent of this business unit',
    proficiency: 'REQAGENT: HighProficiency ({{high}}) must not be worse than LowProficiency ({{low}})',
    withAgent: 'REQAGENT: the contact is already with an agent; the request is ignored',
    released: 'REQAGENT: the call is already released; nobody is queued',
  },
  execute(ctx, props) {
    const skill = requestedSkill(ctx, props.Skill);
    if (typeof skill === 'string') return ctx.error(`REQAGENT: ${skill}`);
    if (!skill.active) return ctx.error(ctx.message('inactiveSkill', { skill: skill.id }));
    let targetAgent: number | null = null;
    const target = props.TargetAgent.trim();
    if (target !== '') {
      targetAgent = /^\d+$/.test(target) ? Number(target) : NaN;
      if (!ctx.tenant.agents().some((a) => a.id === targetAgent)) return ctx.error(ctx.message('unknownAgent', { agent: target }));
    }
    const high = props.HighProficiency ?? 1;
    const low = props.LowProficiency ?? 20;
    if (high > low) return ctx.error(ctx.message('proficiency', { high, low }));
    const contactId = ctx.run.contactId;
    const current = ctx.routing.entry(contactId);
    const status = ctx.contact?.view.status;
    if (status === 'released') {
      ctx.warn(ctx.message('released'));
      return ctx.branch('Default');
    }
    if ((current && current.phase !== 'queued') || status === 'agent' || status === 'hold') {
      ctx.warn(ctx.message('withAgent'));
      return ctx.branch('Default');
    }
    const priority = props.PriorityManagement === 'Custom'
      ? { initialPriority: props.InitialPriority, acceleration: props.Acceleration, maxPriority: props.MaxPriority }
      : skillQueue(ctx.tenant, skill.id);
    ctx.routing.enqueue({
      contactId,
      skill: skill.id,
      targetAgent,
      initialPriority: priority.initialPriority,
      acceleration: priority.acceleration,
      maxPriority: priority.maxPriority,
      highProficiency: high,
      lowProficiency: low,
    });
    ctx.contact?.setStatus('queued', { skillNo: skill.id, skillName: skill.name });
    if (props.ScreenPopSource === 'Custom' && props.ScreenPopURL.trim() !== '') ctx.effect('screenPop', { url: props.ScreenPopURL.trim(), skill: skill.id });
    return ctx.branch('Default');
  },
});
