// A call queued by REQAGENT on the tenant's agents, through the real runtime:
// the hold loop plays until an agent of the skill answers (ONANSWER), the
// agent talks and hangs up (ONRELEASE); a caller who gives up in the queue or
// hangs up on the agent runs ONRELEASE with the cause, and leaves the queue.
import { describe, expect, it } from 'vitest';
import { builtinRegistry } from '../../src/actions/registry.js';
import { loadScriptText } from '../../src/graph/load.js';
import { tenantFromData } from '../../src/tenant/tenant.js';
import { call, heard, labels } from '../phone/helpers.js';

const tenant = (agents: Record<string, unknown>[] = [{ id: 1001, email: 'ana@example.com', name: 'Ana Silva', skills: [6061], ringSeconds: 2, talkSeconds: 60 }], extra: Record<string, unknown> = {}) =>
  tenantFromData({
    timeZone: 'UTC',
    skills: [{ id: 6061, name: 'Support' }, { id: 6057, name: 'Sales' }],
    agents,
    audioFiles: [{ file: 'Carefree Days.wav', seconds: 120 }, { file: 'still-waiting.wav', seconds: 4 }],
    ...extra,
  });

const HOLD_LOOP = `script Main
type Phone
start: BEGIN -> queue
queue: REQAGENT { Skill = "Support" } -> music
music: MUSIC { MusicFile = "Carefree Days.wav"  SecondstoPlay = 20 } -> where
where: GETQUEUE { Skills = 6061 } -> announce
announce: PLAY { Sequence = "\\"%There are {numberqueued} callers waiting\\"" } -> music
answered: ONANSWER -> greet
greet: SNIPPET { ASSIGN who = "{FIRST} {LAST} ({AGENTID}) for {SKLNAME}" }
gone: ONRELEASE -> wrapUp
wrapUp: SNIPPET {
  ASSIGN cause = p1
  ASSIGN result = _callresult
}
`;

describe('REQAGENT on the virtual clock', () => {
  it('the hold loop plays until the agent answers; the agent hangs up after the talk time', async () => {
    const agents = [{ id: 1001, email: 'ana@example.com', name: 'Ana Silva', skills: [6061], availableAfterSeconds: 45, ringSeconds: 3, talkSeconds: 90 }];
    const r = await call(HOLD_LOOP, '', { runtime: { tenant: tenant(agents) } });
    expect(r.status).toBe('completed');
    expect(r.variables).toMatchObject({ who: 'Ana Silva (1001) for Support', cause: 16, result: 'AgentDisconnect' });
    expect(heard(r)).toEqual([
      '0 system queued for Support',
      '0 ivr Carefree Days.wav',
      '20 ivr "There are 1 callers waiting"',
      '22 ivr Carefree Days.wav',
      '42 ivr "There are 1 callers waiting"',
      '44 ivr Carefree Days.wav (cut: event)',
      '48 agent agent Ana Silva (1001) answered for Support',
      '138 agent agent hung up',
    ]);
    expect(r.contact).toMatchObject({ status: 'released', releasedBy: 'agent', agent: { id: '1001', firstName: 'Ana', lastName: 'Silva' } });
    expect(labels(r).slice(-4)).toEqual(['answered', 'greet', 'gone', 'wrapUp']);
  });

  it('REQAGENT with nothing wired after it waits for the agent, as the MENU sample does', async () => {
    const script = `script Main
type Phone
start: BEGIN -> queue
queue: REQAGENT { Skill = 6061 }
`;
    const r = await call(script, '', { runtime: { tenant: tenant() } });
    expect(r.status).toBe('completed');
    expect(r.warnings).toEqual([]);
    expect(heard(r)).toEqual(['0 system queued for Support', '2 agent agent Ana Silva (1001) answered for Support', '62 agent agent hung up']);
    expect(r.endedAt).toBe('2026-11-21T09:01:02.000Z');
  });

  it('a caller who hangs up in the queue runs ONRELEASE with the caller’s cause and leaves the queue', async () => {
    const agents = [{ id: 1001, email: 'ana@example.com', name: 'Ana Silva', skills: [6061], availableAfterSeconds: 600 }];
    const script = HOLD_LOOP.replace(/wrapUp: SNIPPET \{[^}]*\}/, 'wrapUp: GETQUEUE { Skills = 6061 } -> keep\nkeep: SNIPPET {\n  ASSIGN cause = p1\n  ASSIGN result = _callresult\n  ASSIGN left = numberqueued\n}');
    const r = await call(script, 'at music; wait 30s; hangup', { runtime: { tenant: tenant(agents) } });
    expect(r.status).toBe('completed');
    expect(r.variables).toMatchObject({ cause: 16, result: 'CallerDisconnect', left: 0 });
    expect(r.variables.who).toBeUndefined();
    expect(r.contact).toMatchObject({ status: 'released', releasedBy: 'caller', agent: null });
    expect(r.endedAt).toBe('2026-11-21T09:00:30.000Z');
    const cut = r.trace!.find((e) => e.type === 'action.exit' && e.interrupted);
    expect(cut).toMatchObject({ label: 'music', interrupted: 'release', seconds: 8 });
  });

  it('a caller who hangs up on the agent runs ONRELEASE; the agent does not hang up later', async () => {
    const r = await call(HOLD_LOOP, 'hangup at 30s', { runtime: { tenant: tenant() } });
    expect(r.variables).toMatchObject({ who: 'Ana Silva (1001) for Support', result: 'CallerDisconnect' });
    expect(r.endedAt).toBe('2026-11-21T09:00:30.000Z');
    expect(heard(r).at(-1)).toBe('30 caller hung up');
  });

  it('without an agent for the skill the caller waits until the run stops, saying why', async () => {
    const r = await call(HOLD_LOOP.replace('Skill = "Support"', 'Skill = "Sales"'), 'hangup at 100s', { runtime: { tenant: tenant() } });
    expect(r.variables).toMatchObject({ result: 'CallerDisconnect' });
    expect(heard(r)[0]).toBe('0 system queued for Sales');
    expect(r.variables.who).toBeUndefined();
  });
});

