// QUERYCALLBACK: is a callback for this number already waiting on this skill?
// (research voice-actions.md §16). Numbers compare as phone numbers, so
// "(303) 555-0100" finds a callback queued for "+13035550100".
import { digitsOf, samePhoneNumber } from '../tenant/phones.js';
import { defineAction, text } from './define.js';
import { requestedSkill } from './routing-skill.js';

export default defineAction({
  type: 'QUERYCALLBACK',
  description: 'Takes OnCallbacksFound when a callback for PhoneNumber is waiting on Skill (Default: the contact’s skill), else OnNoCallbacksFound.',
  source:
    'Studio help page https://help.incontact.com/Content/Studio/Actions/QUERYCALLBACK/QUERYCALLBACK.htm (documented)',
  props: {
    PhoneNumber: text({ default: '', description: 'The number to look for; empty: the caller’s number (ANI).' }),
    Skill: text({ default: 'Default', description: 'Skill number or name; Default is the contact’s skill.' }),
  },
  studioParams: ['PhoneNumber', 'Skill'],
  branches: ['Default', 'OnCallbacksFound', 'OnNoCallbacksFound'],
  execute(ctx, props) {
    const skill = requestedSkill(ctx, props.Skill);
    if (typeof skill === 'string') return ctx.error(`QUERYCALLBACK: ${skill}`);
    const phone = props.PhoneNumber.trim() || ctx.run.ani;
    const wanted = digitsOf(phone);
    const found = wanted !== '' && ctx.routing.entries().some((e) => e.callback !== null && e.phase === 'queued' && e.skill === skill.id && (samePhoneNumber(e.callback.phone, wanted) || samePhoneNumber(phone, digitsOf(e.callback.phone))));
    return ctx.branch(found ? 'OnCallbacksFound' : 'OnNoCallbacksFound');
  },
});
