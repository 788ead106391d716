// COMMITMENT: schedules a callback for a date and time (research
// voice-actions.md §16): it joins the skill's queue (or waits for TargetAgent)
// at that moment, in Timezone (default: the business unit's zone), and is
// dialed like any callback when an agent takes it.
import { luxon } from '../deps.js';
import { defineAction, text } from './define.js';
import { queueCallback } from './queuecallback.js';

export default defineAction({
  type: 'COMMITMENT',
  description: 'Schedules a callback to PhoneNumber on Skill for CommitmentDate CommitmentTime (in Timezone, default the BU zone); an agent takes it from then on, before live callers.',
  source:
    'Studio help page https://help.incontact.com/Content/Studio/Actions/Commitment/Commitment.htm (documented: the properties and the callback queued at that time; the OnError branch and the accepted date and time forms are emulator decisions: docs/routing.md)',
  props: {
    FirstName: text({ default: '', description: 'The customer’s first name (for the agent).' }),
    LastName: text({ default: '', description: 'The customer’s last name.' }),
    PhoneNumber: text({ default: '', description: 'The number to call back; empty: the caller’s number (ANI).' }),
    Skill: text({ default: 'Default', description: 'Skill number or name; Default is the contact’s skill.' }),
    TargetAgent: text({ default: '', description: 'Agent id: only this agent takes the callback.' }),
    CommitmentDate: text({ required: true, description: 'The day of the callback, YYYY-MM-DD (or M/D/YYYY).' }),
    CommitmentTime: text({ required: true, description: 'The time of the callback, HH:MM (24-hour).' }),
    Notes: text({ default: '', description: 'Notes for the agent.' }),
    Timezone: text({ default: '', description: 'IANA zone of the date and time; empty: the business unit’s zone.' }),
  },
  studioParams: ['FirstName', 'LastName', 'PhoneNumber', 'Skill', 'TargetAgent', 'CommitmentDate', 'CommitmentTime', 'Notes', 'Timezone'],
  branches: ['Default', 'OnError'],
  errorBranch: 'OnError',
  messages: {
    badWhen: 'COMMITMENT: "{{date}} {{time}}" is not a date (YYYY-MM-DD or M/D/YYYY) and a time (HH:MM) in {{zone}}',
    past: 'COMMITMENT: {{when}} is in the past',
  },
  execute(ctx, props) {
    const zone = props.Timezone.trim() || ctx.clock.zone;
    const when = commitmentTime(props.CommitmentDate, props.CommitmentTime, zone);
    if (when === null) return ctx.error(ctx.message('badWhen', { date: props.CommitmentDate, time: props.CommitmentTime, zone }));
    if (when < ctx.clock.now().toMillis()) return ctx.error(ctx.message('past', { when: `${props.CommitmentDate.trim()} ${props.CommitmentTime.trim()}` }));
    const queued = queueCallback(ctx, 'COMMITMENT', { ...props, CallerID: '' }, when);
    return typeof queued === 'string' ? ctx.error(queued) : ctx.branch('Default');
  },
});

function commitmentTime(date: string, time: string, zone: string): number | null {
  const d = date.trim();
  const t = time.trim();
  for (const format of ['yyyy-MM-dd H:mm', 'yyyy-MM-dd H:mm:ss', 'M/d/yyyy H:mm', 'M/d/yyyy H:mm:ss']) {
    const dt = luxon().DateTime.fromFormat(`${d} ${t}`, format, { zone });
    if (dt.isValid) return dt.toMillis();
  }
  return null;
}
