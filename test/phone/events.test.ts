// Contact events through the runtime: each event interrupts what the script is
// doing and runs its event action; Studio's rules without one; hang-ups at
// every stage; signals between runs; snapshots in the middle of a call.
import { describe, expect, it, test } from 'vitest';
import { createRuntime } from '../../src/runtime/runtime.js';
import { NOW, scriptSet } from '../runtime/helpers.js';
import { call, heard, labels, TEST_QUEUE, withQueue } from './helpers.js';

const queued = (queue: string, handlers = '') => `script Main
type Phone
start: BEGIN -> queue
queue: TESTQUEUE { ${queue} } -> music
music: PLAY { Sequence = "\\"hold.wav\\"" } -> pause
pause: WAIT { Seconds = 7 } -> music
${handlers}`;

const ANSWERED = `answered: ONANSWER -> greetAgent
greetAgent: SNIPPET { ASSIGN who = "{FIRST} {LAST} ({AGENTID}) for {SKLNAME}" }
gone: ONRELEASE -> wrapUp
wrapUp: SNIPPET { ASSIGN cause = p1 }
`;

describe('answer and release', () => {
  it('an agent answering stops the hold loop and runs ONANSWER; the agent hanging up runs ONRELEASE', async () => {
    const r = await call(queued('Answer = 25  Release = 85', ANSWERED), '', withQueue);
    expect(r.status).toBe('completed');
    expect(r.variables).toMatchObject({ who: 'Ann Smith (1001) for Support', cause: 16 });
    // 25 s in: music 3 s + wait 7 s, twice, then the third music, cut 5 s into the third wait.
    expect(labels(r)).toEqual(['start', 'queue', 'music', 'pause', 'music', 'pause', 'music', 'pause', 'answered', 'greetAgent', 'gone', 'wrapUp']);
    expect(heard(r)).toEqual([
      '0 system queued for Support',
      '0 ivr "hold.wav"',
      '10 ivr "hold.wav"',
      '20 ivr "hold.wav"',
      '25 agent agent Ann Smith (1001) answered for Support',
      '85 agent agent hung up',
    ]);
    expect(r.contact).toMatchObject({ status: 'released', releasedBy: 'agent', agent: { id: '1001' } });
    expect(r.endedAt).toBe('2026-11-21T09:01:25.000Z');
    const cut = r.trace!.find((e) => e.type === 'action.exit' && e.interrupted);
    expect(cut).toMatchObject({ label: 'pause', interrupted: 'answer', seconds: 2 });
  });

  it('without ONANSWER the script is suspended at the answer; without ONRELEASE the release ends the run', async () => {
    const r = await call(queued('Answer = 25  Release = 85'), '', withQueue);
    expect(r.status).toBe('completed');
    expect(labels(r).at(-1)).toBe('pause');
    expect(r.endedAt).toBe('2026-11-21T09:01:25.000Z');
  });

  it('an agent that never hangs up leaves the run waiting: it stops, saying why', async () => {
    const r = await call(queued('Answer = 5', ANSWERED), '', withQueue);
    expect(r.status).toBe('stopped');
    expect(r.warnings).toEqual([]);
    expect(r.trace!.at(-1)).toMatchObject({ type: 'run.end', reason: 'Waiting for an event that never comes: the contact is with an agent and the script has nothing more to do after Main.greetAgent' });
  });

  it('a thread with nothing left to do while queued waits (not stuck), as REQAGENT without Default does', async () => {
    const script = `script Main
type Phone
start: BEGIN -> queue
queue: TESTQUEUE { Answer = 40  Release = 100 }
${ANSWERED}`;
    const r = await call(script, '', withQueue);
    expect(r.status).toBe('completed');
    expect(r.variables.who).toBe('Ann Smith (1001) for Support');
  });
});

