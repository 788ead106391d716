// Table tests of the call-control, event and speech actions through the
// runtime: HANGUP, EXIT, STOP, ONANSWER, ONRELEASE, ONHOLD, SIGNAL, ONSIGNAL,
// VOICEPARAMS, TTSVOICE and INDICATE, one row per behaviour.
import { describe, expect, test } from 'vitest';
import { defineAction } from '../../src/actions/define.js';
import { call, heard, labels, TEST_QUEUE } from './helpers.js';

/** Records the call's speech settings in `speech`, as the prompts that follow would use them. */
const SPEECH = defineAction({
  type: 'SPEECHPROBE',
  description: 'Stores the call’s speech settings in the variable speech.',
  props: {},
  branches: ['Default'],
  execute: (ctx) => ({ branch: 'Default', vars: { speech: JSON.stringify(ctx.contact?.speech ?? null) } }),
});
const actions = { runtime: { actions: [TEST_QUEUE, SPEECH] } };

/** A phone script (Generic with `generic`) running `body` from BEGIN, with `handlers` after it. */
const script = (body: string, handlers = '', generic = false) => `script Main
${generic ? '' : 'type Phone\n'}start: BEGIN -> act
act: ${body}
${handlers}`;
const LOG_RELEASE = 'gone: ONRELEASE -> log\nlog: SNIPPET { ASSIGN why = _callresult }';

/** HANGUP and EXIT release the call alike (EXIT is the chat's word for it). */
const releases = (action: string) =>
  test.each([
    ['releases the call; ONRELEASE runs with the script as the cause', script(action, LOG_RELEASE), ['start', 'act', 'gone', 'log'], 'ScriptDisconnect', 'script'],
    ['without ONRELEASE the run ends with the release', script(action), ['start', 'act'], undefined, 'script'],
    ['in a run that is not a call it ends the run', script(action, '', true), ['start', 'act'], undefined, undefined],
    ['inside ONRELEASE (already released) it ends the run', script('HANGUP', `gone: ONRELEASE -> last\nlast: ${action}`), ['start', 'act', 'gone', 'last'], undefined, 'script'],
  ])('%s', async (_n, text, path, why, releasedBy) => {
    const r = await call(text, releasedBy ? '' : undefined);
    expect(r.status).toBe('completed');
    expect(labels(r)).toEqual(path);
    expect(r.variables.why).toBe(why);
    expect(r.contact?.releasedBy).toBe(releasedBy);
  });

describe('HANGUP', () => releases('HANGUP'));
describe('EXIT', () => releases('EXIT'));

describe('STOP', () => {
  test.each([
    ['parks the script: the caller hanging up later runs ONRELEASE', script('STOP', LOG_RELEASE), 'wait 20s; hangup', 'completed', ['start', 'act', 'gone', 'log'], '2026-11-21T09:00:20.000Z'],
    ['an agent answering continues at ONANSWER', script('TESTQUEUE { Answer = 8  Release = 30 } -> park\npark: STOP', 'answered: ONANSWER -> note\nnote: SNIPPET { ASSIGN got = AGENTID }'), '', 'completed', ['start', 'act', 'park', 'answered', 'note'], '2026-11-21T09:00:30.000Z'],
    ['with no event to come the run stops, saying why', script('STOP', LOG_RELEASE), 'silent', 'stopped', ['start', 'act'], '2026-11-21T09:00:00.000Z'],
  ])('%s', async (_n, text, caller, status, path, endedAt) => {
    const r = await call(text, caller, actions);
    expect(r.status).toBe(status);
    expect(labels(r)).toEqual(path);
    expect(r.endedAt).toBe(endedAt);
    if (status === 'stopped') expect(r.trace!.at(-1)).toMatchObject({ reason: 'Waiting for an event that never comes: STOP at Main.act' });
  });
});

describe('ONANSWER', () => {
  const queued = (handler: string) => script('TESTQUEUE { Answer = 5  Release = 20 } -> park\npark: STOP', `answered: ${handler} -> done\ndone: STOP`);
  test.each([
    ['stores the agent and the skill in its default variables', 'ONANSWER', { agentid: '1001', first: 'Ann', last: 'Smith', sklname: 'Support' }],
    ['or in the variables it names', 'ONANSWER { AgentID = who  SkillNameVar = skill  AgentFirstName = given  AgentLastName = family }', { who: '1001', skill: 'Support', given: 'Ann', family: 'Smith' }],
  ])('%s', async (_n, handler, vars) => {
    const r = await call(queued(handler), '', actions);
    expect(r.variables).toMatchObject(vars);
    expect(labels(r)).toEqual(['start', 'act', 'park', 'answered', 'done']);
    expect(heard(r)).toContain('5 agent agent Ann Smith (1001) answered for Support');
  });

  test('interrupts the action running when the agent answers (no branch taken)', async () => {
    const r = await call(script('TESTQUEUE { Answer = 5  Release = 20 } -> pause\npause: WAIT { Seconds = 60 } -> after\nafter: END', 'answered: ONANSWER -> done\ndone: STOP'), '', actions);
    expect(labels(r)).toEqual(['start', 'act', 'pause', 'answered', 'done']);
    expect(r.trace!.find((e) => e.type === 'action.exit' && e.interrupted)).toMatchObject({ label: 'pause', interrupted: 'answer', seconds: 5 });
  });
});