describe('MUSIC', () => {
  const music = (props: string, after = '-> next', extra = '') => `script Main
type Phone
start: BEGIN -> play
play: MUSIC { ${props} }
  ${after}
next: SNIPPET { ASSIGN how = "Default" }
${extra}`;
  const branches = `OnComplete -> complete
  Digit -> digit
  Default -> next
complete: SNIPPET { ASSIGN how = "OnComplete" }
digit: CAPTURE { Variable = key  Timeout = 0 }`;

  it('SecondstoPlay shorter than the file plays that long and takes Default', async () => {
    const r = await call(music('MusicFile = "Carefree Days.wav"  SecondstoPlay = 30', branches), '', { runtime: { tenant: tenant() } });
    expect(r.variables.how).toBe('Default');
    expect(r.endedAt).toBe('2026-11-21T09:00:30.000Z');
  });

  it('SecondstoPlay 0 plays the rest of the file from StartOffset and takes OnComplete', async () => {
    const r = await call(music('MusicFile = "Carefree Days.wav"  StartOffset = 100', branches), '', { runtime: { tenant: tenant() } });
    expect(r.variables.how).toBe('OnComplete');
    expect(r.endedAt).toBe('2026-11-21T09:00:20.000Z');
  });

  it('SecondstoPlay beyond the file plays it to the end; a StartOffset beyond it starts at 0', async () => {
    const r = await call(music('MusicFile = "Carefree Days.wav"  StartOffset = 500  SecondstoPlay = 400', branches), '', { runtime: { tenant: tenant() } });
    expect(r.variables.how).toBe('OnComplete');
    expect(r.endedAt).toBe('2026-11-21T09:02:00.000Z');
  });

  it('a file the tenant does not list lasts 180 s', async () => {
    const r = await call(music('MusicFile = "Autumn-Breezes.wav"', branches), '', { runtime: { tenant: tenant() } });
    expect(r.endedAt).toBe('2026-11-21T09:03:00.000Z');
  });

  it('DetectDTMF: a key stops the music and takes Digit, and stays in the buffer', async () => {
    const r = await call(music('MusicFile = "Carefree Days.wav"  DetectDTMF = true', branches), 'wait 7s; press 3', { runtime: { tenant: tenant() } });
    expect(r.variables).toMatchObject({ key: '3' });
    expect(heard(r)).toEqual(['0 ivr Carefree Days.wav (cut: key)', '7 caller 3']);
  });

  it('without DetectDTMF keys wait in the buffer; ClearDigits empties what came before', async () => {
    const keep = await call(music('MusicFile = "Carefree Days.wav"  SecondstoPlay = 5  ClearDigits = false', '-> digit', branches.split('\n').slice(3).join('\n')).replace('start: BEGIN -> play', 'start: BEGIN -> pause\npause: WAIT { Seconds = 1 } -> play'), 'press 4', { runtime: { tenant: tenant() } });
    expect(keep.variables.key).toBe('4');
    const clear = await call(music('MusicFile = "Carefree Days.wav"  SecondstoPlay = 5', '-> digit', branches.split('\n').slice(3).join('\n')).replace('start: BEGIN -> play', 'start: BEGIN -> pause\npause: WAIT { Seconds = 1 } -> play'), 'press 4', { runtime: { tenant: tenant() } });
    expect(clear.variables.key).toBe('');
  });

  it('InterruptMessages break in after their seconds of music, in turn', async () => {
    const r = await call(music('MusicFile = "Carefree Days.wav"  SecondstoPlay = 50  InterruptMessages = "still-waiting.wav;20 thanks.wav;15"', branches), '', { runtime: { tenant: tenant() } });
    expect(heard(r)).toEqual([
      '0 ivr Carefree Days.wav',
      '20 ivr "still-waiting.wav"',
      '24 ivr Carefree Days.wav',
      '39 ivr "thanks.wav"',
      '42 ivr Carefree Days.wav',
    ]);
    expect(r.variables.how).toBe('Default');
    expect(r.endedAt).toBe('2026-11-21T09:00:57.000Z');
  });

  it('a malformed InterruptMessages is the action’s error', async () => {
    const r = await call(music('MusicFile = "Carefree Days.wav"  InterruptMessages = "still-waiting.wav"', branches), '', { runtime: { tenant: tenant() } });
    expect(r.lastError).toMatch(/InterruptMessages must be "file.wav;seconds" pairs/);
  });

  it('plays nothing while the caller is with an agent, outside ONHOLD', async () => {
    const script = `script Main
type Phone
start: BEGIN -> queue
queue: REQAGENT { Skill = 6061 }
answered: ONANSWER -> music
music: MUSIC { MusicFile = "Carefree Days.wav"  SecondstoPlay = 10 }
`;
    const r = await call(script, '', { runtime: { tenant: tenant() } });
    expect(r.warnings).toEqual(['Main.music: MUSIC plays nothing while the caller is with an agent (Studio plays music after ONANSWER only in ONHOLD)']);
    expect(heard(r).some((l) => l.includes('music'))).toBe(false);
  });

  it('check warns about MUSIC wired to itself', () => {
    const { diagnostics } = loadScriptText(music('MusicFile = "Carefree Days.wav"  SecondstoPlay = 30', '-> play'), 'Main.script', { registry: builtinRegistry() });
    expect(diagnostics.filter((d) => d.code === 'W-MUSIC-LOOP').map((d) => `${d.span.line}:${d.span.col} ${d.message}`)).toEqual([
      "4:1 MUSIC 'play' branches to itself; Studio advises a short WAIT between two MUSIC actions (MUSIC → WAIT → MUSIC)",
    ]);
  });

  it('needs a call', async () => {
    const r = await call(music('MusicFile = "Carefree Days.wav"').replace('type Phone', 'type Generic'), undefined, { runtime: { tenant: tenant() } });
    expect(r.lastError).toMatch(/MUSIC needs a phone contact/);
  });
});
