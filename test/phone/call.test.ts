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

describe('run --trace lines of a call', () => {
  it('show what played and what the caller did under each action, and the events', async () => {
    const { createRuntime } = await import('../../src/runtime/runtime.js');
    const { traceLines } = await import('../../src/runtime/trace-text.js');
    const { scriptSet, NOW } = await import('../runtime/helpers.js');
    const runtime = createRuntime({ scripts: scriptSet([IVR]), now: NOW, contact: { caller: 'wait 0.5s; hangup' } });
    const lines: string[] = [];
    runtime.on('*', traceLines((l) => lines.push(l)));
    await runtime.run('Ivr');
    expect(lines).toEqual([
      '09:00:00 start Ivr (contact 100000001)',
      '09:00:00 Ivr.start BEGIN -> Default',
      '09:00:00.500 Ivr.welcome PLAY (cut short by release) (+0.5s)',
      '09:00:00.500   plays "Welcome to Acme." (cut by the hang-up after 0.5s)',
      '09:00:00.500   caller hung up',
      '09:00:00.500   event release: caller hung up -> cleanup',
      '09:00:00.500 Ivr.cleanup ONRELEASE -> Default  p1=16',
      '09:00:00.500 Ivr.log SNIPPET -> Default  done="yes"',
      '09:00:00.500 Ivr.stop END',
      '09:00:00.500 end: completed (END at Ivr.stop)',
    ]);
  });
});