describe('the caller hangs up at every stage', () => {
  /** Through the menu and the account number to the recording (5 s in). */
  const TO_RECORD = 'hear accounts; press 1; wait 1s; press 12#; at record'
  const ivr = `script Main
type Phone
start: BEGIN -> greet
greet: PLAY { Sequence = "\\"%Welcome to the bank of Springfield\\"" } -> menu
menu: MENU { Sequence = "\\"%Press 1 for accounts\\"" }
  "1" -> account
  Timeout -> menu
account: CAPTURE { Variable = acct MaxDigits = 8 Terminator = "#-" Timeout = 10 } -> record
record: RECORD { FileName = "{contactid}.wav" } -> queue
queue: TESTQUEUE { Answer = 60 } -> music
music: PLAY { Sequence = "\\"hold.wav\\"" } -> music
gone: ONRELEASE -> note
note: SNIPPET { ASSIGN reason = _callresult }
`;
  test.each([
    ['during the welcome prompt', 'wait 1s; hangup', 'greet', 1],
    ['during the menu prompt', 'at menu; wait 0.5s; hangup', 'menu', 2.9],
    ['while the menu waits for a key', 'at menu; wait 3s; hangup', 'menu', 5.4],
    ['while CAPTURE waits for digits', 'hear accounts; press 1; wait 2s; press 12; hangup', 'account', 6],
    ['while recording', `${TO_RECORD}; say "call me"; hangup`, 'record', 5.8],
    ['in the queue', `${TO_RECORD}; press #; wait 30s; hangup`, 'music', 35],
    ['with the agent (answered 60 s into the queue)', `${TO_RECORD}; press #; wait 90s; hangup`, 'music', 95],
  ])('%s: ONRELEASE runs with the cause', async (_stage, caller, last, seconds) => {
    const r = await call(ivr, caller, withQueue);
    expect(r.status).toBe('completed');
    expect(labels(r).slice(-3)).toEqual([last, 'gone', 'note']);
    expect(r.variables).toMatchObject({ p1: 16, reason: 'CallerDisconnect' });
    expect(r.endedAt).toBe(new Date(Date.parse(NOW) + seconds * 1000).toISOString());
    expect(r.contact).toMatchObject({ status: 'released', releasedBy: 'caller' });
    expect(heard(r).at(-1)).toBe(`${seconds} caller hung up`);
  });

  it('what was recorded before the hang-up is kept', async () => {
    const r = await call(ivr, `${TO_RECORD}; say "please call me back"; hangup`, withQueue);
    expect(r.effects.recordings).toEqual([{ file: '100000001.wav', seconds: 1.6, text: 'please call me back', key: '', contactId: '100000001' }]);
  });

  it('a hang-up after some time (contact.hangUpAfterSeconds) is the caller hanging up', async () => {
    const r = await call(ivr, undefined, { runtime: { actions: [TEST_QUEUE], contact: { hangUpAfterSeconds: 3 } } });
    expect(labels(r).slice(-3)).toEqual(['menu', 'gone', 'note']);
    expect(r.variables.reason).toBe('CallerDisconnect');
  });
});

