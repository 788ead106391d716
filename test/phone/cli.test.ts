// `run --caller` and `run --transcript`, in-process.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../cli/run-cli.js';

let dir = '';
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'studio-phone-cli-'));
  writeFileSync(
    join(dir, 'Ivr.script'),
    `script Ivr
type Phone
start: BEGIN -> menu
menu: MENU { Sequence = "\\"%Press 1 for sales or 2 for support\\"" }
  "1" -> sales
  "2" -> support
  Timeout -> bye
sales: PLAY { Sequence = "\\"%Connecting you to sales\\"" } -> bye
support: PLAY { Sequence = "\\"%Connecting you to support\\"" } -> bye
bye: HANGUP
`,
  );
  writeFileSync(join(dir, 'Parked.script'), 'script Parked\ntype Phone\nstart: BEGIN -> park\npark: STOP\n');
  writeFileSync(join(dir, 'Batch.script'), 'script Batch\nstart: BEGIN -> done\ndone: END\n');
});

const NOW = ['--now', '2026-11-21T09:00:00Z'];

describe('run with a caller', () => {
  it('--transcript prints the call before the result', async () => {
    const r = await runCli(['run', join(dir, 'Ivr.script'), ...NOW, '--ani', '3035550100', '--dnis', '8005550000', '--caller', 'hear support; press 2', '--transcript']);
    expect(r.code).toBe(0);
    expect(r.out).toBe(
      [
        'Call 100000001 from 3035550100 to 8005550000, 2026-11-21T09:00:00.000Z',
        '  0:00.0  IVR     "Press 1 for sales or 2 for support"   [Ivr.menu]',
        '  0:03.2  caller  pressed 2',
        '  0:03.2  IVR     "Connecting you to support"   [Ivr.support]',
        '  0:04.8          the script hung up',
        '',
        'Ivr: completed after 4 actions (2026-11-21T09:00:00.000Z → 2026-11-21T09:00:04.800Z)',
        'variables:',
        '  mres = "2"',
        '',
      ].join('\n'),
    );
  });

  it('a call that can never move again stops, and the result says why', async () => {
    const r = await runCli(['run', join(dir, 'Parked.script'), ...NOW]);
    expect(r.code).toBe(0);
    expect(r.out.split('\n').slice(0, 2)).toEqual([
      'Parked: stopped after 2 actions (2026-11-21T09:00:00.000Z → 2026-11-21T09:00:00.000Z)',
      'why: Waiting for an event that never comes: STOP at Parked.park',
    ]);
    const json = JSON.parse((await runCli(['run', join(dir, 'Parked.script'), ...NOW, '--json'])).out) as { status: string; reason: string };
    expect(json).toMatchObject({ status: 'stopped', reason: 'Waiting for an event that never comes: STOP at Parked.park' });
  });

  it('--json carries the contact and the transcript', async () => {
    const r = await runCli(['run', join(dir, 'Ivr.script'), ...NOW, '--caller', 'press 1', '--json']);
    const result = JSON.parse(r.out);
    expect(result.contact).toMatchObject({ status: 'released', releasedBy: 'script' });
    expect(result.transcript.map((l: { text: string }) => l.text)).toEqual(['1', 'Press 1 for sales or 2 for support', 'Connecting you to sales', 'the script hung up']);
  });

  it('a mistake in --caller is shown under the text with a caret, exit 2', async () => {
    const r = await runCli(['run', join(dir, 'Ivr.script'), '--caller', 'at meun; press 2']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('--caller: "at meun": script Ivr has no action labelled "meun"; did you mean "menu"?\n  at meun; press 2\n  ^^^^^^^');
    // An action type for a label (imported scripts are labelled by Studio's numbers): the labels of that type.
    const byType = await runCli(['run', join(dir, 'Ivr.script'), '--caller', 'at play']);
    expect(byType.err).toContain('--caller: "at play": script Ivr has no action labelled "play"; its PLAY actions are labelled "sales", "support"\n');
    const typo = await runCli(['run', join(dir, 'Ivr.script'), '--caller', 'press 2; pres 3']);
    expect(typo.err).toContain('  press 2; pres 3\n           ^^^^');
  });

  it('a caller for a script that is not a phone script is a usage error', async () => {
    const r = await runCli(['run', join(dir, 'Batch.script'), '--caller', 'press 1']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('A caller needs a phone script: Batch is a Generic script');
  });

  it('--transcript on a script that is not a call says so', async () => {
    const r = await runCli(['run', join(dir, 'Batch.script'), ...NOW, '--transcript']);
    expect(r.out.split('\n')[0]).toBe('(no call: Batch is a Generic script, not a phone script)');
  });
});