describe('ONRELEASE', () => {
  const waiting = (handler: string) => script('TESTQUEUE { Answer = 5  Release = 20 } -> park\npark: STOP', `gone: ${handler} -> log\nlog: SNIPPET { ASSIGN why = _callresult }`);
  test.each([
    ['the caller hangs up: CauseCode in p1, _CALLRESULT CallerDisconnect', 'ONRELEASE', 'wait 10s; hangup', { p1: 16, why: 'CallerDisconnect' }, 'caller'],
    ['the agent hangs up: AgentDisconnect', 'ONRELEASE', '', { p1: 16, why: 'AgentDisconnect' }, 'agent'],
    ['CauseCode into the variable it names', 'ONRELEASE { CauseCode = cause }', 'wait 10s; hangup', { cause: 16, why: 'CallerDisconnect' }, 'caller'],
  ])('%s', async (_n, handler, caller, vars, by) => {
    const r = await call(waiting(handler), caller, actions);
    expect(r.status).toBe('completed');
    expect(labels(r).slice(-2)).toEqual(['gone', 'log']);
    expect(r.variables).toMatchObject(vars);
    expect(r.contact?.releasedBy).toBe(by);
  });
});

describe('ONHOLD', () => {
  const held = (handlers: string) => script('TESTQUEUE { Answer = 5  Hold = 10  Resume = 16  Release = 30 } -> park\npark: STOP', handlers);
  test.each([
    ['runs while the call is held; coming off hold ends its thread', 'held: ONHOLD -> music\nmusic: PLAY { Sequence = "\\"hold.wav\\"" } -> music', ['10 ivr "hold.wav"', '13 ivr "hold.wav"']],
    ['without ONHOLD the held caller hears nothing', '', []],
  ])('%s', async (_n, handlers, music) => {
    const r = await call(held(handlers), '', actions);
    expect(r.status).toBe('completed');
    expect(heard(r).filter((l) => l.includes('hold.wav'))).toEqual(music);
    expect(heard(r)).toContain('16 agent agent took the call off hold');
  });
});

describe('SIGNAL', () => {
  const worker = `script Worker
start: BEGIN -> wait
wait: STOP
signalled: ONSIGNAL -> done
done: END
`;
  const main = (props: string) => `script Main
start: BEGIN -> spawn
spawn: SPAWN { ScriptName = "Worker" } -> pause
pause: WAIT { Seconds = 5 } -> signal
signal: SIGNAL { ${props} }
  Default -> sent
  OnError -> failed
sent: END
failed: END
`;
  test.each([
    ['a running contact: Default, and its ONSIGNAL runs', 'ContactID = "{spawnid}"  Parameters = ["A-17", 3]', 'sent', '', ['Worker.start', 'Worker.wait', 'Worker.signalled', 'Worker.done']],
    ['no running contact with that id: OnError', 'ContactID = "999"', 'failed', 'SIGNAL: no running contact has id "999"', ['Worker.start', 'Worker.wait']],
    ['more than nine parameters: OnError', 'ContactID = "{spawnid}"  Parameters = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]', 'failed', 'SIGNAL passes at most 9 parameters, found 10', ['Worker.start', 'Worker.wait']],
  ])('%s', async (_n, props, last, error, workerPath) => {
    const r = await call([main(props), worker], undefined);
    expect(labels(r).at(-1)).toBe(last);
    expect(r.lastError).toBe(error);
    expect(r.spawned![0]!.path).toEqual(workerPath);
  });
});

