// A phone run end to end: the caller, prompts and keys on the virtual clock,
// the transcript, and the release with and without ONRELEASE.
import { describe, expect, it } from 'vitest';
import { call, heard, labels } from './helpers.js';

const IVR = `script Ivr
type Phone
start: BEGIN -> welcome
welcome: PLAY { Sequence = "\\"%Welcome to Acme.\\"" } -> menu
menu: MENU { Sequence = ["%Press 1 for sales, 2 for support."] }
  "1" -> sales
  "2" -> support
  Timeout -> bye
  -> bye
sales: HANGUP
support: HANGUP
bye: HANGUP
cleanup: ONRELEASE -> log
log: SNIPPET { ASSIGN done = "yes" } -> stop
stop: END
`;

describe('a call', () => {
  it('plays, collects the key and takes its branch; the transcript says what was heard and pressed', async () => {
    const r = await call(IVR, 'hear support; press 2');
    expect(r.status).toBe('completed');
    expect(labels(r)).toEqual(['start', 'welcome', 'menu', 'support', 'cleanup', 'log', 'stop']);
    expect(r.variables).toMatchObject({ mres: '2', done: 'yes', p1: 16 });
    expect(heard(r)).toEqual(['0 ivr "Welcome to Acme."', '1.2 ivr "Press 1 for sales, 2 for support."', '4 caller 2', '4 system the script hung up']);
    expect(r.contact).toMatchObject({ status: 'released', releasedBy: 'script', ani: '3035550100', dnis: '8005550000' });
  });

  it('a silent caller times out', async () => {
    const r = await call(IVR, '');
    expect(labels(r)).toContain('bye');
    expect(r.endedAt).toBe('2026-11-21T09:00:09.000Z');
  });

  it('a hang-up in the middle of the prompt leaves PLAY at once and runs ONRELEASE with the cause', async () => {
    const r = await call(IVR, 'wait 0.5s; hangup');
    expect(labels(r)).toEqual(['start', 'welcome', 'cleanup', 'log', 'stop']);
    expect(heard(r)).toEqual(['0 ivr "Welcome to Acme." (cut: hangup)', '0.5 caller hung up']);
    expect(r.variables).toMatchObject({ p1: 16 });
    const exit = r.trace!.find((e) => e.type === 'action.exit' && e.label === 'welcome');
    expect(exit).toMatchObject({ branch: '', interrupted: 'release', seconds: 0.5 });
  });
});
