// TRANSFER, BLINDXFER and PLACECALL against the tenant's dial plan: each
// outcome takes its branch after the ringing it needs, the attempt is a calls
// effect, and a transfer that connects releases the call as transferred.
import { describe, expect, it } from 'vitest';
import { tenantFromData } from '../../src/tenant/tenant.js';
import { call, heard, labels } from '../phone/helpers.js';

const tenant = () =>
  tenantFromData({
    timeZone: 'UTC',
    skills: [{ id: 6061, name: 'Support' }],
    agents: [{ id: 1001, email: 'ana@example.com', name: 'Ana Silva', skills: [6061], availableAfterSeconds: 3600 }],
    dialPlan: [
      { number: '+13035550199', result: 'busy', ringSeconds: 2 },
      { number: '+13035550198', result: 'noAnswer' },
      { number: '+13035550197', result: 'machine', ringSeconds: 4 },
      { number: '+13035550196', result: 'error' },
      { number: '+13035550111', result: 'answered', ringSeconds: 50 },
      { number: '*', result: 'answered', ringSeconds: 6, talkSeconds: 90 },
    ],
  });

const withBranches = (action: string, branches: string[]) => `script Main
type Phone
start: BEGIN -> act
act: ${action}
${branches.map((b) => `  ${b} -> took${b}`).join('\n')}
${branches.map((b) => `took${b}: SNIPPET { ASSIGN took = "${b}" }`).join('\n')}
gone: ONRELEASE -> log
log: SNIPPET { ASSIGN result = _callresult }
`;

describe('TRANSFER', () => {
  const branches = ['Default', 'OnDialingError', 'OnBusy', 'OnNoAnswer', 'OnInvalidNumber'];
  const transfer = (to: string) => withBranches(`TRANSFER { Destination = "${to}"  NoAnswerTimeout = 20 }`, branches);

  it('an answer takes Default; the far end talks, hangs up, and the call is released as transferred', async () => {
    const r = await call(transfer('(720) 555-0100'), '', { runtime: { tenant: tenant() } });
    expect(r.variables).toMatchObject({ took: 'Default', result: 'Transferred' });
    expect(r.effects.calls).toEqual([{ action: 'TRANSFER', number: '(720) 555-0100', e164: '+17205550100', callerId: '', result: 'answered', seconds: 6, contactId: '100000001' }]);
    expect(heard(r)).toEqual(['0 system transferred to +17205550100 (answers after 6 s)', '96 system call transferred away']);
    expect(r.endedAt).toBe('2026-11-21T09:01:36.000Z');
  });

  it.each([
    ['busy', '3035550199', 'OnBusy', 2],
    ['no answer', '3035550198', 'OnNoAnswer', 20],
    ['an answer after the timeout', '3035550111', 'OnNoAnswer', 20],
    ['a dialing error', '3035550196', 'OnDialingError', 0],
    ['not a phone number', 'front desk', 'OnInvalidNumber', 0],
  ])('%s takes its branch', async (_name, to, branch, seconds) => {
    const r = await call(transfer(to), 'hangup at 100s', { runtime: { tenant: tenant() } });
    expect(r.variables.took).toBe(branch);
    expect((r.effects.calls as { seconds: number }[])[0]!.seconds).toBe(seconds);
    expect(r.trace!.find((e) => e.type === 'action.exit' && e.label === 'act')).toMatchObject({ seconds });
  });

  it('a queued caller transferred away leaves the queue', async () => {
    const script = `script Main
type Phone
start: BEGIN -> queue
queue: REQAGENT { Skill = 6061 } -> away
away: TRANSFER { Destination = "7205550100" } -> count
count: GETQUEUE { Skills = 6061 }
`;
    const r = await call(script, '', { runtime: { tenant: tenant() } });
    expect(r.variables.numberqueued).toBe(0);
    expect(r.contact).toMatchObject({ status: 'released', releasedBy: 'transfer' });
  });
});

describe('BLINDXFER', () => {
  it('releases the call at once, whatever the far end does; ONRELEASE runs', async () => {
    const script = `script Main
type Phone
start: BEGIN -> away
away: BLINDXFER { Destination = "3035550199" }
gone: ONRELEASE -> log
log: SNIPPET { ASSIGN result = _callresult }
`;
    const r = await call(script, '', { runtime: { tenant: tenant() } });
    expect(r.variables.result).toBe('Transferred');
    expect(r.effects.calls).toEqual([expect.objectContaining({ action: 'BLINDXFER', e164: '+13035550199', result: 'busy', callerId: '3035550100' })]);
    expect(r.endedAt).toBe('2026-11-21T09:00:00.000Z');
    expect(labels(r)).toEqual(['start', 'away', 'gone', 'log']);
  });
});

describe('PLACECALL', () => {
  const branches = ['Default', 'NoAnswer', 'Busy', 'InvalidNumber', 'Error', 'LivePerson', 'AnswerMachine'];
  const place = (to: string, detection = 'NONE') => withBranches(`PLACECALL { PhoneNumber = "${to}"  Timeout = 25  DetectionType = ${detection} }`, branches).replace('type Phone', 'type Generic');

  it.each([
    ['a person answers', '7205550100', 'NONE', 'Default', 6],
    ['a machine answers, without detection', '3035550197', 'NONE', 'Default', 4],
    ['a person, with detection', '7205550100', 'NOTIFYOFMACHINEASAP', 'LivePerson', 8],
    ['a machine, with detection', '3035550197', 'NOTIFYOFMESSAGEEND', 'AnswerMachine', 4],
    ['busy', '3035550199', 'NONE', 'Busy', 2],
    ['no answer', '3035550198', 'NONE', 'NoAnswer', 25],
    ['an error', '3035550196', 'NONE', 'Error', 0],
    ['an invalid number', '12', 'NONE', 'InvalidNumber', 0],
  ])('%s', async (_name, to, detection, branch, seconds) => {
    const r = await call(place(to, detection), undefined, { runtime: { tenant: tenant() } });
    expect(r.variables.took).toBe(branch);
    expect(r.trace!.find((e) => e.type === 'action.exit' && e.label === 'act')).toMatchObject({ seconds });
    expect(r.effects.calls).toEqual([expect.objectContaining({ action: 'PLACECALL', number: to })]);
  });
});