describe('ONSIGNAL', () => {
  const worker = (handler: string) => `script Worker
start: BEGIN -> wait
wait: STOP
signalled: ${handler} -> done
done: END
`;
  const MAIN = `script Main
start: BEGIN -> spawn
spawn: SPAWN { ScriptName = "Worker" } -> pause
pause: WAIT { Seconds = 5 } -> signal
signal: SIGNAL { ContactID = "{spawnid}"  Parameters = ["A-17", 3] } -> sent
sent: END
`;
  test.each([
    ['parameters arrive, as text, in SP1…SPn', 'ONSIGNAL', { sp1: 'A-17', sp2: '3' }],
    ['and under the names it gives them, in order; the sender’s id in SrcContactIDVar', 'ONSIGNAL { Parameters = [orderId]  SrcContactIDVar = sender }', { orderid: 'A-17', sp1: 'A-17', sp2: '3', sender: '100000001' }],
  ])('%s', async (_n, handler, vars) => {
    const r = await call([MAIN, worker(handler)], undefined);
    expect(r.spawned![0]).toMatchObject({ status: 'completed', variables: vars });
  });
});

describe('VOICEPARAMS', () => {
  const speak = (props: string) => script(`VOICEPARAMS { ${props} } -> probe\nprobe: SPEECHPROBE -> play\nplay: PLAY { Sequence = "\\"%one two three four five\\"" } -> done\ndone: END`);
  test.each([
    ['no change: five words take 2 s', '', { rate: 0, volume: 70, voice: '' }, '2026-11-21T09:00:02.000Z', ''],
    ['TTSRate 5 speaks faster (1.5 times)', 'TTSRate = "5"', { rate: 5 }, '2026-11-21T09:00:01.333Z', ''],
    ['TTSRate -5 speaks slower (half speed)', 'TTSRate = "-5"', { rate: -5 }, '2026-11-21T09:00:04.000Z', ''],
    ['TTSVolume and TTSVoice are kept for the prompts that follow', 'TTSVolume = "40"  TTSVoice = "Female, US English"', { volume: 40, voice: 'Female, US English' }, '2026-11-21T09:00:02.000Z', ''],
    ['TTSRate outside -7…7 is the action’s error', 'TTSRate = "9"', { rate: 0 }, '2026-11-21T09:00:02.000Z', 'TTSRate must be a number from -7 to 7, found "9"'],
    ['TTSVolume outside 0…100 is the action’s error', 'TTSVolume = "loud"', { volume: 70 }, '2026-11-21T09:00:02.000Z', 'TTSVolume must be a number from 0 to 100, found "loud"'],
  ])('%s', async (_n, props, speech, endedAt, error) => {
    const r = await call(speak(props), '', actions);
    expect(JSON.parse(String(r.variables.speech))).toMatchObject(speech);
    expect(r.endedAt).toBe(endedAt);
    expect(r.lastError).toBe(error);
  });
});

describe('TTSVOICE', () => {
  test.each([
    ['defaults: Polly’s Joanna', 'TTSVOICE', { vendor: 'polly', voiceName: 'Joanna' }],
    ['the vendor and voice it names', 'TTSVOICE { vendor = "google"  voicename = "en-US-Wavenet-D" }', { vendor: 'google', voiceName: 'en-US-Wavenet-D' }],
  ])('%s', async (_n, body, cloud) => {
    const r = await call(script(`${body} -> probe\nprobe: SPEECHPROBE -> done\ndone: END`), '', actions);
    expect(JSON.parse(String(r.variables.speech))).toMatchObject({ cloud, rate: 0 });
    expect(r.lastError).toBe('');
  });
});

describe('INDICATE', () => {
  const indicate = (props: string) => script(`INDICATE { ${props} }\n  Default -> ok\n  OnError -> failed\nok: END\nfailed: END`);
  test.each([
    ['Target Contact (default) shows it to the contact’s agent', 'Name = "vip"  ImageFile = "star.png"  Tooltip = "VIP"', 'ok', '', [{ event: 'Indicate', target: 'Contact', targetIds: '100000001', name: 'vip', state: 'On', imageFile: 'star.png', tooltip: 'VIP' }]],
    ['State Off for named agents', 'Target = Agents  TargetIDs = "1001,1002"  Name = "vip"  State = Off', 'ok', '', [{ target: 'Agents', targetIds: '1001,1002', state: 'Off' }]],
    ['Everyone needs no ids', 'Target = Everyone  Name = "storm"', 'ok', '', [{ target: 'Everyone', targetIds: '' }]],
    ['no Name: OnError', 'Tooltip = "x"', 'failed', 'INDICATE needs a Name (the key of the indicator)', []],
    ['Agents without TargetIDs: OnError', 'Target = Agents  Name = "vip"', 'failed', 'INDICATE with Target Agents needs TargetIDs', []],
  ])('%s', async (_n, props, last, error, events) => {
    const r = await call(indicate(props), '');
    expect(labels(r).slice(-1)).toEqual([last]);
    expect(r.lastError).toBe(error);
    expect(r.effects.agentEvents ?? []).toMatchObject(events);
    expect((r.effects.agentEvents ?? []).length).toBe(events.length);
  });
});
