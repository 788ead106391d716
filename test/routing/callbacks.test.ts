// The callback actions through the runtime: QUEUECALLBACK and COMMITMENT queue
// callbacks that agents take before live callers, CALLBACK turns a queued
// caller into one that keeps its place, QUERYCALLBACK finds them.
import { describe, expect, it, test } from 'vitest';
import { tenantFromData } from '../../src/tenant/tenant.js';
import { call, heard } from '../phone/helpers.js';

const tenant = (availableAfterSeconds = 600) =>
  tenantFromData({
    timeZone: 'America/Denver',
    skills: [{ id: 6061, name: 'Support' }, { id: 6057, name: 'Sales' }],
    agents: [{ id: 1001, email: 'ana@example.com', name: 'Ana Silva', skills: [6061], availableAfterSeconds }],
  });

const QUERY = `query: QUERYCALLBACK { PhoneNumber = "303-555-0100"  Skill = "Support" }
  OnCallbacksFound -> found
  OnNoCallbacksFound -> none
found: SNIPPET { ASSIGN found = "yes" }
none: SNIPPET { ASSIGN found = "no" }`;

describe('QUEUECALLBACK', () => {
  it('queues a callback for the number; QUERYCALLBACK finds it on its skill only', async () => {
    const script = (skill: string) => `script Main
type Phone
start: BEGIN -> cb
cb: QUEUECALLBACK { PhoneNumber = "{ANI}"  Skill = "Support"  CallDelaySec = 5 } -> query
${QUERY.replace('Skill = "Support"', `Skill = "${skill}"`)}
`;
    const r = await call(script('Support'), '', { runtime: { tenant: tenant() } });
    expect(r.variables.found).toBe('yes');
    expect(r.effects.calls![0]).toEqual({ action: 'QUEUECALLBACK', callback: '100000001-cb1', number: '3035550100', callerId: '8005550000', skill: 6061, contactId: '100000001' });
    expect(r.effects.calls![1]).toMatchObject({ callback: '100000001-cb1', dialedBy: 'agent', agentId: 1001, result: 'answered' });
    expect((await call(script('Sales'), '', { runtime: { tenant: tenant() } })).variables.found).toBe('no');
  });

  it('a callback counts in the queue (GETQUEUE) and ranks before live callers', async () => {
    const script = `script Main
type Phone
start: BEGIN -> cb
cb: QUEUECALLBACK { PhoneNumber = "7205550100"  Skill = 6061 } -> queue
queue: REQAGENT { Skill = 6061 } -> count
count: GETQUEUE { Skills = 6061 } -> wait
wait: WAIT { Seconds = 3600 }
answered: ONANSWER -> who
who: SNIPPET { ASSIGN answeredAt = "{contactid}" }
`;
    const r = await call(script, 'hangup at 610s', { runtime: { tenant: tenant(600) } });
    expect(r.variables.numberqueued).toBe(2);
    // Ana logs in at 600 s and takes the callback first: the caller is still waiting when they hang up.
    expect(r.variables.answeredat).toBeUndefined();
    expect(heard(r).at(-1)).toBe('610 caller hung up');
  });

  it("the agent's dial of the callback is a calls effect of the run that queued it, after that run ended", async () => {
    const script = `script Main
type Phone
start: BEGIN -> cb
cb: QUEUECALLBACK { PhoneNumber = "7205550100"  Skill = 6061  CallDelaySec = 5 } -> bye
bye: HANGUP
`;
    const r = await call(script, '', { runtime: { tenant: tenant(600) } });
    expect(r.status).toBe('completed');
    expect(r.endedAt).toBe('2026-11-21T02:00:00.000-07:00');
    // Ana logs in at 600 s, rings 2 s, and dials 5 s later (CallDelaySec).
    expect(r.effects.calls).toEqual([
      { action: 'QUEUECALLBACK', callback: '100000001-cb1', number: '7205550100', callerId: '8005550000', skill: 6061, contactId: '100000001' },
      {
        callback: '100000001-cb1',
        dialedBy: 'agent',
        agentId: 1001,
        number: '7205550100',
        e164: '+17205550100',
        callerId: '8005550000',
        result: 'answered',
        skill: 6061,
        at: '2026-11-21T02:10:07.000-07:00',
        contactId: '100000001',
      },
    ]);
  });

  it('a number that is not a phone number, or an unknown skill, takes OnError', async () => {
    const script = (props: string) => `script Main
type Phone
start: BEGIN -> cb
cb: QUEUECALLBACK { ${props} }
  OnError -> failed
failed: SNIPPET { ASSIGN why = _err }
`;
    expect((await call(script('PhoneNumber = "call me"  Skill = 6061'), '', { runtime: { tenant: tenant() } })).variables.why).toBe('QUEUECALLBACK: PhoneNumber "call me" is not a phone number');
    expect((await call(script('Skill = "Billing"'), '', { runtime: { tenant: tenant() } })).variables.why).toBe('QUEUECALLBACK: skill Billing does not exist in this business unit');
  });
});

