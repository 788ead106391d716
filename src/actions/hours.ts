// HOURS: branches on an hours-of-operation profile at the current virtual
// time, in the business unit's zone (docs/routing.md): OnOpen, OnClosed,
// OnHoliday, or the override branch the profile has set. A branch the script
// leaves unwired falls back to Default, as in Studio.
import { evaluateHours } from '../tenant/hours/evaluate.js';
import { findProfile, HOURS_COLLECTION, type HoursProfileRecord } from '../tenant/hours/profile.js';
import { defineAction, text } from './define.js';

export default defineAction({
  type: 'HOURS',
  description:
    'Evaluates the hours-of-operation Profile (id or name; empty: the profile of the contact’s skill) now and takes OnOpen, OnClosed, OnHoliday or the override branch (OnWeather, OnMeeting, OnEmergency, OnOther).',
  source: 'Studio help page https://help.staging.nice-incontact.com/content/studio/actions/hours/hours.htm (documented)',
  props: {
    Profile: text({ default: '', description: 'Hours-of-operation profile id or name (tenant `hoursOfOperation`); empty: the profile serving the contact’s skill.' }),
  },
  branches: ['Default', 'OnOpen', 'OnClosed', 'OnHoliday', 'OnError', 'OnWeather', 'OnMeeting', 'OnEmergency', 'OnOther'],
  errorBranch: 'OnError',
  studio: { evidence: 'help-page', params: ['Profile'], source: 'the property order of the help page' },
  messages: {
    unknownProfile: 'HOURS: no hours-of-operation profile "{{profile}}" (profiles: {{known}})',
    noProfile: 'HOURS: Profile is empty and skill {{skill}} belongs to no hours-of-operation profile',
    noSkill: 'HOURS: Profile is empty and the contact has no skill',
  },
  execute(ctx, props) {
    const profiles = ctx.tenant.collection<HoursProfileRecord>(HOURS_COLLECTION).all();
    const ref = (props.Profile ?? '').trim();
    let profile: HoursProfileRecord | undefined;
    if (ref !== '') {
      profile = findProfile(profiles, ref);
      if (!profile) return ctx.error(ctx.message('unknownProfile', { profile: ref, known: profiles.map((p) => p.name).join(', ') || 'none' }));
    } else {
      const skill = ctx.run.skillNo;
      if (skill === null) return ctx.error(ctx.message('noSkill'));
      profile = profiles.find((p) => p.skills.includes(skill));
      if (!profile) return ctx.error(ctx.message('noProfile', { skill }));
    }
    return ctx.branch(evaluateHours(profile, ctx.clock.now().toMillis(), ctx.clock.zone).branch);
  },
});