describe('each event interrupts each kind of action', () => {
  /** `act` runs at 0 s; the event comes 2 s in, from the queue stand-in or from a signalling run. */
  const acting = (action: string, event: 'answer' | 'release' | 'signal') => `script Main
type Phone
start: BEGIN -> ${event === 'signal' ? 'spawn' : 'queue'}
spawn: SPAWN { ScriptName = "Signaller" } -> act
queue: TESTQUEUE { ${event === 'answer' ? 'Answer = 2' : 'Release = 2'} } -> act
act: ${action} -> after
after: END
answered: ONANSWER -> done
signalled: ONSIGNAL -> done
gone: ONRELEASE -> done
done: END
`;
  const SIGNALLER = `script Signaller
start: BEGIN -> pause
pause: WAIT { Seconds = 2 } -> signal
signal: SIGNAL { ContactID = "100000001" }
`;
  const HANDLER = { answer: 'answered', release: 'gone', signal: 'signalled' } as const;
  const actions: [string, string][] = [
    ['PLAY', 'PLAY { Sequence = "\\"%one two three four five six seven eight nine ten\\"" }'],
    ['MENU waiting for a key', 'MENU { Sequence = "\\"%Hi\\"" }'],
    ['CAPTURE', 'CAPTURE { Variable = x Timeout = 10 }'],
    ['RECORD', 'RECORD { FileName = "x.wav" }'],
    ['WAIT', 'WAIT { Seconds = 30 }'],
    ['a REST call that takes 10 s', 'REST API { Verb = GET Url = "https://crm.example.com/slow" } -> after\n  OnError'],
  ];
  const cases = (['answer', 'release', 'signal'] as const).flatMap((event) => actions.map(([name, action]) => [event, name, action] as const));
  test.each(cases)('%s cuts short %s: no branch taken, no output written, its event action runs', async (event, _n, action) => {
    const r = await call([acting(action, event), SIGNALLER], 'silent', {
      runtime: {
        actions: [TEST_QUEUE],
        intercept: (c) => (c.type === 'REST API' ? { outcome: { branch: 'Default', outputs: { ResultSet: 'late' } }, seconds: 10 } : undefined),
      },
    });
    const path = labels(r);
    expect(path[path.indexOf('act') + 1]).toBe(HANDLER[event]);
    const exit = r.trace!.find((e) => e.type === 'action.exit' && e.label === 'act');
    expect(exit).toMatchObject({ branch: '', interrupted: event, seconds: 2 });
    expect(r.variables.x).toBeUndefined();
    expect(r.variables.resultset).toBeUndefined();
  });
});

describe('hold', () => {
  const script = `script Main
type Phone
start: BEGIN -> queue
queue: TESTQUEUE { Answer = 5  Hold = 20  Resume = 47  Release = 60 }
held: ONHOLD -> holdMusic
holdMusic: PLAY { Sequence = "\\"hold.wav\\"" } -> holdMusic
gone: ONRELEASE -> done
done: END
`;
  it('ONHOLD plays while the call is held; coming off hold ends its thread', async () => {
    const r = await call(script, '', withQueue);
    expect(r.status).toBe('completed');
    expect(heard(r)).toEqual([
      '0 system queued for Support',
      '5 agent agent Ann Smith (1001) answered for Support',
      '20 agent agent put the call on hold',
      '20 ivr "hold.wav"',
      '23 ivr "hold.wav"',
      '26 ivr "hold.wav"',
      '29 ivr "hold.wav"',
      '32 ivr "hold.wav"',
      '35 ivr "hold.wav"',
      '38 ivr "hold.wav"',
      '41 ivr "hold.wav"',
      '44 ivr "hold.wav"',
      '47 agent agent took the call off hold',
      '60 agent agent hung up',
    ]);
  });

  it('without ONHOLD the held caller hears silence and nothing runs', async () => {
    const r = await call(script.replace(/held: ONHOLD[^\n]*\nholdMusic[^\n]*\n/, ''), '', withQueue);
    expect(heard(r).filter((l) => l.includes('hold.wav'))).toEqual([]);
    expect(r.status).toBe('completed');
  });
});

