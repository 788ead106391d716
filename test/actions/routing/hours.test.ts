import { describe, expect, it } from 'vitest';
import { run } from '../../runtime/helpers.js';
import { tenantFromData } from '../../../src/tenant/tenant.js';
import { fakeContact } from '../fake-context.js';

const tenant = (override?: Record<string, unknown>) =>
  tenantFromData({
    timeZone: 'America/Denver',
    skills: [{ id: 6061, name: 'Support' }, { id: 6057, name: 'Sales' }],
    hoursOfOperation: [
      {
        id: 101,
        name: 'Main Hours',
        days: { Monday: { open: '08:00', close: '17:00' }, Tuesday: { open: '08:00', close: '17:00' } },
        holidays: [{ name: 'Christmas Day', date: '2026-12-25' }],
        skills: [6061],
        ...(override ? { override } : {}),
      },
    ],
  }).store;

async function hours(props: Record<string, unknown>, now: string, opts: { skillNo?: number; override?: Record<string, unknown> } = {}) {
  const contact = fakeContact(tenant(opts.override), { now, ...(opts.skillNo !== undefined ? { skillNo: opts.skillNo } : {}) });
  return contact.run('HOURS', props);
}

describe('HOURS', () => {
  const branches: [string, Record<string, unknown>, string, string, Record<string, unknown>?][] = [
    ['open', { Profile: 'Main Hours' }, '2026-12-07T09:00:00', 'OnOpen'],
    ['the closing minute is closed', { Profile: 'Main Hours' }, '2026-12-07T17:00:00', 'OnClosed'],
    ['a day not listed is closed', { Profile: 'main hours' }, '2026-12-09T10:00:00', 'OnClosed'],
    ['holiday', { Profile: '101' }, '2026-12-25T10:00:00', 'OnHoliday'],
    ['Weather override', { Profile: 'Main Hours' }, '2026-12-07T09:00:00', 'OnWeather', { branch: 'Weather' }],
    ['Meeting override', { Profile: 'Main Hours' }, '2026-12-07T09:00:00', 'OnMeeting', { branch: 'Meeting' }],
    ['Emergency override', { Profile: 'Main Hours' }, '2026-12-07T09:00:00', 'OnEmergency', { branch: 'Emergency' }],
    ['Other override', { Profile: 'Main Hours' }, '2026-12-07T09:00:00', 'OnOther', { branch: 'Other' }],
    ['an expired override', { Profile: 'Main Hours' }, '2026-12-07T09:00:00', 'OnOpen', { branch: 'Other', expires: '2026-12-07T08:30' }],
  ];
  it.each(branches)('%s', async (_name, props, now, branch, override) => {
    expect((await hours(props, now, { override })).branch).toBe(branch);
  });

  it('an empty Profile uses the profile of the contact’s skill', async () => {
    expect((await hours({}, '2026-12-08T16:59:59', { skillNo: 6061 })).branch).toBe('OnOpen');
  });

  const errors: [string, Record<string, unknown>, number | undefined, RegExp][] = [
    ['unknown profile', { Profile: 'Night' }, undefined, /no hours-of-operation profile "Night" \(profiles: Main Hours\)/],
    ['empty Profile without a skill', {}, undefined, /the contact has no skill/],
    ['empty Profile, skill without a profile', {}, 6057, /skill 6057 belongs to no hours-of-operation profile/],
  ];
  it.each(errors)('OnError: %s', async (_name, props, skillNo, message) => {
    const outcome = await hours(props, '2026-12-07T09:00:00', { skillNo });
    expect(outcome).toMatchObject({ branch: 'OnError', error: expect.stringMatching(message) });
  });
});

describe('HOURS in a script', () => {
  const SCRIPT = `script Hours
start: BEGIN -> hours
hours: HOURS "Are we open?" { Profile = "Main Hours" }
  OnOpen -> open
  OnHoliday -> holiday
  Default -> other
open: END
holiday: END
other: END
`;
  const at = async (now: string, override?: Record<string, unknown>) =>
    (await run([SCRIPT], {}, { now, tenant: tenant(override) })).path.at(-1);

  it('takes the wired branch, and Default for a branch the script leaves unwired', async () => {
    expect(await at('2026-12-07T09:00:00-07:00')).toBe('Hours.open');
    expect(await at('2026-12-25T09:00:00-07:00')).toBe('Hours.holiday');
    expect(await at('2026-12-07T18:00:00-07:00')).toBe('Hours.other');
    expect(await at('2026-12-07T09:00:00-07:00', { branch: 'Emergency' })).toBe('Hours.other');
  });
});
