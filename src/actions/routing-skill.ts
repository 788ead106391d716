// The skill a routing action names (REQAGENT, the callback actions): a skill
// number or name, or `Default` (or nothing) for the contact's own skill.
import type { ActionContext } from '../contract/action.js';
import type { SkillRecord } from '../contract/tenant-store.js';
import { findSkill } from './pc/skills.js';

/** The skill, or why there is none (a message without the action's name). */
export function requestedSkill(ctx: Pick<ActionContext, 'run' | 'tenant'>, written: string): SkillRecord | string {
  const entry = written.trim();
  if (entry === '' || entry.toLowerCase() === 'default') {
    const own = ctx.run.skillNo;
    if (own === null) return 'Skill is Default and the contact has no skill';
    return ctx.tenant.skill(own) ?? `skill ${own} does not exist in this business unit`;
  }
  return findSkill(ctx.tenant, entry) ?? `skill ${entry} does not exist in this business unit`;
}