describe('HANGUP, END, STOP and the rules of ONRELEASE', () => {
  const main = (body: string, release: string) => `script Main
type Phone
start: BEGIN -> act
act: ${body}
gone: ONRELEASE -> ${release}
`;
  it('HANGUP and END release the call and ONRELEASE runs; the cause says the script hung up', async () => {
    for (const body of ['HANGUP', 'END']) {
      const r = await call(main(body, 'log\nlog: SNIPPET { ASSIGN why = _callresult }'));
      expect(labels(r)).toEqual(['start', 'act', 'gone', 'log']);
      expect(r.variables).toMatchObject({ why: 'ScriptDisconnect', p1: 16 });
      expect(r.contact?.releasedBy).toBe('script');
    }
  });

  it('media after the release plays nothing, with a warning; HANGUP, END or STOP there end the run', async () => {
    const r = await call(main('HANGUP', 'late\nlate: PLAY { Sequence = "\\"%Goodbye\\"" } -> last\nlast: STOP'));
    expect(labels(r)).toEqual(['start', 'act', 'gone', 'late', 'last']);
    expect(r.warnings).toEqual(['Main.late: PLAY after the call was released plays nothing (Studio allows no media in ONRELEASE)']);
    expect(r.status).toBe('completed');
    for (const last of ['HANGUP', 'END']) expect((await call(main('HANGUP', `x\nx: ${last}`))).status).toBe('completed');
  });

  it('STOP waits for the next event: the caller hanging up later runs ONRELEASE', async () => {
    const r = await call(main('STOP', 'log\nlog: SNIPPET { ASSIGN t = "done" }'), 'wait 20s; hangup');
    expect(labels(r)).toEqual(['start', 'act', 'gone', 'log']);
    expect(r.endedAt).toBe('2026-11-21T09:00:20.000Z');
    const waiting = await call(main('STOP', 'log\nlog: SNIPPET { ASSIGN t = "done" }'), 'silent');
    expect(waiting.status).toBe('stopped');
    expect(waiting.trace!.at(-1)).toMatchObject({ reason: 'Waiting for an event that never comes: STOP at Main.act' });
  });

  it('a hang-up inside a subscript unwinds to the ONRELEASE of the script that has one', async () => {
    const sub = `script Sub
type Phone
begin: BEGIN -> ask
ask: MENU { Sequence = "\\"%Press a key\\"" } -> back
back: RETURN
`;
    const r = await call([main('RUNSUB { ScriptName = "Sub" } -> after\nafter: END', 'log\nlog: SNIPPET { ASSIGN t = "main" }'), sub], 'at Sub.ask; hangup');
    expect(r.path).toEqual(['Main.start', 'Main.act', 'Sub.begin', 'Sub.ask', 'Main.gone', 'Main.log']);
  });
});

describe('signals between runs', () => {
  const worker = `script Worker
start: BEGIN -> wait
wait: STOP
signalled: ONSIGNAL { Parameters = [orderId] SrcContactIDVar = sender } -> record
record: SNIPPET { ASSIGN got = "{orderId}/{sp2}/{sender}" } -> done
done: END
`;
  const main = (target: string) => `script Main
type Phone
start: BEGIN -> spawn
spawn: SPAWN { ScriptName = "Worker" } -> pause
pause: WAIT { Seconds = 5 } -> signal
signal: SIGNAL { ContactID = "${target}" Parameters = ["A-17", 3] } -> done
  OnError -> failed
done: END
failed: END
`;
  it('SIGNAL interrupts the target, whose ONSIGNAL receives the parameters and the sender', async () => {
    const r = await call([main('{spawnid}'), worker]);
    expect(r.spawned![0]).toMatchObject({ status: 'completed', variables: { got: 'A-17/3/100000001', sp1: 'A-17' } });
    expect(r.spawned![0]!.path).toEqual(['Worker.start', 'Worker.wait', 'Worker.signalled', 'Worker.record', 'Worker.done']);
  });

  it('a SIGNAL to no running contact takes OnError', async () => {
    const r = await call([main('999'), worker]);
    expect(labels(r)).toContain('failed');
    expect(r.lastError).toBe('SIGNAL: no running contact has id "999"');
  });
});

describe('a call survives a snapshot', () => {
  it('resumed in the middle of a prompt with events pending, it ends as the uninterrupted run does', async () => {
    const script = queued('Answer = 25  Release = 85', ANSWERED);
    const scripts = scriptSet([script], [TEST_QUEUE]);
    const options = { scripts, now: NOW, actions: [TEST_QUEUE], contact: { caller: 'wait 1s; press 5; wait 30s; press 6' } };
    const whole = await createRuntime(options).run('Main');
    const first = createRuntime(options);
    const paused = await first.run('Main', { maxSteps: 6 });
    expect(paused.status).toBe('stopped');
    const snap = JSON.parse(JSON.stringify(first.snapshot()));
    const resumed = await createRuntime({ ...options, resume: snap }).run('Main');
    expect(resumed.path).toEqual(whole.path);
    expect(resumed.transcript).toEqual(whole.transcript);
    expect(resumed.variables).toEqual(whole.variables);
  });
});