describe('QUERYCALLBACK', () => {
  const script = (queue: string, query: string) => `script Main
type Phone
start: BEGIN -> cb
cb: ${queue} -> query
query: QUERYCALLBACK { ${query} }
  OnCallbacksFound -> found
  OnNoCallbacksFound -> none
found: SNIPPET { ASSIGN found = "yes" }
none: SNIPPET { ASSIGN found = "no" }
`;
  test.each([
    ['a callback for the number on the skill: OnCallbacksFound', 'QUEUECALLBACK { PhoneNumber = "3035550100"  Skill = "Support" }', 'PhoneNumber = "303-555-0100"  Skill = "Support"', 'yes'],
    ['one on another skill: OnNoCallbacksFound', 'QUEUECALLBACK { PhoneNumber = "3035550100"  Skill = "Support" }', 'PhoneNumber = "3035550100"  Skill = "Sales"', 'no'],
    ['one for another number: OnNoCallbacksFound', 'QUEUECALLBACK { PhoneNumber = "7205550100"  Skill = "Support" }', 'PhoneNumber = "3035550100"  Skill = "Support"', 'no'],
    ['no PhoneNumber: the caller’s number (ANI)', 'QUEUECALLBACK { PhoneNumber = "{ANI}"  Skill = 6061 }', 'Skill = 6061', 'yes'],
    ['nothing queued: OnNoCallbacksFound', 'SNIPPET { ASSIGN x = 1 }', 'Skill = "Support"', 'no'],
  ])('%s', async (_n, queue, query, found) => {
    const r = await call(script(queue, query), '', { runtime: { tenant: tenant() } });
    expect(r.variables.found).toBe(found);
  });
});

describe('CALLBACK', () => {
  it('turns the queued caller into a callback that keeps its place, and releases the call', async () => {
    const script = `script Main
type Phone
start: BEGIN -> queue
queue: REQAGENT { Skill = 6061 } -> hold
hold: WAIT { Seconds = 30 } -> offer
offer: CALLBACK { PhoneNumber = "{ANI}" }
  OnError -> failed
failed: SNIPPET { ASSIGN why = _err }
gone: ONRELEASE -> check
check: SNIPPET { ASSIGN result = _callresult } -> count
count: GETQUEUE { Skills = 6061 } -> query
${QUERY}
`;
    const r = await call(script, '', { runtime: { tenant: tenant() } });
    expect(r.variables).toMatchObject({ result: 'Callback', numberqueued: 1, longestwait: 30, found: 'yes' });
    expect(r.contact).toMatchObject({ status: 'released', releasedBy: 'script' });
    expect(heard(r)).toContain('30 system callback 100000001-cb1 to 3035550100 keeps the place in queue');
  });

  it('a caller who is not queued takes OnError', async () => {
    const script = `script Main
type Phone
start: BEGIN -> offer
offer: CALLBACK { }
  OnError -> failed
failed: SNIPPET { ASSIGN why = _err }
`;
    const r = await call(script, '', { runtime: { tenant: tenant() } });
    expect(r.variables.why).toBe('CALLBACK: the contact is not waiting in a queue (run REQAGENT first)');
  });
});

describe('COMMITMENT', () => {
  const script = (date: string, time: string) => `script Main
type Phone
start: BEGIN -> promise
promise: COMMITMENT { FirstName = "Marge"  LastName = "Simpson"  Skill = 6061  CommitmentDate = "${date}"  CommitmentTime = "${time}" } -> count
  OnError -> failed
count: GETQUEUE { Skills = 6061 } -> query
${QUERY}
failed: SNIPPET { ASSIGN why = _err }
`;

  it('schedules a callback that joins the queue at that time, in the business unit zone', async () => {
    const r = await call(script('2026-11-21', '15:00'), '', { runtime: { tenant: tenant() } });
    expect(r.variables.numberqueued).toBe(0);
    expect(r.effects.calls).toEqual([
      expect.objectContaining({ action: 'COMMITMENT', skill: 6061, at: '2026-11-21T15:00:00.000-07:00' }),
      // Ana (on from 600 s) takes it when it joins the queue, rings 2 s and dials.
      expect.objectContaining({ callback: '100000001-cb1', dialedBy: 'agent', agentId: 1001, at: '2026-11-21T15:00:02.000-07:00', result: 'answered' }),
    ]);
  });

  it.each([
    ['a time that is not one', '2026-11-21', 'soon', /is not a date \(YYYY-MM-DD or M\/D\/YYYY\) and a time \(HH:MM\) in America\/Denver/],
    ['a time in the past', '11/20/2026', '09:00', /11\/20\/2026 09:00 is in the past/],
  ])('%s takes OnError', async (_name, date, time, message) => {
    const r = await call(script(date, time), '', { runtime: { tenant: tenant() } });
    expect(r.variables.why).toMatch(message);
  });
});
