// RECORD: records what the caller says, mostly for voicemail (research
// voice-actions.md §15; Studio has no VOICEMAIL action). The recording ends on
// a terminating key (stored in ASRDIGITSResult unless `#-`), after
// RecordTimeout seconds, or when the caller hangs up — the file is kept then
// too, so ONRELEASE can send it on. Each recording is a `recordings` effect.
import { parseTerminator } from '../phone/digits.js';
import { boolean, defineAction, number, text } from './define.js';
import { callOf, isOutcome } from './voice.js';

export default defineAction({
  type: 'RECORD',
  description: 'Records the caller into FileName until a TermDigits key, RecordTimeout seconds or the hang-up (a recordings effect).',
  source: 'Studio help page https://help.nice-incontact.com/content/studio/actions/record/record.htm (documented; the branches and the 120 s default are an emulator decision: docs/phone.md)',
  props: {
    FileName: text({ default: '{contactid}.wav', description: 'The recording file in the business unit’s files ({var} substituted; folders allowed).' }),
    RecordTimeout: number({ default: 120, min: 1, description: 'Longest recording, in seconds.' }),
    RecordBeep: boolean({ default: true, description: 'Play a beep before recording.' }),
    TermDigits: text({ default: '#', description: 'Keys that end the recording, stored in ASRDIGITSResult unless followed by -.' }),
    AutoClearDigits: boolean({ default: true, description: 'Empty the digit buffer before recording.' }),
  },
  studioParams: ['FileName', 'RecordTimeout', 'RecordBeep', 'TermDigits', 'AutoClearDigits'],
  branches: ['Default', 'OnError'],
  errorBranch: 'OnError',
  media: true,
  messages: {
    noFile: 'RECORD needs a FileName',
    badKeys: 'TermDigits must be keys 0-9, * or #, optionally followed by -, found "{{keys}}"',
  },
  execute(ctx, props) {
    const contact = callOf(ctx, 'RECORD');
    if (isOutcome(contact)) return contact;
    const file = props.FileName.trim();
    if (!file) return ctx.error(ctx.message('noFile'));
    const keys = parseTerminator(props.TermDigits);
    if (!keys) return ctx.error(ctx.message('badKeys', { keys: props.TermDigits }));
    const got = contact.record(
      { termKeys: keys.keys, keepKey: keys.keep, maxMs: props.RecordTimeout * 1000, beep: props.RecordBeep },
      { clearDigits: props.AutoClearDigits, file },
    );
    return { branch: 'Default', vars: { asrdigitsresult: got.key } };
  },
});
