// The rules a point of contact obeys, shared by the tenant file's section and
// `pocs upload`: its id fits its channel, its skill exists and takes that
// channel, its channel never changes, and (seed 002) it cannot be deactivated
// while it is still assigned to an active skill.
import type { SkillMedia } from '../../contract/tenant-store.js';
import { pocIdProblem, type PocRecord } from './records.js';

/** What the rules need to know of a skill. */
export interface SkillFacts {
  id: number;
  name: string;
  media: SkillMedia;
  active: boolean;
}

/** Where a rule points: the field it is about (a tenant file error is located there). */
export type PocField = 'id' | 'channel' | 'skill' | 'active';

export interface PocProblem {
  field: PocField;
  message: string;
}

/**
 * The first rule `next` breaks, or null. `before` is the POC before the change
 * (undefined for a new one); `skillOf` finds skills by number.
 */
export function pocProblem(next: PocRecord, before: PocRecord | undefined, skillOf: (id: number) => SkillFacts | undefined): PocProblem | null {
  const idProblem = pocIdProblem(next.id, next.channel);
  if (idProblem) return { field: 'id', message: idProblem };
  if (before && before.channel !== next.channel)
    return { field: 'channel', message: `point of contact ${before.id} is ${a(before.channel)} point of contact; its channel cannot change to ${next.channel}` };
  const skill = skillOf(next.skill);
  if (!skill) return { field: 'skill', message: `skill ${next.skill} does not exist in this business unit` };
  if (skill.media !== next.channel)
    return { field: 'skill', message: `skill ${skill.id} (${skill.name}) is ${a(skill.media)} skill: ${a(next.channel)} point of contact needs ${a(next.channel)} skill` };
  if (!next.active && (before === undefined || before.active) && skill.active)
    return {
      field: 'active',
      message: `point of contact ${next.id} cannot be deactivated because it is still assigned to an active skill: ${skill.id} (${skill.name}); assign it to an inactive skill first`,
    };
  return null;
}

/** `a Phone`, `an Email`. */
const a = (word: string): string => `${/^[AEIOU]/.test(word) ? 'an' : 'a'} ${word}`;
